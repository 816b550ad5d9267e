"""URLs of the opt-out: the partner side (lookup, requests, notices) and the state side
(the supervisors' queue and a request). The data-sharing form of Case Details is
casework's (`casework:consent`), under this prefix for bookmarks."""

from django.urls import path

from optout import views

app_name = "optout"

urlpatterns = [
    path("lookup/", views.optout_lookup, name="lookup"),
    path("lookup/<int:lookup_id>/request/", views.optin_request_new, name="request-new"),
    path("my-requests/", views.optin_request_mine, name="my-requests"),
    path(
        "requests/<int:request_id>/withdraw/", views.optin_request_withdraw, name="request-withdraw"
    ),
    path("notices/", views.notices, name="notices"),
    path("notices/read/", views.notices_read, name="notices-read"),
    path("requests/", views.optin_queue, name="queue"),
    path("requests/<int:request_id>/", views.optin_request_page, name="request"),
    path(
        "requests/<int:request_id>/contacting/",
        views.optin_request_contacting,
        name="request-contacting",
    ),
    path("requests/<int:request_id>/decide/", views.optin_request_decide, name="request-decide"),
]
