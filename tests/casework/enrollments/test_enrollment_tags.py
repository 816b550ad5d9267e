"""Program Registration on Case Details (seed 001): the table `seeker_programs` renders."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from seekers.constants import ClosureReason, EnrollmentOrigin, EnrollmentStatus
from seekers.models import JobSeeker
from tests.casework.enrollments.helpers import enroll_url, grant, open_enrollment, programs_section
from tests.casework.enrollments.test_services import eligible_adult
from tests.conftest import client_for
from tests.factories import DemographicsFactory, EnrollmentFactory, JobSeekerFactory, ProgramFactory
from workforce.constants import WIOA_ADULT, EligibilityRule, PrivilegeLevel
from workforce.models import Office, Program, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def adult() -> Program:
    return Program.objects.get(code=WIOA_ADULT)


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return eligible_adult(first_name="Margaret", last_name="Larsen", offices=[office])


# --- The Program Registration table ---------------------------------------------------------


def test_it_lists_every_active_program_in_display_order(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    ProgramFactory(name="Retired program", is_active=False)
    ProgramFactory(name="State apprenticeship", display_order=1)
    section = programs_section(casemanager_client, seeker)
    assert "Retired program" not in section
    names = ["State apprenticeship", "WIOA Adult", "WIOA Youth", "Trade Adjustment Assistance"]
    positions = [section.index(f'<th scope="row">{name}') for name in names]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("level", "shown"),
    [(None, False), (PrivilegeLevel.VIEW, False), (PrivilegeLevel.ENROLL, True)],
    ids=["no-privilege", "view-only", "enroll"],
)
def test_it_shows_the_enroll_button_only_to_holders_of_the_enroll_privilege(
    casemanager: User, seeker: JobSeeker, adult: Program, level: str | None, shown: bool
) -> None:
    if level:
        grant(casemanager, adult, level)
    section = programs_section(client_for(casemanager), seeker)
    assert (enroll_url(seeker, adult) in section) is shown
    assert ('Enroll<span class="usa-sr-only"> in WIOA Adult' in section) is shown


def test_it_hides_the_enroll_button_when_the_seeker_is_not_eligible(
    casemanager: User, adult: Program
) -> None:
    grant(casemanager, adult)
    seeker = JobSeekerFactory()
    DemographicsFactory(seeker=seeker, gender="female", right_to_work="no")
    section = programs_section(client_for(casemanager), seeker)
    assert enroll_url(seeker, adult) not in section
    assert "Not eligible" in section


def test_it_hides_the_enroll_button_while_eligibility_is_undetermined_and_says_what_to_ask(
    casemanager: User, adult: Program
) -> None:
    grant(casemanager, adult)
    seeker = JobSeekerFactory()
    DemographicsFactory(seeker=seeker, gender="female", right_to_work="")
    section = programs_section(client_for(casemanager), seeker)
    row = section[section.index('id="program-wioa-adult"') :]
    row = row[: row.index("</tr>")]
    assert enroll_url(seeker, adult) not in row
    assert "Undetermined" in row
    assert "Legally eligible to work in the United States: not answered yet." in row
    edit = reverse("casework:demographics-edit", args=[seeker.pk])
    assert f'href="{edit}#div_id_right_to_work"' in row


def test_it_hides_the_enroll_button_when_an_enrollment_is_open(
    casemanager: User, seeker: JobSeeker, adult: Program
) -> None:
    grant(casemanager, adult)
    open_enrollment(seeker, adult)
    section = programs_section(client_for(casemanager), seeker)
    assert enroll_url(seeker, adult) not in section
    assert f"<strong>Open</strong>\n            since {timezone.localdate():%m/%d/%Y}" in section


def test_it_offers_to_complete_a_pending_enrollment(
    casemanager: User, seeker: JobSeeker, adult: Program
) -> None:
    grant(casemanager, adult)
    EnrollmentFactory(seeker=seeker, program=adult, origin=EnrollmentOrigin.WIOA_REFERRAL)
    section = programs_section(client_for(casemanager), seeker)
    assert 'Complete enrollment<span class="usa-sr-only"> in WIOA Adult' in section
    assert ">Enroll<span" not in section.split('id="program-wioa-adult"')[1].split("</tr>")[0]
    assert "(Referred to WIOA Services)" in section


@pytest.mark.parametrize(
    ("level", "linked"),
    [(None, False), (PrivilegeLevel.VIEW, True), (PrivilegeLevel.ENROLL, True)],
    ids=["no-privilege", "view", "enroll"],
)
def test_it_links_to_an_enrollment_for_view_or_enroll_privilege(
    casemanager: User, seeker: JobSeeker, adult: Program, level: str | None, linked: bool
) -> None:
    if level:
        grant(casemanager, adult, level)
    enrollment = open_enrollment(seeker, adult)
    section = programs_section(client_for(casemanager), seeker)
    url = reverse("casework:enrollment-detail", args=[seeker.pk, enrollment.pk])
    assert (url in section) is linked
    assert "<strong>Open</strong>" in section


def test_it_shows_a_closed_enrollment_with_its_dates_and_reason(
    casemanager_client: Client, seeker: JobSeeker, adult: Program
) -> None:
    today = timezone.localdate()
    EnrollmentFactory(
        seeker=seeker, program=adult, status=EnrollmentStatus.CLOSED,
        opened_on=today - datetime.timedelta(days=30), attested_at=timezone.now(),
        closed_on=today, closure_reason=ClosureReason.EMPLOYED,
    )  # fmt: skip
    section = programs_section(casemanager_client, seeker)
    opened = today - datetime.timedelta(days=30)
    assert f"{opened:%m/%d/%Y} to {today:%m/%d/%Y} (Entered employment)" in section


def render_sections(user: User, seeker: JobSeeker) -> int:
    request = RequestFactory().get("/")
    request.user = user
    seeker = JobSeeker.objects.get(pk=seeker.pk)
    template = Template(
        "{% load enrollment_tags %}{% seeker_programs seeker %}{% seeker_demographics seeker %}"
    )
    with CaptureQueriesContext(connection) as queries:
        template.render(Context({"seeker": seeker, "request": request}))
    return len(queries)


def test_it_renders_both_sections_with_a_fixed_number_of_queries(
    casemanager: User, seeker: JobSeeker, adult: Program
) -> None:
    grant(casemanager, adult)
    few = render_sections(casemanager, seeker)
    for number in range(6):
        program = ProgramFactory(eligibility_rule=EligibilityRule.WAGNER_PEYSER)
        grant(casemanager, program, PrivilegeLevel.VIEW)
        EnrollmentFactory(
            seeker=seeker, program=program, status=EnrollmentStatus.CLOSED,
            closed_on=timezone.localdate(), closure_reason=ClosureReason.MOVED,
        )  # fmt: skip
        open_enrollment(seeker, program) if number % 2 else None
    assert render_sections(casemanager, seeker) == few <= 5
