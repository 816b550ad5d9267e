from django.urls import include, path

from seekers import views

app_name = "seekers"

urlpatterns = [
    path("search/", views.seeker_search_page, name="search"),
    path("search/live/", views.seeker_search_live, name="search-live"),
    path("<int:seeker_id>/", views.seeker_detail, name="detail"),
    path("<int:seeker_id>/reveal-ssn/", views.seeker_ssn_reveal, name="reveal-ssn"),
    path("<int:seeker_id>/add-to-office/", views.seeker_office_add, name="add-to-office"),
    path("<int:seeker_id>/verify-dob/", views.seeker_dob_verify, name="verify-dob"),
    path("<int:seeker_id>/activity/", views.seeker_activity, name="activity"),
    path("<int:seeker_id>/convert-account/", views.seeker_account_convert, name="convert-account"),
    # Case Details (seed 001): one URL module per part, beside its views.
    path("", include("seekers.urls_enrollments")),
    path("", include("seekers.urls_plans")),
    path("", include("seekers.urls_casefile")),
    path("", include("seekers.urls_jobs")),
]
