"""Resumes the casefile tests write or upload through the services, and the resume URLs."""

from __future__ import annotations

from django.urls import reverse

from casework.casefile import services
from seekers.models import JobSeeker, Resume
from tests.workforce.test_filestore import PDF_BYTES, upload
from workforce.models import User

WRITTEN = {
    "title": "Warehouse resume",
    "summary": "Dependable forklift operator with eight years in synthetic logistics.",
    "experience": "Lead picker, Example Distribution, 2016-2024\nLoaded trucks.",
    "education": "High school diploma",
    "skills": "Forklift license\nInventory scanners",
}


def url(name: str, seeker: JobSeeker, resume: Resume | None = None) -> str:
    args = [seeker.pk] if resume is None else [seeker.pk, resume.pk]
    return reverse(f"casework:{name}", args=args)


def written(seeker: JobSeeker, actor: User, **fields: str) -> Resume:
    resume, _ = services.resume_write(seeker=seeker, actor=actor, **{**WRITTEN, **fields})
    return resume


def uploaded(seeker: JobSeeker, actor: User, data: bytes = PDF_BYTES,
             title: str = "Uploaded resume") -> Resume:  # fmt: skip
    resume, _ = services.resume_upload(
        seeker=seeker, title=title, upload=upload(data, "resume.pdf"), actor=actor
    )
    return resume
