"""Program enrollments (seed 001): the questions a program asks and each seeker's enrollments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from seekers.constants import ClosureReason, EnrollmentOrigin, EnrollmentStatus, QuestionKind
from seekers.models.activity import SeekerActivity
from seekers.models.seeker import JobSeeker
from workforce.models import Program


class EnrollmentQuestion(models.Model):
    """A question staff answer when enrolling a seeker in one program; administrators edit them."""

    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="enrollment_questions"
    )
    key = models.SlugField(max_length=40, help_text="The answer is stored under this name.")
    label = models.CharField(max_length=300)
    help_text = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    choices = models.TextField(blank=True, help_text="One choice per line (for 'one of a list').")
    required = models.BooleanField(default=True)
    display_order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["program", "display_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "key"], name="enrollment_question_unique_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.program}: {self.label}"

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Enrollment(SeekerActivity, models.Model):
    """One seeker's enrollment in one program: pending, then open, then closed (seed 001).

    `answers` holds the program's questions answered at enrollment; `eligibility_snapshot`
    the demographic answers and the eligibility result the enrollment was based on, frozen
    so that a later change of answers never rewrites why someone was enrolled.
    """

    seeker = models.ForeignKey(JobSeeker, on_delete=models.PROTECT, related_name="enrollments")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="enrollments")
    status = models.CharField(
        max_length=10, choices=EnrollmentStatus.choices, default=EnrollmentStatus.PENDING
    )
    origin = models.CharField(
        max_length=20, choices=EnrollmentOrigin.choices, default=EnrollmentOrigin.STAFF
    )
    answers = models.JSONField(default=dict, blank=True)
    eligibility_snapshot = models.JSONField(default=dict, blank=True)
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    attested_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_on = models.DateField(null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closure_reason = models.CharField(max_length=20, choices=ClosureReason.choices, blank=True)
    closure_note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One pending or open enrollment per program, however concurrent the clicks.
            models.UniqueConstraint(
                fields=["seeker", "program"],
                condition=~Q(status=EnrollmentStatus.CLOSED),
                name="enrollment_one_active_per_program",
            ),
            models.CheckConstraint(
                condition=~Q(status=EnrollmentStatus.OPEN)
                | (Q(opened_on__isnull=False) & Q(attested_at__isnull=False)),
                name="enrollment_open_is_attested",
            ),
            models.CheckConstraint(
                condition=~Q(status=EnrollmentStatus.CLOSED)
                | (Q(closed_on__isnull=False) & ~Q(closure_reason="")),
                name="enrollment_closed_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True)
                | Q(opened_on__isnull=True)
                | Q(closed_on__gte=models.F("opened_on")),
                name="enrollment_closes_after_opening",
            ),
        ]
        indexes = [models.Index(fields=["program", "status"], name="enrollment_program_status")]

    def __str__(self) -> str:
        return f"{self.program} enrollment of seeker {self.seeker_id} ({self.get_status_display()})"
