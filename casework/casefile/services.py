"""Writes of case notes, documents and resumes of a seeker (seed 001, Case Details).

Every function starts with `seeker_casework_check`: the actor's role and sight of the
seeker are re-checked, so a forged post is refused here with nothing written. The two
downloads are here too: each writes an access-log row.

A double-submitted form records once: each create locks the seeker's row
(`seeker_lock`) and returns what the same staff member saved with the same content within
DOUBLE_SUBMIT_WINDOW instead of a second copy (these tables have no column for a form
token).

The services that store a file run their own durable transaction and must not be called
inside another one: then a rollback always reaches `workforce.filestore.file_writes`,
which removes the file written for it.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest
from django.utils import timezone

from casework.casefile.constants import NOTE_MAX_LENGTH, RESUME_PART_MAX_LENGTH
from seekers.constants import DocumentCategory, ResumeKind
from seekers.models import CaseNote, JobSeeker, Resume, SeekerDocument
from seekers.selectors import seeker_casework_check
from seekers.services import seeker_lock
from workforce import filestore
from workforce.audit import access_log_write_limited
from workforce.constants import DOUBLE_SUBMIT_WINDOW, FILE_DOWNLOAD_ACTIONS, AccessAction
from workforce.models import User

# Everyone who serves seekers keeps their case file (ROLES_SERVING_SEEKERS); administrators
# do not, and are told so.
REFUSAL = "Your role does not keep job seekers' case files."
_STORED_COLUMNS = ["original_name", "content_type", "size", "sha256", "storage_name"]
_RESUME_PARTS = ("summary", "experience", "education", "skills")


# --- case notes --------------------------------------------------------------------------


@transaction.atomic
def case_note_add(*, seeker: JobSeeker, text: str, actor: User) -> tuple[CaseNote, bool]:
    """Add a case note (kept as written: notes are never edited or deleted).

    Returns the note and whether it is new; the same note posted twice is saved once.
    """
    seeker_casework_check(seeker=seeker, actor=actor, refusal=REFUSAL)
    text = _normalise_text(text)
    if not text:
        raise ValidationError({"text": "Write the note before saving it."})
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError({"text": f"A note holds at most {NOTE_MAX_LENGTH:,} characters."})
    seeker_lock(seeker=seeker)
    earlier = CaseNote.objects.filter(
        seeker=seeker, author=actor, text=text, created_at__gte=_window_start()
    ).first()
    if earlier is not None:
        return earlier, False
    note = CaseNote(seeker=seeker, text=text, author=actor)
    note.full_clean()
    note.save()
    return note, True


# --- documents ---------------------------------------------------------------------------


def document_upload(*, seeker: JobSeeker, category: str, title: str, upload: UploadedFile,
                    actor: User) -> tuple[SeekerDocument, bool]:  # fmt: skip
    """Store an uploaded document (PDF, PNG, JPEG or DOCX), encrypted, for the seeker.

    Raises ValidationError keyed by field (`file` for size and type). Returns the document
    and whether it is new: the same file posted twice is stored once.
    """
    seeker_casework_check(seeker=seeker, actor=actor, refusal=REFUSAL)
    title = " ".join(title.split())
    errors: dict[str, list[str]] = {}
    if category not in DocumentCategory.values:
        errors["category"] = ["Choose what kind of document this is."]
    if not title:
        errors["title"] = ["Give the document a title, such as “DD-214”."]
    checked = _checked(upload, filestore.DOCUMENT_TYPES, errors)
    if errors:
        raise ValidationError(errors)
    with filestore.file_writes() as writes, transaction.atomic(durable=True):
        seeker_lock(seeker=seeker)
        earlier = SeekerDocument.objects.filter(
            seeker=seeker, uploaded_by=actor, category=category, title=title,
            sha256=checked.sha256, uploaded_at__gte=_window_start(),
        ).first()  # fmt: skip
        if earlier is not None:
            return earlier, False
        document = SeekerDocument(
            seeker=seeker, category=category, title=title, uploaded_by=actor,
            **writes.write(checked),
        )  # fmt: skip
        document.full_clean()
        document.save()
    return document, True


def document_download(*, request: HttpRequest, seeker: JobSeeker, document: SeekerDocument,
                      actor: User) -> bytes:  # fmt: skip
    """The document's bytes, after an access-log row naming the document (by id, not title)."""
    seeker_casework_check(seeker=seeker, actor=actor, refusal=REFUSAL)
    if document.seeker_id != seeker.pk:
        raise Http404("No such document.")
    data = filestore.file_read(storage_name=document.storage_name, sha256=document.sha256)
    # Issue 14: past the hourly limit this writes an alert row instead and raises.
    access_log_write_limited(
        request=request, user=actor, action=AccessAction.DOCUMENT_DOWNLOAD,
        seeker_id=seeker.pk, outcome=f"document {document.pk}", counted=FILE_DOWNLOAD_ACTIONS,
        per_hour=settings.FILE_DOWNLOADS_PER_HOUR, what="file downloads",
    )  # fmt: skip
    return data


