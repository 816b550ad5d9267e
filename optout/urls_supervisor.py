"""URLs of the opt-out, state side: the supervisors' queue, a request, the seeker's consent."""

from django.urls import path

from optout import views_supervisor as views

urlpatterns = [
    path("requests/", views.optin_queue, name="queue"),
    path("requests/<int:request_id>/", views.optin_request_page, name="request"),
    path(
        "requests/<int:request_id>/contacting/",
        views.optin_request_contacting,
        name="request-contacting",
    ),
    path("requests/<int:request_id>/decide/", views.optin_request_decide, name="request-decide"),
    path("seekers/<int:seeker_id>/consent/", views.consent_change, name="consent"),
]
