"""Routes of Program Registration (eligibility, enrollments, staff-only demographics),
included into the casework namespace by casework/urls.py."""

from django.urls import path

from casework.enrollments import views

urlpatterns = [
    path(
        "<int:seeker_id>/programs/<int:program_id>/enroll/",
        views.enrollment_new,
        name="enrollment-new",
    ),
    path(
        "<int:seeker_id>/enrollments/<int:enrollment_id>/",
        views.enrollment_detail,
        name="enrollment-detail",
    ),
    path(
        "<int:seeker_id>/enrollments/<int:enrollment_id>/edit/",
        views.enrollment_edit,
        name="enrollment-edit",
    ),
    path(
        "<int:seeker_id>/enrollments/<int:enrollment_id>/close/",
        views.enrollment_close,
        name="enrollment-close",
    ),
    path("<int:seeker_id>/demographics/edit/", views.demographics_edit, name="demographics-edit"),
]