# --- resumes -----------------------------------------------------------------------------


@transaction.atomic
def resume_write(*, seeker: JobSeeker, title: str, summary: str, experience: str,
                 education: str, skills: str, actor: User) -> tuple[Resume, bool]:  # fmt: skip
    """Create a resume written in the form; returns it and whether it is new."""
    seeker_casework_check(seeker=seeker, actor=actor, refusal=REFUSAL)
    values = _written_values(title=title, summary=summary, experience=experience,
                             education=education, skills=skills)  # fmt: skip
    seeker_lock(seeker=seeker)
    earlier = Resume.objects.filter(
        seeker=seeker, kind=ResumeKind.WRITTEN, created_by=actor,
        created_at__gte=_window_start(), **values,
    ).first()  # fmt: skip
    if earlier is not None:
        return earlier, False
    resume = Resume(seeker=seeker, kind=ResumeKind.WRITTEN, created_by=actor, updated_by=actor,
                    **values)  # fmt: skip
    resume.full_clean()
    resume.save()
    return resume, True


def resume_upload(*, seeker: JobSeeker, title: str, upload: UploadedFile, actor: User
                  ) -> tuple[Resume, bool]:  # fmt: skip
    """Store an uploaded resume (PDF or DOCX), encrypted; returns it and whether it is new."""
    seeker_casework_check(seeker=seeker, actor=actor, refusal=REFUSAL)
    title = " ".join(title.split())
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = ["Give the resume a title, such as “Warehouse resume”."]
    checked = _checked(upload, filestore.RESUME_TYPES, errors)
    if errors:
        raise ValidationError(errors)
    with filestore.file_writes() as writes, transaction.atomic(durable=True):
        seeker_lock(seeker=seeker)
        earlier = Resume.objects.filter(
            seeker=seeker, kind=ResumeKind.UPLOADED, created_by=actor, title=title,
            sha256=checked.sha256, created_at__gte=_window_start(),
        ).first()  # fmt: skip
        if earlier is not None:
            return earlier, False
        resume = Resume(seeker=seeker, kind=ResumeKind.UPLOADED, title=title, created_by=actor,
                        updated_by=actor, **writes.write(checked))  # fmt: skip
        resume.full_clean()
        resume.save()
    return resume, True


@transaction.atomic
def resume_update(*, seeker: JobSeeker, resume: Resume, title: str, summary: str,
                  experience: str, education: str, skills: str, actor: User) -> Resume:  # fmt: skip
    """Edit a written resume's title and parts."""
    seeker_casework_check(seeker=seeker, actor=actor, refusal=REFUSAL)
    resume = _resume_locked(seeker, resume)
    if resume.kind != ResumeKind.WRITTEN:
        raise ValidationError("An uploaded resume is changed by uploading a new file.")
    values = _written_values(title=title, summary=summary, experience=experience,
                             education=education, skills=skills)  # fmt: skip
    for name, value in values.items():
        setattr(resume, name, value)
    resume.updated_by = actor
    resume.full_clean()
    resume.save(update_fields=[*values, "updated_by", "updated_at"])
    return resume


def resume_file_replace(*, seeker: JobSeeker, resume: Resume, title: str,
                        upload: UploadedFile | None, actor: User) -> Resume:  # fmt: skip
    """Rename an uploaded resume and, when a file is given, replace its file.

    The old file is removed once the change commits; a failed change keeps it.
    """
    seeker_casework_check(seeker=seeker, actor=actor, refusal=REFUSAL)
    title = " ".join(title.split())
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = ["Give the resume a title."]
    checked = _checked(upload, filestore.RESUME_TYPES, errors) if upload is not None else None
    if errors:
        raise ValidationError(errors)
    with filestore.file_writes() as writes, transaction.atomic(durable=True):
        resume = _resume_locked(seeker, resume)
        if resume.kind != ResumeKind.UPLOADED:
            raise ValidationError("A written resume is changed in the form, not by a file.")
        resume.title, resume.updated_by = title, actor
        fields = ["title", "updated_by", "updated_at"]
        if checked is not None:
            writes.remove_after_commit(resume.storage_name)
            for name, value in writes.write(checked).items():
                setattr(resume, name, value)
            fields += _STORED_COLUMNS
        resume.full_clean()
        resume.save(update_fields=fields)
    return resume


