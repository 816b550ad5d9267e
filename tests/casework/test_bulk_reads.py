"""Hourly limits on bulk reads (issue 14, ASVS 5.0 V2.4.1 anti-automation): full-SSN reveals
and file downloads per user per hour; past the limit a 429 page and an alert row that
supervisors and administrators see on the access log."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casework.casefile import services
from seekers.constants import DocumentCategory
from seekers.models import JobSeeker
from tests.casework.casefile.helpers import uploaded as resume_uploaded
from tests.casework.casefile.helpers import url as resume_url
from tests.conftest import audit_rows_backdate, client_for
from tests.factories import JobSeekerFactory
from tests.workforce.test_filestore import PDF_BYTES, upload
from workforce.constants import AccessAction
from workforce.models import AccessLog, Office, User

pytestmark = pytest.mark.django_db

LIMIT = 3


@pytest.fixture(autouse=True)
def small_limits(settings, tmp_path: Path) -> None:
    settings.SSN_REVEALS_PER_HOUR = LIMIT
    settings.FILE_DOWNLOADS_PER_HOUR = LIMIT
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return JobSeekerFactory(ssn="231-45-6789", offices=[office])


def reveal(client: Client, seeker: JobSeeker, **headers: str) -> object:
    return client.post(reverse("casework:reveal-ssn", args=[seeker.pk]), **headers)


def alerts() -> list[AccessLog]:
    return list(AccessLog.objects.filter(action=AccessAction.LIMIT_REACHED))


def test_reveals_up_to_the_limit_pass_and_the_next_is_refused(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    for _ in range(LIMIT):
        response = reveal(casemanager_client, seeker)
        assert response.status_code == 200 and "231-45-6789" in response.content.decode()
    assert not alerts()
    refused = reveal(casemanager_client, seeker)
    body = refused.content.decode()
    assert refused.status_code == 429
    assert f"You have reached the limit of {LIMIT} SSN reveals an hour" in body
    assert "231-45-6789" not in body and 0 < int(refused["Retry-After"]) <= 3600
    assert refused["Cache-Control"] == "no-store"
    assert AccessLog.objects.filter(action=AccessAction.SSN_REVEAL).count() == LIMIT
    [alert] = alerts()
    assert alert.seeker_id == seeker.pk and alert.outcome == f"SSN reveals: {LIMIT} per hour"


def test_the_refusal_reaches_an_htmx_reveal_as_a_message(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    AccessLog.objects.bulk_create(
        AccessLog(user_id=casemanager_client.session["_auth_user_id"],
                  action=AccessAction.SSN_REVEAL, seeker_id=seeker.pk)
        for _ in range(LIMIT)
    )  # fmt: skip
    refused = reveal(casemanager_client, seeker, HTTP_HX_REQUEST="true")
    assert refused.status_code == 429 and "<html" not in refused.content.decode()
    assert 'role="alert"' in refused.content.decode() and len(alerts()) == 1


def test_reveals_older_than_an_hour_do_not_count(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    for _ in range(LIMIT):
        reveal(casemanager_client, seeker)
    audit_rows_backdate(AccessLog.objects.all(), at=timezone.now() - datetime.timedelta(minutes=61))
    assert reveal(casemanager_client, seeker).status_code == 200


def test_the_limit_is_per_user(casemanager_client: Client, dvop: User, seeker: JobSeeker) -> None:
    for _ in range(LIMIT):
        reveal(casemanager_client, seeker)
    assert reveal(client_for(dvop), seeker).status_code == 200


def test_document_and_resume_downloads_count_together(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    document, _ = services.document_upload(
        seeker=seeker, category=DocumentCategory.LAYOFF, title="Layoff letter",
        upload=upload(PDF_BYTES, "letter.pdf"), actor=casemanager,
    )  # fmt: skip
    resume = resume_uploaded(seeker, casemanager)
    document_url = reverse("casework:document-download", args=[seeker.pk, document.pk])
    urls = [document_url, resume_url("resume-download", seeker, resume), document_url]
    for url in urls:  # LIMIT downloads
        assert casemanager_client.get(url).status_code == 200
    refused = casemanager_client.get(resume_url("resume-download", seeker, resume))
    assert refused.status_code == 429 and refused.content != PDF_BYTES
    assert "file downloads an hour" in refused.content.decode()
    assert [a.outcome for a in alerts()] == [f"file downloads: {LIMIT} per hour"]


def test_supervisors_see_the_alert_on_the_access_log(
    casemanager_client: Client, supervisor_client: Client, seeker: JobSeeker
) -> None:
    before = supervisor_client.get(reverse("audit-access")).content.decode()
    assert "Alerts in the last" not in before
    for _ in range(LIMIT + 1):
        reveal(casemanager_client, seeker)
    page = supervisor_client.get(reverse("audit-access")).content.decode()
    assert "Alerts in the last 7 days" in page
    assert f"casemanager, SSN reveals: {LIMIT} per hour" in page
    assert "ALERT: hourly limit reached, refused" in page
