"""Uploaded resumes (PDF/DOCX): stored like documents, renamed or replaced by staff, and
served only through the checked download view."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from seekers.constants import ResumeKind
from seekers.models import JobSeeker, Resume
from tests.casework.casefile.helpers import uploaded, url, written
from tests.factories import JobSeekerFactory
from tests.workforce.test_filestore import (
    EXE_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    docx_bytes,
    stored_files,
    upload,
)
from workforce import filestore
from workforce.constants import AccessAction
from workforce.models import AccessLog, Office, User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path: Path) -> Path:
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT


@pytest.fixture
def seeker(office: Office, partner_office: Office) -> JobSeeker:
    return JobSeekerFactory(first_name="Ann", last_name="Doe", offices=[office, partner_office])


# --- uploading ---------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "name"), [(PDF_BYTES, "cv.pdf"), (docx_bytes(), "cv.docx")])
def test_it_uploads_a_pdf_or_word_resume(
    casemanager_client: Client, seeker: JobSeeker, documents_root: Path, data: bytes, name: str
) -> None:
    response = casemanager_client.post(
        url("resume-upload-add", seeker), {"title": "My CV", "file": upload(data, name)}
    )
    assert response.status_code == 302
    resume = Resume.objects.get()
    assert resume.kind == ResumeKind.UPLOADED and resume.size == len(data)
    [path] = stored_files(documents_root)
    assert path.name == resume.storage_name and path.read_bytes() != data


@pytest.mark.parametrize(("data", "name"), [(PNG_BYTES, "cv.png"), (EXE_BYTES, "cv.pdf")])
def test_it_refuses_other_resume_files(
    casemanager_client: Client, seeker: JobSeeker, documents_root: Path, data: bytes, name: str
) -> None:
    response = casemanager_client.post(
        url("resume-upload-add", seeker), {"title": "My CV", "file": upload(data, name)}
    )
    assert response.status_code == 400
    assert "PDF or Word (DOCX)" in response.content.decode()
    assert not Resume.objects.exists() and stored_files(documents_root) == []


def test_the_upload_form_lists_the_types_and_the_limit(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    body = casemanager_client.get(url("resume-upload", seeker)).content.decode()
    assert 'enctype="multipart/form-data"' in body and "PDF or Word (DOCX), up to 10 MB" in body


def test_a_double_submitted_upload_is_stored_once(
    casemanager_client: Client, seeker: JobSeeker, documents_root: Path
) -> None:
    for _ in range(2):
        casemanager_client.post(
            url("resume-upload-add", seeker), {"title": "My CV", "file": upload(PDF_BYTES)}
        )
    assert Resume.objects.count() == 1 and len(stored_files(documents_root)) == 1


def test_staff_rename_an_uploaded_resume_and_keep_its_file(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    resume = uploaded(seeker, casemanager)
    storage_name = resume.storage_name
    response = casemanager_client.post(url("resume-save", seeker, resume), {"title": "Renamed"})
    assert response.status_code == 302
    resume.refresh_from_db()
    assert resume.title == "Renamed" and resume.storage_name == storage_name


def test_replacing_the_file_removes_the_old_one_once_committed(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker, documents_root: Path,
    django_capture_on_commit_callbacks,
) -> None:  # fmt: skip
    resume = uploaded(seeker, casemanager)
    old = resume.storage_name
    with django_capture_on_commit_callbacks(execute=True):
        response = casemanager_client.post(
            url("resume-save", seeker, resume),
            {"title": "New CV", "file": upload(docx_bytes(), "new.docx")},
        )
    assert response.status_code == 302
    resume.refresh_from_db()
    assert resume.storage_name != old and resume.content_type == filestore.DOCX
    assert [path.name for path in stored_files(documents_root)] == [resume.storage_name]


def test_a_refused_replacement_keeps_the_old_file(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker, documents_root: Path
) -> None:
    resume = uploaded(seeker, casemanager)
    response = casemanager_client.post(
        url("resume-save", seeker, resume), {"title": "New CV", "file": upload(EXE_BYTES)}
    )
    assert response.status_code == 400
    resume.refresh_from_db()
    assert resume.title == "Uploaded resume"
    assert [path.name for path in stored_files(documents_root)] == [resume.storage_name]


def test_the_uploaded_resume_downloads_through_the_checked_view(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    resume = uploaded(seeker, casemanager)
    response = casemanager_client.get(url("resume-download", seeker, resume))
    assert response.status_code == 200 and response.content == PDF_BYTES
    assert response["Content-Disposition"] == 'attachment; filename="resume.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Security-Policy"].startswith("sandbox")
    log = AccessLog.objects.get()
    assert (log.action, log.seeker_id, log.outcome) == (
        AccessAction.RESUME_DOWNLOAD, seeker.pk, f"resume {resume.pk}",
    )  # fmt: skip


def test_a_written_resume_has_no_file_to_download(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    resume = written(seeker, casemanager)
    assert casemanager_client.get(url("resume-download", seeker, resume)).status_code == 404
    assert not AccessLog.objects.exists()
