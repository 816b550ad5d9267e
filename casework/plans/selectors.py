"""Reads of assessments and plans (seed 001): scoped getters, the section's lists, the LMI link.

Every getter takes a seeker the caller fetched through `seeker_get` (which applies
`visible_to`) and 404s a record of another seeker.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404

from casework.plans.constants import EARLIER_ASSESSMENTS_SHOWN
from seekers.constants import EnrollmentStatus, GoalStatus, PlanKind, StepKind, StepStatus
from seekers.models import Assessment, EmploymentPlan, Enrollment, JobSeeker, PlanGoal, PlanStep
from workforce.constants import Role
from workforce.models import User


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


def plan_kind_for(actor: User) -> str:
    """Seed 001 / issue 7: a plan written by a DVOP is an IEP; anyone else's, an employment plan."""
    return PlanKind.IEP if actor.role == Role.DVOP else PlanKind.EMPLOYMENT_PLAN


def step_places_in_training(step: PlanStep) -> bool:
    """A training step not cancelled: seed 003's "training level service on the Employment Plan"."""
    return step.kind == StepKind.TRAINING and step.status != StepStatus.CANCELLED


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
