"""Helpers shared by the tests of employment plans, their goals and their steps."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from seekers.constants import ClosureReason, EnrollmentStatus, StepKind
from seekers.models import EmploymentPlan, JobSeeker
from tests.factories import EnrollmentFactory
from workforce.models import User


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


def plan_url(name: str, plan: EmploymentPlan, *more: int) -> str:
    return reverse(f"casework:{name}", args=[plan.seeker_id, plan.pk, *more])


def new_plan_url(seeker: JobSeeker) -> str:
    return reverse("casework:plan-new", args=[seeker.pk])


def closed_enrollment(seeker: JobSeeker, author: User, **fields: object) -> object:
    return EnrollmentFactory(
        seeker=seeker,
        created_by=author,
        status=EnrollmentStatus.CLOSED,
        closed_on=today(),
        closure_reason=ClosureReason.COMPLETED,
        **fields,
    )


def step_data(**fields: object) -> dict:
    return {
        "kind": StepKind.JOB_SEARCH,
        "description": "Apply to five jobs",
        "goal": "",
        "provider": "",
        "target_date": "",
        "status": "planned",
        "completed_on": "",
        **fields,
    }
