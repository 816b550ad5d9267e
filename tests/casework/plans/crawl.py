"""The plans area's part of the partner-leak crawl (tests/optout/test_crawl.py).

For an opted-out seeker, the casework a partner wrote before the opt-out: a plan with a goal
and a training step, and an assessment. Each object's id is offered to every URL parameter
of that name, so the crawl proves none of these pages answers a partner for this seeker.
"""

from __future__ import annotations

from collections.abc import Callable

from seekers.constants import StepKind
from seekers.models import JobSeeker
from tests.factories import (
    AssessmentFactory,
    EmploymentPlanFactory,
    PlanGoalFactory,
    PlanStepFactory,
)
from workforce.models import User


def casework_for_hidden(*, seeker: JobSeeker, partner: User, add: Callable[..., None]) -> None:
    plan = EmploymentPlanFactory(seeker=seeker, created_by=partner)
    goal = PlanGoalFactory(plan=plan, description=f"Goal of {seeker.first_name}")
    step = PlanStepFactory(
        plan=plan,
        goal=goal,
        kind=StepKind.TRAINING,
        created_by=partner,
        description=f"Training for {seeker.first_name} {seeker.last_name}",
    )
    assessment = AssessmentFactory(
        seeker=seeker, created_by=partner, notes=f"Assessed {seeker.first_name} by phone"
    )
    add("plan_id", plan)
    add("goal_id", goal)
    add("step_id", step)
    add("assessment_id", assessment)
