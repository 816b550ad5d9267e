"""No plaintext uploads in the temporary directory, and a cap on every request body (issue 14,
ASVS 5.0 V5.2.1 / V5.2.3 file size, V14.2 sensitive data not in temporary files)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from seekers.models import JobSeeker, SeekerDocument
from tests.factories import JobSeekerFactory
from tests.workforce.test_filestore import PDF_BYTES
from workforce.models import Office

pytestmark = pytest.mark.django_db

# Every file the process opens while `_watching` is set: an audit hook sees os.open itself,
# which is how tempfile creates an upload's temporary file. Hooks cannot be removed, so
# this one is installed once and only records while a test asks it to.
_opened: list[str] = []
_watching: list[bool] = []


def _audit(event: str, args: tuple) -> None:
    if _watching and event == "open" and isinstance(args[0], str | bytes | Path):
        _opened.append(str(args[0]))


sys.addaudithook(_audit)


@pytest.fixture
def temp_dir(settings, tmp_path: Path) -> Path:
    """Uploads spooled to disk would land here; any file small enough would spool."""
    folder = tmp_path / "upload-temp"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1000
    return folder


def _files_opened_in(folder: Path, send: callable) -> tuple[object, list[str]]:
    _opened.clear()
    _watching.append(True)
    try:
        response = send()
    finally:
        _watching.clear()
    return response, [path for path in _opened if path.startswith(str(folder))]


def test_a_file_posted_to_a_page_that_takes_none_is_refused_unspooled(
    casemanager_client: Client, temp_dir: Path
) -> None:
    secret = b"%PDF-1.4 " + b"231-45-6789 " * 10_000  # 120 kB, far over the memory size
    data = {"q": "Larsen", "scope": "all", "attachment": SimpleUploadedFile("ssn.pdf", secret)}
    response, opened = _files_opened_in(
        temp_dir, lambda: casemanager_client.post(reverse("seekers:search"), data)
    )
    assert response.status_code == 415
    assert "This page does not take files" in response.content.decode()
    assert opened == [] and list(temp_dir.iterdir()) == []


def test_a_multipart_form_without_files_still_works(casemanager_client: Client) -> None:
    JobSeekerFactory(last_name="Larsen")
    # The test client, like a browser form with enctype="multipart/form-data", sends multipart.
    response = casemanager_client.post(reverse("seekers:search"), {"q": "Larsen", "scope": "all"})
    assert response.request["CONTENT_TYPE"].startswith("multipart/form-data")
    assert response.status_code == 302


def test_an_oversized_body_gets_413_not_500(casemanager_client: Client, settings) -> None:
    too_big = "q=" + "a" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = casemanager_client.post(
        reverse("seekers:search"), too_big, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert "That was too much to send" in response.content.decode()


def test_an_upload_body_over_the_document_limit_gets_413(
    casemanager_client: Client, settings, office: Office, tmp_path: Path
) -> None:
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    settings.DOCUMENT_MAX_BYTES = 1000  # the body may carry 1 MB more: fields and boundaries
    seeker: JobSeeker = JobSeekerFactory(offices=[office])
    big = SimpleUploadedFile("letter.pdf", PDF_BYTES + bytes(1024 * 1024 + 1000))
    response = casemanager_client.post(
        reverse("casework:document-add", args=[seeker.pk]),
        {"category": "layoff", "title": "Letter", "file": big},
    )
    assert response.status_code == 413 and not SeekerDocument.objects.exists()


def test_a_file_endpoint_still_takes_its_file_in_memory(
    casemanager_client: Client, settings, office: Office, tmp_path: Path, temp_dir: Path
) -> None:
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    seeker: JobSeeker = JobSeekerFactory(offices=[office])
    letter = SimpleUploadedFile("letter.pdf", PDF_BYTES + bytes(50_000))
    response, opened = _files_opened_in(temp_dir, lambda: casemanager_client.post(
        reverse("casework:document-add", args=[seeker.pk]),
        {"category": "layoff", "title": "Letter", "file": letter},
    ))  # fmt: skip
    assert response.status_code == 302 and SeekerDocument.objects.count() == 1
    assert opened == []
