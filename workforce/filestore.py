"""The encrypted file store and its rotation: uploaded files (documents, resumes) checked by
their bytes, stored encrypted, read back, re-encrypted under a new key.

- A file's type is what its bytes say (the `filetype` package, and for a Word file the
  zip's own manifest), never its name or the content type the browser sent.
- The bytes are encrypted (`workforce.crypto.encrypt_bytes`, Fernet) and written under a
  random name in settings.DOCUMENTS_ROOT, outside the web root, directories 0700 and
  files 0600. The database keeps the name, size and SHA-256 of the plaintext.
- A file is written before its row, inside `file_writes()`: if the transaction does not
  commit, the block raises and the file is removed again, so there is never a row
  without a file nor a file left behind by a failed upload.
- Every write, a new file or a file re-encrypted by `manage.py rotate_pii_keys`
  (`stored_files_rekey`), goes through one routine: temporary file, fsync, rename.

The store knows nothing of seekers: the rows that name its files (seekers' documents and
resumes) live with their apps, which pass the columns `FileWrites.write` returns.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import transaction

from workforce.crypto import decrypt_bytes, encrypt_bytes, rotate_bytes

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# content type -> (extension, what staff call it: the label the stored file shows too)
FILE_TYPES = {
    PDF: ("pdf", "PDF"),
    PNG: ("png", "PNG image"),
    JPEG: ("jpg", "JPEG image"),
    DOCX: ("docx", "Word (DOCX)"),
}
# The sniffed content types a stored file may have -> its label (a row's `kind_label`).
FILE_KIND_LABELS = {kind: label for kind, (_extension, label) in FILE_TYPES.items()}
DOCUMENT_TYPES = (PDF, PNG, JPEG, DOCX)
RESUME_TYPES = (PDF, DOCX)

# What a Word document's [Content_Types].xml declares for its main part; a macro-enabled
# (.docm) or template (.dotx) file declares another type and is refused.
_WORD_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MANIFEST_LIMIT = 256 * 1024  # bytes of [Content_Types].xml read, whatever it claims
_STORAGE_NAME = re.compile(r"^[0-9a-f]{64}$")


class StoredFileError(Exception):
    """A stored file is missing or does not match its row: an operations problem."""


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed `file_check`: its bytes and what they are."""

    data: bytes
    content_type: str
    original_name: str

    @property
    def extension(self) -> str:
        return FILE_TYPES[self.content_type][0]

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


# --- checking ----------------------------------------------------------------------------


def size_limit_text(limit: int | None = None) -> str:
    """The upload limit as staff read it: "10 MB"."""
    limit = settings.DOCUMENT_MAX_BYTES if limit is None else limit
    megabytes = limit / (1024 * 1024)
    if megabytes < 1:
        return f"{max(1, round(limit / 1024))} KB"
    return f"{megabytes:.1f}".removesuffix(".0") + " MB"


def type_list_text(allowed: tuple[str, ...]) -> str:
    """The allowed types as staff read them: "PDF, PNG image, JPEG image or Word (DOCX)"."""
    names = [FILE_TYPES[kind][1] for kind in allowed]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def too_large_message() -> str:
    limit = size_limit_text()
    return f"The file is larger than {limit}: choose a file of {limit} or less."


def file_check(*, upload: UploadedFile, allowed: tuple[str, ...]) -> CheckedFile:
    """The upload's bytes, if they are one of the `allowed` types and within the size limit.

    Raises ValidationError with a message for staff otherwise. The size is checked before
    anything is read, and again on the bytes actually read.
    """
    limit = settings.DOCUMENT_MAX_BYTES
    too_large = ValidationError(too_large_message(), code="too_large")
    if upload.size is not None and upload.size > limit:
        raise too_large
    data = _read_at_most(upload, limit)
    if len(data) > limit:
        raise too_large
    if not data:
        raise ValidationError("The file is empty. Choose the file again.", code="empty")
    content_type = sniff(data)
    if content_type not in allowed:
        raise ValidationError(
            f"This file is not a {type_list_text(allowed)} file, whatever its name says. "
            "Save it as one of those and upload it again.",
            code="type",
        )
    return CheckedFile(data=data, content_type=content_type, original_name=_clean_name(upload.name))


