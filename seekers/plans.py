"""Assessments and employment plans (seed 001): writes, the reads they need, and the LMI link.

Writes are keyword-only `<noun>_<verb>` services: they check the actor's role, re-check every
rule (the forms only parse), raise ValidationError keyed by field with nothing written, and
record seed 003's automatic services (Assessment, Placed in Training, Staff Assisted LMI)
through `services.events.record_event`, imported at call time (DESIGN.md dependency rule).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from seekers.constants import (
    EnrollmentStatus,
    GoalStatus,
    PlanKind,
    PlanStatus,
    StepKind,
    StepStatus,
)
from seekers.models import Assessment, EmploymentPlan, Enrollment, JobSeeker, PlanGoal, PlanStep
from workforce.constants import ROLES_SERVING_SEEKERS, Role
from workforce.models import User

# Who writes assessments and plans: everyone who serves seekers (administrators edit catalogs).
ROLES_PLANNING = ROLES_SERVING_SEEKERS
# A target date further ahead than this is almost always a mistyped year.
TARGET_YEARS_AHEAD = 5
# The models have no one-time-token column (and this change adds no migration), so a
# double-submitted create is recognised by content instead: under a lock on the parent row,
# the same author creating the same thing again within this window gets the first one back.
DOUBLE_SUBMIT_WINDOW = datetime.timedelta(minutes=2)
EARLIER_ASSESSMENTS_SHOWN = 10


# --- reads -----------------------------------------------------------------------------


def plan_get(*, seeker: JobSeeker, plan_id: int) -> EmploymentPlan:
    """The plan if it belongs to this seeker (fetched through `seeker_get`); otherwise 404."""
    plan = (
        EmploymentPlan.objects.filter(seeker=seeker, pk=plan_id)
        .select_related("enrollment__program", "created_by")
        .first()
    )
    if plan is None:
        raise Http404("No such plan for this job seeker.")
    plan.seeker = seeker  # the caller's visibility-checked instance, not a second query
    return plan


def plan_goal_get(*, plan: EmploymentPlan, goal_id: int) -> PlanGoal:
    goal = PlanGoal.objects.filter(plan=plan, pk=goal_id).first()
    if goal is None:
        raise Http404("No such goal in this plan.")
    goal.plan = plan
    return goal


def plan_step_get(*, plan: EmploymentPlan, step_id: int) -> PlanStep:
    step = PlanStep.objects.filter(plan=plan, pk=step_id).select_related("goal").first()
    if step is None:
        raise Http404("No such step in this plan.")
    step.plan = plan
    return step


def plan_goal_list(*, plan: EmploymentPlan) -> list[PlanGoal]:
    return list(PlanGoal.objects.filter(plan=plan).order_by("target_date", "id"))


def plan_step_list(*, plan: EmploymentPlan) -> list[PlanStep]:
    steps = PlanStep.objects.filter(plan=plan).select_related("goal")
    return list(steps.order_by("target_date", "id"))


def plan_enrollment_choices(*, seeker: JobSeeker) -> QuerySet[Enrollment]:
    """The enrollments a plan may belong to: this seeker's pending or open ones."""
    return (
        Enrollment.objects.filter(seeker=seeker)
        .exclude(status=EnrollmentStatus.CLOSED)
        .select_related("program")
        .order_by("program__display_order", "program__name", "id")
    )


def plan_section_list(*, seeker: JobSeeker) -> list[EmploymentPlan]:
    """Every plan of the seeker with its goal and step counts and next target date: one query."""
    open_goal = Q(goals__status=GoalStatus.OPEN)
    open_step = Q(steps__status__in=[StepStatus.PLANNED, StepStatus.IN_PROGRESS])
    plans = (
        EmploymentPlan.objects.filter(seeker=seeker)
        .select_related("enrollment__program", "created_by")
        .annotate(
            goal_count=Count("goals", distinct=True),
            step_count=Count("steps", distinct=True),
            next_goal_date=Min("goals__target_date", filter=open_goal),
            next_step_date=Min("steps__target_date", filter=open_step),
        )
        .order_by("-created_at", "-id")
    )
    result = list(plans)
    for plan in result:
        dates = [d for d in (plan.next_goal_date, plan.next_step_date) if d is not None]
        plan.next_target_date = min(dates) if dates else None
    return result


def assessment_get(*, seeker: JobSeeker, assessment_id: int) -> Assessment:
    """The assessment if it belongs to this seeker (fetched through `seeker_get`); otherwise 404."""
    assessment = (
        Assessment.objects.filter(seeker=seeker, pk=assessment_id)
        .select_related("created_by", "updated_by")
        .first()
    )
    if assessment is None:
        raise Http404("No such assessment for this job seeker.")
    assessment.seeker = seeker
    return assessment


