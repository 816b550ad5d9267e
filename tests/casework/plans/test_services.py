"""Writes of employment plans and IEPs (seed 001): kind by author, enrollment, goals, steps,
closing, and what a double submit or a closed plan changes."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from casework.plans.services import StepData, plan_close, plan_create, plan_step_add
from seekers.constants import GoalStatus, PlanKind, PlanStatus, StepKind
from seekers.models import EmploymentPlan, JobSeeker, PlanGoal, PlanStep
from tests.casework.plans.helpers import days, new_plan_url, plan_url, step_data, today
from tests.conftest import client_for
from tests.factories import (
    EmploymentPlanFactory,
    EnrollmentFactory,
    JobSeekerFactory,
    PlanGoalFactory,
    PlanStepFactory,
)
from workforce.constants import DOUBLE_SUBMIT_WINDOW
from workforce.models import Office, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return JobSeekerFactory(first_name="Ann", last_name="Doe", offices=[office])


@pytest.fixture
def plan(seeker: JobSeeker, casemanager: User) -> EmploymentPlan:
    return EmploymentPlanFactory(seeker=seeker, created_by=casemanager)


# --- the kind: an IEP when a DVOP writes it -------------------------------------------------


def test_it_makes_an_iep_when_a_dvop_writes_the_plan(dvop: User, seeker: JobSeeker) -> None:
    response = client_for(dvop).post(new_plan_url(seeker), {})
    plan = EmploymentPlan.objects.get()
    assert plan.kind == PlanKind.IEP and plan.created_by == dvop
    assert response.status_code == 302 and response["Location"] == plan_url("plan-detail", plan)


@pytest.mark.parametrize("who", ["casemanager", "partner", "supervisor"])
def test_it_makes_an_employment_plan_when_anyone_else_writes_it(
    who: str, seeker: JobSeeker, request: pytest.FixtureRequest
) -> None:
    author = request.getfixturevalue(who)
    assert client_for(author).post(new_plan_url(seeker), {}).status_code == 302
    assert EmploymentPlan.objects.get().kind == PlanKind.EMPLOYMENT_PLAN


def test_it_refuses_a_plan_from_an_administrator_in_the_service(
    admin: User, seeker: JobSeeker
) -> None:
    with pytest.raises(PermissionDenied):
        plan_create(seeker=seeker, actor=admin)
    assert not EmploymentPlan.objects.exists()


def test_it_creates_one_plan_from_a_double_submitted_form(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    first = casemanager_client.post(new_plan_url(seeker), {})
    second = casemanager_client.post(new_plan_url(seeker), {})
    assert EmploymentPlan.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_it_starts_a_second_plan_asked_for_after_the_double_submit_window(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    casemanager_client.post(new_plan_url(seeker), {})
    earlier = timezone.now() - DOUBLE_SUBMIT_WINDOW - datetime.timedelta(seconds=1)
    EmploymentPlan.objects.update(created_at=earlier)
    casemanager_client.post(new_plan_url(seeker), {})
    assert EmploymentPlan.objects.count() == 2


# --- the enrollment ("recording services and plans related to the enrollment") ------------


def test_it_links_the_plan_to_an_open_enrollment_of_the_seeker(
    casemanager_client: Client, seeker: JobSeeker, casemanager: User
) -> None:
    enrollment = EnrollmentFactory(seeker=seeker, created_by=casemanager)
    response = casemanager_client.post(new_plan_url(seeker), {"enrollment": enrollment.pk})
    assert response.status_code == 302
    assert EmploymentPlan.objects.get().enrollment == enrollment


def test_it_refuses_another_seekers_enrollment_in_the_service(
    seeker: JobSeeker, casemanager: User
) -> None:
    enrollment = EnrollmentFactory(seeker=JobSeekerFactory(), created_by=casemanager)
    with pytest.raises(ValidationError) as caught:
        plan_create(seeker=seeker, actor=casemanager, enrollment=enrollment)
    assert "enrollment" in caught.value.message_dict
    assert not EmploymentPlan.objects.exists()


# --- goals ------------------------------------------------------------------------------------


def test_it_adds_a_goal_with_a_target_date(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    response = casemanager_client.post(
        plan_url("plan-goal-new", plan),
        {"description": "Work as a welder", "target_date": days(90).isoformat(), "status": "open"},
    )
    assert response.status_code == 302 and response["Location"] == plan_url("plan-detail", plan)
    goal = PlanGoal.objects.get()
    assert (goal.plan, goal.description, goal.target_date) == (plan, "Work as a welder", days(90))
    assert goal.status == GoalStatus.OPEN


def test_it_edits_a_goal_and_marks_it_met(casemanager_client: Client, plan: EmploymentPlan) -> None:
    goal = PlanGoalFactory(plan=plan, description="Old words")
    response = casemanager_client.post(
        plan_url("plan-goal-edit", plan, goal.pk),
        {"description": "New words", "target_date": "", "status": "met"},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.description, goal.status, goal.target_date) == ("New words", "met", None)


def test_it_adds_one_goal_from_a_double_submitted_form(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    data = {"description": "Get a forklift license", "status": "open"}
    for _ in range(2):
        assert casemanager_client.post(plan_url("plan-goal-new", plan), data).status_code == 302
    assert PlanGoal.objects.count() == 1


# --- steps --------------------------------------------------------------------------------------


def test_it_adds_a_step_serving_a_goal_of_the_plan(
    casemanager_client: Client, plan: EmploymentPlan, casemanager: User
) -> None:
    goal = PlanGoalFactory(plan=plan)
    response = casemanager_client.post(
        plan_url("plan-step-new", plan),
        step_data(goal=goal.pk, provider="  Metro College ", target_date=days(14).isoformat()),
    )
    assert response.status_code == 302
    step = PlanStep.objects.get()
    assert (step.plan, step.goal, step.provider, step.target_date) == (
        plan,
        goal,
        "Metro College",
        days(14),
    )
    assert step.created_by == casemanager


def test_it_refuses_a_goal_of_another_plan_in_the_service(
    plan: EmploymentPlan, casemanager: User
) -> None:
    other_goal = PlanGoalFactory(plan=EmploymentPlanFactory(seeker=plan.seeker))
    data = StepData(kind=StepKind.OTHER, description="x", goal=other_goal)
    with pytest.raises(ValidationError) as caught:
        plan_step_add(plan=plan, data=data, actor=casemanager)
    assert "goal" in caught.value.message_dict and not PlanStep.objects.exists()


def test_it_records_the_completion_date_of_a_completed_step(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    casemanager_client.post(
        plan_url("plan-step-new", plan),
        step_data(status="completed", completed_on=today().isoformat()),
    )
    assert PlanStep.objects.get().completed_on == today()


def test_it_drops_the_completion_date_of_a_step_not_completed(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    casemanager_client.post(
        plan_url("plan-step-new", plan),
        step_data(status="in_progress", completed_on=today().isoformat()),
    )
    assert PlanStep.objects.get().completed_on is None


def test_it_edits_a_step(casemanager_client: Client, plan: EmploymentPlan) -> None:
    step = PlanStepFactory(plan=plan, description="Old")
    response = casemanager_client.post(
        plan_url("plan-step-edit", plan, step.pk),
        step_data(kind=StepKind.EDUCATION, description="New", status="in_progress"),
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.kind, step.description, step.status) == ("education", "New", "in_progress")


def test_it_adds_one_step_from_a_double_submitted_form(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    for _ in range(2):
        response = casemanager_client.post(plan_url("plan-step-new", plan), step_data())
        assert response.status_code == 302
    assert PlanStep.objects.count() == 1


# --- closing -------------------------------------------------------------------------------------


def test_it_closes_a_plan(casemanager_client: Client, plan: EmploymentPlan) -> None:
    response = casemanager_client.post(plan_url("plan-close", plan))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED and plan.closed_on == today()


def test_it_changes_nothing_when_closing_a_closed_plan(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    plan.status, plan.closed_on = PlanStatus.CLOSED, days(-3)
    plan.save()
    response = casemanager_client.post(plan_url("plan-close", plan), follow=True)
    assert "already closed" in response.content.decode()
    plan.refresh_from_db()
    assert plan.closed_on == days(-3)


def test_it_refuses_goals_and_steps_on_a_closed_plan(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    goal = PlanGoalFactory(plan=plan, description="Kept")
    plan_close(plan=plan, actor=plan.created_by)
    responses = [
        casemanager_client.post(
            plan_url("plan-goal-new", plan), {"description": "x", "status": "open"}
        ),
        casemanager_client.post(
            plan_url("plan-goal-edit", plan, goal.pk), {"description": "Changed", "status": "met"}
        ),
        casemanager_client.post(plan_url("plan-step-new", plan), step_data()),
    ]
    for response in responses:
        assert response.status_code == 400
        assert "This plan is closed" in response.content.decode()
    goal.refresh_from_db()
    assert goal.description == "Kept" and PlanGoal.objects.count() == 1
    assert not PlanStep.objects.exists()
