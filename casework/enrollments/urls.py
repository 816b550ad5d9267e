"""Routes of Program Registration (eligibility, enrollments, staff-only demographics),
included into the casework namespace by casework/urls.py."""

from django.urls import path

from casework.enrollments import views

urlpatterns = [
    path(
        "<seeker:seeker_id>/programs/<int:program_id>/enroll/",
        views.enrollment_new,
        name="enrollment-new",
    ),
    path(
        "<seeker:seeker_id>/enrollments/<int:enrollment_id>/",
        views.enrollment_detail,
        name="enrollment-detail",
    ),
    path(
        "<seeker:seeker_id>/enrollments/<int:enrollment_id>/edit/",
        views.enrollment_edit,
        name="enrollment-edit",
    ),
    path(
        "<seeker:seeker_id>/enrollments/<int:enrollment_id>/close/",
        views.enrollment_close,
        name="enrollment-close",
    ),
    path(
        "<seeker:seeker_id>/demographics/edit/", views.demographics_edit, name="demographics-edit"
    ),
]
