"""Demographics, review and create (seed 000 steps 7-11): one transaction, one account."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.hashers import check_password
from django.test import Client

from registration.constants import CallOutcome
from registration.models import ConfirmationLetter, RegistrationCall, SeekerAccount
from seekers.models import JobSeeker
from services.models import ServiceRecord
from tests.registration.calls import (
    ANSWER,
    DEMOGRAPHICS,
    MAILING,
    PASSWORD,
    every_row,
    start,
    to_review,
    url,
)
from workforce.models import OutboxEmail, User

pytestmark = pytest.mark.django_db


def to_demographics(client: Client) -> RegistrationCall:
    call = start(client)
    to_review(client, call)
    return call


def test_every_demographic_question_needs_an_answer_or_prefers_not(
    casemanager_client: Client,
) -> None:
    call = to_demographics(casemanager_client)
    response = casemanager_client.post(url("demographics", call), {"gender": "female"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Record the caller&#x27;s answer for “Ethnicity”, or “Prefers not to answer”." in body
    assert "Choose at least one race, or “Prefers not to answer”." in body
    assert re.search(r'name="gender" value="female"[^>]*checked', body)  # what was typed stays


def test_several_races_may_be_chosen_but_not_with_prefers_not_to_answer(
    casemanager_client: Client,
) -> None:
    call = to_demographics(casemanager_client)
    data = {**DEMOGRAPHICS, "races": ["asian", "declined"]}
    response = casemanager_client.post(url("demographics", call), data)
    assert response.status_code == 400
    assert "Choose races, or “Prefers not to answer”, not both." in response.content.decode()
    call.refresh_from_db()
    assert call.draft["demographics"]["races"] == ["asian", "white"]  # the saved answers stay


def test_the_staff_only_questions_are_asked_on_the_phone(casemanager_client: Client) -> None:
    call = to_demographics(casemanager_client)
    body = casemanager_client.get(url("demographics", call)).content.decode()
    assert "Staff-only questions" in body and "Displaced homemaker" in body


def test_the_review_shows_the_ssn_masked_and_never_the_password(
    casemanager_client: Client,
) -> None:
    call = to_demographics(casemanager_client)
    body = casemanager_client.get(url("review", call)).content.decode()
    assert "***-**-6789" in body and "231-45-6789" not in body and "231456789" not in body
    assert PASSWORD not in body and ANSWER.lower() not in body.lower()
    assert "anndoe75" in body and "Where did we meet?" in body
    assert "Asian, White" in body and "Prefers not to answer" in body


def test_creating_makes_a_staff_assisted_seeker_with_their_own_login(
    casemanager: User, casemanager_client: Client
) -> None:
    call = start(casemanager_client)
    to_review(casemanager_client, call, contact=MAILING)
    response = casemanager_client.post(url("review", call))
    assert response["Location"] == url("call", call)
    seeker = JobSeeker.objects.get()
    assert (seeker.first_name, seeker.last_name, seeker.account_type) == (
        "Ann", "Doe", "staff_assisted",
    )  # fmt: skip
    assert seeker.ssn == "231456789" and not seeker.ssn_is_pseudo
    assert seeker.state == "MN" and seeker.created_by == casemanager
    assert list(seeker.offices.all()) == [call.office]
    assert [(n.first_name, n.last_name) for n in seeker.other_names.all()] == [("Annie", "Smith")]
    assert seeker.demographics.races == ["asian", "white"] and seeker.demographics.tanf == "no"
    account = SeekerAccount.objects.get(seeker=seeker)
    assert account.username == "anndoe75" and check_password(PASSWORD, account.password)
    assert check_password(ANSWER.lower(), account.secret_answer)
    call.refresh_from_db()
    assert call.outcome == CallOutcome.CREATED and call.seeker == seeker
    assert call.draft == {} and call.draft_ssn is None and call.draft_password_hash == ""


def test_each_other_name_made_at_creation_is_in_the_change_history(
    casemanager_client: Client,
) -> None:
    """Issue 14: rows made at registration are audited one by one (no unseen bulk_create)."""
    from auditlog.models import LogEntry

    call = start(casemanager_client)
    to_review(casemanager_client, call, contact=MAILING)
    casemanager_client.post(url("review", call))
    (name,) = JobSeeker.objects.get().other_names.all()
    (entry,) = LogEntry.objects.get_for_object(name)
    assert entry.action == LogEntry.Action.CREATE
    assert entry.changes["first_name"] == ["None", "Annie"]


def test_creation_records_the_registration_services_credited_to_staff(
    casemanager: User, casemanager_client: Client
) -> None:
    call = to_demographics(casemanager_client)
    casemanager_client.post(url("review", call))
    records = ServiceRecord.objects.select_related("service_type").order_by("service_type__name")
    assert [(r.service_type.name, r.credited_staff) for r in records] == [
        ("Job Search Assistance", casemanager),
        ("Staff Assisted Registration", casemanager),
        ("Staff-Entered Record", casemanager),
    ]
    assert {r.source for r in records} == {f"registration.registrationcall:{call.pk}"}


def test_a_double_submit_creates_one_account(casemanager_client: Client) -> None:
    call = to_demographics(casemanager_client)
    first = casemanager_client.post(url("review", call))
    second = casemanager_client.post(url("review", call))
    assert first["Location"] == second["Location"] == url("call", call)
    assert JobSeeker.objects.count() == SeekerAccount.objects.count() == 1
    assert ServiceRecord.objects.count() == 3 and OutboxEmail.objects.count() == 1


def test_the_call_page_says_account_created_without_the_credentials(
    casemanager_client: Client,
) -> None:
    call = to_demographics(casemanager_client)
    body = casemanager_client.post(url("review", call), follow=True).content.decode()
    assert "Account created" in body and "by email" in body
    assert "anndoe75" not in body and PASSWORD not in body and "Where did we meet?" not in body


def test_a_real_email_gets_the_confirmation_with_the_notice_and_no_credentials(
    casemanager_client: Client,
) -> None:
    call = to_demographics(casemanager_client)
    casemanager_client.post(url("review", call))
    email = OutboxEmail.objects.get()
    assert email.to == "ann.doe@example.com"
    call.refresh_from_db()
    for part in call.notice_version.notice:
        assert part["text"] in email.body
    assert "You can learn more about DEED's data privacy policies online" in email.body
    for secret in ("anndoe75", PASSWORD, "Where did we meet?", ANSWER, ANSWER.lower()):
        assert secret not in email.body and secret not in email.subject
    assert not ConfirmationLetter.objects.exists()


def test_with_no_email_a_letter_waits_in_the_office_queue(casemanager_client: Client) -> None:
    call = start(casemanager_client)
    to_review(casemanager_client, call, contact=MAILING)
    casemanager_client.post(url("review", call))
    letter = ConfirmationLetter.objects.get()
    call.refresh_from_db()
    assert letter.office == call.office and letter.mailed_at is None
    for part in call.notice_version.notice:
        assert part["text"] in letter.body
    for secret in ("anndoe75", PASSWORD, "Where did we meet?", ANSWER, ANSWER.lower()):
        assert secret not in letter.body
    assert "created a job seeker account on your behalf" in letter.body
    assert not OutboxEmail.objects.exists()


def test_no_plaintext_ssn_password_or_answer_is_written_anywhere(
    casemanager_client: Client,
) -> None:
    call = start(casemanager_client)
    to_review(casemanager_client, call)
    secrets = ["231456789", "231-45-6789", PASSWORD, ANSWER.lower(), ANSWER]
    rows_during_call = every_row()
    casemanager_client.post(url("review", call))
    for dump in (rows_during_call, every_row(), str(dict(casemanager_client.session))):
        for secret in secrets:
            assert secret not in dump
