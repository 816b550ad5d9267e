"""Counts shown to partner staff count only what they may see (issue 14, seed 002).

Each page that shows a number about seekers or their records (seats taken, results
pending, calls by outcome, letters to mail, seekers in the office, report totals) is
rendered for partner staff and a partner organization's supervisor before and after an
opted-out seeker gets records there: the page must not change by a byte, as if the hidden
seeker did not exist. A state-agency control proves the records do show up in the counts.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from registration.constants import CallOutcome
from services.models import Workshop
from services.workshops.selectors import workshop_list
from tests.conftest import client_for
from tests.factories import (
    ConfirmationLetterFactory,
    JobSeekerFactory,
    RegistrationCallFactory,
    ServiceRecordFactory,
    UserFactory,
    WorkshopReferralFactory,
)
from tests.services.workshops.helpers import LIST, TO_RESULT, detail_url, workshop_in
from workforce.constants import Role
from workforce.models import Office, Organization, User

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'(csrfmiddlewaretoken" value="|csrf-token" content="|CSRFToken": ")[^"]*')


@pytest.fixture
def partner_supervisor(partner_org: Organization, partner_office: Office) -> User:
    return UserFactory(
        username="partnersupervisor", role=Role.SUPERVISOR, organization=partner_org,
        current_office=partner_office, offices=[partner_office],
    )  # fmt: skip


def _workshops(office: Office) -> tuple[Workshop, Workshop]:
    return workshop_in(office, title="Interviewing well", seats=5), workshop_in(
        office, title="Resumes that get read", seats=5, days_ago=1
    )


def _records(seeker: object, partner: User, workshops: tuple[Workshop, Workshop]) -> None:
    """A seeker's referrals, a call and its letter, services: what the counts count."""
    office = partner.current_office
    for workshop in workshops:
        WorkshopReferralFactory(workshop=workshop, seeker=seeker, referred_by=partner)
    ended = {"staff": partner, "office": office, "seeker": seeker, "ended_at": timezone.now()}
    call = RegistrationCallFactory(outcome=CallOutcome.CREATED, **ended)
    RegistrationCallFactory(outcome=CallOutcome.EXISTING_FOUND, **ended)
    ConfirmationLetterFactory(call=call, seeker=seeker, office=office)
    for days in (3, 40):
        ServiceRecordFactory(
            seeker=seeker, recorded_by=partner, credited_staff=partner, office=office,
            service_date=timezone.localdate() - datetime.timedelta(days=days),
        )  # fmt: skip


def _pages(visible_id: int, workshops: tuple[Workshop, Workshop]) -> list[str]:
    today = timezone.localdate()
    outcomes = reverse("registration:outcomes")
    return [
        reverse("casework:home"), LIST, TO_RESULT, *map(detail_url, workshops),
        reverse("casework:detail", args=[visible_id]), reverse("registration:letters"),
        reverse("registration:letters-print"), outcomes,
        f"{outcomes}?start={today:%m/%d/%Y}&end={today:%m/%d/%Y}",
        reverse("reports:reports-quarterly"),
        reverse("reports:reports-staff-credit"),  # the last twelve months
    ]  # fmt: skip


def _answers(client: Client, pages: list[str]) -> dict[str, tuple[int, str]]:
    answers = {}
    for url in pages:
        response = client.get(url)
        answers[url] = (response.status_code, CSRF.sub("", response.content.decode()))
    return answers


@pytest.mark.parametrize("who", ["partner", "partner_supervisor"])
def test_partner_staff_see_the_same_counts_as_if_the_hidden_seeker_did_not_exist(
    who: str, request: pytest.FixtureRequest, partner: User, casemanager: User
) -> None:
    user = request.getfixturevalue(who)
    office = partner.current_office
    workshops = _workshops(office)
    visible = JobSeekerFactory(offices=[office])
    _records(visible, partner, workshops)
    client = client_for(user)
    pages = _pages(visible.pk, workshops)
    before = _answers(client, pages)
    hidden = JobSeekerFactory(offices=[office], opted_out=True)
    _records(hidden, partner, workshops)
    after = _answers(client, pages)
    for url in pages:
        assert after[url] == before[url], url
    # Not vacuous: the pages were read, and the numbers are on them.
    assert before[LIST][0] == 200 and "1 of 5" in before[LIST][1]
    assert before[detail_url(workshops[0])][1].count("1 of 5") == 1


def test_state_staff_counts_include_the_opted_out_seeker(
    partner: User, casemanager: User, supervisor: User
) -> None:
    """The control: the same records change the same pages for the state agency."""
    office = partner.current_office
    workshops = _workshops(office)
    visible = JobSeekerFactory(offices=[office])
    _records(visible, partner, workshops)
    client = client_for(supervisor)
    pages = [_pages(visible.pk, workshops)[i] for i in (-4, -1)]  # outcomes, staff credit
    before = _answers(client, pages)
    _records(JobSeekerFactory(offices=[office], opted_out=True), partner, workshops)
    after = _answers(client, pages)
    assert [url for url in pages if after[url] == before[url]] == []
    taken = {
        w.title: w.seats_taken for w in workshop_list(user=supervisor, office=office)["upcoming"]
    }
    assert taken == {}  # the supervisor works in no office of the partner's: nothing listed
    partner_taken = workshop_list(user=partner, office=office)
    assert [w.seats_taken for w in partner_taken["upcoming"]] == [1]
    assert [w.seats_held for w in partner_taken["upcoming"]] == [2]


def test_a_workshop_full_of_hidden_referrals_is_full_for_partners_too(partner: User) -> None:
    """A seat is a chair: the workshop is full for everyone (the accepted trace, documented
    in docs/security.md), though the number shown still counts only visible seekers."""
    workshop = workshop_in(partner.current_office, title="Small room", seats=1)
    WorkshopReferralFactory(workshop=workshop, seeker=JobSeekerFactory(opted_out=True))
    body = client_for(partner).get(detail_url(workshop)).content.decode()
    assert "0 of 1" in body and "This workshop is full." in body
