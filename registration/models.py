"""The phone registration of seed 000: script versions, the call (consent record), answers,
the seeker's own login, and confirmation letters."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from registration.constants import CallOutcome, GatingQuestion
from seekers.models import JobSeeker
from workforce.fields import EncryptedTextField
from workforce.models import Office


class NoticeVersion(models.Model):
    """One version of the texts read aloud: the Tennessen warning and its scripts.

    Texts are data, not templates (DESIGN.md, principle 1): administrators draft a new
    version, preview it with its word diff, and publish it with an effective date; calls
    read the latest published version whose effective date has come (`notice_current`).
    A draft has no `published_at`; a published version is never edited or deleted (the
    admin refuses), and one a call has used cannot be changed even by SQL (a database
    trigger, migration 0003).
    """

    number = models.PositiveIntegerField(unique=True)
    title = models.CharField(max_length=200)
    # [{"kind": "heading"|"text", "text": "...", "not_read": bool}, ...], in reading order.
    notice = models.JSONField()
    # {"a": "...", "b": "...", "c": "..."}: the three questions at the end of the notice.
    questions = models.JSONField()
    ssn_script = models.TextField()
    credentials_script = models.JSONField(help_text="Paragraphs read at the username step.")
    published_at = models.DateTimeField(null=True, blank=True, help_text="Empty for a draft.")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The first day new calls read this version; set when it is published, never in the past.
    effective_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(published_at__isnull=True, effective_date__isnull=True)
                | Q(published_at__isnull=False, effective_date__isnull=False),
                name="notice_published_has_effective_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.number})"

    @property
    def is_draft(self) -> bool:
        return self.published_at is None

    @property
    def notice_text(self) -> str:
        """The notice as plain text, every paragraph, for the email and the letter."""
        return "\n\n".join(part["text"] for part in self.notice)


class RegistrationCall(models.Model):
    """One phone call to register a job seeker: the consent record of seed 000.

    It records who called whom from which office, which notice version was read and
    when, every answer to the three questions, the searches tried before registering,
    and how the call ended. Draft values of an unfinished call live in `draft` (only
    cleaned, non-sensitive values) and in the encrypted or hashed columns below; they
    are purged 24 hours after the call is abandoned.
    """

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="registration_calls"
    )
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        max_length=30, choices=CallOutcome.choices, default=CallOutcome.IN_PROGRESS
    )
    seeker = models.ForeignKey(
        JobSeeker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registration_calls",
    )
    # Searches tried at the existing-account step, SSNs masked to their last four.
    searches = models.JSONField(default=list, blank=True)
    no_match_confirmed_at = models.DateTimeField(null=True, blank=True)
    notice_version = models.ForeignKey(
        NoticeVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="calls"
    )
    notice_read_at = models.DateTimeField(null=True, blank=True)
    # Cleaned values of finished steps: contact, demographics, the chosen username, ...
    draft = models.JSONField(default=dict, blank=True)
    draft_ssn = EncryptedTextField(null=True, blank=True)
    draft_ssn_index = models.CharField(max_length=64, blank=True)
    draft_password_hash = models.CharField(max_length=200, blank=True)
    draft_secret_answer_hash = models.CharField(max_length=200, blank=True)
    abandoned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["outcome", "started_at"], name="call_outcome_idx"),
            # The unfinished-calls banner reads this on every page (issue 12): small, since
            # calls leave it as they end.
            models.Index(
                fields=["staff", "-started_at"],
                condition=Q(outcome__in=["in_progress", "abandoned"]),
                name="call_unfinished_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Registration call {self.pk} by {self.staff} ({self.get_outcome_display()})"


class GatingAnswer(models.Model):
    """One answer to question a, b or c, with its time; every answer is kept (seed 000 step 5)."""

    call = models.ForeignKey(RegistrationCall, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=1, choices=GatingQuestion.choices)
    answer = models.BooleanField()
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answered_at", "pk"]

    def __str__(self) -> str:
        return f"{self.question}: {'yes' if self.answer else 'no'}"


class SeekerAccount(models.Model):
    """The job seeker's own sign-in, apart from staff users (DESIGN.md, roadmap).

    Password and secret answer are stored hashed with Django's hashers; the secret
    answer is hashed after trimming and lower-casing, so it is checked ignoring case.
    """

    seeker = models.OneToOneField(JobSeeker, on_delete=models.CASCADE, related_name="account")
    username = models.CharField(max_length=150)
    password = models.CharField(max_length=200)
    secret_question = models.CharField(max_length=200)
    secret_answer = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("username"), name="seeker_account_unique_username")
        ]

    def __str__(self) -> str:
        return f"Account of seeker {self.seeker_id}"


class ConfirmationLetter(models.Model):
    """A same-day confirmation to mail, for a seeker with no real email (seed 000 step 10)."""

    call = models.OneToOneField(RegistrationCall, on_delete=models.PROTECT, related_name="letter")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="letters")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    mailed_at = models.DateTimeField(null=True, blank=True)
    mailed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mailed_at__isnull=True) | Q(mailed_by__isnull=False),
                name="letter_mailed_by_someone",
            )
        ]

    def __str__(self) -> str:
        return f"Confirmation letter for seeker {self.seeker_id}"


# The draft (names, contact, username) is masked rather than excluded: the history shows
# when it changed and when it was purged, never what it held.
auditlog.register(
    RegistrationCall,
    mask_fields=["draft", "draft_ssn", "draft_ssn_index", "draft_password_hash",
                 "draft_secret_answer_hash"],
)  # fmt: skip
auditlog.register(SeekerAccount, mask_fields=["password", "secret_answer"])
auditlog.register(ConfirmationLetter)
