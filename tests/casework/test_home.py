"""Home costs the same whatever the state's size: bounded reads only (issue 12)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from seekers import selectors
from tests.factories import JobSeekerFactory
from workforce.models import Office, User

pytestmark = pytest.mark.django_db

SEEKER_TABLES = re.compile(r'FROM "seekers_jobseeker(_offices)?"|JOIN "seekers_jobseeker')


def _home_queries(client: Client) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("casework:home"))
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_it_reads_seekers_only_with_a_limit(casemanager_client: Client, office: Office) -> None:
    """Every statement that touches the seeker tables stops early (LIMIT), so none scans them."""
    JobSeekerFactory.create_batch(3, offices=[office])
    seeker_reads = [sql for sql in _home_queries(casemanager_client) if SEEKER_TABLES.search(sql)]
    assert len(seeker_reads) == 2, seeker_reads  # the newest and the count
    for sql in seeker_reads:
        assert re.search(r"\bLIMIT \d+", sql), sql


def test_it_runs_the_same_queries_for_few_and_many_seekers(
    casemanager_client: Client, office: Office
) -> None:
    JobSeekerFactory.create_batch(2, offices=[office])
    few = len(_home_queries(casemanager_client))
    JobSeekerFactory.create_batch(25, offices=[office])
    assert len(_home_queries(casemanager_client)) == few


def test_it_lists_the_newest_registered_first(casemanager_client: Client, office: Office) -> None:
    older = JobSeekerFactory(last_name="Older", offices=[office])
    newer = JobSeekerFactory(last_name="Newer", offices=[office])
    body = casemanager_client.get(reverse("casework:home")).content.decode()
    assert body.index(newer.last_name) < body.index(older.last_name)


def test_it_lists_at_most_ten(casemanager: User, office: Office) -> None:
    JobSeekerFactory.create_batch(12, offices=[office])
    assert len(selectors.office_home(user=casemanager, office=office).recent) == 10


def test_the_partners_count_and_list_leave_out_opted_out_seekers(
    partner_client: Client, partner_office: Office
) -> None:
    JobSeekerFactory.create_batch(2, offices=[partner_office])
    hidden = JobSeekerFactory(last_name="Hiddenperson", opted_out=True, offices=[partner_office])
    body = partner_client.get(reverse("casework:home")).content.decode()
    assert "where 2 job seekers are enrolled" in body
    assert hidden.last_name not in body


def test_state_staff_count_opted_out_seekers(casemanager_client: Client, office: Office) -> None:
    JobSeekerFactory.create_batch(2, offices=[office])
    JobSeekerFactory(opted_out=True, offices=[office])
    body = casemanager_client.get(reverse("casework:home")).content.decode()
    assert "where 3 job seekers are enrolled" in body


def test_it_says_more_than_the_cap_past_it(
    casemanager_client: Client, partner_client: Client, office: Office,
    partner_office: Office, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(selectors, "HOME_COUNT_CAP", 3)
    JobSeekerFactory.create_batch(4, offices=[office])
    assert "where more than 3 job seekers are enrolled" in (
        casemanager_client.get(reverse("casework:home")).content.decode()
    )
    # a partner's capped count reaches the cap with visible seekers only
    JobSeekerFactory.create_batch(3, offices=[partner_office])
    JobSeekerFactory.create_batch(2, opted_out=True, offices=[partner_office])
    body = partner_client.get(reverse("casework:home")).content.decode()
    assert "where 3 job seekers are enrolled" in body


def test_the_count_stops_at_the_cap(casemanager: User, office: Office) -> None:
    JobSeekerFactory.create_batch(5, offices=[office])
    assert selectors.seeker_count(user=casemanager, office=office, cap=3) == 4
    assert selectors.seeker_count(user=casemanager, office=office, cap=10) == 5
