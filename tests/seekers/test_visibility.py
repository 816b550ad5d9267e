"""The one visibility rule: partner staff never see seekers who opted out of data sharing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from seekers.models import JobSeeker
from tests.conftest import search
from tests.factories import JobSeekerFactory, UserFactory
from workforce.constants import Role
from workforce.models import Office, User
from workforce.urlids import id_encode

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(office: Office) -> JobSeeker:
    return JobSeekerFactory(last_name="Sharewell", offices=[office])


@pytest.fixture
def opted_out(office: Office) -> JobSeeker:
    return JobSeekerFactory(
        first_name="Ophelia", last_name="Privatson", opted_out=True, offices=[office]
    )


def test_state_staff_see_every_seeker(
    casemanager: User, shared: JobSeeker, opted_out: JobSeeker
) -> None:
    assert set(JobSeeker.objects.visible_to(casemanager)) == {shared, opted_out}


def test_partner_staff_do_not_see_opted_out_seekers(
    partner: User, shared: JobSeeker, opted_out: JobSeeker
) -> None:
    assert list(JobSeeker.objects.visible_to(partner)) == [shared]


def test_staff_without_an_organization_are_treated_as_partner_staff(
    shared: JobSeeker, opted_out: JobSeeker
) -> None:
    orphan = UserFactory(role=Role.CASE_MANAGER, organization=None, current_office=None)
    assert list(JobSeeker.objects.visible_to(orphan)) == [shared]


def test_inactive_and_anonymous_users_see_nobody(casemanager: User, shared: JobSeeker) -> None:
    casemanager.is_active = False
    assert not JobSeeker.objects.visible_to(casemanager).exists()
    assert not JobSeeker.objects.visible_to(AnonymousUser()).exists()


def test_an_opted_out_seeker_page_is_404_for_partners_like_a_missing_one(
    partner_client: Client, opted_out: JobSeeker
) -> None:
    hidden = partner_client.get(reverse("casework:detail", args=[opted_out.pk]))
    missing = partner_client.get(reverse("casework:detail", args=[opted_out.pk + 10_000]))
    assert hidden.status_code == missing.status_code == 404
    assert opted_out.last_name not in hidden.content.decode()


def test_state_staff_see_the_opted_out_badge(
    casemanager_client: Client, opted_out: JobSeeker
) -> None:
    response = casemanager_client.get(reverse("casework:detail", args=[opted_out.pk]))
    assert response.status_code == 200
    assert "Opted out of data sharing" in response.content.decode()


@pytest.mark.parametrize("url_name", ["casework:home", "seekers:search"])
def test_lists_and_counts_hide_opted_out_seekers_from_partners(
    url_name: str, partner: User, partner_office: Office, shared: JobSeeker, opted_out: JobSeeker
) -> None:
    shared.offices.add(partner_office)
    opted_out.offices.add(partner_office)
    client = Client()
    client.force_login(partner)
    body = "".join(
        (
            search(client, q, scope)
            if url_name == "seekers:search"
            else client.get(reverse(url_name))
        ).content.decode()
        for q in ["Privatson", "Sharewell", "Privatsen", opted_out.last_name[:4] + "*"]
        for scope in ["office", "all"]
    )
    # The typed text is echoed back; what must never appear is the person behind it.
    assert "Ophelia" not in body and opted_out.masked_ssn not in body
    assert f"/seekers/{id_encode(opted_out.pk)}/" not in body
    assert "Sharewell" in body
    if url_name == "casework:home":
        assert "1 job seeker is enrolled" in body
