"""Reads of case notes, documents and resumes (seed 001, Case Details).

Seekers are always fetched through `seekers.selectors.seeker_get` first; every object read
here is scoped to that seeker.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from seekers.models import CaseNote, JobSeeker, Resume, SeekerDocument


def case_note_list(*, seeker: JobSeeker) -> QuerySet[CaseNote]:
    """The seeker's case notes, newest first, with their authors."""
    return (
        CaseNote.objects.filter(seeker=seeker)
        .select_related("author")
        .order_by("-created_at", "-id")
    )


def document_list(*, seeker: JobSeeker) -> QuerySet[SeekerDocument]:
    """The seeker's documents, newest first, with who uploaded them."""
    return SeekerDocument.objects.filter(seeker=seeker).select_related("uploaded_by")


def document_get(*, seeker: JobSeeker, document_id: int) -> SeekerDocument:
    """One of this seeker's documents, or 404 (another seeker's id included)."""
    document = document_list(seeker=seeker).filter(pk=document_id).first()
    if document is None:
        raise Http404("No such document.")
    return document


def resume_list(*, seeker: JobSeeker) -> QuerySet[Resume]:
    """The seeker's resumes, the published one first."""
    return Resume.objects.filter(seeker=seeker).select_related("updated_by")


def resume_get(*, seeker: JobSeeker, resume_id: int) -> Resume:
    """One of this seeker's resumes, or 404 (another seeker's id included)."""
    resume = resume_list(seeker=seeker).select_related("created_by").filter(pk=resume_id).first()
    if resume is None:
        raise Http404("No such resume.")
    return resume
