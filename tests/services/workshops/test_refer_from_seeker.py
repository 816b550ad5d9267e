"""Options → Refer to a workshop, from the seeker's page."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from services.models import WorkshopReferral
from tests.conftest import client_for
from tests.factories import JobSeekerFactory, WorkshopFactory, WorkshopReferralFactory
from workforce.models import Office, User

pytestmark = pytest.mark.django_db


def refer_url(seeker: object) -> str:
    return reverse("services:refer-seeker", args=[seeker.pk])


def test_it_lists_only_the_offices_upcoming_workshops_with_a_seat(
    casemanager_client: Client, office: Office, other_office: Office
) -> None:
    seeker = JobSeekerFactory()
    WorkshopFactory(office=office, title="Interview basics")
    WorkshopFactory(office=office, title="Held last week",
                    starts_at=timezone.now() - datetime.timedelta(days=7))  # fmt: skip
    full = WorkshopFactory(office=office, title="Full one", seats=1)
    WorkshopReferralFactory(workshop=full)
    WorkshopFactory(office=other_office, title="Elsewhere")
    body = casemanager_client.get(refer_url(seeker)).content.decode()
    assert (
        "Interview basics" in body and "1 of 20 seats" not in body and "20 of 20 seats left" in body
    )
    for absent in ("Held last week", "Full one", "Elsewhere"):
        assert absent not in body


def test_referring_credits_the_referrer_and_returns_to_the_seeker(
    casemanager: User, casemanager_client: Client, office: Office
) -> None:
    seeker = JobSeekerFactory()
    workshop = WorkshopFactory(office=office)
    response = casemanager_client.post(refer_url(seeker), {"workshop": workshop.pk})
    assert response["Location"] == reverse("casework:detail", args=[seeker.pk])
    referral = WorkshopReferral.objects.get()
    assert (referral.seeker, referral.referred_by) == (seeker, casemanager)


def test_an_empty_post_is_explained_and_writes_nothing(
    casemanager_client: Client, office: Office
) -> None:
    WorkshopFactory(office=office)
    response = casemanager_client.post(refer_url(JobSeekerFactory()), {})
    assert response.status_code == 400 and "Choose a workshop." in response.content.decode()
    assert not WorkshopReferral.objects.exists()


def test_the_same_seeker_twice_is_refused_beside_the_field(
    casemanager_client: Client, office: Office
) -> None:
    seeker = JobSeekerFactory(first_name="Ann", last_name="Doe")
    workshop = WorkshopFactory(office=office)
    casemanager_client.post(refer_url(seeker), {"workshop": workshop.pk})
    response = casemanager_client.post(refer_url(seeker), {"workshop": workshop.pk})
    assert response.status_code == 400
    assert "Ann Doe is already referred to this workshop." in response.content.decode()
    assert WorkshopReferral.objects.count() == 1


def test_partner_staff_cannot_refer_an_opted_out_seeker(partner: User) -> None:
    seeker = JobSeekerFactory(opted_out=True)
    assert client_for(partner).get(refer_url(seeker)).status_code == 404


def test_administrators_do_not_refer(admin: User) -> None:
    assert client_for(admin).get(refer_url(JobSeekerFactory())).status_code == 403


def test_the_options_menu_links_to_it(casemanager_client: Client) -> None:
    seeker = JobSeekerFactory()
    body = casemanager_client.get(reverse("casework:detail", args=[seeker.pk])).content.decode()
    assert f'href="{refer_url(seeker)}"' in body