class UploadLimit(FileUploadHandler):
    """The only upload handler of an upload view: files are kept in memory, never in a
    plaintext temporary file, and dropped as soon as the request's files together pass
    DOCUMENT_MAX_BYTES. `refused` tells the view to say why the file is missing."""

    def __init__(self, request: object = None) -> None:
        super().__init__(request)
        self.limit = settings.DOCUMENT_MAX_BYTES
        self.received = 0  # all files of the request: memory stays within the limit
        self.refused = False
        self.buffer: io.BytesIO | None = None

    def new_file(self, *args: object, **kwargs: object) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.refused, self.buffer = True, None
            raise SkipFile
        self.buffer.write(raw_data)

    def file_complete(self, file_size: int) -> InMemoryUploadedFile | None:
        if self.buffer is None:
            return None
        self.buffer.seek(0)
        upload = InMemoryUploadedFile(
            file=self.buffer, field_name=self.field_name, name=self.file_name,
            content_type=self.content_type, size=file_size, charset=self.charset,
            content_type_extra=self.content_type_extra,
        )  # fmt: skip
        self.buffer = None
        return upload


def upload_limit_install(request: object) -> UploadLimit:
    """Make an UploadLimit the request's only upload handler; call it before anything
    reads request.POST or request.FILES."""
    limit = UploadLimit(request)
    request.upload_handlers = [limit]  # type: ignore[attr-defined]
    return limit


def sniff(data: bytes) -> str | None:
    """The content type the bytes show (one of FILE_TYPES), or None for anything else."""
    kind = filetype.guess(data[:8192])
    if kind is None:
        return None
    if kind.mime in (DOCX, "application/zip"):
        # filetype looks at the first zip entries only: any zip, or a spreadsheet, can
        # pass for Word that way, so the zip's manifest must declare a Word document.
        return DOCX if _is_word_document(data) else None
    return kind.mime if kind.mime in (PDF, PNG, JPEG) else None


def _is_word_document(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if not {"[Content_Types].xml", "word/document.xml"} <= names:
                return False
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return False  # macros
            with archive.open("[Content_Types].xml") as manifest:
                declared = manifest.read(_MANIFEST_LIMIT)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError,
            ValueError, EOFError, OSError, zlib.error):  # fmt: skip
        return False
    return _WORD_MAIN in declared


def _read_at_most(upload: UploadedFile, limit: int) -> bytes:
    """At most limit + 1 bytes: enough to tell a file over the limit, never the whole of it."""
    upload.seek(0)
    chunks, total = [], 0
    for chunk in upload.chunks():
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            break
    return b"".join(chunks)[: limit + 1]


def _clean_name(name: str | None) -> str:
    """The file's own name as a label: no folders, no control characters, 255 at most."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    return name[-255:]


def download_name(*, label: str, content_type: str) -> str:
    """A safe file name for Content-Disposition: ASCII letters, digits, - _ . and spaces,
    with the extension of the type the bytes were found to be (never the uploader's)."""
    stem = os.path.splitext(label)[0]
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9 _.-]+", "-", stem).strip(" .-_")[:80] or "document"
    return f"{stem}.{FILE_TYPES.get(content_type, ('bin', ''))[0]}"


# --- storing -----------------------------------------------------------------------------


def documents_root() -> Path:
    """settings.DOCUMENTS_ROOT, refused if it lies where the web server serves files from."""
    root = Path(settings.DOCUMENTS_ROOT).resolve()
    for public in public_dirs():
        if root == public or public in root.parents:
            raise ImproperlyConfigured(
                f"DOCUMENTS_ROOT ({root}) is inside {public}, which is served to browsers: "
                "put documents outside the static and media folders."
            )
    return root


