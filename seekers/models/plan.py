"""Employment plans (an IEP when a DVOP writes one) and assessments."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from seekers.constants import GoalStatus, PlanKind, PlanStatus, StepKind, StepStatus
from seekers.models.activity import SeekerActivity
from seekers.models.enrollment import Enrollment
from seekers.models.seeker import JobSeeker

# O*NET-SOC codes: "15-1252" (SOC) or "15-1252.00" (O*NET).
occupation_code_validator = RegexValidator(
    r"^\d{2}-\d{4}(\.\d{2})?$", "Enter an occupation code like 15-1252 or 15-1252.00."
)


def occupation_code_field() -> models.CharField:
    return models.CharField(
        "occupation code (O*NET-SOC)",
        max_length=10,
        blank=True,
        validators=[occupation_code_validator],
    )


class EmploymentPlan(SeekerActivity, models.Model):
    """A seeker's employment plan: goals and the steps toward them; an IEP when a DVOP writes it."""

    seeker = models.ForeignKey(JobSeeker, on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(
        max_length=20, choices=PlanKind.choices, default=PlanKind.EMPLOYMENT_PLAN
    )
    enrollment = models.ForeignKey(
        Enrollment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        help_text="The enrollment the plan belongs to, if any (seed 001).",
    )
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of seeker {self.seeker_id}"


class PlanGoal(SeekerActivity, models.Model):
    """What the seeker wants to reach, with a target date."""

    plan = models.ForeignKey(EmploymentPlan, on_delete=models.CASCADE, related_name="goals")
    description = models.CharField(max_length=500)
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "target_date", "id"]

    def __str__(self) -> str:
        return self.description

    def activity_seeker_id(self) -> int:
        return self.plan.seeker_id


class PlanStep(SeekerActivity, models.Model):
    """One step of a plan; a training step is seed 003's "training level service"."""

    plan = models.ForeignKey(EmploymentPlan, on_delete=models.CASCADE, related_name="steps")
    goal = models.ForeignKey(
        PlanGoal, on_delete=models.SET_NULL, null=True, blank=True, related_name="steps"
    )
    kind = models.CharField(max_length=20, choices=StepKind.choices)
    description = models.CharField(max_length=500)
    provider = models.CharField(
        max_length=200, blank=True, help_text="The training provider or agency, if any."
    )
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=StepStatus.choices, default=StepStatus.PLANNED)
    completed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "target_date", "id"]

    def __str__(self) -> str:
        return self.description

    def activity_seeker_id(self) -> int:
        return self.plan.seeker_id


class Assessment(SeekerActivity, models.Model):
    """What staff learned about the seeker's work history, skills, barriers and goal occupation.

    Creating or editing one records seed 003's "Assessment" service; its desired
    occupation seeds the job search.
    """

    seeker = models.ForeignKey(JobSeeker, on_delete=models.PROTECT, related_name="assessments")
    desired_occupation = models.CharField(max_length=200, blank=True)
    occupation_code = occupation_code_field()
    work_history = models.TextField(blank=True)
    skills = models.TextField(blank=True)
    barriers = models.TextField("barriers to employment", blank=True)
    training_needs = models.TextField("education and training needs", blank=True)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return f"Assessment {self.pk} of seeker {self.seeker_id}"
