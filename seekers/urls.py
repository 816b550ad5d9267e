"""The seeker search: the results page and the header box's live results."""

from django.urls import path

from seekers import views

app_name = "seekers"

urlpatterns = [
    path("search/", views.seeker_search_page, name="search"),
    path("search/live/", views.seeker_search_live, name="search-live"),
]
