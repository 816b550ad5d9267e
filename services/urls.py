from django.urls import include, path

app_name = "services"

# One URL module per part of the app, so each part's routes stay beside its views.
urlpatterns = [
    path("", include("services.urls_recording")),
    path("workshops/", include("services.urls_workshops")),
    path("reports/", include("services.urls_reports")),
]
