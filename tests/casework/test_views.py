"""Seeker pages: roles, methods, and the masked SSN."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from seekers.models import JobSeeker
from tests.conftest import client_for
from tests.factories import JobSeekerFactory
from workforce.models import AccessLog, Office, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return JobSeekerFactory(
        first_name="Arthur", last_name="Larsen", ssn="231-45-6789", offices=[office]
    )


def test_the_seeker_page_shows_only_the_masked_ssn(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    body = casemanager_client.get(reverse("casework:detail", args=[seeker.pk])).content.decode()
    assert "***-**-6789" in body and "231-45-6789" not in body and "Reveal SSN" in body


@pytest.mark.parametrize("role_fixture", ["casemanager", "partner", "dvop", "supervisor"])
def test_state_roles_may_reveal_an_ssn(
    request: pytest.FixtureRequest, role_fixture: str, seeker: JobSeeker
) -> None:
    client = client_for(request.getfixturevalue(role_fixture))
    response = client.post(reverse("casework:reveal-ssn", args=[seeker.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "231-45-6789" in response.content.decode()
    assert "<html" not in response.content.decode()  # the htmx partial only


@pytest.mark.parametrize("role_fixture", ["admin"])
def test_other_roles_may_not_reveal_an_ssn(
    request: pytest.FixtureRequest, role_fixture: str, seeker: JobSeeker
) -> None:
    client = client_for(request.getfixturevalue(role_fixture))
    response = client.post(reverse("casework:reveal-ssn", args=[seeker.pk]))
    assert response.status_code == 403
    assert "231-45-6789" not in response.content.decode()
    assert not AccessLog.objects.exists()


def test_reveal_is_post_only(casemanager_client: Client, seeker: JobSeeker) -> None:
    response = casemanager_client.get(reverse("casework:reveal-ssn", args=[seeker.pk]))
    assert response.status_code == 405
    assert not AccessLog.objects.exists()


def test_reveal_of_a_hidden_seeker_is_404_and_not_logged(partner: User) -> None:
    hidden = JobSeekerFactory(opted_out=True)
    response = client_for(partner).post(reverse("casework:reveal-ssn", args=[hidden.pk]))
    assert response.status_code == 404
    assert not AccessLog.objects.exists()


def test_the_home_page_lists_recent_seekers_of_the_current_office(
    casemanager_client: Client, seeker: JobSeeker, other_office: Office
) -> None:
    elsewhere = JobSeekerFactory(last_name="Elsewhere", offices=[other_office])
    body = casemanager_client.get(reverse("casework:home")).content.decode()
    assert "Larsen, Arthur" in body and elsewhere.last_name not in body
