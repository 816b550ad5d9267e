"""Home and Case Details; each part of Case Details keeps its routes beside its views."""

from django.urls import include, path

from casework import views

app_name = "casework"

urlpatterns = [
    path("", views.home, name="home"),
    path("seekers/<seeker:seeker_id>/", views.seeker_detail, name="detail"),
    path("seekers/<seeker:seeker_id>/reveal-ssn/", views.seeker_ssn_reveal, name="reveal-ssn"),
    path(
        "seekers/<seeker:seeker_id>/add-to-office/", views.seeker_office_add, name="add-to-office"
    ),
    path("seekers/<seeker:seeker_id>/verify-dob/", views.seeker_dob_verify, name="verify-dob"),
    path("seekers/<seeker:seeker_id>/activity/", views.seeker_activity, name="activity"),
    path(
        "seekers/<seeker:seeker_id>/convert-account/",
        views.seeker_account_convert,
        name="convert-account",
    ),
    # The data-sharing form of the page, at the opt-out's path (bookmarks).
    path("optout/seekers/<seeker:seeker_id>/consent/", views.seeker_consent_change, name="consent"),
    # One URL module per part, beside its views; names stay in the casework namespace.
    path("seekers/", include("casework.enrollments.urls")),
    path("seekers/", include("casework.plans.urls")),
    path("seekers/", include("casework.casefile.urls")),
    path("seekers/", include("casework.jobs.urls")),
]
