"""Every page of assessments and plans: sign-in, role, partner visibility, methods, scoping;
and what the plan pages show and offer."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from casework.plans.services import plan_close
from seekers.constants import PlanKind, StepKind
from seekers.models import Assessment, EmploymentPlan, JobSeeker, PlanGoal, PlanStep
from services.models import ServiceRecord
from tests.casework.plans.helpers import days, new_plan_url, plan_url
from tests.conftest import client_for
from tests.factories import (
    AssessmentFactory,
    EmploymentPlanFactory,
    JobSeekerFactory,
    PlanGoalFactory,
    PlanStepFactory,
)
from workforce.models import Office, User

pytestmark = pytest.mark.django_db


@dataclass
class Casework:
    seeker: JobSeeker
    plan: EmploymentPlan
    goal: PlanGoal
    step: PlanStep
    assessment: Assessment


def casework_of(seeker: JobSeeker, author: User) -> Casework:
    plan = EmploymentPlanFactory(seeker=seeker, created_by=author)
    return Casework(
        seeker=seeker,
        plan=plan,
        goal=PlanGoalFactory(plan=plan),
        step=PlanStepFactory(plan=plan, created_by=author),
        assessment=AssessmentFactory(seeker=seeker, created_by=author),
    )


# (url name, which ids it takes, methods it answers)
GET_POST = ("GET", "POST")
PAGES = [
    ("plan-new", "s", GET_POST),
    ("plan-detail", "sp", ("GET",)),
    ("plan-close", "sp", ("POST",)),
    ("plan-goal-new", "sp", GET_POST),
    ("plan-goal-edit", "spg", GET_POST),
    ("plan-step-new", "sp", GET_POST),
    ("plan-step-edit", "spt", GET_POST),
    ("plan-lmi", "sp", ("POST",)),
    ("plan-lmi-page", "sp", ("GET",)),
    ("assessment-new", "s", GET_POST),
    ("assessment-detail", "sa", ("GET",)),
    ("assessment-edit", "sa", GET_POST),
    ("assessment-lmi", "sa", ("POST",)),
    ("assessment-lmi-page", "sa", ("GET",)),
]
NAMES = [name for name, _, _ in PAGES]


def url(name: str, work: Casework, **override: int) -> str:
    ids = {
        "s": work.seeker.pk,
        "p": work.plan.pk,
        "g": work.goal.pk,
        "t": work.step.pk,
        "a": work.assessment.pk,
    }
    ids.update(override)
    letters = dict((n, k) for n, k, _ in PAGES)[name]
    return reverse(f"casework:{name}", args=[ids[letter] for letter in letters])


def methods(name: str) -> tuple[str, ...]:
    return dict((n, m) for n, _, m in PAGES)[name]


@pytest.fixture
def work(casemanager: User, office: Office) -> Casework:
    return casework_of(JobSeekerFactory(offices=[office]), casemanager)


def counts() -> tuple[int, ...]:
    return (
        EmploymentPlan.objects.count(),
        PlanGoal.objects.count(),
        PlanStep.objects.count(),
        Assessment.objects.count(),
        ServiceRecord.objects.count(),
    )


def test_it_covers_every_route_of_the_module() -> None:
    from casework.plans import urls

    assert {p.name for p in urls.urlpatterns} == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_it_sends_anonymous_users_to_sign_in(name: str, work: Casework) -> None:
    for method in methods(name):
        response = getattr(Client(), method.lower())(url(name, work))
        assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("name", NAMES)
def test_it_refuses_administrators_with_403(name: str, work: Casework, admin: User) -> None:
    before = counts()
    client = client_for(admin)
    for method in methods(name):
        assert getattr(client, method.lower())(url(name, work)).status_code == 403
    assert counts() == before


@pytest.mark.parametrize("name", NAMES)
def test_it_hides_an_opted_out_seeker_from_partner_staff(
    name: str, partner: User, casemanager: User
) -> None:
    hidden = casework_of(JobSeekerFactory(opted_out=True), casemanager)
    before = counts()
    client = client_for(partner)
    for method in methods(name):
        assert getattr(client, method.lower())(url(name, hidden)).status_code == 404
    assert counts() == before


@pytest.mark.parametrize("name", [n for n in NAMES if methods(n) == ("POST",)])
def test_it_answers_405_to_a_get_of_a_post_only_url(
    name: str, work: Casework, casemanager_client: Client
) -> None:
    before = counts()
    assert casemanager_client.get(url(name, work)).status_code == 405
    assert counts() == before


@pytest.mark.parametrize("name", [n for n in NAMES if methods(n) == ("GET",)])
def test_it_answers_405_to_a_post_of_a_read_only_page(
    name: str, work: Casework, casemanager_client: Client
) -> None:
    assert casemanager_client.post(url(name, work)).status_code == 405


@pytest.mark.parametrize("name", [n for n in NAMES if "GET" in methods(n)])
def test_it_shows_every_page_to_a_case_manager(
    name: str, work: Casework, casemanager_client: Client
) -> None:
    assert casemanager_client.get(url(name, work)).status_code == 200


@pytest.mark.parametrize("name", [n for n in NAMES if "GET" in methods(n)])
def test_it_shows_every_page_to_partner_staff_for_a_seeker_they_see(
    name: str, partner: User, partner_office: Office
) -> None:
    visible = casework_of(JobSeekerFactory(offices=[partner_office]), partner)
    assert client_for(partner).get(url(name, visible)).status_code == 200


@pytest.mark.parametrize(
    ("name", "letter"),
    [(n, k) for n, ks, _ in PAGES for k in ks if k != "s"],
)
def test_it_404s_an_object_of_another_seeker(
    name: str, letter: str, work: Casework, casemanager: User, casemanager_client: Client
) -> None:
    other = casework_of(JobSeekerFactory(), casemanager)
    foreign = {"p": other.plan, "g": other.goal, "t": other.step, "a": other.assessment}[letter]
    before = counts()
    for method in methods(name):
        response = getattr(casemanager_client, method.lower())(
            url(name, work, **{letter: foreign.pk})
        )
        assert response.status_code == 404, (name, letter, method)
    assert counts() == before


def test_it_404s_a_goal_of_another_plan_of_the_same_seeker(
    work: Casework, casemanager: User, casemanager_client: Client
) -> None:
    second = EmploymentPlanFactory(seeker=work.seeker, created_by=casemanager)
    goal = PlanGoalFactory(plan=second)
    step = PlanStepFactory(plan=second)
    assert casemanager_client.get(url("plan-goal-edit", work, g=goal.pk)).status_code == 404
    assert casemanager_client.get(url("plan-step-edit", work, t=step.pk)).status_code == 404


def test_it_answers_404_to_a_partner_for_the_crawl_casework_of_a_hidden_seeker(
    partner: User, casemanager_client: Client
) -> None:
    from tests.casework.plans.crawl import casework_for_hidden

    hidden = JobSeekerFactory(opted_out=True, first_name="Zebulon", last_name="Quillfeather")
    ids: dict[str, int] = {}
    casework_for_hidden(
        seeker=hidden, partner=partner, add=lambda name, obj: ids.__setitem__(name, obj.pk)
    )
    assert set(ids) == {"plan_id", "goal_id", "step_id", "assessment_id"}
    work = Casework(
        seeker=hidden,
        plan=EmploymentPlan.objects.get(pk=ids["plan_id"]),
        goal=PlanGoal.objects.get(pk=ids["goal_id"]),
        step=PlanStep.objects.get(pk=ids["step_id"]),
        assessment=Assessment.objects.get(pk=ids["assessment_id"]),
    )
    client = client_for(partner)
    for name in NAMES:
        for method in methods(name):
            response = getattr(client, method.lower())(url(name, work))
            assert response.status_code == 404, (name, method)
            assert "Quillfeather" not in response.content.decode()
        assert casemanager_client.get(url(name, work)).status_code in {200, 405}  # control


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return JobSeekerFactory(first_name="Ann", last_name="Doe", offices=[office])


@pytest.fixture
def plan(seeker: JobSeeker, casemanager: User) -> EmploymentPlan:
    return EmploymentPlanFactory(seeker=seeker, created_by=casemanager)


# --- what the plan pages show and offer ----------------------------------------------------------


def test_it_names_the_kind_on_the_new_plan_page(dvop: User, seeker: JobSeeker) -> None:
    body = client_for(dvop).get(new_plan_url(seeker)).content.decode()
    assert "New individual employment plan (IEP)" in body


def test_it_fills_the_goal_form_with_the_goal(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    goal = PlanGoalFactory(plan=plan, description="Finish the GED", target_date=days(10))
    body = casemanager_client.get(plan_url("plan-goal-edit", plan, goal.pk)).content.decode()
    assert "Finish the GED" in body and days(10).isoformat() in body


def test_it_fills_the_step_form_with_the_step(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    step = PlanStepFactory(plan=plan, description="Visit the library", provider="City Library")
    body = casemanager_client.get(plan_url("plan-step-edit", plan, step.pk)).content.decode()
    assert "Visit the library" in body and "City Library" in body


def test_it_shows_goals_and_steps_on_the_plan_page(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    goal = PlanGoalFactory(plan=plan, description="Become a licensed electrician")
    PlanStepFactory(
        plan=plan, goal=goal, description="Enroll in the apprenticeship", kind=StepKind.TRAINING
    )
    body = casemanager_client.get(plan_url("plan-detail", plan)).content.decode()
    assert "Become a licensed electrician" in body and "Enroll in the apprenticeship" in body
    assert plan_url("plan-goal-new", plan) in body and plan_url("plan-step-new", plan) in body


def test_it_hides_the_edit_links_of_a_closed_plan(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    plan_close(plan=plan, actor=plan.created_by)
    body = casemanager_client.get(plan_url("plan-detail", plan)).content.decode()
    assert plan_url("plan-goal-new", plan) not in body and plan_url("plan-close", plan) not in body


def test_it_offers_a_dvop_the_dvop_iep_service_after_saving_an_iep(
    dvop: User, seeker: JobSeeker
) -> None:
    response = client_for(dvop).post(new_plan_url(seeker), {}, follow=True)
    body = response.content.decode()
    assert "Record the DVOP IEP service" in body
    assert reverse("services:record", args=[seeker.pk]) in body


def test_it_does_not_offer_the_dvop_iep_service_on_an_employment_plan(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    body = casemanager_client.get(plan_url("plan-detail", plan)).content.decode()
    assert "DVOP IEP" not in body


def test_it_does_not_offer_the_dvop_iep_service_to_a_case_manager_reading_an_iep(
    casemanager_client: Client, seeker: JobSeeker, dvop: User
) -> None:
    iep = EmploymentPlanFactory(seeker=seeker, created_by=dvop, kind=PlanKind.IEP)
    body = casemanager_client.get(plan_url("plan-detail", iep)).content.decode()
    assert reverse("services:record", args=[seeker.pk]) not in body