def public_dirs() -> list[Path]:
    """Folders whose files are served without a permission check (static and media)."""
    dirs = [settings.STATIC_ROOT, *settings.STATICFILES_DIRS, settings.MEDIA_ROOT]
    return [Path(d).resolve() for d in dirs if d and isinstance(d, str | os.PathLike)]


def _path(storage_name: str) -> Path:
    if not _STORAGE_NAME.match(storage_name or ""):
        raise StoredFileError("Not a storage name.")  # never a path someone typed
    return documents_root() / storage_name[:2] / storage_name


def _private_dir(folder: Path) -> None:
    """Create the root and the file's folder, readable by this process's user only."""
    for each in (documents_root(), folder):
        if not each.is_dir():
            each.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(each, 0o700)  # whatever the umask


def _write(checked: CheckedFile) -> str:
    """Encrypt and write the bytes under a new random name; the name."""
    name = secrets.token_hex(32)
    target = _path(name)
    _private_dir(target.parent)
    _replace(target, encrypt_bytes(checked.data), prefix=".incoming-")
    return name


def _replace(target: Path, token: bytes, *, prefix: str) -> None:
    """The store's one way to write a file: `token` into a temporary file beside `target`
    (0600, whatever the umask), fsync, rename over `target`, fsync the folder. A reader
    sees the old file or the new one, never half of one; a failed write leaves nothing."""
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=prefix)  # 0600
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(token)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def file_remove(storage_name: str) -> None:
    """Remove a stored file (no error if it is already gone)."""
    if storage_name:
        _path(storage_name).unlink(missing_ok=True)


def file_read(*, storage_name: str, sha256: str = "") -> bytes:
    """The plaintext of a stored file, checked against the SHA-256 kept with its row."""
    try:
        data = decrypt_bytes(_path(storage_name).read_bytes())
    except FileNotFoundError:
        raise StoredFileError("The stored file is missing.") from None
    if sha256 and hashlib.sha256(data).hexdigest() != sha256:
        raise StoredFileError("The stored file does not match its record.")
    return data


class FileWrites:
    """The files written in one `file_writes()` block."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def write(self, checked: CheckedFile) -> dict[str, object]:
        """Store the file; the StoredFile columns of its row."""
        name = _write(checked)
        self.written.append(name)
        return {
            "original_name": checked.original_name,
            "content_type": checked.content_type,
            "size": checked.size,
            "sha256": checked.sha256,
            "storage_name": name,
        }

    def remove_after_commit(self, storage_name: str) -> None:
        """A file the transaction stops using (a replaced resume): removed once it commits."""
        if storage_name:
            transaction.on_commit(lambda: file_remove(storage_name))


@contextmanager
def file_writes() -> Iterator[FileWrites]:
    """Files written in the block are removed if the block raises.

    Put the transaction inside it, durable so that it is the outermost one:
    `with file_writes() as files, transaction.atomic(durable=True):` — then a rollback,
    a failed commit included, always raises through this block.
    """
    writes = FileWrites()
    try:
        yield writes
    except BaseException:
        for name in writes.written:
            file_remove(name)
        raise


# --- rotation ----------------------------------------------------------------------------


def stored_files_rekey() -> int:
    """Re-encrypt every stored file under the first key of PII_ENCRYPTION_KEYS (step 3 of
    a key rotation, `manage.py rotate_pii_keys`); the number of files re-encrypted.

    Each file is replaced the way every file is written (`_replace`). A file being uploaded
    meanwhile is written under the first key already, so re-encrypting it again is
    harmless; a file removed meanwhile is skipped.
    """
    root = Path(settings.DOCUMENTS_ROOT)
    if not root.is_dir():
        return 0
    count = 0
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")):
        try:
            token = path.read_bytes()
        except FileNotFoundError:
            continue
        _replace(path, rotate_bytes(token), prefix=".rotate-")
        count += 1
    return count
