"""A tampered or odd `page=` on any paginated page gives a page, never a 500 (issue 12)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from tests.conftest import results_url
from tests.factories import JobSeekerFactory
from workforce.models import Office, User

pytestmark = pytest.mark.django_db

# Python's int() rejects more than 4,300 digits; "²" passes str.isdigit() but not int().
ODD_PAGES = [
    "abc", "", "-1", "0", "1.5", "1e9", "²", "\u0661", "9" * 30, "9" * 5000, "2\x00", " 2", "0x10",
]  # fmt: skip


def _page_url(user: User, page: str) -> str:
    return f"{results_url(user, 'Larsen', 'all')}&{urlencode({'page': page})}"


@pytest.fixture
def larsens(office: Office) -> None:
    for n in range(30):  # two pages of 25
        JobSeekerFactory(last_name="Larsen", first_name=f"Person{chr(65 + n % 26)}")


@pytest.mark.parametrize("page", ODD_PAGES)
def test_it_answers_an_odd_page_of_search_results(
    casemanager_client: Client, casemanager: User, larsens: None, page: str
) -> None:
    response = casemanager_client.get(_page_url(casemanager, page))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Page 1 of 2" in body or "Page 2 of 2" in body


def test_it_shows_the_last_page_for_a_page_past_the_end(
    casemanager_client: Client, casemanager: User, larsens: None
) -> None:
    response = casemanager_client.get(_page_url(casemanager, "9" * 30))
    body = response.content.decode()
    assert "Page 2 of 2" in body and "Larsen, Person" in body


@pytest.mark.parametrize("page", ODD_PAGES)
def test_it_answers_an_odd_page_of_the_activity_and_notes(
    casemanager_client: Client, office: Office, page: str
) -> None:
    seeker = JobSeekerFactory(offices=[office])
    for name in ("casework:activity", "casework:notes", "casework:job-search"):
        response = casemanager_client.get(reverse(name, args=[seeker.pk]), {"page": page})
        assert response.status_code == 200, name


@pytest.mark.parametrize("page", ODD_PAGES)
def test_it_answers_an_odd_page_of_the_audit_views(supervisor_client: Client, page: str) -> None:
    for name in ("audit-changes", "audit-access"):
        response = supervisor_client.get(reverse(name), {"page": page})
        assert response.status_code == 200, name
