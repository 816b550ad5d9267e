"""URLs of the opt-out, partner side: the lookup, filing and following requests, notices."""

from django.urls import path

from optout import views_partner

urlpatterns = [
    path("lookup/", views_partner.optout_lookup, name="lookup"),
    path("lookup/<int:lookup_id>/request/", views_partner.optin_request_new, name="request-new"),
    path("my-requests/", views_partner.optin_request_mine, name="my-requests"),
    path(
        "requests/<int:request_id>/withdraw/",
        views_partner.optin_request_withdraw,
        name="request-withdraw",
    ),
    path("notices/", views_partner.notices, name="notices"),
    path("notices/read/", views_partner.notices_read, name="notices-read"),
]
