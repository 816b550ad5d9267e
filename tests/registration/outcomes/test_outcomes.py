"""The supervisors' call-outcomes page: calls counted by staff, office and day."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from registration.constants import CallOutcome
from registration.outcomes.selectors import call_outcomes
from tests.conftest import client_for
from tests.factories import RegistrationCallFactory
from workforce.models import Office, User

pytestmark = pytest.mark.django_db
OUTCOMES = reverse("registration:outcomes")


def test_it_counts_each_outcome_by_day_office_and_staff(
    casemanager: User, dvop: User, office: Office, other_office: Office
) -> None:
    for outcome in [CallOutcome.CREATED, CallOutcome.CREATED, CallOutcome.DECLINED_C]:
        RegistrationCallFactory(staff=casemanager, office=office, outcome=outcome)
    RegistrationCallFactory(staff=casemanager, office=other_office, outcome=CallOutcome.ABANDONED)
    RegistrationCallFactory(staff=dvop, office=office, outcome=CallOutcome.EXISTING_FOUND)
    today = timezone.localdate()
    rows = call_outcomes(user=casemanager, start=today, end=today, office=None)
    by_key = {(r["office__name"], r["staff__username"]): r for r in rows}
    mine = by_key[(office.name, "casemanager")]
    assert (mine["total"], mine["created"], mine["declined_c"], mine["abandoned"]) == (3, 2, 1, 0)
    assert by_key[(other_office.name, "casemanager")]["abandoned"] == 1
    assert by_key[(office.name, dvop.username)]["existing_found"] == 1
    assert len(call_outcomes(user=casemanager, start=today, end=today, office=other_office)) == 1
    yesterday = today - datetime.timedelta(days=1)
    assert call_outcomes(user=casemanager, start=yesterday, end=yesterday, office=None) == []


def test_supervisors_read_the_page_with_totals(supervisor: User, casemanager: User) -> None:
    RegistrationCallFactory(staff=casemanager, outcome=CallOutcome.DECLINED_A)
    body = client_for(supervisor).get(OUTCOMES).content.decode()
    assert "Declined at question a" in body and casemanager.last_name in body and "Total" in body


def test_case_managers_may_not_read_it(casemanager_client: Client) -> None:
    assert casemanager_client.get(OUTCOMES).status_code == 403


def test_a_backwards_period_is_explained_beside_the_field(supervisor: User) -> None:
    response = client_for(supervisor).get(OUTCOMES, {"start": "2026-05-02", "end": "2026-05-01"})
    assert response.status_code == 400
    assert "The end date must be on or after the start date." in response.content.decode()


def test_a_date_that_is_not_a_date_is_a_400_not_a_500(supervisor: User) -> None:
    response = client_for(supervisor).get(OUTCOMES, {"start": "yesterday-ish"})
    assert response.status_code == 400 and "Enter a valid date." in response.content.decode()
