"""Calls that do not finish: abandoned, resumable for 24 hours, then their draft purged."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from registration import services
from registration.constants import CallOutcome
from registration.models import RegistrationCall
from tests.conftest import client_for
from tests.registration.calls import start, through_contact, to_review, url
from workforce.models import User

pytestmark = pytest.mark.django_db


def abandoned(client: Client) -> RegistrationCall:
    call = start(client)
    to_review(client, call)
    assert client.post(url("abandon", call))["Location"] == url("call", call)
    call.refresh_from_db()
    return call


def test_a_caller_who_hangs_up_leaves_an_abandoned_call(casemanager_client: Client) -> None:
    call = abandoned(casemanager_client)
    assert call.outcome == CallOutcome.ABANDONED and call.abandoned_at is not None
    assert casemanager_client.get(url("review", call))["Location"] == url("call", call)
    assert "Resume the call" in casemanager_client.get(url("call", call)).content.decode()


def test_the_same_staff_member_resumes_where_the_call_stopped(casemanager_client: Client) -> None:
    call = abandoned(casemanager_client)
    response = casemanager_client.post(url("resume", call))
    assert response["Location"] == url("review", call)
    call.refresh_from_db()
    assert call.outcome == CallOutcome.IN_PROGRESS and call.draft["username"] == "anndoe75"
    assert casemanager_client.post(url("review", call))["Location"] == url("call", call)
    call.refresh_from_db()
    assert call.outcome == CallOutcome.CREATED


def test_another_staff_member_cannot_resume_a_call(casemanager_client: Client, dvop: User) -> None:
    call = abandoned(casemanager_client)
    assert client_for(dvop).post(url("resume", call)).status_code == 404


def test_after_24_hours_the_draft_is_purged_and_the_call_cannot_resume(
    casemanager_client: Client,
) -> None:
    call = abandoned(casemanager_client)
    call.abandoned_at = timezone.now() - datetime.timedelta(hours=24, minutes=1)
    call.save(update_fields=["abandoned_at"])
    assert services.calls_purge_expired() == 1
    call.refresh_from_db()
    assert call.draft == {} and call.draft_ssn is None and call.draft_ssn_index == ""
    assert call.draft_password_hash == call.draft_secret_answer_hash == ""
    assert call.outcome == CallOutcome.ABANDONED and call.notice_version is not None
    assert call.answers.count() == 3  # the consent record stays
    response = casemanager_client.post(url("resume", call), follow=True)
    assert "can no longer be resumed" in response.content.decode()


def test_a_call_abandoned_less_than_24_hours_ago_is_kept(casemanager_client: Client) -> None:
    call = abandoned(casemanager_client)
    call.abandoned_at = timezone.now() - datetime.timedelta(hours=23, minutes=59)
    call.save(update_fields=["abandoned_at"])
    assert services.calls_purge_expired() == 0
    call.refresh_from_db()
    assert call.draft_ssn == "231456789"


def test_a_call_left_open_for_24_hours_counts_as_abandoned_and_is_purged(
    casemanager_client: Client,
) -> None:
    call = start(casemanager_client)
    through_contact(casemanager_client, call)
    day_ago = timezone.now() - datetime.timedelta(hours=25)
    RegistrationCall.objects.filter(pk=call.pk).update(started_at=day_ago)
    services.calls_purge_expired()
    call.refresh_from_db()
    assert call.outcome == CallOutcome.ABANDONED and call.draft == {}


def test_starting_a_call_purges_expired_drafts(casemanager_client: Client) -> None:
    call = abandoned(casemanager_client)
    call.abandoned_at = timezone.now() - datetime.timedelta(days=2)
    call.save(update_fields=["abandoned_at"])
    start(casemanager_client)
    call.refresh_from_db()
    assert call.draft_ssn is None


def test_the_purge_command_reports_what_it_purged(casemanager_client: Client, capsys) -> None:
    from django.core.management import call_command

    call = abandoned(casemanager_client)
    RegistrationCall.objects.filter(pk=call.pk).update(
        abandoned_at=timezone.now() - datetime.timedelta(days=3)
    )
    call_command("purge_abandoned_calls")
    assert "Purged the drafts of 1 abandoned call" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["abandon", "resume"])
def test_abandon_and_resume_are_post_only(casemanager_client: Client, name: str) -> None:
    call = start(casemanager_client)
    assert casemanager_client.get(url(name, call)).status_code == 405


# --- the purge is audited (issue 14: bulk writes django-auditlog cannot see) ----------------


def call_changes(call: RegistrationCall) -> list[dict]:
    from auditlog.models import LogEntry

    return [entry.changes for entry in LogEntry.objects.get_for_object(call).order_by("pk")]


def test_the_purge_writes_a_change_history_entry_without_the_draft_values(
    casemanager_client: Client,
) -> None:
    call = abandoned(casemanager_client)
    RegistrationCall.objects.filter(pk=call.pk).update(
        abandoned_at=timezone.now() - datetime.timedelta(days=2)
    )
    before = len(call_changes(call))
    services.calls_purge_expired()
    purge = call_changes(call)[before:]
    assert len(purge) == 1
    assert purge[0]["draft_ssn"] == ["changed", "(none)"]
    assert purge[0]["draft_password_hash"] == purge[0]["draft_secret_answer_hash"] == [
        "changed", "(none)",
    ]  # fmt: skip
    assert purge[0]["draft"] == ["changed", "(none)"]  # names and contact: masked
    call.refresh_from_db()
    text = str(purge)
    for secret in ["231456789", "231-45-6789", "6789", "anndoe75"]:
        assert secret not in text


def test_the_purge_records_a_call_left_open_as_abandoned(casemanager_client: Client) -> None:
    call = start(casemanager_client)
    through_contact(casemanager_client, call)
    RegistrationCall.objects.filter(pk=call.pk).update(
        started_at=timezone.now() - datetime.timedelta(hours=25)
    )
    before = len(call_changes(call))
    services.calls_purge_expired()
    closing, purging = call_changes(call)[before:]
    assert closing["outcome"] == [CallOutcome.IN_PROGRESS, CallOutcome.ABANDONED]
    assert purging == {"draft": ["changed", "(none)"]}
