"""What the plan, goal and step forms take and refuse, beside the field (the services
re-check the same rules: tests/casework/plans/test_services.py)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from seekers.constants import PlanKind
from seekers.models import EmploymentPlan, JobSeeker, PlanGoal, PlanStep
from tests.casework.plans.helpers import (
    closed_enrollment,
    days,
    new_plan_url,
    plan_url,
    step_data,
    today,
)
from tests.factories import (
    EmploymentPlanFactory,
    EnrollmentFactory,
    JobSeekerFactory,
    PlanGoalFactory,
    ProgramFactory,
)
from workforce.models import Office, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return JobSeekerFactory(first_name="Ann", last_name="Doe", offices=[office])


@pytest.fixture
def plan(seeker: JobSeeker, casemanager: User) -> EmploymentPlan:
    return EmploymentPlanFactory(seeker=seeker, created_by=casemanager)


# --- the kind: decided by the author, never posted -----------------------------------------------


def test_it_ignores_a_kind_posted_with_the_form(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    casemanager_client.post(new_plan_url(seeker), {"kind": PlanKind.IEP})
    assert EmploymentPlan.objects.get().kind == PlanKind.EMPLOYMENT_PLAN


# --- the enrollment ("recording services and plans related to the enrollment") ------------


def test_it_offers_only_the_seekers_pending_or_open_enrollments(
    casemanager_client: Client, seeker: JobSeeker, casemanager: User
) -> None:
    mine = EnrollmentFactory(seeker=seeker, created_by=casemanager)
    closed = closed_enrollment(seeker, casemanager, program=ProgramFactory())
    theirs = EnrollmentFactory(seeker=JobSeekerFactory(), created_by=casemanager)
    form = casemanager_client.get(new_plan_url(seeker)).context["form"]
    offered = set(form.fields["enrollment"].queryset)
    assert mine in offered and closed not in offered and theirs not in offered


@pytest.mark.parametrize("whose", ["another seeker's", "a closed"])
def test_it_refuses_an_enrollment_outside_the_choices(
    whose: str, casemanager_client: Client, seeker: JobSeeker, casemanager: User
) -> None:
    if whose == "a closed":
        enrollment = closed_enrollment(seeker, casemanager)
    else:
        enrollment = EnrollmentFactory(seeker=JobSeekerFactory(), created_by=casemanager)
    response = casemanager_client.post(new_plan_url(seeker), {"enrollment": enrollment.pk})
    assert response.status_code == 400
    assert "Choose one of the enrollments listed" in response.content.decode()
    assert not EmploymentPlan.objects.exists()


# --- goals ------------------------------------------------------------------------------------


def test_it_accepts_a_target_date_typed_as_mm_dd_yyyy(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    typed = days(30).strftime("%m/%d/%Y")
    casemanager_client.post(
        plan_url("plan-goal-new", plan),
        {"description": "A", "target_date": typed, "status": "open"},
    )
    assert PlanGoal.objects.get().target_date == days(30)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("2024-02-30", "Enter the target date as mm/dd/yyyy."),
        ("not a date", "Enter the target date as mm/dd/yyyy."),
        ((today() - datetime.timedelta(days=3)).isoformat(), "cannot be before the plan was"),
        ((today() + datetime.timedelta(days=6 * 366)).isoformat(), "within 5 years"),
    ],
)
def test_it_refuses_a_bad_goal_target_date_with_a_message(
    target: str, message: str, casemanager_client: Client, plan: EmploymentPlan
) -> None:
    response = casemanager_client.post(
        plan_url("plan-goal-new", plan),
        {"description": "A goal", "target_date": target, "status": "open"},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["form"].errors["target_date"]  # beside the field
    assert not PlanGoal.objects.exists()


def test_it_refuses_a_goal_without_a_description(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    response = casemanager_client.post(
        plan_url("plan-goal-new", plan), {"description": "  ", "status": "open"}
    )
    assert response.status_code == 400 and "Describe the goal." in response.content.decode()
    assert not PlanGoal.objects.exists()


def test_it_refuses_an_unknown_goal_status(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    response = casemanager_client.post(
        plan_url("plan-goal-new", plan), {"description": "A goal", "status": "done"}
    )
    assert response.status_code == 400 and not PlanGoal.objects.exists()


def test_it_leaves_a_goal_unchanged_when_the_edit_is_refused(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    goal = PlanGoalFactory(plan=plan, description="Keep me", target_date=days(5))
    response = casemanager_client.post(
        plan_url("plan-goal-edit", plan, goal.pk),
        {"description": "Changed", "target_date": "1999-01-01", "status": "met"},
    )
    assert response.status_code == 400
    goal.refresh_from_db()
    assert (goal.description, goal.target_date, goal.status) == ("Keep me", days(5), "open")


# --- steps --------------------------------------------------------------------------------------


def test_it_refuses_a_goal_of_another_plan_for_a_step(
    casemanager_client: Client, plan: EmploymentPlan, casemanager: User
) -> None:
    other_goal = PlanGoalFactory(plan=EmploymentPlanFactory(seeker=plan.seeker))
    response = casemanager_client.post(
        plan_url("plan-step-new", plan), step_data(goal=other_goal.pk)
    )
    assert response.status_code == 400
    assert "Choose a goal of this plan, or none." in response.content.decode()
    assert not PlanStep.objects.exists()


def test_it_requires_the_completion_date_of_a_completed_step(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    response = casemanager_client.post(
        plan_url("plan-step-new", plan), step_data(status="completed")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["completed_on"] == [
        "Enter the date the step was completed."
    ]
    assert not PlanStep.objects.exists()


def test_it_refuses_a_completion_date_in_the_future(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    response = casemanager_client.post(
        plan_url("plan-step-new", plan),
        step_data(status="completed", completed_on=days(1).isoformat()),
    )
    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()
    assert not PlanStep.objects.exists()


def test_it_refuses_a_step_target_date_before_the_plan(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    response = casemanager_client.post(
        plan_url("plan-step-new", plan), step_data(target_date=days(-30).isoformat())
    )
    assert response.status_code == 400
    assert response.context["form"].errors["target_date"]
    assert not PlanStep.objects.exists()


def test_it_refuses_a_step_without_a_kind(casemanager_client: Client, plan: EmploymentPlan) -> None:
    response = casemanager_client.post(plan_url("plan-step-new", plan), step_data(kind=""))
    assert response.status_code == 400
    assert "Choose what kind of step this is." in response.content.decode()
