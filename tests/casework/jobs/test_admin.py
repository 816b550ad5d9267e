"""The admin of employers and job postings: filters, search, inline postings, bulk close."""

from __future__ import annotations

import pytest
from django.urls import reverse

from seekers.constants import PostingStatus
from tests.conftest import client_for
from tests.factories import EmployerFactory, JobPostingFactory
from workforce.models import User

pytestmark = pytest.mark.django_db


def test_the_admin_lists_postings_with_filters_and_search(admin: User) -> None:
    JobPostingFactory(title="Line Cook", occupation_code="35-2014.00", occupation_title="Cooks")
    JobPostingFactory(title="Truck Driver", occupation_code="53-3032.00",
                      status=PostingStatus.CLOSED)  # fmt: skip
    client = client_for(admin)
    url = reverse("admin:seekers_jobposting_changelist")
    body = client.get(url, {"status__exact": "open"}).content.decode()
    assert "Line Cook" in body and "Truck Driver" not in body
    body = client.get(url, {"soc_group": "53"}).content.decode()
    assert "Truck Driver" in body and "Line Cook" not in body
    body = client.get(url, {"q": "cook"}).content.decode()
    assert "Line Cook" in body and "Truck Driver" not in body


def test_the_admin_shows_an_employers_postings_inline(admin: User) -> None:
    posting = JobPostingFactory(title="Welder")
    client = client_for(admin)
    change = reverse("admin:seekers_employer_change", args=[posting.employer_id])
    assert "Welder" in client.get(change).content.decode()
    listing = client.get(reverse("admin:seekers_employer_changelist")).content.decode()
    assert posting.employer.name in listing


def test_the_admin_closes_postings_in_bulk(admin: User) -> None:
    postings = JobPostingFactory.create_batch(2)
    response = client_for(admin).post(
        reverse("admin:seekers_jobposting_changelist"),
        {"action": "close_postings", "_selected_action": [p.pk for p in postings]},
    )
    assert response.status_code == 302
    assert all(p.status == PostingStatus.CLOSED for p in type(postings[0]).objects.all())


def test_the_admin_validates_the_occupation_code(admin: User) -> None:
    employer = EmployerFactory()
    response = client_for(admin).post(
        reverse("admin:seekers_jobposting_add"),
        {"employer": employer.pk, "title": "Cook", "occupation_code": "35-20",
         "description": "Cook.", "status": "open", "posted_on": "2025-01-02"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Enter an occupation code like 15-1252 or 15-1252.00." in response.content.decode()