@transaction.atomic
def resume_publish(*, seeker: JobSeeker, resume: Resume, actor: User) -> Resume:
    """Mark the seeker's published resume; the one published before is unpublished.

    The seeker's row is locked first, so two staff publishing at once are served one after
    the other; the partial unique constraint keeps one published resume whatever happens.
    """
    seeker_casework_check(seeker=seeker, actor=actor, refusal=REFUSAL)
    seeker_lock(seeker=seeker)
    resume = _resume_locked(seeker, resume)
    if resume.is_published:
        return resume
    for other in Resume.objects.filter(seeker=seeker, is_published=True).select_for_update():
        _published_set(other, False, actor)  # one by one, so each change is audited
    try:
        with transaction.atomic():
            _published_set(resume, True, actor)
    except IntegrityError:
        raise ValidationError(
            "Another resume was published at the same moment. Look at the list and try again."
        ) from None
    return resume


@transaction.atomic
def resume_unpublish(*, seeker: JobSeeker, resume: Resume, actor: User) -> Resume:
    """The seeker has no published resume any more (this one stays, unpublished)."""
    seeker_casework_check(seeker=seeker, actor=actor, refusal=REFUSAL)
    seeker_lock(seeker=seeker)
    resume = _resume_locked(seeker, resume)
    if resume.is_published:
        _published_set(resume, False, actor)
    return resume


def resume_download(*, request: HttpRequest, seeker: JobSeeker, resume: Resume,
                    actor: User) -> bytes:  # fmt: skip
    """An uploaded resume's bytes, after an access-log row naming the resume by id."""
    seeker_casework_check(seeker=seeker, actor=actor, refusal=REFUSAL)
    if resume.seeker_id != seeker.pk or resume.kind != ResumeKind.UPLOADED:
        raise Http404("No such resume file.")
    data = filestore.file_read(storage_name=resume.storage_name, sha256=resume.sha256)
    # Issue 14: past the hourly limit this writes an alert row instead and raises.
    access_log_write_limited(
        request=request, user=actor, action=AccessAction.RESUME_DOWNLOAD,
        seeker_id=seeker.pk, outcome=f"resume {resume.pk}", counted=FILE_DOWNLOAD_ACTIONS,
        per_hour=settings.FILE_DOWNLOADS_PER_HOUR, what="file downloads",
    )  # fmt: skip
    return data


# --- helpers -----------------------------------------------------------------------------


def _resume_locked(seeker: JobSeeker, resume: Resume) -> Resume:
    locked = Resume.objects.select_for_update().filter(seeker=seeker, pk=resume.pk).first()
    if locked is None:
        raise Http404("No such resume.")
    return locked


def _published_set(resume: Resume, published: bool, actor: User) -> None:
    resume.is_published, resume.updated_by = published, actor
    resume.save(update_fields=["is_published", "updated_by", "updated_at"])


def _window_start() -> datetime.datetime:
    return timezone.now() - DOUBLE_SUBMIT_WINDOW


def _normalise_text(text: str) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _checked(upload: UploadedFile | None, allowed: tuple[str, ...],
             errors: dict[str, list[str]]) -> filestore.CheckedFile | None:  # fmt: skip
    if upload is None:
        errors["file"] = ["Choose a file to upload."]
        return None
    try:
        return filestore.file_check(upload=upload, allowed=allowed)
    except ValidationError as exc:
        errors["file"] = exc.messages
        return None


def _written_values(*, title: str, **parts: str) -> dict[str, str]:
    values = {"title": " ".join(title.split())}
    values.update({name: _normalise_text(parts[name]) for name in _RESUME_PARTS})
    errors: dict[str, list[str]] = {}
    if not values["title"]:
        errors["title"] = ["Give the resume a title, such as “Warehouse resume”."]
    if not any(values[name] for name in _RESUME_PARTS):
        errors["summary"] = ["Write at least one part of the resume, such as the summary."]
    for name in _RESUME_PARTS:
        if len(values[name]) > RESUME_PART_MAX_LENGTH:
            errors[name] = [f"At most {RESUME_PART_MAX_LENGTH:,} characters."]
    if errors:
        raise ValidationError(errors)
    return values
