"""URLs of the services app: manual services (the seed's "Options → Seeker Services"), and
the workshops sub-package under workshops/."""

from django.urls import include, path

from services import views

app_name = "services"

urlpatterns = [
    path("seekers/<seeker:seeker_id>/record/", views.service_record_page, name="record"),
    path("seekers/<seeker:seeker_id>/record/save/", views.service_record_save, name="record-save"),
    path("workshops/", include("services.workshops.urls")),
]
