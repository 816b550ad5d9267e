"""Refer a seeker to a posting (seed 001) and its Job Referral service (seed 003); outcomes."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casework.jobs.services import referral_create
from seekers.constants import PostingStatus, ReferralOutcome
from seekers.models import JobPosting, JobReferral, JobSeeker
from services.constants import Event
from services.models import ServiceRecord
from tests.conftest import client_for
from tests.factories import JobPostingFactory, JobReferralFactory, JobSeekerFactory
from workforce.models import User

pytestmark = pytest.mark.django_db


def refer_url(seeker: JobSeeker, posting: JobPosting) -> str:
    return reverse("casework:job-refer", args=[seeker.pk, posting.pk])


def posting_url(seeker: JobSeeker, posting: JobPosting) -> str:
    return reverse("casework:job-posting", args=[seeker.pk, posting.pk])


def outcome_url(referral: JobReferral) -> str:
    return reverse("casework:job-referral-outcome", args=[referral.seeker_id, referral.pk])


def job_referral_services(seeker: JobSeeker) -> list[ServiceRecord]:
    return list(ServiceRecord.objects.filter(seeker=seeker, service_type__name="Job Referral"))


# --- Refer ----------------------------------------------------------------------------------


def test_referring_records_the_referral_and_returns_to_case_details(
    casemanager: User, casemanager_client: Client
) -> None:
    seeker, posting = JobSeekerFactory(), JobPostingFactory()
    data = {"introduced": "on", "note": "Spoke with the hiring manager."}
    response = casemanager_client.post(refer_url(seeker, posting), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:detail", args=[seeker.pk]) + "#jobs"
    referral = JobReferral.objects.get()
    assert (referral.seeker, referral.posting, referral.referred_by) == (
        seeker,
        posting,
        casemanager,
    )
    assert referral.introduced and referral.note == "Spoke with the hiring manager."
    assert referral.outcome == ReferralOutcome.PENDING


def test_a_referral_records_the_job_referral_service_once_credited_to_the_referrer(
    casemanager: User, casemanager_client: Client
) -> None:
    seeker, posting = JobSeekerFactory(), JobPostingFactory()
    casemanager_client.post(refer_url(seeker, posting))
    [record] = job_referral_services(seeker)
    referral = JobReferral.objects.get()
    assert record.event == Event.JOB_REFERRAL
    assert record.source == f"seekers.jobreferral:{referral.pk}"
    assert record.credited_staff == casemanager
    assert record.service_date == timezone.localdate()


def test_it_fires_the_job_referral_event_exactly_once_with_the_referral_as_source(
    casemanager: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casework.jobs import services as jobs_services

    calls = []
    real = jobs_services.record_event
    monkeypatch.setattr(
        jobs_services, "record_event", lambda *a, **k: calls.append((a, k)) or real(*a, **k)
    )
    seeker = JobSeekerFactory()
    referral = referral_create(seeker=seeker, posting=JobPostingFactory(), actor=casemanager)
    assert calls == [((Event.JOB_REFERRAL,), {"seeker": seeker, "actor": casemanager,
                                               "source": referral})]  # fmt: skip


def test_a_second_referral_to_the_same_posting_is_refused_with_nothing_new(
    casemanager_client: Client,
) -> None:
    seeker = JobSeekerFactory(first_name="Ann", last_name="Doe")
    posting = JobPostingFactory()
    casemanager_client.post(refer_url(seeker, posting))
    response = casemanager_client.post(refer_url(seeker, posting), {"introduced": "on"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Ann Doe was already referred to this posting on" in body
    assert "Nothing new was recorded." in body
    assert JobReferral.objects.count() == 1 and not JobReferral.objects.get().introduced
    assert len(job_referral_services(seeker)) == 1


def test_the_same_posting_may_be_referred_for_another_seeker(casemanager_client: Client) -> None:
    posting = JobPostingFactory()
    for seeker in JobSeekerFactory.create_batch(2):
        assert casemanager_client.post(refer_url(seeker, posting)).status_code == 302
    assert JobReferral.objects.count() == 2 and ServiceRecord.objects.count() == 2


def test_a_closed_posting_cannot_be_referred(casemanager_client: Client) -> None:
    seeker = JobSeekerFactory()
    posting = JobPostingFactory(status=PostingStatus.CLOSED)
    response = casemanager_client.post(refer_url(seeker, posting))
    assert response.status_code == 400
    assert "This posting is closed: it can no longer be referred to." in response.content.decode()
    assert not JobReferral.objects.exists() and not job_referral_services(seeker)


def test_a_note_too_long_is_refused_beside_the_field(casemanager_client: Client) -> None:
    seeker, posting = JobSeekerFactory(), JobPostingFactory()
    response = casemanager_client.post(refer_url(seeker, posting), {"note": "n" * 2001})
    assert response.status_code == 400 and 'id="id_note_error"' in response.content.decode()
    assert not JobReferral.objects.exists()


def test_the_service_refuses_an_actor_who_may_not_serve_seekers(admin: User) -> None:
    with pytest.raises(PermissionDenied):
        referral_create(seeker=JobSeekerFactory(), posting=JobPostingFactory(), actor=admin)
    assert not JobReferral.objects.exists()


def test_the_service_refuses_a_seeker_the_actor_cannot_see(partner: User) -> None:
    seeker = JobSeekerFactory(opted_out=True)
    with pytest.raises(PermissionDenied):
        referral_create(seeker=seeker, posting=JobPostingFactory(), actor=partner)


@pytest.mark.django_db(transaction=True)
def test_two_staff_referring_at_once_make_one_referral_and_one_service(
    casemanager: User, supervisor: User
) -> None:
    seeker, posting = JobSeekerFactory(), JobPostingFactory()
    barrier, outcomes = threading.Barrier(2), []

    def refer(actor: User) -> None:
        try:
            barrier.wait()
            referral_create(seeker=seeker, posting=posting, actor=actor)
            outcomes.append("referred")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=refer, args=(actor,)) for actor in (casemanager, supervisor)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["referred", "refused"]
    assert JobReferral.objects.count() == 1 and len(job_referral_services(seeker)) == 1


def test_refer_is_post_only(casemanager_client: Client) -> None:
    response = casemanager_client.get(refer_url(JobSeekerFactory(), JobPostingFactory()))
    assert response.status_code == 405


def test_anonymous_referrals_are_sent_to_sign_in() -> None:
    response = Client().post(refer_url(JobSeekerFactory(), JobPostingFactory()))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert not JobReferral.objects.exists()


def test_administrators_cannot_refer(admin: User) -> None:
    response = client_for(admin).post(refer_url(JobSeekerFactory(), JobPostingFactory()))
    assert response.status_code == 403 and not JobReferral.objects.exists()


def test_partner_staff_get_404_referring_an_opted_out_seeker(partner: User) -> None:
    response = client_for(partner).post(
        refer_url(JobSeekerFactory(opted_out=True), JobPostingFactory())
    )
    assert response.status_code == 404 and not JobReferral.objects.exists()


def test_referring_to_a_missing_posting_is_404(casemanager_client: Client) -> None:
    url = reverse("casework:job-refer", args=[JobSeekerFactory().pk, 987654])
    assert casemanager_client.post(url).status_code == 404


# --- The posting page -----------------------------------------------------------------------


def test_the_posting_page_shows_the_posting_and_the_refer_form(casemanager_client: Client) -> None:
    seeker = JobSeekerFactory()
    posting = JobPostingFactory(title="Line Cook", wage="$18 to $20 an hour",
                                description="Prep and grill.\n\nNights and weekends.")  # fmt: skip
    body = casemanager_client.get(posting_url(seeker, posting)).content.decode()
    for text in ("Line Cook", posting.employer.name, "$18 to $20 an hour",
                 "<p>Nights and weekends.</p>", "I also introduced the job seeker to the employer",
                 refer_url(seeker, posting), posting.employer.contact_email):  # fmt: skip
        assert text in body, text


def test_the_posting_page_says_when_the_seeker_is_already_referred(
    casemanager_client: Client,
) -> None:
    referral = JobReferralFactory()
    body = casemanager_client.get(posting_url(referral.seeker, referral.posting)).content.decode()
    assert "was referred to this posting on" in body and outcome_url(referral) in body
    assert refer_url(referral.seeker, referral.posting) not in body


def test_the_posting_page_roles(admin: User, partner: User) -> None:
    posting = JobPostingFactory()
    assert client_for(admin).get(posting_url(JobSeekerFactory(), posting)).status_code == 403
    hidden = JobSeekerFactory(opted_out=True)
    assert client_for(partner).get(posting_url(hidden, posting)).status_code == 404
    assert Client().get(posting_url(hidden, posting)).status_code == 302
    assert client_for(partner).post(posting_url(JobSeekerFactory(), posting)).status_code == 405
    missing = reverse("casework:job-posting", args=[JobSeekerFactory().pk, 987654])
    assert client_for(partner).get(missing).status_code == 404


# --- Outcomes -------------------------------------------------------------------------------


def test_an_outcome_is_recorded_with_its_date(casemanager_client: Client) -> None:
    referral = JobReferralFactory()
    assert casemanager_client.get(outcome_url(referral)).status_code == 200
    today = timezone.localdate()
    response = casemanager_client.post(
        outcome_url(referral), {"outcome": "hired", "outcome_on": today.isoformat()}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.outcome, referral.outcome_on) == (ReferralOutcome.HIRED, today)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"outcome": "hired", "outcome_on": "2999-01-01"},
         "The date of the outcome cannot be in the future."),
        ({"outcome": "pending", "outcome_on": "2020-01-01"},
         "Choose hired, not hired or did not apply."),
        ({"outcome": "", "outcome_on": ""}, "Choose what came of the referral."),
        ({"outcome": "not_hired", "outcome_on": "13/45/2024"},
         "Enter the date of the outcome as mm/dd/yyyy."),
    ],
)  # fmt: skip
def test_a_bad_outcome_is_explained_and_changes_nothing(
    casemanager_client: Client, data: dict, message: str
) -> None:
    referral = JobReferralFactory()
    response = casemanager_client.post(outcome_url(referral), data)
    assert response.status_code == 400 and message in response.content.decode()
    referral.refresh_from_db()
    assert referral.outcome == ReferralOutcome.PENDING and referral.outcome_on is None


def test_an_outcome_cannot_come_before_the_referral(casemanager_client: Client) -> None:
    referral = JobReferralFactory()
    day_before = timezone.localdate(referral.created_at) - datetime.timedelta(days=1)
    response = casemanager_client.post(
        outcome_url(referral), {"outcome": "did_not_apply", "outcome_on": day_before.isoformat()}
    )
    assert response.status_code == 400
    assert "The outcome cannot come before the referral" in response.content.decode()


def test_an_outcome_of_another_seekers_referral_is_404(casemanager_client: Client) -> None:
    referral = JobReferralFactory()
    url = reverse("casework:job-referral-outcome", args=[JobSeekerFactory().pk, referral.pk])
    assert casemanager_client.get(url).status_code == 404
    assert (
        casemanager_client.post(url, {"outcome": "hired", "outcome_on": "2024-01-02"}).status_code
        == 404
    )


def test_the_outcome_page_roles(admin: User, partner: User) -> None:
    referral = JobReferralFactory(seeker=JobSeekerFactory(opted_out=True))
    assert Client().get(outcome_url(referral)).status_code == 302
    assert client_for(admin).get(outcome_url(referral)).status_code == 403
    assert client_for(partner).get(outcome_url(referral)).status_code == 404
    visible = JobReferralFactory()
    assert client_for(partner).get(outcome_url(visible)).status_code == 200
    assert client_for(partner).put(outcome_url(visible)).status_code == 405
