from django.urls import include, path

from seekers import views

app_name = "seekers"

urlpatterns = [
    path("search/", views.seeker_search_page, name="search"),
    path("search/live/", views.seeker_search_live, name="search-live"),
    # Case Details (seed 001): one URL module per part, beside its views.
    path("", include("seekers.urls_plans")),
    path("", include("seekers.urls_casefile")),
    path("", include("seekers.urls_jobs")),
]
