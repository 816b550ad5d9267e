"""Assessments: create and edit; seed 003's "Assessment- Created when creating or editing an
assessment", recorded once per assessment and day."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casework.plans.services import assessment_create
from seekers.models import Assessment, JobSeeker
from services.constants import Event
from services.models import ServiceRecord
from tests.conftest import client_for
from tests.factories import AssessmentFactory, JobSeekerFactory
from workforce.models import Office, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return JobSeekerFactory(offices=[office])


def new_url(seeker: JobSeeker) -> str:
    return reverse("casework:assessment-new", args=[seeker.pk])


def edit_url(assessment: Assessment) -> str:
    return reverse("casework:assessment-edit", args=[assessment.seeker_id, assessment.pk])


def detail_url(assessment: Assessment) -> str:
    return reverse("casework:assessment-detail", args=[assessment.seeker_id, assessment.pk])


def form(**fields: str) -> dict:
    return {
        "desired_occupation": "Welder",
        "occupation_code": "51-4121.00",
        "work_history": "Six years at a fabrication shop.",
        "skills": "MIG, TIG",
        "barriers": "No car",
        "training_needs": "AWS certification",
        "notes": "",
        **fields,
    }


def saved() -> list[ServiceRecord]:
    return list(ServiceRecord.objects.filter(event=Event.ASSESSMENT_SAVED))


@pytest.fixture
def tomorrow(monkeypatch: pytest.MonkeyPatch) -> datetime.date:
    """Make timezone.localdate() answer tomorrow from now on (the next working day)."""
    real = timezone.localdate
    day = real() + datetime.timedelta(days=1)

    def localdate(value: datetime.datetime | None = None, timezone: object = None) -> object:
        return day if value is None else real(value, timezone)

    def move() -> datetime.date:
        monkeypatch.setattr("django.utils.timezone.localdate", localdate)
        return day

    return move


def test_it_creates_an_assessment_and_records_the_assessment_service(
    casemanager_client: Client, seeker: JobSeeker, casemanager: User
) -> None:
    response = casemanager_client.post(new_url(seeker), form())
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(assessment)
    assert (assessment.seeker, assessment.desired_occupation, assessment.occupation_code) == (
        seeker,
        "Welder",
        "51-4121.00",
    )
    assert assessment.created_by == assessment.updated_by == casemanager
    [record] = saved()
    assert record.service_type.name == "Assessment" and record.credited_staff == casemanager
    assert record.source == f"seekers.assessment:{assessment.pk}:{timezone.localdate()}"


def test_it_edits_an_assessment_and_records_who_edited_it(
    casemanager_client: Client, seeker: JobSeeker, casemanager: User, dvop: User
) -> None:
    assessment = AssessmentFactory(seeker=seeker, created_by=casemanager)
    response = client_for(dvop).post(edit_url(assessment), form(desired_occupation="Pipefitter"))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.desired_occupation == "Pipefitter"
    assert (assessment.created_by, assessment.updated_by) == (casemanager, dvop)
    assert [r.credited_staff for r in saved()] == [dvop]


def test_it_records_one_service_for_repeated_edits_the_same_day(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    casemanager_client.post(new_url(seeker), form())
    assessment = Assessment.objects.get()
    for word in ("Welder I", "Welder II", "Welder III"):
        casemanager_client.post(edit_url(assessment), form(desired_occupation=word))
    assert len(saved()) == 1
    assessment.refresh_from_db()
    assert assessment.desired_occupation == "Welder III"


def test_it_records_the_service_again_when_edited_another_day(
    casemanager_client: Client, seeker: JobSeeker, tomorrow: object
) -> None:
    casemanager_client.post(new_url(seeker), form())
    assessment = Assessment.objects.get()
    day = tomorrow()
    casemanager_client.post(edit_url(assessment), form(skills="MIG, TIG, stick"))
    casemanager_client.post(edit_url(assessment), form(skills="MIG, TIG, stick, flux"))
    dates = sorted(r.service_date for r in saved())
    assert dates == [day - datetime.timedelta(days=1), day]


def test_it_records_a_service_for_each_assessment_saved_the_same_day(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    casemanager_client.post(new_url(seeker), form(desired_occupation="Welder"))
    casemanager_client.post(new_url(seeker), form(desired_occupation="Machinist"))
    assert Assessment.objects.count() == 2 and len(saved()) == 2


def test_it_creates_one_assessment_from_a_double_submitted_form(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    first = casemanager_client.post(new_url(seeker), form())
    second = casemanager_client.post(new_url(seeker), form())
    assert Assessment.objects.count() == 1 and len(saved()) == 1
    assert first["Location"] == second["Location"]


@pytest.mark.parametrize("code", ["15-125", "151252", "15-1252.0", "ab-cdef", "15-1252.000"])
def test_it_refuses_an_occupation_code_that_is_not_onet_soc(
    code: str, casemanager_client: Client, seeker: JobSeeker
) -> None:
    response = casemanager_client.post(new_url(seeker), form(occupation_code=code))
    assert response.status_code == 400
    assert response.context["form"].errors["occupation_code"] == [
        "Enter an occupation code like 15-1252 or 15-1252.00."
    ]
    assert not Assessment.objects.exists() and saved() == []


@pytest.mark.parametrize("code", ["15-1252", "15-1252.00", " 43-4051.03 "])
def test_it_accepts_soc_and_onet_codes(
    code: str, casemanager_client: Client, seeker: JobSeeker
) -> None:
    assert casemanager_client.post(new_url(seeker), form(occupation_code=code)).status_code == 302
    assert Assessment.objects.get().occupation_code == code.strip()


def test_it_refuses_an_empty_assessment(casemanager_client: Client, seeker: JobSeeker) -> None:
    empty = dict.fromkeys(form(), "  ")
    response = casemanager_client.post(new_url(seeker), empty)
    assert response.status_code == 400
    assert "Fill in at least one part of the assessment." in response.content.decode()
    assert not Assessment.objects.exists() and saved() == []


def test_it_leaves_the_assessment_unchanged_when_an_edit_is_refused(
    casemanager_client: Client, seeker: JobSeeker, casemanager: User
) -> None:
    assessment = AssessmentFactory(seeker=seeker, created_by=casemanager)
    response = casemanager_client.post(
        edit_url(assessment), form(desired_occupation="Pilot", occupation_code="nope")
    )
    assert response.status_code == 400
    assessment.refresh_from_db()
    assert assessment.desired_occupation == "Customer service representative"
    assert saved() == []


def test_it_refuses_an_assessment_from_an_administrator_in_the_service(
    admin: User, seeker: JobSeeker
) -> None:
    with pytest.raises(PermissionDenied):
        assessment_create(seeker=seeker, actor=admin, desired_occupation="Welder")
    assert not Assessment.objects.exists() and saved() == []


def test_it_fills_the_edit_form_with_the_assessment(
    casemanager_client: Client, seeker: JobSeeker, casemanager: User
) -> None:
    assessment = AssessmentFactory(seeker=seeker, created_by=casemanager, skills="Bilingual")
    body = casemanager_client.get(edit_url(assessment)).content.decode()
    assert "Bilingual" in body and "43-4051.00" in body


def test_it_shows_the_assessment_with_its_lmi_button(
    casemanager_client: Client, seeker: JobSeeker, casemanager: User
) -> None:
    assessment = AssessmentFactory(seeker=seeker, created_by=casemanager, barriers="Childcare")
    body = casemanager_client.get(detail_url(assessment)).content.decode()
    lmi = reverse("casework:assessment-lmi", args=[seeker.pk, assessment.pk])
    assert "Childcare" in body and f'action="{lmi}"' in body and 'method="post"' in body
    assert "Labor market information" in body


def test_it_records_nothing_when_the_assessment_page_is_read(
    casemanager_client: Client, seeker: JobSeeker, casemanager: User
) -> None:
    assessment = AssessmentFactory(seeker=seeker, created_by=casemanager)
    casemanager_client.get(detail_url(assessment))
    casemanager_client.get(edit_url(assessment))
    assert not ServiceRecord.objects.exists()
