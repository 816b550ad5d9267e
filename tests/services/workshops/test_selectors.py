"""Workshops (seed 003), the reads: which workshops and referrals a user sees, the result
window in local calendar days, and the workshops still to result."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from services.models import ServiceRecord, Workshop, WorkshopReferral
from services.workshops import selectors
from tests.conftest import client_for
from tests.factories import JobSeekerFactory, WorkshopReferralFactory
from tests.services.workshops.helpers import (
    LIST,
    TO_RESULT,
    detail_url,
    refer_url,
    result_url,
    workshop_in,
)
from workforce.models import Office, User

pytestmark = pytest.mark.django_db


# --- listing ----------------------------------------------------------------------------


def test_the_list_shows_the_current_offices_upcoming_and_recent_workshops_with_seats_taken(
    casemanager_client: Client, office: Office, other_office: Office
) -> None:
    upcoming = workshop_in(office, title="Interviewing well", seats=3)
    WorkshopReferralFactory.create_batch(2, workshop=upcoming)
    workshop_in(office, title="Held last week", days_ago=7)
    workshop_in(office, title="Two months ago", days_ago=60)
    workshop_in(other_office, title="Elsewhere")
    body = casemanager_client.get(LIST).content.decode()
    assert "Interviewing well" in body and "2 of 3" in body
    assert "Held last week" in body
    assert "Two months ago" not in body and "Elsewhere" not in body


def test_a_workshop_of_an_office_the_user_does_not_work_in_is_404(
    partner: User, office: Office
) -> None:
    workshop = workshop_in(office)
    client = client_for(partner)
    assert client.get(detail_url(workshop)).status_code == 404
    seeker = JobSeekerFactory()
    assert client.post(refer_url(workshop), {"seeker": seeker.public_id}).status_code == 404
    assert not WorkshopReferral.objects.exists()


# --- visibility of the seekers listed ------------------------------------------------------


def test_partner_staff_do_not_see_opted_out_seekers_in_referral_lists(
    partner: User, partner_office: Office
) -> None:
    workshop = workshop_in(partner_office, days_ago=1)
    WorkshopReferralFactory(workshop=workshop, seeker=JobSeekerFactory(last_name="Visible"))
    WorkshopReferralFactory(workshop=workshop, seeker=JobSeekerFactory(last_name="Optedout",
                                                                       opted_out=True))  # fmt: skip
    client = client_for(partner)
    body = client.get(detail_url(workshop)).content.decode()
    assert "Visible" in body and "Optedout" not in body
    to_result = client.get(TO_RESULT)
    assert [row.pending for row in to_result.context["rows"]] == [1]


def test_partner_staff_get_404_resulting_a_hidden_seekers_referral(
    partner: User, partner_office: Office
) -> None:
    workshop = workshop_in(partner_office, days_ago=1)
    referral = WorkshopReferralFactory(workshop=workshop, seeker=JobSeekerFactory(opted_out=True))
    response = client_for(partner).post(result_url(referral), {"result": "attended"})
    assert response.status_code == 404
    referral.refresh_from_db()
    assert referral.result == "pending" and not ServiceRecord.objects.exists()


def test_a_workshop_with_only_hidden_pending_referrals_is_not_to_result_for_partners(
    partner: User, partner_office: Office
) -> None:
    workshop = workshop_in(partner_office, days_ago=1)
    WorkshopReferralFactory(workshop=workshop, seeker=JobSeekerFactory(opted_out=True))
    assert client_for(partner).get(TO_RESULT).context["rows"] == []


# --- the 14-day window -------------------------------------------------------------------


def test_the_window_counts_local_calendar_days() -> None:
    start = timezone.make_aware(datetime.datetime(2025, 3, 3, 18, 0))
    workshop = Workshop(starts_at=start)
    last = timezone.make_aware(datetime.datetime(2025, 3, 17, 23, 59))
    after = timezone.make_aware(datetime.datetime(2025, 3, 18, 0, 1))
    assert selectors.result_window(workshop, now=last).open
    assert selectors.result_window(workshop, now=last).days_left == 0
    assert selectors.result_window(workshop, now=after).closed
    assert not selectors.result_window(workshop, now=start - datetime.timedelta(minutes=1)).started


# --- workshops to result ------------------------------------------------------------------


def test_to_result_lists_started_workshops_with_pending_referrals_and_days_left(
    casemanager_client: Client, office: Office, other_office: Office
) -> None:
    recent = workshop_in(office, title="Recent", days_ago=4)
    WorkshopReferralFactory.create_batch(2, workshop=recent)
    overdue = workshop_in(office, title="Overdue one", days_ago=20)
    WorkshopReferralFactory(workshop=overdue)
    done = workshop_in(office, title="All resulted", days_ago=2)
    WorkshopReferralFactory(workshop=done, result="no_show", resulted_by=done.created_by,
                            resulted_at=timezone.now())  # fmt: skip
    WorkshopReferralFactory(workshop=workshop_in(office, title="Not started yet"))
    WorkshopReferralFactory(workshop=workshop_in(other_office, title="Elsewhere", days_ago=1))
    response = casemanager_client.get(TO_RESULT)
    rows = response.context["rows"]
    assert [(r.workshop.title, r.pending, r.window.days_left) for r in rows] == [
        ("Overdue one", 1, -6), ("Recent", 2, 10),
    ]  # fmt: skip
    body = response.content.decode()
    assert "10 days left" in body and "Overdue" in body
    assert "only a supervisor can result it" in body
