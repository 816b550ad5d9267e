from django.urls import include, path

app_name = "optout"

# The partner side (lookup, requests, notices) and the state side (queue, decisions,
# consent on the seeker page), each beside its views.
urlpatterns = [
    path("", include("optout.urls_partner")),
    path("", include("optout.urls_supervisor")),
]
