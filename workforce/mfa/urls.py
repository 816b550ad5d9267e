"""URLs of MFA: sign-in's second step, the user's own two-step page, and the step-up."""

from django.urls import path

from workforce.mfa import views

app_name = "mfa"

urlpatterns = [
    path("sign-in/verify/", views.verify, name="verify"),
    path("account/two-step/", views.setup, name="setup"),
    path("account/two-step/backup-codes/", views.backup_codes_new, name="backup-codes"),
    path("confirm-identity/", views.confirm, name="confirm"),
]
