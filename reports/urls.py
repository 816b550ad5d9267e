"""URLs of reports: supervisors and administrators only. Included by workforce/urls.py at
services/reports/, the path they have always had."""

from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.reports_index, name="reports"),
    path("quarterly/", views.quarterly, name="reports-quarterly"),
    path("staff-credit/", views.staff_credit, name="reports-staff-credit"),
    path("pirl/", views.pirl_export, name="reports-pirl"),
]