def assessment_list(*, seeker: JobSeeker, limit: int = EARLIER_ASSESSMENTS_SHOWN + 1
                    ) -> list[Assessment]:  # fmt: skip
    """The seeker's latest assessments, newest first (the first is "the" assessment)."""
    return list(
        Assessment.objects.filter(seeker=seeker)
        .select_related("updated_by")
        .order_by("-updated_at", "-id")[:limit]
    )


def assessment_latest(*, seeker: JobSeeker) -> Assessment | None:
    found = assessment_list(seeker=seeker, limit=1)
    return found[0] if found else None


@dataclass(frozen=True)
class Occupation:
    """What the LMI page shows: an occupation and where to read about its labor market."""

    title: str
    code: str

    @property
    def lmi_url(self) -> str:
        """settings.LMI_OCCUPATION_URL with {code} and {keyword} filled in, URL-encoded."""
        template = settings.LMI_OCCUPATION_URL
        # str.replace, not str.format: an admin's URL with other braces must not raise.
        return template.replace("{code}", quote(self.code, safe="")).replace(
            "{keyword}", quote(self.title, safe="")
        )


def occupation_of(assessment: Assessment | None) -> Occupation | None:
    """The occupation an assessment names, or None when it names none."""
    if assessment is None:
        return None
    title, code = assessment.desired_occupation.strip(), assessment.occupation_code.strip()
    if not title and not code:
        return None
    return Occupation(title=title, code=code)


# --- writes: plans -------------------------------------------------------------------------


def _check_role(actor: User) -> None:
    if not actor.has_role(*ROLES_PLANNING):
        raise PermissionDenied("Your role does not write assessments or plans.")


def _lock_seeker(seeker: JobSeeker) -> None:
    """Serialise creates for one seeker, so a double submit finds the first one saved."""
    JobSeeker.objects.select_for_update().filter(pk=seeker.pk).values_list("pk").first()


def _lock_plan(plan: EmploymentPlan) -> EmploymentPlan:
    """The plan as it is now, locked: goals and steps are added to an open plan only."""
    current = EmploymentPlan.objects.select_for_update().get(pk=plan.pk)
    if current.status == PlanStatus.CLOSED:
        raise ValidationError("This plan is closed: it cannot be changed.")
    return current


def _recent() -> datetime.datetime:
    return timezone.now() - DOUBLE_SUBMIT_WINDOW


def plan_kind_for(actor: User) -> str:
    """Seed 001 / issue 7: a plan written by a DVOP is an IEP; anyone else's, an employment plan."""
    return PlanKind.IEP if actor.role == Role.DVOP else PlanKind.EMPLOYMENT_PLAN


@transaction.atomic
def plan_create(*, seeker: JobSeeker, actor: User,
                enrollment: Enrollment | None = None) -> EmploymentPlan:  # fmt: skip
    """Start a plan for the seeker, an IEP when the author is a DVOP, optionally in an enrollment.

    A double-submitted form returns the plan the first submit created.
    """
    _check_role(actor)
    if (
        enrollment is not None
        and not plan_enrollment_choices(seeker=seeker).filter(pk=enrollment.pk).exists()
    ):
        raise ValidationError({"enrollment": "Choose one of this job seeker's pending or open "
                               "enrollments, or none."})  # fmt: skip
    _lock_seeker(seeker)
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
    _check_role(actor)
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
    _check_role(actor)
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
    _check_role(actor)
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


def step_places_in_training(step: PlanStep) -> bool:
    """A training step not cancelled: seed 003's "training level service on the Employment Plan"."""
    return step.kind == StepKind.TRAINING and step.status != StepStatus.CANCELLED


def _training_placed(step: PlanStep, actor: User) -> None:
    """Seed 003, Placed in Training: "when staff place a job seeker into a training level
    service on the Employment Plan". Once per step (the step is the source), whether it was
    created as training or changed to it; a cancelled training step places nobody."""
    if not step_places_in_training(step):
        return
    from services.constants import Event
    from services.events import record_event

    record_event(Event.TRAINING_PLACEMENT, seeker=step.plan.seeker, actor=actor, source=step)


@transaction.atomic
def plan_step_add(*, plan: EmploymentPlan, data: StepData, actor: User) -> PlanStep:
    """Add a step to an active plan; a training step records Placed in Training (once)."""
    _check_role(actor)
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
    _check_role(actor)
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

ASSESSMENT_FIELDS = ("desired_occupation", "occupation_code", "work_history", "skills",
                     "barriers", "training_needs", "notes")  # fmt: skip


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
    from services.constants import Event
    from services.events import record_event

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
    _check_role(actor)
    cleaned = _clean_assessment(fields)
    _lock_seeker(seeker)
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
    _check_role(actor)
    cleaned = _clean_assessment(fields)
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
    _check_role(actor)
    if source.seeker_id != seeker.pk:  # the caller fetched it scoped; this guards a misuse
        raise PermissionDenied("That record is not this job seeker's.")
    from services.constants import Event
    from services.events import record_event

    record_event(Event.LMI_STAFF, seeker=seeker, actor=actor, source=_per_day_key(source, "lmi"))
