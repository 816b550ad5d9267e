"""Add Seeker to Office with a tampered `next=`: the seeker is added and the user lands on
their page with the message, never on a 500 page claiming nothing was saved."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import JobSeekerFactory
from tests.workforce.test_safe_next import NOT_LOCAL_PATHS
from workforce.models import Office

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", NOT_LOCAL_PATHS)
def test_it_adds_and_goes_to_the_seeker_for_a_next_that_is_not_a_local_path(
    casemanager_client: Client, office: Office, value: str
) -> None:
    seeker = JobSeekerFactory(last_name="Larsen")
    url = reverse("casework:add-to-office", args=[seeker.pk])
    response = casemanager_client.post(url, {"next": value})
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:detail", args=[seeker.pk])
    assert list(seeker.offices.all()) == [office]
    page = casemanager_client.get(response["Location"]).content.decode()
    assert f"is now enrolled in {office.name}" in page


def test_it_returns_to_the_results_page_it_came_from(
    casemanager_client: Client, office: Office
) -> None:
    seeker = JobSeekerFactory(last_name="Larsen")
    local = "/seekers/search/?qt=abc&page=2"
    url = reverse("casework:add-to-office", args=[seeker.pk])
    response = casemanager_client.post(url, {"next": local})
    assert response.status_code == 302 and response["Location"] == local
