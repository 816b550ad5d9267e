"""The "Assessment and plans" section of Case Details: what it shows and what it costs."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from seekers.constants import GoalStatus, PlanKind, PlanStatus, StepKind, StepStatus
from seekers.models import JobSeeker
from tests.conftest import client_for
from tests.factories import (
    AssessmentFactory,
    EmploymentPlanFactory,
    EnrollmentFactory,
    JobSeekerFactory,
    PlanGoalFactory,
    PlanStepFactory,
)
from workforce.models import Office, User

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return JobSeekerFactory(offices=[office])


def section(client: Client, seeker: JobSeeker) -> str:
    body = client.get(reverse("casework:detail", args=[seeker.pk])).content.decode()
    match = re.search(r'<section[^>]*id="plans".*?</section>', body, re.S)
    assert match, "the section is on the page"
    return match.group(0)


def test_it_offers_an_assessment_and_a_plan_when_there_is_none(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    html = section(casemanager_client, seeker)
    assert "Assessment and plans" in html and "No assessment yet." in html
    assert "No active plan." in html
    assert reverse("casework:assessment-new", args=[seeker.pk]) in html
    assert reverse("casework:plan-new", args=[seeker.pk]) in html and "Add a plan" in html


def test_it_offers_a_dvop_an_iep(dvop: User, seeker: JobSeeker) -> None:
    assert "Add an IEP" in section(client_for(dvop), seeker)


def test_it_shows_the_latest_assessment_and_lists_earlier_ones(
    casemanager_client: Client, seeker: JobSeeker, casemanager: User
) -> None:
    old = AssessmentFactory(
        seeker=seeker,
        created_by=casemanager,
        desired_occupation="Cashier",
        occupation_code="41-2011",
    )
    latest = AssessmentFactory(
        seeker=seeker,
        created_by=casemanager,
        desired_occupation="Bookkeeper",
        occupation_code="43-3031.00",
    )
    html = section(casemanager_client, seeker)
    summary, earlier = html.split("Earlier assessments")
    assert "Bookkeeper" in summary and "43-3031.00" in summary and "Cashier" not in summary
    assert "Cashier" in earlier and "41-2011" in earlier
    assert reverse("casework:assessment-edit", args=[seeker.pk, latest.pk]) in summary
    assert reverse("casework:assessment-detail", args=[seeker.pk, old.pk]) in earlier
    assert "Add assessment" in html


def test_it_lists_active_plans_with_counts_and_the_next_target_date(
    casemanager_client: Client, seeker: JobSeeker, casemanager: User
) -> None:
    enrollment = EnrollmentFactory(seeker=seeker, created_by=casemanager)
    plan = EmploymentPlanFactory(seeker=seeker, created_by=casemanager, enrollment=enrollment)
    PlanGoalFactory(plan=plan, target_date=days(60))
    PlanGoalFactory(plan=plan, target_date=days(5), status=GoalStatus.MET)  # met: not next
    for n, status in (
        (30, StepStatus.PLANNED),
        (2, StepStatus.COMPLETED),
        (45, StepStatus.PLANNED),
    ):
        PlanStepFactory(plan=plan, target_date=days(n), status=status)
    html = section(casemanager_client, seeker)
    row = re.search(r"<tr>\s*<th scope=\"row\">.*?</tr>", html, re.S).group(0)
    cells = re.findall(r"<td>(.*?)</td>", row, re.S)
    assert cells[:4] == ["WIOA Adult", "2", "3", days(30).strftime("%m/%d/%Y")]
    assert reverse("casework:plan-detail", args=[seeker.pk, plan.pk]) in row


def test_it_collapses_closed_plans(
    casemanager_client: Client, seeker: JobSeeker, dvop: User
) -> None:
    EmploymentPlanFactory(
        seeker=seeker,
        created_by=dvop,
        kind=PlanKind.IEP,
        status=PlanStatus.CLOSED,
        closed_on=days(-1),
    )
    html = section(casemanager_client, seeker)
    assert "No active plan." in html
    details = html[html.index("<details") :]
    assert "Closed plans (1)" in details and "Individual employment plan (IEP)" in details
    assert days(-1).strftime("%m/%d/%Y") in details


def test_it_shows_administrators_no_buttons(admin: User, seeker: JobSeeker, dvop: User) -> None:
    AssessmentFactory(seeker=seeker, created_by=dvop)
    plan = EmploymentPlanFactory(seeker=seeker, created_by=dvop)
    html = section(client_for(admin), seeker)
    assert "Customer service representative" in html  # the summary is shown
    assert reverse("casework:assessment-new", args=[seeker.pk]) not in html
    assert reverse("casework:plan-detail", args=[seeker.pk, plan.pk]) not in html


def _render_section(seeker: JobSeeker, user: User) -> int:
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load plan_tags %}{% seeker_plans seeker %}")
    with CaptureQueriesContext(connection) as queries:
        template.render(Context({"seeker": seeker, "request": request}))
    return len(queries)


def _add_casework(seeker: JobSeeker, author: User, n: int) -> None:
    for i in range(n):
        enrollment = EnrollmentFactory(seeker=seeker, created_by=author) if i == 0 else None
        plan = EmploymentPlanFactory(
            seeker=seeker,
            created_by=author,
            enrollment=enrollment,
            status=PlanStatus.CLOSED if i % 2 else PlanStatus.ACTIVE,
        )
        goals = PlanGoalFactory.create_batch(3, plan=plan, target_date=days(10 + i))
        PlanStepFactory.create_batch(
            3, plan=plan, goal=goals[0], kind=StepKind.TRAINING, target_date=days(20 + i)
        )
        AssessmentFactory(seeker=seeker, created_by=author)


def test_it_runs_the_same_queries_whatever_the_record_counts(
    casemanager: User, office: Office
) -> None:
    small, large = JobSeekerFactory(offices=[office]), JobSeekerFactory(offices=[office])
    _add_casework(small, casemanager, 1)
    _add_casework(large, casemanager, 15)
    costs = [_render_section(s, casemanager) for s in (small, large)]
    assert costs[0] == costs[1] <= 3
