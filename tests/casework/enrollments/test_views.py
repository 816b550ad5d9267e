"""The enrollment pages (seed 001): enroll, complete, view, edit and close an enrollment."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from seekers.constants import EnrollmentOrigin, EnrollmentStatus
from seekers.models import Enrollment, JobSeeker
from tests.casework.enrollments.helpers import enroll_url, grant, open_enrollment, programs_section
from tests.casework.enrollments.test_services import ADULT_ANSWERS, eligible_adult
from tests.conftest import client_for
from tests.factories import (
    DemographicsFactory,
    EmploymentPlanFactory,
    EnrollmentFactory,
    JobSeekerFactory,
)
from workforce.constants import WIOA_ADULT, PrivilegeLevel
from workforce.models import Office, Program, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def adult() -> Program:
    return Program.objects.get(code=WIOA_ADULT)


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return eligible_adult(first_name="Margaret", last_name="Larsen", offices=[office])


def enroll_post(**overrides: str) -> dict:
    data = {f"q_{key}": value for key, value in ADULT_ANSWERS.items()}
    return {**data, "attest": "on", **overrides}


# --- The enroll page --------------------------------------------------------------------------


def test_it_shows_the_programs_questions_the_attestation_and_eligibility(
    casemanager: User, seeker: JobSeeker, adult: Program
) -> None:
    grant(casemanager, adult)
    response = client_for(casemanager).get(enroll_url(seeker, adult))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Priority of service group" in body and 'name="q_service_level"' in body
    assert "I attest that all provided information has been verified." in body
    assert "Eligibility for WIOA Adult" in body and "Eligible" in body


def test_it_enrolls_and_the_table_shows_open(
    casemanager: User, seeker: JobSeeker, adult: Program
) -> None:
    grant(casemanager, adult)
    client = client_for(casemanager)
    response = client.post(enroll_url(seeker, adult), enroll_post())
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:detail", args=[seeker.pk]) + "#programs"
    enrollment = Enrollment.objects.get()
    assert enrollment.status == EnrollmentStatus.OPEN and enrollment.answers == ADULT_ANSWERS
    assert enrollment.attested_by == casemanager
    section = programs_section(client, seeker)
    assert "<strong>Open</strong>" in section


def test_it_refuses_without_the_attestation_beside_the_field(
    casemanager: User, seeker: JobSeeker, adult: Program
) -> None:
    grant(casemanager, adult)
    data = enroll_post()
    del data["attest"]
    response = client_for(casemanager).post(enroll_url(seeker, adult), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="div_id_attest" class="usa-form-group usa-form-group--error"' in body
    assert "Attest that all provided information has been verified." in body
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize("level", [None, PrivilegeLevel.VIEW], ids=["no-privilege", "view-only"])
def test_it_refuses_enrolling_without_the_enroll_privilege(
    casemanager: User, seeker: JobSeeker, adult: Program, level: str | None
) -> None:
    if level:
        grant(casemanager, adult, level)
    client = client_for(casemanager)
    assert client.get(enroll_url(seeker, adult)).status_code == 403
    assert client.post(enroll_url(seeker, adult), enroll_post()).status_code == 403
    assert not Enrollment.objects.exists()


def test_the_server_refuses_a_seeker_who_is_not_eligible(casemanager: User, adult: Program) -> None:
    grant(casemanager, adult)
    seeker = JobSeekerFactory()
    DemographicsFactory(seeker=seeker, gender="female", right_to_work="no")
    client = client_for(casemanager)
    get = client.get(enroll_url(seeker, adult)).content.decode()
    assert "cannot be enrolled in WIOA Adult until" in get and 'name="attest"' not in get
    response = client.post(enroll_url(seeker, adult), enroll_post())
    assert response.status_code == 400
    assert "is not eligible for WIOA Adult" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_a_double_submit_enrolls_once(casemanager: User, seeker: JobSeeker, adult: Program) -> None:
    grant(casemanager, adult)
    client = client_for(casemanager)
    client.post(enroll_url(seeker, adult), enroll_post())
    second = client.post(enroll_url(seeker, adult), enroll_post(), follow=True)
    assert Enrollment.objects.count() == 1
    assert "already enrolled in WIOA Adult" in second.content.decode()


def test_it_completes_a_pending_enrollment_from_the_same_page(
    casemanager: User, seeker: JobSeeker, adult: Program
) -> None:
    grant(casemanager, adult)
    pending = EnrollmentFactory(seeker=seeker, program=adult,
                                origin=EnrollmentOrigin.WIOA_REFERRAL)  # fmt: skip
    client = client_for(casemanager)
    body = client.get(enroll_url(seeker, adult)).content.decode()
    assert '<h1 class="margin-top-0">Complete enrollment in WIOA Adult</h1>' in body
    client.post(enroll_url(seeker, adult), enroll_post())
    pending.refresh_from_db()
    assert pending.status == EnrollmentStatus.OPEN and Enrollment.objects.count() == 1


def test_an_inactive_program_is_not_found(
    casemanager: User, seeker: JobSeeker, adult: Program
) -> None:
    grant(casemanager, adult)
    adult.is_active = False
    adult.save(update_fields=["is_active"])
    assert client_for(casemanager).get(enroll_url(seeker, adult)).status_code == 404


# --- The enrollment pages -----------------------------------------------------------------


def detail_url(enrollment: Enrollment, page: str = "detail") -> str:
    return reverse(f"casework:enrollment-{page}", args=[enrollment.seeker_id, enrollment.pk])


def test_it_shows_an_enrollment_to_a_holder_of_the_view_privilege(
    casemanager: User, seeker: JobSeeker, adult: Program
) -> None:
    grant(casemanager, adult, PrivilegeLevel.VIEW)
    enrollment = open_enrollment(
        seeker, adult, answers=ADULT_ANSWERS, attested_by=casemanager,
        eligibility_snapshot={"rule": "wioa_adult", "status": "eligible",
                              "reasons": ["Aged 35 on 06/01/2025 (18 or older)."],
                              "answers": {"right_to_work": "yes", "age": 35},
                              "determined_on": "2025-06-01"},
    )  # fmt: skip
    EmploymentPlanFactory(seeker=seeker, enrollment=enrollment)
    response = client_for(casemanager).get(detail_url(enrollment))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Priority of service group</dt><dd>Low income" in body
    assert "Aged 35 on 06/01/2025 (18 or older)." in body
    assert "Legally eligible to work in the United States</dt><dd>Yes" in body
    assert "attested by" in body and "Employment plan, active" in body
    assert detail_url(enrollment, "close") not in body  # view only


def test_it_refuses_an_enrollment_page_without_a_privilege(
    casemanager: User, seeker: JobSeeker, adult: Program
) -> None:
    enrollment = open_enrollment(seeker, adult)
    assert client_for(casemanager).get(detail_url(enrollment)).status_code == 403


def test_an_enrollment_of_another_seeker_is_not_found(
    casemanager: User, seeker: JobSeeker, adult: Program
) -> None:
    grant(casemanager, adult)
    other = open_enrollment(JobSeekerFactory(), adult)
    client = client_for(casemanager)
    for page_name in ["detail", "edit", "close"]:
        url = reverse(f"casework:enrollment-{page_name}", args=[seeker.pk, other.pk])
        assert client.get(url).status_code == 404


def test_it_edits_the_answers(casemanager: User, seeker: JobSeeker, adult: Program) -> None:
    grant(casemanager, adult)
    enrollment = open_enrollment(seeker, adult, answers=ADULT_ANSWERS)
    data = enroll_post(q_service_level="Training services")
    response = client_for(casemanager).post(detail_url(enrollment, "edit"), data)
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.answers["service_level"] == "Training services"


def test_it_refuses_bad_answers_beside_the_field(
    casemanager: User, seeker: JobSeeker, adult: Program
) -> None:
    grant(casemanager, adult)
    enrollment = open_enrollment(seeker, adult, answers=ADULT_ANSWERS)
    data = enroll_post(q_service_level="Space travel")
    response = client_for(casemanager).post(detail_url(enrollment, "edit"), data)
    assert response.status_code == 400
    assert 'id="div_id_q_service_level" class="usa-form-group usa-form-group--error"' in (
        response.content.decode()
    )
    enrollment.refresh_from_db()
    assert enrollment.answers == ADULT_ANSWERS


def test_it_refuses_editing_and_closing_with_the_view_privilege(
    casemanager: User, seeker: JobSeeker, adult: Program
) -> None:
    grant(casemanager, adult, PrivilegeLevel.VIEW)
    enrollment = open_enrollment(seeker, adult, answers=ADULT_ANSWERS)
    client = client_for(casemanager)
    assert client.get(detail_url(enrollment, "edit")).status_code == 403
    assert client.post(detail_url(enrollment, "edit"), enroll_post()).status_code == 403
    close = {"closed_on": timezone.localdate().isoformat(), "reason": "employed"}
    assert client.post(detail_url(enrollment, "close"), close).status_code == 403
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.OPEN


def test_it_closes_an_enrollment(casemanager: User, seeker: JobSeeker, adult: Program) -> None:
    grant(casemanager, adult)
    enrollment = open_enrollment(seeker, adult)
    data = {"closed_on": timezone.localdate().isoformat(), "reason": "employed", "note": ""}
    response = client_for(casemanager).post(detail_url(enrollment, "close"), data, follow=True)
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.CLOSED and enrollment.closed_by == casemanager
    assert "The WIOA Adult enrollment is closed." in response.content.decode()


def test_it_withdraws_a_pending_enrollment(
    casemanager: User, seeker: JobSeeker, adult: Program
) -> None:
    grant(casemanager, adult)
    pending = EnrollmentFactory(seeker=seeker, program=adult)
    client = client_for(casemanager)
    assert "Withdraw the pending WIOA Adult enrollment" in (
        client.get(detail_url(pending, "close")).content.decode()
    )
    data = {"closed_on": timezone.localdate().isoformat(), "reason": "declined"}
    response = client.post(detail_url(pending, "close"), data, follow=True)
    pending.refresh_from_db()
    assert pending.status == EnrollmentStatus.CLOSED
    assert "The WIOA Adult enrollment is withdrawn." in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"closed_on": "2999-01-01", "reason": "employed"}, "closed_on"),
        ({"closed_on": "2000-01-01", "reason": "employed"}, "closed_on"),
        ({"closed_on": "", "reason": "employed"}, "closed_on"),
        ({"closed_on": "TODAY", "reason": "other", "note": ""}, "note"),
        ({"closed_on": "TODAY", "reason": "bored"}, "reason"),
    ],
    ids=["future", "before-opening", "missing-date", "other-without-note", "unknown-reason"],
)
def test_it_refuses_a_bad_closure_beside_the_field(
    casemanager: User, seeker: JobSeeker, adult: Program, data: dict, field: str
) -> None:
    grant(casemanager, adult)
    enrollment = open_enrollment(seeker, adult)
    if data["closed_on"] == "TODAY":
        data = {**data, "closed_on": timezone.localdate().isoformat()}
    response = client_for(casemanager).post(detail_url(enrollment, "close"), data)
    assert response.status_code == 400
    assert f'id="div_id_{field}" class="usa-form-group usa-form-group--error' in (
        response.content.decode()
    )
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.OPEN


def test_closing_a_closed_enrollment_again_changes_nothing(
    casemanager: User, seeker: JobSeeker, adult: Program
) -> None:
    grant(casemanager, adult)
    enrollment = open_enrollment(seeker, adult)
    client = client_for(casemanager)
    data = {"closed_on": timezone.localdate().isoformat(), "reason": "employed"}
    client.post(detail_url(enrollment, "close"), data)
    again = client.post(detail_url(enrollment, "close"), {**data, "reason": "moved"}, follow=True)
    enrollment.refresh_from_db()
    assert enrollment.closure_reason == "employed"
    assert "already closed" in again.content.decode()


# --- Everyone else ----------------------------------------------------------------------------


def all_urls(seeker: JobSeeker, program: Program, enrollment: Enrollment) -> list[str]:
    return [
        enroll_url(seeker, program),
        *(detail_url(enrollment, name) for name in ["detail", "edit", "close"]),
        reverse("casework:demographics-edit", args=[seeker.pk]),
    ]


def test_partner_staff_with_the_privilege_get_404_for_an_opted_out_seeker(
    partner: User, adult: Program
) -> None:
    grant(partner, adult)
    hidden = eligible_adult(opted_out=True, last_name="Hiddenperson")  # not in any page text
    enrollment = open_enrollment(hidden, adult)
    client = client_for(partner)
    for url in all_urls(hidden, adult, enrollment):
        assert client.get(url).status_code == 404, url
        if url != detail_url(enrollment):  # GET only: a POST is 405 before anything
            assert client.post(url, enroll_post()).status_code == 404, url
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.OPEN and Enrollment.objects.count() == 1


def test_partner_staff_with_the_privilege_enroll_a_seeker_they_can_see(
    partner: User, adult: Program
) -> None:
    grant(partner, adult)
    visible = eligible_adult()
    assert client_for(partner).post(enroll_url(visible, adult), enroll_post()).status_code == 302
    assert Enrollment.objects.get().opened_by == partner


def test_anonymous_users_are_sent_to_sign_in(seeker: JobSeeker, adult: Program) -> None:
    enrollment = open_enrollment(seeker, adult)
    for url in all_urls(seeker, adult, enrollment):
        response = Client().get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"]


def test_other_methods_are_not_allowed(
    casemanager: User, seeker: JobSeeker, adult: Program
) -> None:
    grant(casemanager, adult)
    enrollment = open_enrollment(seeker, adult)
    client = client_for(casemanager)
    for url in all_urls(seeker, adult, enrollment):
        assert client.put(url).status_code == 405, url
    assert client.post(detail_url(enrollment)).status_code == 405


def test_the_crawl_casework_of_a_hidden_seeker_stays_hidden_from_the_partner(
    partner: User, casemanager: User
) -> None:
    from tests.casework.enrollments.crawl import casework_for_hidden

    hidden = eligible_adult(opted_out=True, last_name="Hiddenperson")  # not in any page text
    found: dict[str, list] = {}
    casework_for_hidden(seeker=hidden, partner=partner,
                        add=lambda name, obj: found.setdefault(name, []).append(obj))  # fmt: skip
    assert set(found) == {"enrollment_id", "program_id"}
    client = client_for(partner)
    visible = eligible_adult()
    for enrollment in found["enrollment_id"]:
        for owner in [hidden, visible]:  # also under a seeker the partner can see
            for name in ["detail", "edit", "close"]:
                url = reverse(f"casework:enrollment-{name}", args=[owner.pk, enrollment.pk])
                response = client.get(url)
                assert response.status_code == 404, url
                assert hidden.last_name not in response.content.decode()
    program = found["program_id"][0]
    assert client.get(enroll_url(hidden, program)).status_code == 404
    grant(casemanager, program, PrivilegeLevel.VIEW)
    control = client_for(casemanager).get(detail_url(found["enrollment_id"][0]))
    assert control.status_code == 200 and hidden.last_name in control.content.decode()


def test_it_stores_date_and_text_answers_and_shows_them_in_words(casemanager: User) -> None:
    dislocated = Program.objects.get(code="wioa-dislocated-worker")
    grant(casemanager, dislocated)
    seeker = JobSeekerFactory()
    DemographicsFactory(seeker=seeker, gender="female", right_to_work="yes", laid_off="yes",
                        ui_claimant="yes")  # fmt: skip
    data = {
        "q_dislocation_category": "Laid off or terminated", "q_dislocation_date": "2025-03-14",
        "q_dislocation_employer": "  Acme Tooling  ", "attest": "on",
    }  # fmt: skip
    client = client_for(casemanager)
    assert client.post(enroll_url(seeker, dislocated), data).status_code == 302
    enrollment = Enrollment.objects.get()
    assert enrollment.answers == {
        "dislocation_category": "Laid off or terminated", "dislocation_date": "2025-03-14",
        "dislocation_employer": "Acme Tooling",
    }  # fmt: skip
    body = client.get(detail_url(enrollment)).content.decode()
    assert "Date of the dislocation or notice</dt><dd>03/14/2025" in body
    edit = client.get(detail_url(enrollment, "edit")).content.decode()
    assert 'value="2025-03-14"' in edit and 'value="Acme Tooling"' in edit
