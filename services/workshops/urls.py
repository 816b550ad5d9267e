"""URLs of workshops, included by services/urls.py at workshops/ into the `services` namespace
(services:workshops, services:workshop-new, …)."""

from django.urls import path

from services.workshops import views

urlpatterns = [
    path("", views.workshop_list, name="workshops"),
    path("new/", views.workshop_create, name="workshop-new"),
    path("to-result/", views.workshop_to_result, name="workshops-to-result"),
    path("refer-seeker/<seeker:seeker_id>/", views.seeker_workshop_refer, name="refer-seeker"),
    path("<int:workshop_id>/", views.workshop_detail, name="workshop"),
    path("<int:workshop_id>/refer/", views.workshop_refer, name="workshop-refer"),
    path(
        "<int:workshop_id>/referrals/<int:referral_id>/result/",
        views.workshop_result,
        name="workshop-result",
    ),
]
