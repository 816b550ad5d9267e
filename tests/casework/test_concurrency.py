"""Every write about one seeker's services at the same moment, on real PostgreSQL (issue 14).

Manual services and the flows that record automatic ones (plans, job referrals, workshop
results, assessments, LMI, date-of-birth verification) each run on a thread and database
connection of their own, released together by a barrier. Each takes the seeker's lock
first (docs/participation.md, "Concurrent writes"), so none fails, none deadlocks, every
service is kept, and the stored periods are what a rebuild from scratch gives.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casework.jobs.services import referral_create
from casework.plans.services import (
    StepData,
    assessment_create,
    assessment_update,
    lmi_open,
    plan_step_add,
)
from casework.services import seeker_dob_verify
from seekers.constants import StepKind
from seekers.models import Assessment, CaseNote, EmploymentPlan, JobReferral
from services.constants import Event
from services.models import ServiceRecord, ServiceType, WorkshopReferral
from services.services import service_record
from services.workshops.services import workshop_result
from tests.conftest import race
from tests.factories import (
    AssessmentFactory,
    EmploymentPlanFactory,
    JobPostingFactory,
    JobSeekerFactory,
    UserFactory,
    WorkshopFactory,
    WorkshopReferralFactory,
)
from tests.services.test_concurrency import assert_periods_as_rebuilt
from workforce.models import Office

pytestmark = pytest.mark.django_db(transaction=True)
MANUAL = 3


def every_flow_at_once(office: Office) -> tuple[object, list[object]]:
    staff = [UserFactory(organization=office.organization, current_office=office,
                         offices=[office]) for _ in range(MANUAL + 8)]  # fmt: skip
    seeker = JobSeekerFactory(offices=[office])
    plan = EmploymentPlanFactory(seeker=seeker, created_by=staff[0])
    assessment = AssessmentFactory(seeker=seeker, created_by=staff[0])
    workshop = WorkshopFactory(office=office, starts_at=timezone.now() - datetime.timedelta(days=1))
    referral = WorkshopReferralFactory(workshop=workshop, seeker=seeker, referred_by=staff[0])
    posting = JobPostingFactory()
    search = ServiceType.objects.get(name="Job Search Activity")
    today = timezone.localdate()
    manual = [
        lambda i=i: service_record(
            seeker=seeker,
            service_type=search,
            service_date=today - datetime.timedelta(days=i),
            credited_staff=staff[i],
            note="",
            actor=staff[i],
            form_token=uuid.uuid4().hex,
        )
        for i in range(MANUAL)
    ]
    more = iter(staff[MANUAL:])
    a, b, c, d, e, f, g, h = (next(more) for _ in range(8))
    writes = [
        *manual,
        lambda: plan_step_add(
            plan=plan,
            actor=a,
            data=StepData(kind=StepKind.TRAINING, description="Forklift certificate"),
        ),
        lambda: referral_create(seeker=seeker, posting=posting, actor=b),
        lambda: workshop_result(referral=referral, result="attended", actor=c),
        lambda: assessment_create(seeker=seeker, actor=d, desired_occupation="Welder"),
        lambda: assessment_update(assessment=assessment, actor=e, desired_occupation="Baker"),
        lambda: lmi_open(seeker=seeker, source=plan, actor=f),
        lambda: seeker_dob_verify(seeker=seeker, actor=g),
        lambda: service_record(
            seeker=seeker,
            service_type=ServiceType.objects.get(name="Resume Assistance"),
            service_date=today,
            credited_staff=h,
            note="",
            actor=h,
            form_token=uuid.uuid4().hex,
        ),
    ]
    return seeker, race(writes)


def test_every_write_about_one_seekers_services_at_once_keeps_them_all(office: Office) -> None:
    for _ in range(3):  # a few rounds: the interleavings differ from run to run
        seeker, outcomes = every_flow_at_once(office)
        assert [o for o in outcomes if isinstance(o, Exception)] == []
        kept = ServiceRecord.objects.filter(seeker=seeker)
        assert kept.filter(event="").count() == MANUAL + 1
        assert set(kept.values_list("event", flat=True)) >= {
            Event.TRAINING_PLACEMENT, Event.JOB_REFERRAL, Event.WORKSHOP_RESULTED,
            Event.ASSESSMENT_SAVED, Event.LMI_STAFF, Event.MEMBERSHIP_COMPLETED,
        }  # fmt: skip
        assert kept.filter(event=Event.ASSESSMENT_SAVED).count() == 2  # created, and edited
        assert_periods_as_rebuilt(seeker)


# --- the same form posted twenty times at once, in every flow that guards against it ----

RACERS = 20


def _note(seeker: object, office: Office) -> tuple[str, dict, object]:
    return reverse("casework:note-add", args=[seeker.pk]), {"text": "Called about forklifts."}, (
        CaseNote.objects.filter(seeker=seeker))  # fmt: skip


def _assessment(seeker: object, office: Office) -> tuple[str, dict, object]:
    url = reverse("casework:assessment-new", args=[seeker.pk])
    return url, {"desired_occupation": "Welder"}, Assessment.objects.filter(seeker=seeker)


def _plan(seeker: object, office: Office) -> tuple[str, dict, object]:
    url = reverse("casework:plan-new", args=[seeker.pk])
    return url, {}, EmploymentPlan.objects.filter(seeker=seeker)


def _job_referral(seeker: object, office: Office) -> tuple[str, dict, object]:
    posting = JobPostingFactory()
    url = reverse("casework:job-refer", args=[seeker.pk, posting.pk])
    return url, {}, JobReferral.objects.filter(seeker=seeker)


def _workshop_referral(seeker: object, office: Office) -> tuple[str, dict, object]:
    workshop = WorkshopFactory(office=office)
    url = reverse("services:refer-seeker", args=[seeker.pk])
    return url, {"workshop": workshop.pk}, WorkshopReferral.objects.filter(seeker=seeker)


@pytest.mark.parametrize(
    "flow", [_note, _assessment, _plan, _job_referral, _workshop_referral],
    ids=["case-note", "assessment", "plan", "job-referral", "workshop-referral"],
)  # fmt: skip
def test_the_same_form_posted_twenty_times_at_once_saves_once_and_answers_cleanly(
    office: Office, flow: Callable
) -> None:
    """Notes, assessments and plans recognise the repeat by content under the seeker's lock
    and answer as the first time; referrals are unique in the database and say so."""
    user = UserFactory(organization=office.organization, current_office=office, offices=[office])
    seeker = JobSeekerFactory(first_name="Ann", last_name="Doe", offices=[office])
    url, data, saved = flow(seeker, office)
    clients = []
    for _ in range(RACERS):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    responses = race([lambda c=c: c.post(url, data) for c in clients])
    assert saved.count() == 1
    codes = [getattr(r, "status_code", r) for r in responses]
    assert set(codes) <= {302, 400} and codes.count(302) >= 1, codes
    assert len({r["Location"] for r in responses if r.status_code == 302}) == 1
    for response in responses:
        if response.status_code == 400:  # a referral told apart: nothing new was recorded
            assert "already referred" in response.content.decode()


def test_twenty_staff_adding_a_seeker_to_their_office_at_once_enrol_them_once(
    office: Office, other_office: Office
) -> None:
    seeker = JobSeekerFactory(offices=[other_office])
    url = reverse("casework:add-to-office", args=[seeker.pk])
    changes = LogEntry.objects.get_for_object(seeker).filter(changes__icontains="offices")
    before = changes.count()
    clients = []
    for _ in range(RACERS):
        user = UserFactory(organization=office.organization, current_office=office,
                           offices=[office])  # fmt: skip
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    responses = race([lambda c=c: c.post(url) for c in clients])
    assert [getattr(r, "status_code", r) for r in responses] == [302] * RACERS
    assert set(seeker.offices.values_list("pk", flat=True)) == {office.pk, other_office.pk}
    told = [str(m) for r in responses for m in r.wsgi_request._messages]
    assert sum("is now enrolled in" in m for m in told) == 1  # the others: already enrolled
    assert changes.count() == before + 1  # one change in the history, not one per click
