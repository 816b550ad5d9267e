"""The seeker page's Participation panel: entry, last service, projected exit, and why."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from seekers.models import JobSeeker
from services.models import ServiceType, WorkshopReferral, WorkshopResult
from services.participation import participation_rebuild
from tests.conftest import client_for
from tests.factories import (
    JobSeekerFactory,
    ServiceRecordFactory,
    WorkshopFactory,
    WorkshopReferralFactory,
)
from workforce.models import User

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
JSA = "Job Search Activity"


def ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def us(date: datetime.date) -> str:
    return f"{date:%m/%d/%Y}"


def serve(seeker: JobSeeker, *services: tuple[int, str]) -> None:
    """Record services (days ago, catalog name), then rebuild as recording does."""
    for days, name in services:
        ServiceRecordFactory(
            seeker=seeker, service_type=ServiceType.objects.get(name=name), service_date=ago(days)
        )
    participation_rebuild(seeker_ids=[seeker.pk])


def page(client: Client, seeker: JobSeeker) -> str:
    response = client.get(reverse("casework:detail", args=[seeker.pk]))
    assert response.status_code == 200
    return response.content.decode()


def panel(client: Client, seeker: JobSeeker) -> str:
    html = page(client, seeker)
    start = html.index('<section class="margin-y-4" aria-labelledby="participation-heading"')
    return " ".join(html[start : html.index("</section>", start)].split())


def test_it_says_not_a_participant_and_why_when_there_is_no_period(
    casemanager_client: Client,
) -> None:
    seeker = JobSeekerFactory()
    serve(seeker, (3, "Self-Service LMI"), (2, "Membership"))
    html = panel(casemanager_client, seeker)
    assert "Not a participant." in html
    assert "self-service, information-only and follow-up services do not make" in html
    assert "Participant since" not in html


def test_it_shows_participant_since_last_service_and_projected_exit_with_why(
    casemanager_client: Client,
) -> None:
    seeker = JobSeekerFactory()
    serve(seeker, (50, JSA), (20, "Resume Assistance"), (10, "WIA Follow up"))
    html = panel(casemanager_client, seeker)
    assert f"Participant since</dt> <dd>{us(ago(50))}" in html
    assert f"Why: Job Search Activity on {us(ago(50))}" in html
    assert f"Last countable service</dt> <dd>{us(ago(20))}" in html
    assert f"Why: Resume Assistance on {us(ago(20))}" in html
    assert f"Projected exit date</dt> <dd>{us(ago(20))}" in html
    confirmed = ago(20) + datetime.timedelta(days=90)
    assert f"Confirmed after {us(confirmed)} if nothing else is received or scheduled" in html
    assert "Exited on" not in html


def test_it_shows_the_exit_date_of_an_ended_period(casemanager_client: Client) -> None:
    seeker = JobSeekerFactory()
    serve(seeker, (150, JSA), (120, "Career Guidance"), (30, "WIA Follow up"))
    html = panel(casemanager_client, seeker)
    assert f"Exited on <strong>{us(ago(120))}</strong>" in html
    assert f"Participant from</dt> <dd>{us(ago(150))}" in html
    assert "Projected exit date" not in html


def test_it_lists_earlier_periods(casemanager_client: Client) -> None:
    seeker = JobSeekerFactory()
    serve(seeker, (400, "Outreach and Intake"), (380, JSA), (10, "Resume Assistance"))
    html = panel(casemanager_client, seeker)
    assert "<caption>Earlier periods</caption>" in html
    assert f"{us(ago(400))} <span class=\"display-block font-body-2xs text-base-dark\">" \
           "Outreach and Intake</span>" in html  # fmt: skip
    assert f"{us(ago(380))} <span" in html
    assert f"Participant since</dt> <dd>{us(ago(10))}" in html


def test_a_scheduled_workshop_keeps_the_period_open_past_90_days(
    casemanager_client: Client, casemanager: User
) -> None:
    seeker = JobSeekerFactory()
    on = timezone.now() + datetime.timedelta(days=5)
    referral = WorkshopReferralFactory(
        seeker=seeker, referred_by=casemanager,
        workshop=WorkshopFactory(title="Interviewing basics", starts_at=on),
    )  # fmt: skip
    WorkshopReferral.objects.filter(pk=referral.pk).update(
        referred_at=timezone.now() - datetime.timedelta(days=80)
    )
    serve(seeker, (100, JSA))
    html = panel(casemanager_client, seeker)
    assert "Exited on" not in html
    assert f"Interviewing basics (Job Search workshop) on {us(timezone.localdate(on))}" in html
    assert f"Confirmed after {us(timezone.localdate(on))}" in html


def test_a_missed_workshop_does_not_keep_the_period_open(
    casemanager_client: Client, casemanager: User
) -> None:
    seeker = JobSeekerFactory()
    referral = WorkshopReferralFactory(seeker=seeker, referred_by=casemanager)
    WorkshopReferral.objects.filter(pk=referral.pk).update(
        referred_at=timezone.now() - datetime.timedelta(days=80),
        result=WorkshopResult.NO_SHOW, resulted_by=casemanager, resulted_at=timezone.now(),
    )  # fmt: skip
    serve(seeker, (100, JSA))
    assert f"Exited on <strong>{us(ago(100))}</strong>" in panel(casemanager_client, seeker)


def test_the_page_costs_the_same_queries_however_many_periods(
    casemanager_client: Client, casemanager: User
) -> None:
    one, many = JobSeekerFactory(), JobSeekerFactory()
    serve(one, (10, JSA))
    serve(many, (900, JSA), (700, JSA), (500, JSA), (300, "Career Guidance"), (10, JSA))
    for _ in range(3):
        WorkshopReferralFactory(seeker=many, referred_by=casemanager)
    page(casemanager_client, one)  # warm the session and the catalog caches, if any

    counts = []
    for seeker in (one, many):
        with CaptureQueriesContext(connection) as queries:
            page(casemanager_client, seeker)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_partner_staff_never_see_the_panel_of_an_opted_out_seeker(partner: User) -> None:
    seeker = JobSeekerFactory(opted_out=True)
    serve(seeker, (10, JSA))
    response = client_for(partner).get(reverse("casework:detail", args=[seeker.pk]))
    assert response.status_code == 404
    assert "Participation" not in response.content.decode()


def test_anonymous_users_are_sent_to_sign_in() -> None:
    seeker = JobSeekerFactory()
    response = Client().get(reverse("casework:detail", args=[seeker.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
