from django.urls import path

from seekers import views

app_name = "seekers"

urlpatterns = [
    path("search/", views.seeker_search, name="search"),
    path("<int:seeker_id>/", views.seeker_detail, name="detail"),
    path("<int:seeker_id>/reveal-ssn/", views.seeker_ssn_reveal, name="reveal-ssn"),
]
