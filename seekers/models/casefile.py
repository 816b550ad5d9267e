"""Notes, documents and resumes kept about a seeker.

Uploaded files are encrypted and stored outside the web root (settings.DOCUMENTS_ROOT)
under a random name by the file store (workforce/filestore.py); only a permission-checked,
access-logged view serves them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from seekers.constants import DocumentCategory, ResumeKind
from seekers.models.activity import SeekerActivity
from seekers.models.seeker import JobSeeker
from workforce.filestore import FILE_KIND_LABELS


class StoredFile(models.Model):
    """The columns of an uploaded file; the bytes live encrypted under `storage_name`."""

    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True, help_text="Bytes, before encryption.")
    sha256 = models.CharField(max_length=64, blank=True)
    storage_name = models.CharField(max_length=100, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def kind_label(self) -> str:
        """What staff call the file's type ("PDF", "Word (DOCX)"), from its sniffed type."""
        return FILE_KIND_LABELS.get(self.content_type, "File")


class CaseNote(SeekerActivity, models.Model):
    """A case note: what staff did or learned, in their words. Kept, never edited."""

    seeker = models.ForeignKey(JobSeeker, on_delete=models.PROTECT, related_name="case_notes")
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Case note {self.pk} on seeker {self.seeker_id}"


class SeekerDocument(SeekerActivity, StoredFile):
    """A document staff uploaded for the seeker: an ID, a DD-214, a layoff notice..."""

    seeker = models.ForeignKey(JobSeeker, on_delete=models.PROTECT, related_name="documents")
    category = models.CharField(max_length=30, choices=DocumentCategory.choices)
    title = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["storage_name"], name="document_unique_storage_name")
        ]

    def __str__(self) -> str:
        return self.title


class Resume(SeekerActivity, StoredFile):
    """A resume: written in the form, or an uploaded PDF/DOCX; at most one is published."""

    seeker = models.ForeignKey(JobSeeker, on_delete=models.PROTECT, related_name="resumes")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=ResumeKind.choices)
    is_published = models.BooleanField(
        "published", default=False, help_text="The resume employers and job referrals use."
    )
    # A written resume's parts (kind WRITTEN).
    summary = models.TextField(blank=True)
    experience = models.TextField("work experience", blank=True)
    education = models.TextField("education and training", blank=True)
    skills = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_published", "-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["seeker"], condition=Q(is_published=True), name="resume_one_published"
            ),
            models.CheckConstraint(
                condition=Q(kind=ResumeKind.WRITTEN) | ~Q(storage_name=""),
                name="resume_upload_has_file",
            ),
        ]

    def __str__(self) -> str:
        return self.title
