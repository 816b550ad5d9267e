"""Seed 003, "Placed in Training - Created when staff place a job seeker into a training level
service on the Employment Plan": once per training step, never for a cancelled one."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from casework.plans.services import StepData, plan_step_update
from seekers.constants import PlanKind, StepKind, StepStatus
from seekers.models import EmploymentPlan, JobSeeker, PlanStep
from services.constants import Event
from services.models import ServiceRecord
from tests.conftest import client_for
from tests.factories import EmploymentPlanFactory, JobSeekerFactory, PlanStepFactory
from workforce.models import Office, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return JobSeekerFactory(offices=[office])


@pytest.fixture
def plan(seeker: JobSeeker, casemanager: User) -> EmploymentPlan:
    return EmploymentPlanFactory(seeker=seeker, created_by=casemanager)


def placed() -> list[ServiceRecord]:
    return list(ServiceRecord.objects.filter(event=Event.TRAINING_PLACEMENT))


def step_data(**fields: object) -> dict:
    return {
        "kind": StepKind.TRAINING,
        "description": "Welding certificate",
        "goal": "",
        "provider": "Metro Technical College",
        "target_date": "",
        "status": "planned",
        "completed_on": "",
        **fields,
    }


def add_url(plan: EmploymentPlan) -> str:
    return reverse("casework:plan-step-new", args=[plan.seeker_id, plan.pk])


def edit_url(step: PlanStep) -> str:
    return reverse("casework:plan-step-edit", args=[step.plan.seeker_id, step.plan_id, step.pk])


def test_it_records_placed_in_training_when_a_training_step_is_added(
    casemanager_client: Client, plan: EmploymentPlan, casemanager: User, office: Office
) -> None:
    response = casemanager_client.post(add_url(plan), step_data(), follow=True)
    step = PlanStep.objects.get()
    [record] = placed()
    assert record.service_type.name == "Placed in Training"
    assert record.seeker == plan.seeker and record.credited_staff == casemanager
    assert record.source == f"seekers.planstep:{step.pk}"
    assert record.office == office
    assert "placed in training" in response.content.decode()


def test_it_records_nothing_for_a_step_that_is_not_training(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    casemanager_client.post(add_url(plan), step_data(kind=StepKind.JOB_SEARCH))
    assert placed() == []


def test_it_records_nothing_for_a_cancelled_training_step(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    casemanager_client.post(add_url(plan), step_data(status=StepStatus.CANCELLED))
    assert PlanStep.objects.count() == 1 and placed() == []


def test_it_records_placed_in_training_when_a_step_is_changed_to_training(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    step = PlanStepFactory(plan=plan, kind=StepKind.EDUCATION)
    response = casemanager_client.post(edit_url(step), step_data())
    assert response.status_code == 302
    assert [r.source for r in placed()] == [f"seekers.planstep:{step.pk}"]


def test_it_records_it_once_however_often_the_training_step_is_saved(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    casemanager_client.post(add_url(plan), step_data())
    step = PlanStep.objects.get()
    for status in (StepStatus.IN_PROGRESS, StepStatus.PLANNED, StepStatus.IN_PROGRESS):
        casemanager_client.post(edit_url(step), step_data(status=status))
    assert len(placed()) == 1


def test_it_records_it_once_when_a_step_goes_training_then_other_then_training(
    plan: EmploymentPlan, casemanager: User
) -> None:
    step = PlanStepFactory(plan=plan, kind=StepKind.OTHER)
    for kind in (StepKind.TRAINING, StepKind.OTHER, StepKind.TRAINING):
        data = StepData(kind=kind, description="Training", status=StepStatus.PLANNED)
        plan_step_update(step=step, data=data, actor=casemanager)
    assert len(placed()) == 1


def test_it_records_one_service_for_each_training_step(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    casemanager_client.post(add_url(plan), step_data(description="Welding"))
    casemanager_client.post(add_url(plan), step_data(description="Forklift"))
    assert len(placed()) == 2


def test_it_records_nothing_when_a_step_is_edited_into_a_cancelled_training_step(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    step = PlanStepFactory(plan=plan, kind=StepKind.OTHER)
    casemanager_client.post(edit_url(step), step_data(status=StepStatus.CANCELLED))
    assert placed() == []


def test_it_keeps_the_service_when_a_training_step_is_cancelled_later(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    casemanager_client.post(add_url(plan), step_data())
    step = PlanStep.objects.get()
    casemanager_client.post(edit_url(step), step_data(status=StepStatus.CANCELLED))
    assert len(placed()) == 1  # the seeker was placed; a service on record is history


def test_it_records_nothing_when_the_training_step_is_refused(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    response = casemanager_client.post(add_url(plan), step_data(status="completed"))
    assert response.status_code == 400
    assert not PlanStep.objects.exists() and placed() == []


def test_it_records_placed_in_training_on_a_dvops_iep_too(dvop: User, seeker: JobSeeker) -> None:
    iep = EmploymentPlanFactory(seeker=seeker, created_by=dvop, kind=PlanKind.IEP)
    client_for(dvop).post(add_url(iep), step_data())
    [record] = placed()
    assert record.credited_staff == dvop
