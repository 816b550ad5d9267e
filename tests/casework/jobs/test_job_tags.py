"""The Job search and referrals section of Case Details (`{% seeker_jobs %}`)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework.jobs.constants import SECTION_SHOWN
from seekers.constants import ReferralOutcome
from seekers.models import JobPostingSent, JobReferral, JobSeeker
from tests.conftest import client_for
from tests.factories import (
    EmployerFactory,
    JobPostingFactory,
    JobReferralFactory,
    JobSeekerFactory,
    UserFactory,
)
from workforce.models import User

pytestmark = pytest.mark.django_db


def detail(client: Client, seeker: JobSeeker) -> str:
    response = client.get(reverse("casework:detail", args=[seeker.pk]))
    assert response.status_code == 200
    return response.content.decode()


def section(body: str) -> str:
    return body.split('id="jobs"', 1)[1].split("</section>", 1)[0]


def sent(seeker: JobSeeker, by: User, **posting: object) -> JobPostingSent:
    return JobPostingSent.objects.create(
        seeker=seeker, posting=JobPostingFactory(**posting), sent_by=by
    )


def test_it_offers_search_jobs_to_staff_who_serve_seekers(casemanager_client: Client) -> None:
    seeker = JobSeekerFactory()
    body = section(detail(casemanager_client, seeker))
    assert "Job search and referrals" in detail(casemanager_client, seeker)
    assert f'href="{reverse("casework:job-search", args=[seeker.pk])}"' in body
    assert "Search jobs" in body
    assert "No job referrals yet." in body and "No postings sent yet." in body


def test_it_hides_search_jobs_from_administrators(admin: User) -> None:
    seeker = JobSeekerFactory()
    body = section(detail(client_for(admin), seeker))
    assert reverse("casework:job-search", args=[seeker.pk]) not in body


def test_it_lists_referrals_and_postings_sent_newest_first_with_their_details(
    casemanager: User, casemanager_client: Client
) -> None:
    seeker = JobSeekerFactory()
    colleague = UserFactory(first_name="Dana", last_name="Okafor")
    older = JobReferralFactory(
        seeker=seeker, referred_by=colleague, introduced=True,
        posting=JobPostingFactory(title="Line Cook", employer=EmployerFactory(name="Acme Foods")),
        outcome=ReferralOutcome.HIRED, outcome_on=timezone.localdate(),
    )  # fmt: skip
    JobReferral.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    JobReferralFactory(seeker=seeker, referred_by=casemanager,
                       posting=JobPostingFactory(title="Prep Cook"))  # fmt: skip
    JobReferralFactory(posting=JobPostingFactory(title="Somebody Else's Job"))
    sent(seeker, casemanager, title="Barista")
    body = section(detail(casemanager_client, seeker))
    assert body.index("Prep Cook") < body.index("Line Cook")
    for text in ("Acme Foods", "Dana Okafor", "Yes", "Hired", "2 referrals, newest first",
                 "Barista", "1 posting sent, newest first", casemanager.get_full_name(),
                 reverse("casework:job-referral-outcome", args=[seeker.pk, older.pk])):  # fmt: skip
        assert text in body, text
    assert "Somebody Else" not in body


def test_it_runs_the_same_queries_however_many_referrals_and_sends(
    casemanager: User, casemanager_client: Client
) -> None:
    seeker = JobSeekerFactory()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            detail(casemanager_client, seeker)
        return len(captured)

    for _ in range(SECTION_SHOWN + 1):
        JobReferralFactory(seeker=seeker)
        sent(seeker, casemanager)
    few = queries()
    for _ in range(15):
        JobReferralFactory(seeker=seeker, referred_by=UserFactory())
        sent(seeker, UserFactory())
    assert queries() == few
    body = section(detail(casemanager_client, seeker))
    total = SECTION_SHOWN + 1 + 15
    assert f"The latest {SECTION_SHOWN} of {total} referrals" in body
    assert f"The latest {SECTION_SHOWN} of {total} postings sent" in body


def test_partner_staff_get_404_for_an_opted_out_seekers_case_details(partner: User) -> None:
    seeker = JobSeekerFactory(opted_out=True)
    JobReferralFactory(seeker=seeker, posting=JobPostingFactory(title="Hidden Referral"))
    response = client_for(partner).get(reverse("casework:detail", args=[seeker.pk]))
    assert response.status_code == 404 and "Hidden Referral" not in response.content.decode()
