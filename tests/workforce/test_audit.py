"""Changes are audited with SSNs and passwords masked; sensitive reads go to the access log."""

from __future__ import annotations

import json

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from seekers.models import JobSeeker
from tests.factories import AccessLogFactory, JobSeekerFactory
from workforce.constants import AccessAction
from workforce.models import AccessLog, User
from workforce.urlids import id_encode

pytestmark = pytest.mark.django_db


def entries_for(obj: object) -> list[LogEntry]:
    return list(LogEntry.objects.get_for_object(obj).order_by("timestamp"))


def test_an_ssn_change_is_logged_without_the_old_or_new_ssn(casemanager: User) -> None:
    seeker = JobSeekerFactory(ssn="231-45-6789")
    seeker.set_ssn("987-65-4321")  # a pseudo-SSN the caller chose
    seeker.save()
    entry = entries_for(seeker)[-1]
    text = json.dumps(entry.changes) + str(entry.changes_text) + entry.object_repr
    for secret in ["231456789", "231-45-6789", "6789", "987654321", "4321"]:
        assert secret not in text
    stored = JobSeeker.objects.filter(pk=seeker.pk).values_list("ssn_index", flat=True)[0]
    assert stored not in text
    assert entry.changes["ssn"] == ["changed", "changed"]
    assert entry.changes["ssn_last4"] == ["changed", "changed"]


def test_adding_an_ssn_shows_it_was_absent_before(casemanager: User) -> None:
    seeker = JobSeekerFactory(ssn=False)
    seeker.set_ssn("231-45-6789")
    seeker.save()
    assert entries_for(seeker)[-1].changes["ssn"] == ["(none)", "changed"]


def test_a_password_change_is_logged_as_changed(casemanager: User) -> None:
    old_hash = casemanager.password
    casemanager.set_password("a-new-long-password")
    casemanager.save()
    entry = entries_for(casemanager)[-1]
    assert entry.changes["password"] == ["changed", "changed"]
    assert old_hash not in json.dumps(entry.changes)
    assert casemanager.password not in json.dumps(entry.changes)


def test_a_name_change_is_logged_with_its_values(casemanager: User) -> None:
    seeker = JobSeekerFactory(last_name="Larsen")
    seeker.last_name = "Larson"
    seeker.save(update_fields=["last_name"])
    assert entries_for(seeker)[-1].changes["last_name"] == ["Larsen", "Larson"]


def test_supervisors_read_the_change_history_without_ssns(supervisor_client: Client) -> None:
    seeker = JobSeekerFactory(ssn="231-45-6789")
    seeker.set_ssn("222-33-4444")
    seeker.save()
    response = supervisor_client.get(reverse("audit-changes"))
    assert response.status_code == 200
    body = response.content.decode()
    assert f"#{seeker.public_id}" in body and "changed" in body  # the token, not the key
    for secret in ["231-45-6789", "231456789", "222-33-4444", "222334444"]:
        assert secret not in body


def test_supervisors_read_the_access_log(supervisor_client: Client, casemanager: User) -> None:
    AccessLogFactory(user=casemanager, seeker_id=4242, action=AccessAction.SSN_REVEAL)
    response = supervisor_client.get(reverse("audit-access"))
    assert response.status_code == 200
    body = response.content.decode()  # the seeker by their public id (the URL token)
    assert "SSN revealed" in body and f">{id_encode(4242)}</a>" in body and "4242" not in body


@pytest.mark.parametrize("name", ["audit-changes", "audit-access"])
def test_case_managers_and_partners_cannot_read_audit_pages(
    name: str, casemanager_client: Client, partner_client: Client
) -> None:
    assert casemanager_client.get(reverse(name)).status_code == 403
    assert partner_client.get(reverse(name)).status_code == 403


def test_an_ssn_reveal_is_written_to_the_access_log_without_the_ssn(
    casemanager: User, casemanager_client: Client
) -> None:
    seeker = JobSeekerFactory(ssn="231-45-6789")
    response = casemanager_client.post(
        reverse("casework:reveal-ssn", args=[seeker.pk]), REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 200
    assert "231-45-6789" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    row = AccessLog.objects.get()
    assert (row.user, row.action, row.seeker_id) == (
        casemanager,
        AccessAction.SSN_REVEAL,
        seeker.pk,
    )
    assert row.ip_address == "10.1.2.3"
    assert "6789" not in row.outcome


def test_error_reports_hide_ssns_in_post_data_and_local_variables(rf: object) -> None:
    import sys

    from django.views.debug import ExceptionReporter

    request = rf.post("/seekers/", {"ssn": "231-45-6789", "secret_answer": "Rex", "city": "Blaine"})
    request.user = None
    try:
        ssn = "231-45-6789"  # noqa: F841 (a local variable the report must hide)
        raise ValueError("boom")
    except ValueError:
        report = ExceptionReporter(request, *sys.exc_info()).get_traceback_text()
    assert "231-45-6789" not in report and "Rex" not in report
    assert "Blaine" in report  # ordinary fields stay readable for debugging


def test_error_reports_keep_hiding_cookies_and_authorization(rf: object) -> None:
    import sys

    from django.views.debug import ExceptionReporter

    request = rf.get("/", HTTP_COOKIE="sessionid=abc123secret", HTTP_AUTHORIZATION="Bearer tok-999")
    request.user = None
    try:
        raise ValueError("boom")
    except ValueError:
        report = ExceptionReporter(request, *sys.exc_info()).get_traceback_text()
    assert "abc123secret" not in report and "tok-999" not in report
