"""The phone registration wizard, then one include per part (names stay in this namespace)."""

from django.urls import include, path

from registration import views

app_name = "registration"

urlpatterns = [
    path("new/", views.call_new, name="new"),
    path("<int:call_id>/", views.call_detail, name="call"),
    path("<int:call_id>/existing-account/", views.step_existing, name="existing"),
    path("<int:call_id>/notice/", views.step_notice, name="notice"),
    path("<int:call_id>/questions/", views.step_questions, name="questions"),
    path("<int:call_id>/contact/", views.step_contact, name="contact"),
    path("<int:call_id>/ssn/", views.step_ssn, name="ssn"),
    path("<int:call_id>/credentials/", views.step_credentials, name="credentials"),
    path("<int:call_id>/demographics/", views.step_demographics, name="demographics"),
    path("<int:call_id>/review/", views.step_review, name="review"),
    path("<int:call_id>/decline/", views.call_decline, name="decline"),
    path("<int:call_id>/abandon/", views.call_abandon, name="abandon"),
    path("<int:call_id>/resume/", views.call_resume, name="resume"),
    path("<int:call_id>/continue/", views.call_continue, name="continue"),
    path("letters/", include("registration.letters.urls")),
    path("outcomes/", include("registration.outcomes.urls")),
]
