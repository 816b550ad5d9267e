"""URLs of recording (services app): the seed's "Options → Seeker Services"."""

from django.urls import path

from services import views_recording as views

urlpatterns = [
    path("seekers/<int:seeker_id>/record/", views.service_record_page, name="record"),
    path("seekers/<int:seeker_id>/record/save/", views.service_record_save, name="record-save"),
]
