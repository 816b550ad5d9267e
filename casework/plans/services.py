"""Writes of assessments and employment plans (seed 001), and the LMI button.

Keyword-only `<noun>_<verb>` services: each starts with `seeker_casework_check` (the
actor's role and whether they may see the seeker), re-checks every rule (the forms only
parse), raises ValidationError keyed by field with nothing written, and records seed 003's
automatic services (Assessment, Placed in Training, Staff Assisted LMI) through
`services.events.record_event` in the same transaction (DESIGN.md dependency rule).

The models have no one-time-token column, so a double-submitted create is recognised by
content instead: under a lock on the parent row, the same author creating the same thing
again within `DOUBLE_SUBMIT_WINDOW` gets the first one back.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from casework.plans.constants import ASSESSMENT_FIELDS, TARGET_YEARS_AHEAD
from casework.plans.selectors import (
    plan_enrollment_choices,
    plan_kind_for,
    step_places_in_training,
)
from seekers.constants import GoalStatus, PlanStatus, StepKind, StepStatus
from seekers.models import Assessment, EmploymentPlan, Enrollment, JobSeeker, PlanGoal, PlanStep
from seekers.selectors import seeker_casework_check
from seekers.services import seeker_lock
from services.constants import Event
from services.events import record_event
from workforce.constants import DOUBLE_SUBMIT_WINDOW
from workforce.models import User

# Everyone who serves seekers writes assessments and plans; administrators edit catalogs only.
REFUSAL = "Your role does not write assessments or plans."


# --- writes: plans -------------------------------------------------------------------------


def _lock_plan(plan: EmploymentPlan) -> EmploymentPlan:
    """The plan as it is now, locked: goals and steps are added to an open plan only.

    The seeker first, then the plan: a step may record Placed in Training, and every write
    about a seeker's services takes the seeker's lock before any other (no deadlock).
    """
    seeker_lock(seeker=plan.seeker)
    current = EmploymentPlan.objects.select_for_update().get(pk=plan.pk)
    if current.status == PlanStatus.CLOSED:
        raise ValidationError("This plan is closed: it cannot be changed.")
    return current


def _recent() -> datetime.datetime:
    return timezone.now() - DOUBLE_SUBMIT_WINDOW


@transaction.atomic
def plan_create(*, seeker: JobSeeker, actor: User,
                enrollment: Enrollment | None = None) -> EmploymentPlan:  # fmt: skip
    """Start a plan for the seeker, an IEP when the author is a DVOP, optionally in an enrollment.

    A double-submitted form returns the plan the first submit created.
    """
    seeker_casework_check(seeker=seeker, actor=actor, refusal=REFUSAL)
    if (
        enrollment is not None
        and not plan_enrollment_choices(seeker=seeker).filter(pk=enrollment.pk).exists()
    ):
        raise ValidationError({"enrollment": "Choose one of this job seeker's pending or open "
                               "enrollments, or none."})  # fmt: skip
    seeker_lock(seeker=seeker)
    kind = plan_kind_for(actor)
    earlier = EmploymentPlan.objects.filter(
        seeker=seeker, kind=kind, enrollment=enrollment, created_by=actor,
        status=PlanStatus.ACTIVE, created_at__gte=_recent(),
    ).first()  # fmt: skip
    if earlier is not None:
        return earlier
    plan = EmploymentPlan(seeker=seeker, kind=kind, enrollment=enrollment, created_by=actor)
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_close(*, plan: EmploymentPlan, actor: User) -> bool:
    """Close the plan today; False (nothing changed) when it was already closed."""
    seeker_casework_check(seeker=plan.seeker, actor=actor, refusal=REFUSAL)
    seeker_lock(seeker=plan.seeker)  # the seeker before the plan, as every plan write
    current = EmploymentPlan.objects.select_for_update().get(pk=plan.pk)
    if current.status == PlanStatus.CLOSED:
        return False
    current.status, current.closed_on = PlanStatus.CLOSED, timezone.localdate()
    current.save(update_fields=["status", "closed_on", "updated_at"])
    plan.status, plan.closed_on = current.status, current.closed_on
    return True


def _target_date_errors(target_date: datetime.date | None, plan: EmploymentPlan) -> dict:
    if target_date is None:
        return {}
    started = timezone.localdate(plan.created_at)
    if target_date < started:
        return {"target_date": f"The target date cannot be before the plan was started "
                f"({started:%m/%d/%Y})."}  # fmt: skip
    latest = timezone.localdate() + datetime.timedelta(days=365 * TARGET_YEARS_AHEAD)
    if target_date > latest:
        return {"target_date": f"Enter a target date within {TARGET_YEARS_AHEAD} years "
                f"(by {latest:%m/%d/%Y})."}  # fmt: skip
    return {}


def _goal_errors(description: str, target_date: datetime.date | None, status: str,
                 plan: EmploymentPlan) -> dict:  # fmt: skip
    errors = _target_date_errors(target_date, plan)
    if not description:
        errors["description"] = "Describe the goal."
    if status not in GoalStatus.values:
        errors["status"] = "Choose open, met or not met."
    return errors


@transaction.atomic
def plan_goal_add(*, plan: EmploymentPlan, description: str, target_date: datetime.date | None,
                  status: str = GoalStatus.OPEN, actor: User) -> PlanGoal:  # fmt: skip
    """Add a goal to an active plan; a double submit returns the goal the first one added."""
    seeker_casework_check(seeker=plan.seeker, actor=actor, refusal=REFUSAL)
    description = description.strip()
    current = _lock_plan(plan)
    errors = _goal_errors(description, target_date, status, current)
    if errors:
        raise ValidationError(errors)
    earlier = PlanGoal.objects.filter(
        plan=plan, description=description, target_date=target_date, status=status,
        created_at__gte=_recent(),
    ).first()  # fmt: skip
    if earlier is not None:
        return earlier
    goal = PlanGoal(plan=plan, description=description, target_date=target_date, status=status)
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def plan_goal_update(*, goal: PlanGoal, description: str, target_date: datetime.date | None,
                     status: str, actor: User) -> PlanGoal:  # fmt: skip
    """Change a goal of an active plan: its words, its target date, whether it was met."""
    seeker_casework_check(seeker=goal.plan.seeker, actor=actor, refusal=REFUSAL)
    description = description.strip()
    current = _lock_plan(goal.plan)
    errors = _goal_errors(description, target_date, status, current)
    if errors:
        raise ValidationError(errors)
    goal.description, goal.target_date, goal.status = description, target_date, status
    goal.full_clean()
    goal.save(update_fields=["description", "target_date", "status"])
    return goal


@dataclass(frozen=True)
class StepData:
    """What a step form says; the service decides whether it may be saved."""

    kind: str
    description: str
    goal: PlanGoal | None = None
    provider: str = ""
    target_date: datetime.date | None = None
    status: str = StepStatus.PLANNED
    completed_on: datetime.date | None = None


def _step_errors(data: StepData, plan: EmploymentPlan) -> dict:
    errors = _target_date_errors(data.target_date, plan)
    if data.kind not in StepKind.values:
        errors["kind"] = "Choose what kind of step this is."
    if not data.description.strip():
        errors["description"] = "Describe the step."
    if data.goal is not None and data.goal.plan_id != plan.pk:
        errors["goal"] = "Choose a goal of this plan, or none."
    if data.status not in StepStatus.values:
        errors["status"] = "Choose the step's status."
    elif data.status == StepStatus.COMPLETED:
        if data.completed_on is None:
            errors["completed_on"] = "Enter the date the step was completed."
        elif data.completed_on > timezone.localdate():
            errors["completed_on"] = "The completion date cannot be in the future."
    return errors


def _step_fields(data: StepData) -> dict:
    completed = data.status == StepStatus.COMPLETED
    return {
        "kind": data.kind, "description": data.description.strip(), "goal": data.goal,
        "provider": data.provider.strip(), "target_date": data.target_date,
        "status": data.status, "completed_on": data.completed_on if completed else None,
    }  # fmt: skip


def _training_placed(step: PlanStep, actor: User) -> None:
    """Seed 003, Placed in Training: "when staff place a job seeker into a training level
    service on the Employment Plan". Once per step (the step is the source), whether it was
    created as training or changed to it; a cancelled training step places nobody."""
    if not step_places_in_training(step):
        return
    record_event(Event.TRAINING_PLACEMENT, seeker=step.plan.seeker, actor=actor, source=step)


@transaction.atomic
def plan_step_add(*, plan: EmploymentPlan, data: StepData, actor: User) -> PlanStep:
    """Add a step to an active plan; a training step records Placed in Training (once)."""
    seeker_casework_check(seeker=plan.seeker, actor=actor, refusal=REFUSAL)
    current = _lock_plan(plan)
    errors = _step_errors(data, current)
    if errors:
        raise ValidationError(errors)
    fields = _step_fields(data)
    earlier = PlanStep.objects.filter(
        plan=plan, created_by=actor, created_at__gte=_recent(), **fields
    ).first()
    if earlier is not None:
        return earlier
    step = PlanStep(plan=plan, created_by=actor, **fields)
    step.full_clean()
    step.save()
    _training_placed(step, actor)
    return step


@transaction.atomic
def plan_step_update(*, step: PlanStep, data: StepData, actor: User) -> PlanStep:
    """Change a step of an active plan; making it a training step records Placed in Training."""
    seeker_casework_check(seeker=step.plan.seeker, actor=actor, refusal=REFUSAL)
    current = _lock_plan(step.plan)
    errors = _step_errors(data, current)
    if errors:
        raise ValidationError(errors)
    fields = _step_fields(data)
    for name, value in fields.items():
        setattr(step, name, value)
    step.full_clean()
    step.save(update_fields=[*fields, "updated_at"])
    _training_placed(step, actor)
    return step


# --- writes: assessments and LMI -----------------------------------------------------------


def _per_day_key(obj: Assessment | EmploymentPlan, what: str = "") -> str:
    """A source key naming the object and today's date, e.g. "seekers.assessment:7:2025-05-14".

    record_event is idempotent per source key. Keyed by the object alone, an assessment
    edited next month would never be credited again; keyed by each save, a case manager
    fixing a typo three times would record three services for one sitting. Per object and
    day matches what the service counts: staff assessed (or looked up LMI for) the seeker
    that day.
    """
    middle = f":{what}" if what else ""
    return f"{obj._meta.label_lower}:{obj.pk}{middle}:{timezone.localdate().isoformat()}"


def _assessment_saved(assessment: Assessment, actor: User) -> None:
    """Seed 003, Assessment: "Created when creating or editing an assessment"."""
    record_event(Event.ASSESSMENT_SAVED, seeker=assessment.seeker, actor=actor,
                 source=_per_day_key(assessment))  # fmt: skip


def _clean_assessment(fields: dict) -> dict:
    cleaned = {name: str(fields.get(name) or "").strip() for name in ASSESSMENT_FIELDS}
    if not any(cleaned.values()):
        raise ValidationError("Fill in at least one part of the assessment.")
    return cleaned


@transaction.atomic
def assessment_create(*, seeker: JobSeeker, actor: User, **fields: str) -> Assessment:
    """A new assessment; records the Assessment service (once per assessment and day)."""
    seeker_casework_check(seeker=seeker, actor=actor, refusal=REFUSAL)
    cleaned = _clean_assessment(fields)
    seeker_lock(seeker=seeker)
    earlier = Assessment.objects.filter(
        seeker=seeker, created_by=actor, created_at__gte=_recent(), **cleaned
    ).first()
    if earlier is not None:
        return earlier
    assessment = Assessment(seeker=seeker, created_by=actor, updated_by=actor, **cleaned)
    assessment.full_clean()
    assessment.save()
    _assessment_saved(assessment, actor)
    return assessment


@transaction.atomic
def assessment_update(*, assessment: Assessment, actor: User, **fields: str) -> Assessment:
    """Edit an assessment; records the Assessment service (once per assessment and day)."""
    seeker_casework_check(seeker=assessment.seeker, actor=actor, refusal=REFUSAL)
    cleaned = _clean_assessment(fields)
    seeker_lock(seeker=assessment.seeker)  # before the assessment's row (record_event)
    for name, value in cleaned.items():
        setattr(assessment, name, value)
    assessment.updated_by = actor
    assessment.full_clean()
    assessment.save(update_fields=[*cleaned, "updated_by", "updated_at"])
    _assessment_saved(assessment, actor)
    return assessment


@transaction.atomic
def lmi_open(*, seeker: JobSeeker, source: Assessment | EmploymentPlan, actor: User) -> None:
    """Seed 003, Staff Assisted LMI: the LMI button on an assessment or a plan was pressed.

    Once per assessment (or plan) and day, so pressing it again in the same sitting does not
    count twice.
    """
    seeker_casework_check(seeker=seeker, actor=actor, refusal=REFUSAL)
    if source.seeker_id != seeker.pk:  # the caller fetched it scoped; this guards a misuse
        raise PermissionDenied("That record is not this job seeker's.")
    record_event(Event.LMI_STAFF, seeker=seeker, actor=actor, source=_per_day_key(source, "lmi"))
