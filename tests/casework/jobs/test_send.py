"""Send to seeker (seed 001): the posting goes into an outbox email; no service is recorded."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from casework.jobs.services import send_token
from seekers.constants import PostingStatus
from seekers.models import JobPosting, JobPostingSent, JobSeeker
from services.models import ServiceRecord
from tests.conftest import client_for
from tests.factories import JobPostingFactory, JobSeekerFactory
from workforce.models import OutboxEmail, User

pytestmark = pytest.mark.django_db


def send_url(seeker: JobSeeker, posting: JobPosting) -> str:
    return reverse("casework:job-send", args=[seeker.pk, posting.pk])


def send(
    client: Client, seeker: JobSeeker, posting: JobPosting, token: str | None = None
) -> object:
    token = send_token(seeker=seeker, posting=posting) if token is None else token
    return client.post(send_url(seeker, posting), {"form_token": token})


@pytest.fixture
def seeker() -> JobSeeker:
    return JobSeekerFactory(
        first_name="Rosa", last_name="Quillfeather", email="rosa.q@example.com",
        ssn="231-45-6789", phone="6125550142", date_of_birth=datetime.date(1985, 3, 14),
    )  # fmt: skip


@pytest.fixture
def posting() -> JobPosting:
    return JobPostingFactory(
        title="Forklift Operator", city="Mankato", wage="$21 to $24 an hour",
        description="Move pallets on second shift.",
    )  # fmt: skip


def test_it_puts_the_posting_in_an_outbox_email_to_the_seeker(
    casemanager: User, casemanager_client: Client, seeker: JobSeeker, posting: JobPosting
) -> None:
    response = send(casemanager_client, seeker, posting)
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:detail", args=[seeker.pk]) + "#jobs"
    email = OutboxEmail.objects.get()
    assert (email.to, email.purpose) == ("rosa.q@example.com", "job_posting")
    assert email.subject == f"Job opening: Forklift Operator at {posting.employer.name}"
    office = casemanager.current_office.name
    for text in ("Hello Rosa,", "Forklift Operator", posting.employer.name, "Mankato, MN",
                 "$21 to $24 an hour", "Move pallets on second shift.",
                 f"mention job posting number {posting.pk}", office):  # fmt: skip
        assert text in email.body, text
    sent = JobPostingSent.objects.get()
    assert (sent.seeker, sent.posting, sent.sent_by) == (seeker, posting, casemanager)


def test_the_email_holds_no_personal_data_beyond_the_first_name(
    casemanager_client: Client, seeker: JobSeeker, posting: JobPosting
) -> None:
    send(casemanager_client, seeker, posting)
    email = OutboxEmail.objects.get()
    text = email.subject + email.body
    for secret in ("Quillfeather", "231-45-6789", "231456789", "6789", "5550142", "1985",
                   "03/14", "rosa.q@example.com", str(seeker.pk) + " "):  # fmt: skip
        assert secret not in text, secret


def test_sending_records_no_service(
    casemanager_client: Client, seeker: JobSeeker, posting: JobPosting
) -> None:
    send(casemanager_client, seeker, posting)
    assert JobPostingSent.objects.count() == 1
    assert not ServiceRecord.objects.filter(seeker=seeker).exists()


def test_a_double_submitted_send_sends_once(
    casemanager_client: Client, seeker: JobSeeker, posting: JobPosting
) -> None:
    token = send_token(seeker=seeker, posting=posting)
    send(casemanager_client, seeker, posting, token)
    response = send(casemanager_client, seeker, posting, token)
    assert response.status_code == 302
    assert OutboxEmail.objects.count() == 1 and JobPostingSent.objects.count() == 1
    page = casemanager_client.get(response["Location"]).content.decode()
    assert "was already sent to Rosa Quillfeather" in page and "it was not sent again" in page


def test_a_page_shown_again_may_send_the_posting_again(
    casemanager_client: Client, seeker: JobSeeker, posting: JobPosting
) -> None:
    send(casemanager_client, seeker, posting)
    send(casemanager_client, seeker, posting)  # a fresh token: staff chose to send it again
    assert OutboxEmail.objects.count() == 2 and JobPostingSent.objects.count() == 2


@pytest.mark.parametrize("email", ["", "   "])
def test_it_refuses_a_seeker_with_no_email(
    casemanager_client: Client, posting: JobPosting, email: str
) -> None:
    seeker = JobSeekerFactory(first_name="Ann", last_name="Doe", email=email)
    response = send(casemanager_client, seeker, posting)
    assert response.status_code == 400
    assert (
        "Ann Doe has no email on record: read the posting to them or mail it."
        in response.content.decode()
    )
    assert not OutboxEmail.objects.exists() and not JobPostingSent.objects.exists()


def test_it_refuses_the_placeholder_email(casemanager_client: Client, posting: JobPosting) -> None:
    placeholder = settings.REGISTRATION_PLACEHOLDER_EMAIL
    seeker = JobSeekerFactory(first_name="Ann", last_name="Doe", email=placeholder.upper())
    response = send(casemanager_client, seeker, posting)
    body = response.content.decode()
    assert response.status_code == 400
    assert f"only the placeholder address {placeholder.lower()}" in body
    assert "read the posting to them or mail it" in body
    assert not OutboxEmail.objects.exists() and not JobPostingSent.objects.exists()


def test_the_pages_do_not_offer_send_when_there_is_no_email(
    casemanager_client: Client, posting: JobPosting
) -> None:
    seeker = JobSeekerFactory(email="")
    url = reverse("casework:job-posting", args=[seeker.pk, posting.pk])
    assert send_url(seeker, posting) not in casemanager_client.get(url).content.decode()
    search = reverse("casework:job-search", args=[seeker.pk])
    body = casemanager_client.get(search, {"keywords": "pallets"}).content.decode()
    assert "no email on record" in body and send_url(seeker, posting) not in body


def test_a_closed_posting_is_not_sent(casemanager_client: Client, seeker: JobSeeker) -> None:
    posting = JobPostingFactory(status=PostingStatus.CLOSED)
    response = send(casemanager_client, seeker, posting)
    assert response.status_code == 400
    assert "This posting is closed" in response.content.decode()
    assert not OutboxEmail.objects.exists()


@pytest.mark.parametrize("token", ["", "damaged", "x" * 600])
def test_a_missing_or_damaged_token_is_refused(
    casemanager_client: Client, seeker: JobSeeker, posting: JobPosting, token: str
) -> None:
    response = send(casemanager_client, seeker, posting, token)
    assert response.status_code == 400
    assert "open the posting again, then send it" in response.content.decode()
    assert not OutboxEmail.objects.exists()


def test_a_token_of_another_posting_is_refused(
    casemanager_client: Client, seeker: JobSeeker, posting: JobPosting
) -> None:
    other = send_token(seeker=seeker, posting=JobPostingFactory())
    assert send(casemanager_client, seeker, posting, other).status_code == 400
    assert not OutboxEmail.objects.exists()


def test_a_posting_holding_an_ssn_lookalike_is_never_emailed(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    posting = JobPostingFactory(description="Reference 123-45-6789 when you apply.")
    response = send(casemanager_client, seeker, posting)
    assert response.status_code == 400
    assert "looks like a Social Security number" in response.content.decode()
    assert not OutboxEmail.objects.exists() and not JobPostingSent.objects.exists()


def test_send_is_post_only(
    casemanager_client: Client, seeker: JobSeeker, posting: JobPosting
) -> None:
    assert casemanager_client.get(send_url(seeker, posting)).status_code == 405


def test_send_roles(admin: User, partner: User, posting: JobPosting) -> None:
    seeker = JobSeekerFactory()
    assert send(Client(), seeker, posting).status_code == 302  # to sign in
    assert send(client_for(admin), seeker, posting).status_code == 403
    assert send(client_for(partner), JobSeekerFactory(opted_out=True), posting).status_code == 404
    assert not OutboxEmail.objects.exists()
    assert send(client_for(partner), seeker, posting).status_code == 302
    assert OutboxEmail.objects.count() == 1
