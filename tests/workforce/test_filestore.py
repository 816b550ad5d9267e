"""The encrypted file store: the type is what the bytes say, the bytes are stored encrypted,
privately, and re-encrypted when the key rotates.

The sample builders here are reused by the casefile's notes, documents and resumes tests.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from workforce import filestore

# --- samples (synthetic bytes, built here) ------------------------------------------------

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(48)
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(40)
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200)
HTML_BYTES = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
SHEET_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def _zip(entries: list[tuple[str, str]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in entries:
            archive.writestr(name, text)
    return buffer.getvalue()


def _content_types(part: str, main: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{main}"/></Types>'
    )


def docx_bytes(text: str = "Resume of a synthetic job seeker") -> bytes:
    return _zip([
        ("[Content_Types].xml", _content_types("word/document.xml", WORD_MAIN)),
        ("_rels/.rels", "<Relationships/>"),
        ("word/document.xml", f"<w:document><w:body><w:p>{text}</w:p></w:body></w:document>"),
    ])  # fmt: skip


def xlsx_bytes() -> bytes:
    return _zip([
        ("[Content_Types].xml", _content_types("xl/workbook.xml", SHEET_MAIN)),
        ("_rels/.rels", "<Relationships/>"),
        ("xl/workbook.xml", "<workbook/>"),
    ])  # fmt: skip


def plain_zip_bytes() -> bytes:
    return _zip([("notes.txt", "just a zip"), ("more.txt", "still a zip")])


def upload(data: bytes, name: str = "file.pdf", content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored_files(root: Path) -> list[Path]:
    return [path for path in Path(root).rglob("*") if path.is_file()]


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path: Path) -> Path:
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT


# --- checking by the bytes ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [(PDF_BYTES, filestore.PDF), (PNG_BYTES, filestore.PNG), (JPEG_BYTES, filestore.JPEG)],
)
def test_it_accepts_documents_of_the_allowed_types(data: bytes, expected: str) -> None:
    checked = filestore.file_check(upload=upload(data, "x.bin", "application/octet-stream"),
                                   allowed=filestore.DOCUMENT_TYPES)  # fmt: skip
    assert checked.content_type == expected


def test_it_accepts_a_word_document_by_its_manifest() -> None:
    checked = filestore.file_check(
        upload=upload(docx_bytes(), "cv.docx"), allowed=filestore.RESUME_TYPES
    )
    assert checked.content_type == filestore.DOCX and checked.extension == "docx"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (EXE_BYTES, "resume.pdf"),
        (HTML_BYTES, "resume.pdf"),
        (plain_zip_bytes(), "resume.docx"),
        (xlsx_bytes(), "resume.docx"),
        (b"just some text, not a document", "notes.docx"),
    ],
    ids=["exe-named-pdf", "html-named-pdf", "zip-named-docx", "xlsx-named-docx", "text"],
)
def test_it_refuses_a_file_whose_bytes_are_not_an_allowed_type(data: bytes, name: str) -> None:
    with pytest.raises(ValidationError) as caught:
        filestore.file_check(
            upload=upload(data, name, "application/pdf"), allowed=filestore.DOCUMENT_TYPES
        )
    assert "whatever its name says" in caught.value.messages[0]


def test_it_refuses_images_as_resumes() -> None:
    with pytest.raises(ValidationError):
        filestore.file_check(upload=upload(PNG_BYTES, "cv.png"), allowed=filestore.RESUME_TYPES)


def test_it_refuses_a_macro_enabled_word_file() -> None:
    data = _zip([
        ("[Content_Types].xml", _content_types("word/document.xml", WORD_MAIN)),
        ("word/document.xml", "<w:document/>"),
        ("word/vbaProject.bin", "macro"),
    ])  # fmt: skip
    assert filestore.sniff(data) is None


def test_it_refuses_an_empty_file() -> None:
    with pytest.raises(ValidationError, match="empty"):
        filestore.file_check(upload=upload(b""), allowed=filestore.DOCUMENT_TYPES)


def test_it_refuses_a_file_over_the_limit_and_says_the_limit_in_mb(settings) -> None:
    settings.DOCUMENT_MAX_BYTES = 1024 * 1024
    data = PDF_BYTES + bytes(1024 * 1024)
    with pytest.raises(ValidationError) as caught:
        filestore.file_check(upload=upload(data), allowed=filestore.DOCUMENT_TYPES)
    assert "larger than 1 MB" in caught.value.messages[0]


def test_it_says_the_default_limit_as_10_mb() -> None:
    assert filestore.size_limit_text(10 * 1024 * 1024) == "10 MB"


def test_it_keeps_only_the_base_name_of_the_upload() -> None:
    checked = filestore.file_check(upload=upload(PDF_BYTES, "C:\\Users\\x\\My CV.pdf"),
                                   allowed=filestore.DOCUMENT_TYPES)  # fmt: skip
    assert checked.original_name == "My CV.pdf"


def test_it_makes_a_safe_download_name_with_the_sniffed_extension() -> None:
    name = filestore.download_name(label='../../etc/"passwd"\r\n.html', content_type=filestore.PDF)
    assert name.endswith(".pdf") and "/" not in name and '"' not in name and "\n" not in name


# --- storing -------------------------------------------------------------------------------


def _checked(data: bytes = PDF_BYTES) -> filestore.CheckedFile:
    return filestore.file_check(upload=upload(data), allowed=filestore.DOCUMENT_TYPES)


@pytest.mark.django_db
def test_it_stores_the_bytes_encrypted_under_a_random_name(documents_root: Path) -> None:
    with filestore.file_writes() as writes:
        columns = writes.write(_checked())
    [path] = stored_files(documents_root)
    assert path.name == columns["storage_name"] and len(path.name) == 64
    assert path.read_bytes() != PDF_BYTES and b"%PDF" not in path.read_bytes()
    assert filestore.file_read(storage_name=path.name, sha256=columns["sha256"]) == PDF_BYTES
    assert columns["size"] == len(PDF_BYTES)


@pytest.mark.django_db
def test_it_keeps_folders_0700_and_files_0600(documents_root: Path) -> None:
    with filestore.file_writes() as writes:
        writes.write(_checked())
    [path] = stored_files(documents_root)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(Path(documents_root).stat().st_mode) == 0o700


@pytest.mark.django_db
def test_it_removes_the_file_when_the_transaction_rolls_back(documents_root: Path) -> None:
    with pytest.raises(RuntimeError), filestore.file_writes() as writes, transaction.atomic():
        writes.write(_checked())
        raise RuntimeError("the insert failed")
    assert stored_files(documents_root) == []


def test_it_leaves_no_temporary_file_when_a_write_fails(documents_root: Path, monkeypatch) -> None:
    def broken(data: bytes) -> bytes:
        raise OSError("disk full")

    monkeypatch.setattr(filestore, "encrypt_bytes", broken)
    with pytest.raises(OSError), filestore.file_writes() as writes:
        writes.write(_checked())
    assert stored_files(documents_root) == []


def test_it_reads_only_names_it_made() -> None:
    with pytest.raises(filestore.StoredFileError):
        filestore.file_read(storage_name="../../etc/passwd")


def test_it_reports_a_missing_file() -> None:
    with pytest.raises(filestore.StoredFileError, match="missing"):
        filestore.file_read(storage_name="a" * 64)


@pytest.mark.django_db
def test_it_notices_a_file_that_does_not_match_its_record(documents_root: Path) -> None:
    with filestore.file_writes() as writes:
        columns = writes.write(_checked())
    with pytest.raises(filestore.StoredFileError, match="does not match"):
        filestore.file_read(storage_name=columns["storage_name"], sha256="0" * 64)


def test_the_default_documents_root_is_not_served_as_static_or_media() -> None:
    root = Path(django_settings.DOCUMENTS_ROOT).resolve()
    for public in [*filestore.public_dirs(), Path(django_settings.BASE_DIR, "static").resolve()]:
        assert root != public and public not in root.parents


def test_it_refuses_a_documents_root_inside_the_static_folder(settings) -> None:
    settings.DOCUMENTS_ROOT = Path(django_settings.STATICFILES_DIRS[0]) / "documents"
    with pytest.raises(ImproperlyConfigured):
        filestore.documents_root()


def test_the_uploads_folder_is_not_world_readable_by_default_umask(documents_root: Path) -> None:
    old = os.umask(0o022)
    try:
        with filestore.file_writes() as writes:
            writes.write(_checked())
    finally:
        os.umask(old)
    for path in [Path(documents_root), *Path(documents_root).rglob("*")]:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


# --- rotation (manage.py rotate_pii_keys) --------------------------------------------------


@pytest.mark.django_db
def test_key_rotation_re_encrypts_stored_files() -> None:
    others = list(django_settings.PII_ENCRYPTION_KEYS)  # the seekers' SSNs stay under these
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(PII_ENCRYPTION_KEYS=[old_key, *others]), filestore.file_writes() as w:
        columns = w.write(_checked())
    with override_settings(PII_ENCRYPTION_KEYS=[new_key, old_key, *others]):
        out = StringIO()
        call_command("rotate_pii_keys", stdout=out)
        assert "1 files re-encrypted" in out.getvalue()
    with override_settings(PII_ENCRYPTION_KEYS=[new_key, *others]):
        assert filestore.file_read(
            storage_name=columns["storage_name"], sha256=columns["sha256"]
        ) == (PDF_BYTES)


@pytest.mark.django_db
def test_a_rekeyed_file_stays_0600_and_leaves_no_temporary_file(documents_root: Path) -> None:
    with filestore.file_writes() as writes:
        writes.write(_checked())
    old = os.umask(0o022)
    try:
        assert filestore.stored_files_rekey() == 1
    finally:
        os.umask(old)
    [path] = stored_files(documents_root)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and not path.name.startswith(".")


def test_rekeying_without_a_documents_root_re_encrypts_nothing(documents_root: Path) -> None:
    assert filestore.stored_files_rekey() == 0
