"""Case Details runs the same number of SQL queries however much is on record (issue 7)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from seekers.constants import ClosureReason, EnrollmentStatus, StepKind
from seekers.models import JobSeeker
from services.models import ServiceType
from tests.factories import (
    AccessLogFactory,
    AssessmentFactory,
    CaseNoteFactory,
    DemographicsFactory,
    EmploymentPlanFactory,
    EnrollmentFactory,
    JobPostingFactory,
    JobReferralFactory,
    JobSeekerFactory,
    OtherNameFactory,
    PlanGoalFactory,
    PlanStepFactory,
    ResumeFactory,
    SeekerDocumentFactory,
    ServiceRecordFactory,
)
from workforce.constants import AccessAction, PrivilegeLevel
from workforce.models import Office, Program, ProgramPrivilege, User

pytestmark = pytest.mark.django_db


def _case(*, n: int, user: User, office: Office) -> JobSeeker:
    """A seeker with `n` records of every kind the page shows."""
    seeker = JobSeekerFactory(offices=[office])
    DemographicsFactory(seeker=seeker, right_to_work="yes", selective_service="not_required")
    entries = list(ServiceType.objects.filter(active=True)[:5])
    today = timezone.localdate()
    for i in range(n):
        OtherNameFactory(seeker=seeker)
        ServiceRecordFactory(
            seeker=seeker, service_type=entries[i % len(entries)], credited_staff=user,
            recorded_by=user, office=office, service_date=today - datetime.timedelta(days=i),
        )  # fmt: skip
        EnrollmentFactory(
            seeker=seeker, program=Program.objects.get(code="wioa-youth"), created_by=user,
            status=EnrollmentStatus.CLOSED, closed_on=today, closure_reason=ClosureReason.OTHER,
        )  # fmt: skip
        plan = EmploymentPlanFactory(seeker=seeker, created_by=user)
        for _ in range(2):
            goal = PlanGoalFactory(plan=plan)
            PlanStepFactory(plan=plan, goal=goal, kind=StepKind.TRAINING, created_by=user)
        AssessmentFactory(seeker=seeker, created_by=user)
        CaseNoteFactory(seeker=seeker, author=user)
        SeekerDocumentFactory(seeker=seeker, uploaded_by=user)
        ResumeFactory(seeker=seeker, created_by=user, is_published=i == 0)
        JobReferralFactory(seeker=seeker, posting=JobPostingFactory(), referred_by=user)
        AccessLogFactory(user=user, action=AccessAction.SSN_REVEAL, seeker_id=seeker.pk)
        seeker.phone = f"612555{i:04d}"
        seeker.save(update_fields=["phone"])  # an audited change for Activity
    return seeker


def _queries(client: Client, seeker: JobSeeker) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("casework:detail", args=[seeker.pk]))
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("role_fixture", ["casemanager", "supervisor"])
def test_the_page_runs_as_many_queries_for_a_big_case_as_for_a_small_one(
    request: pytest.FixtureRequest, role_fixture: str, office: Office
) -> None:
    from tests.conftest import client_for

    user = request.getfixturevalue(role_fixture)
    for program in Program.objects.all():
        ProgramPrivilege.objects.create(user=user, program=program, level=PrivilegeLevel.ENROLL)
    small, big = _case(n=1, user=user, office=office), _case(n=60, user=user, office=office)
    bigger = _case(n=90, user=user, office=office)
    client = client_for(user)
    _queries(client, small)  # warm the session and the content-type cache
    # Sections count their records only when there are more than they show: a case with
    # more records than every section shows costs a few queries more, and then no more.
    assert _queries(client, small) <= _queries(client, big) <= _queries(client, small) + 5
    assert _queries(client, bigger) == _queries(client, big) <= 45
