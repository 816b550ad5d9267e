"""URLs of reports (services app): supervisors and administrators only."""

from django.urls import path

from services import views_reports

urlpatterns = [
    path("", views_reports.reports_index, name="reports"),
    path("quarterly/", views_reports.quarterly, name="reports-quarterly"),
    path("staff-credit/", views_reports.staff_credit, name="reports-staff-credit"),
    path("pirl/", views_reports.pirl_export, name="reports-pirl"),
]
