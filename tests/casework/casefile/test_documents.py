"""Documents: uploaded within a size limit and allowed types (by their bytes), stored encrypted
outside the web root, served only through a permission-checked, access-logged download."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from casework.casefile import services
from seekers.constants import DocumentCategory
from seekers.models import JobSeeker, SeekerDocument
from tests.conftest import client_for
from tests.factories import JobSeekerFactory, SeekerDocumentFactory
from tests.workforce.test_filestore import (
    EXE_BYTES,
    HTML_BYTES,
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    docx_bytes,
    plain_zip_bytes,
    stored_files,
    upload,
    xlsx_bytes,
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


def new_url(seeker: JobSeeker) -> str:
    return reverse("casework:document-new", args=[seeker.pk])


def add_url(seeker: JobSeeker) -> str:
    return reverse("casework:document-add", args=[seeker.pk])


def download_url(seeker: JobSeeker, document: SeekerDocument) -> str:
    return reverse("casework:document-download", args=[seeker.pk, document.pk])


def post(client: Client, seeker: JobSeeker, data: bytes = PDF_BYTES, name: str = "dd214.pdf",
         **fields: object) -> object:  # fmt: skip
    form = {"category": DocumentCategory.MILITARY, "title": "DD-214",
            "file": upload(data, name), **fields}  # fmt: skip
    return client.post(add_url(seeker), form)


def uploaded(seeker: JobSeeker, actor: User, data: bytes = PDF_BYTES,
             title: str = "Layoff letter") -> SeekerDocument:  # fmt: skip
    document, _ = services.document_upload(
        seeker=seeker, category=DocumentCategory.LAYOFF, title=title,
        upload=upload(data, "letter.pdf"), actor=actor,
    )  # fmt: skip
    return document


# --- access ------------------------------------------------------------------------------


def test_it_sends_anonymous_visitors_to_sign_in(casemanager: User, seeker: JobSeeker) -> None:
    document = uploaded(seeker, casemanager)
    for response in (
        Client().get(new_url(seeker)),
        post(Client(), seeker),
        Client().get(download_url(seeker, document)),
    ):
        assert response.status_code == 302 and reverse("login") in response["Location"]
    assert SeekerDocument.objects.count() == 1 and not AccessLog.objects.exists()


def test_it_refuses_administrators(admin: User, casemanager: User, seeker: JobSeeker) -> None:
    document = uploaded(seeker, casemanager)
    client = client_for(admin)
    assert client.get(new_url(seeker)).status_code == 403
    assert post(client, seeker).status_code == 403
    assert client.get(download_url(seeker, document)).status_code == 403
    assert SeekerDocument.objects.count() == 1 and not AccessLog.objects.exists()


def test_the_add_url_is_post_only(casemanager_client: Client, seeker: JobSeeker) -> None:
    assert casemanager_client.get(add_url(seeker)).status_code == 405


def test_the_form_and_the_download_are_get_only(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    document = uploaded(seeker, casemanager)
    assert casemanager_client.post(new_url(seeker)).status_code == 405
    assert casemanager_client.post(download_url(seeker, document)).status_code == 405
    assert not AccessLog.objects.exists()


def test_partner_staff_get_404_for_an_opted_out_seeker(partner: User, seeker: JobSeeker) -> None:
    document = uploaded(seeker, partner)  # uploaded before the seeker opted out
    seeker.opted_out = True
    seeker.save(update_fields=["opted_out"])
    client = client_for(partner)
    assert client.get(new_url(seeker)).status_code == 404
    assert post(client, seeker, title="Another").status_code == 404
    assert client.get(download_url(seeker, document)).status_code == 404
    assert SeekerDocument.objects.count() == 1 and not AccessLog.objects.exists()


def test_another_seekers_document_id_is_404(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    other = JobSeekerFactory()
    document = uploaded(other, casemanager)
    assert casemanager_client.get(download_url(seeker, document)).status_code == 404
    assert not AccessLog.objects.exists()


# --- uploading ---------------------------------------------------------------------------


def test_the_form_is_multipart_and_lists_the_types_and_the_limit(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    body = casemanager_client.get(new_url(seeker)).content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert "PDF, PNG image, JPEG image or Word (DOCX), up to 10 MB" in body
    assert 'aria-describedby="id_file_hint"' in body


@pytest.mark.parametrize(
    ("data", "name", "content_type"),
    [
        (PDF_BYTES, "dd214.pdf", filestore.PDF),
        (PNG_BYTES, "id-card.png", filestore.PNG),
        (JPEG_BYTES, "id-card.jpg", filestore.JPEG),
        (docx_bytes(), "letter.docx", filestore.DOCX),
    ],
)
def test_it_accepts_the_allowed_types(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker, documents_root: Path,
    data: bytes, name: str, content_type: str,
) -> None:  # fmt: skip
    response = post(casemanager_client, seeker, data, name)
    assert response.status_code == 302
    assert response["Location"].endswith("#documents")
    document = SeekerDocument.objects.get()
    assert (document.seeker, document.uploaded_by) == (seeker, casemanager)
    assert (document.content_type, document.size, document.original_name) == (
        content_type, len(data), name,
    )  # fmt: skip
    assert [path.name for path in stored_files(documents_root)] == [document.storage_name]


def test_the_stored_file_is_encrypted_not_the_plaintext(
    casemanager_client: Client, seeker: JobSeeker, documents_root: Path
) -> None:
    post(casemanager_client, seeker, docx_bytes("Synthetic discharge papers"), "dd214.docx")
    [path] = stored_files(documents_root)
    stored = path.read_bytes()
    assert stored != docx_bytes("Synthetic discharge papers") and not stored.startswith(b"PK")
    assert b"Synthetic" not in stored and b"dd214" not in path.name.encode()


def test_the_stored_files_are_not_in_any_static_folder(
    casemanager_client: Client, seeker: JobSeeker, documents_root: Path
) -> None:
    post(casemanager_client, seeker)
    [path] = stored_files(documents_root)
    for public in [*filestore.public_dirs(), Path(django_settings.BASE_DIR, "static").resolve()]:
        assert public not in path.resolve().parents
    static = django_settings.STATIC_URL.strip("/")
    assert casemanager_client.get(f"/{static}/{path.name}").status_code == 404
    assert casemanager_client.get(f"/{static}/{path.parent.name}/{path.name}").status_code == 404


def test_it_refuses_a_file_over_the_limit_and_writes_nothing(
    settings, casemanager_client: Client, seeker: JobSeeker, documents_root: Path
) -> None:
    settings.DOCUMENT_MAX_BYTES = 2 * 1024 * 1024
    response = post(casemanager_client, seeker, PDF_BYTES + bytes(2 * 1024 * 1024))
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_file_error"' in body and "larger than 2 MB" in body
    assert not SeekerDocument.objects.exists()
    assert stored_files(documents_root) == []


def test_an_over_size_upload_is_dropped_while_it_arrives(
    settings, monkeypatch: pytest.MonkeyPatch, casemanager_client: Client, seeker: JobSeeker
) -> None:
    settings.DOCUMENT_MAX_BYTES = 256 * 1024
    monkeypatch.setattr(services, "document_upload", lambda **kwargs: pytest.fail("reached"))
    response = post(casemanager_client, seeker, PDF_BYTES + bytes(1024 * 1024))
    assert response.status_code == 400
    assert "larger than 256 KB" in response.content.decode()


def test_an_upload_is_kept_in_memory_never_in_a_plaintext_temporary_file(
    monkeypatch: pytest.MonkeyPatch, casemanager_client: Client, seeker: JobSeeker
) -> None:
    received, upload_document = [], services.document_upload

    def spy(**kwargs: object) -> object:
        received.append(kwargs["upload"])
        return upload_document(**kwargs)

    monkeypatch.setattr(services, "document_upload", spy)
    data = PDF_BYTES + bytes(3 * 1024 * 1024)  # over FILE_UPLOAD_MAX_MEMORY_SIZE
    assert post(casemanager_client, seeker, data).status_code == 302
    assert isinstance(received[0], InMemoryUploadedFile)


def test_the_upload_still_needs_its_csrf_token(casemanager: User, seeker: JobSeeker) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(casemanager)
    assert post(client, seeker).status_code == 403
    assert not SeekerDocument.objects.exists()


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (EXE_BYTES, "dd214.pdf"),
        (HTML_BYTES, "dd214.pdf"),
        (plain_zip_bytes(), "letter.docx"),
        (xlsx_bytes(), "letter.docx"),
        (b"", "empty.pdf"),
    ],
    ids=["exe-named-pdf", "html-named-pdf", "zip-named-docx", "xlsx-named-docx", "empty"],
)
def test_it_refuses_other_types_whatever_their_name(
    casemanager_client: Client, seeker: JobSeeker, documents_root: Path, data: bytes, name: str
) -> None:
    response = post(casemanager_client, seeker, data, name)
    assert response.status_code == 400
    assert 'id="id_file_error"' in response.content.decode()
    assert not SeekerDocument.objects.exists()
    assert stored_files(documents_root) == []


def test_it_refuses_a_missing_title_and_kind_and_stores_no_file(
    casemanager_client: Client, seeker: JobSeeker, documents_root: Path
) -> None:
    response = post(casemanager_client, seeker, category="", title=" ")
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_category_error"' in body and 'id="id_title_error"' in body
    assert not SeekerDocument.objects.exists() and stored_files(documents_root) == []


def test_a_post_without_a_file_is_refused(casemanager_client: Client, seeker: JobSeeker) -> None:
    response = casemanager_client.post(add_url(seeker), {"category": "other", "title": "ID"})
    assert response.status_code == 400
    assert "Choose a file to upload." in response.content.decode()


def test_a_double_submitted_upload_is_stored_once(
    casemanager_client: Client, seeker: JobSeeker, documents_root: Path
) -> None:
    assert post(casemanager_client, seeker).status_code == 302
    assert post(casemanager_client, seeker).status_code == 302
    assert SeekerDocument.objects.count() == 1
    assert len(stored_files(documents_root)) == 1


def test_a_failed_insert_leaves_no_file(
    monkeypatch: pytest.MonkeyPatch, casemanager: User, seeker: JobSeeker, documents_root: Path
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise IntegrityError("simulated")

    monkeypatch.setattr(SeekerDocument, "save", fail)
    with pytest.raises(IntegrityError):
        uploaded(seeker, casemanager)
    assert stored_files(documents_root) == []


# --- the list and the download -----------------------------------------------------------


def test_the_section_lists_documents_with_a_download_link(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    document = uploaded(seeker, casemanager, title="Layoff letter from a synthetic mill")
    body = casemanager_client.get(reverse("casework:detail", args=[seeker.pk])).content.decode()
    assert 'id="documents"' in body and "Layoff letter from a synthetic mill" in body
    assert f'href="{download_url(seeker, document)}"' in body
    assert document.storage_name not in body


def test_administrators_see_no_download_link(
    admin: User, casemanager: User, seeker: JobSeeker
) -> None:
    document = uploaded(seeker, casemanager)
    body = client_for(admin).get(reverse("casework:detail", args=[seeker.pk])).content.decode()
    assert download_url(seeker, document) not in body


def test_the_download_is_an_attachment_the_browser_must_not_render(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    document = uploaded(seeker, casemanager)
    response = casemanager_client.get(download_url(seeker, document))
    assert response.status_code == 200
    assert response.content == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="letter.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Security-Policy"].startswith("sandbox")


def test_the_download_name_is_made_safe(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    document, _ = services.document_upload(
        seeker=seeker, category="other", title="ID", actor=casemanager,
        upload=upload(PNG_BYTES, 'x";\r\nSet-Cookie: a=b;.html'),
    )  # fmt: skip
    disposition = casemanager_client.get(download_url(seeker, document))["Content-Disposition"]
    assert disposition.startswith("attachment; filename=") and disposition.endswith('.png"')
    assert "\n" not in disposition and "Set-Cookie:" not in disposition


def test_every_download_writes_one_access_log_row(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    document = uploaded(seeker, casemanager, title="Secret-sounding title")
    casemanager_client.get(download_url(seeker, document))
    log = AccessLog.objects.get()
    assert (log.user, log.action, log.seeker_id) == (
        casemanager, AccessAction.DOCUMENT_DOWNLOAD, seeker.pk,
    )  # fmt: skip
    assert log.outcome == f"document {document.pk}" and "Secret" not in log.outcome
    casemanager_client.get(download_url(seeker, document))
    assert AccessLog.objects.count() == 2


def test_partner_staff_download_documents_of_seekers_they_see(
    partner: User, casemanager: User, seeker: JobSeeker
) -> None:
    document = uploaded(seeker, casemanager)
    response = client_for(partner).get(download_url(seeker, document))
    assert response.status_code == 200 and response.content == PDF_BYTES
    assert AccessLog.objects.get().user == partner


def test_a_missing_stored_file_is_404_not_an_error(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    document = SeekerDocumentFactory(seeker=seeker, storage_name="b" * 64)
    assert casemanager_client.get(download_url(seeker, document)).status_code == 404
    assert not AccessLog.objects.exists()
