"""The casefile's part of the partner-leak crawl (tests/optout/test_crawl.py).

For an opted-out seeker, what a partner kept before the opt-out: a case note, a document,
a written (published) resume and an uploaded one, each naming the seeker so that a page
showing any of them to the partner is caught. The rows are made by factories, without
files on disk: a partner must get 404 before any file is looked for.
"""

from __future__ import annotations

from collections.abc import Callable

from seekers.constants import DocumentCategory, ResumeKind
from seekers.models import JobSeeker
from tests.factories import CaseNoteFactory, ResumeFactory, SeekerDocumentFactory
from workforce.models import User


def casework_for_hidden(*, seeker: JobSeeker, partner: User, add: Callable[..., None]) -> None:
    """One of each casefile object for the hidden seeker; their ids go to document_id and
    resume_id (case notes have no URL of their own)."""
    name = seeker.full_name
    CaseNoteFactory(seeker=seeker, author=partner, text=f"Called {name} about the job fair.")
    document = SeekerDocumentFactory(
        seeker=seeker, uploaded_by=partner, category=DocumentCategory.LAYOFF,
        title=f"Layoff letter of {name}", original_name=f"{seeker.last_name}-layoff.pdf",
    )  # fmt: skip
    written = ResumeFactory(
        seeker=seeker, created_by=partner, title=f"{name} resume", is_published=True,
        summary=f"{name}, forklift operator.",
    )  # fmt: skip
    uploaded = ResumeFactory(
        seeker=seeker, created_by=partner, kind=ResumeKind.UPLOADED, summary="",
        title=f"{name} uploaded resume", original_name=f"{seeker.last_name}.pdf",
        content_type="application/pdf", size=1000, storage_name="c" * 64,
    )  # fmt: skip
    add("document_id", document)
    add("resume_id", written, uploaded)
