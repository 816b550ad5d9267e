"""Routes of the call-outcomes page, included under outcomes/ into the registration namespace."""

from django.urls import path

from registration.outcomes import views

urlpatterns = [
    path("", views.call_outcomes, name="outcomes"),
]
