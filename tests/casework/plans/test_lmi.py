"""The LMI button (seed 003): "Staff Assisted LMI- Created when the LMI button is clicked on the
Assessment or the Employment Plan"; a POST records it, then a page shows the occupation."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from seekers.models import Assessment, EmploymentPlan, JobSeeker
from services.constants import Event
from services.models import ServiceRecord
from tests.factories import AssessmentFactory, EmploymentPlanFactory, JobSeekerFactory
from workforce.models import Office, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return JobSeekerFactory(offices=[office])


@pytest.fixture
def assessment(seeker: JobSeeker, casemanager: User) -> Assessment:
    return AssessmentFactory(
        seeker=seeker,
        created_by=casemanager,
        desired_occupation="Registered nurse",
        occupation_code="29-1141.00",
    )


@pytest.fixture
def plan(seeker: JobSeeker, casemanager: User) -> EmploymentPlan:
    return EmploymentPlanFactory(seeker=seeker, created_by=casemanager)


def lmi_url(obj: Assessment | EmploymentPlan, page: bool = False) -> str:
    kind = "assessment" if isinstance(obj, Assessment) else "plan"
    return reverse(f"casework:{kind}-lmi{'-page' if page else ''}", args=[obj.seeker_id, obj.pk])


def lmi_records() -> list[ServiceRecord]:
    return list(ServiceRecord.objects.filter(event=Event.LMI_STAFF))


def test_it_records_staff_assisted_lmi_from_the_assessment(
    casemanager_client: Client, assessment: Assessment, casemanager: User
) -> None:
    response = casemanager_client.post(lmi_url(assessment))
    assert response.status_code == 302 and response["Location"] == lmi_url(assessment, page=True)
    [record] = lmi_records()
    assert record.service_type.name == "Staff Assisted LMI"
    assert record.seeker == assessment.seeker and record.credited_staff == casemanager
    assert record.source == f"seekers.assessment:{assessment.pk}:lmi:{timezone.localdate()}"


def test_it_records_staff_assisted_lmi_from_the_plan(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    response = casemanager_client.post(lmi_url(plan))
    assert response.status_code == 302 and response["Location"] == lmi_url(plan, page=True)
    [record] = lmi_records()
    assert record.source == f"seekers.employmentplan:{plan.pk}:lmi:{timezone.localdate()}"


def test_it_records_it_once_per_assessment_and_day(
    casemanager_client: Client, assessment: Assessment
) -> None:
    for _ in range(3):
        casemanager_client.post(lmi_url(assessment))
    assert len(lmi_records()) == 1


def test_it_records_it_again_another_day(
    casemanager_client: Client, plan: EmploymentPlan, monkeypatch: pytest.MonkeyPatch
) -> None:
    casemanager_client.post(lmi_url(plan))
    real = timezone.localdate
    tomorrow = real() + datetime.timedelta(days=1)
    monkeypatch.setattr(
        "django.utils.timezone.localdate",
        lambda value=None, timezone=None: tomorrow if value is None else real(value, timezone),
    )
    casemanager_client.post(lmi_url(plan))
    assert sorted(r.service_date for r in lmi_records()) == [real(), tomorrow]


def test_it_records_one_for_the_assessment_and_one_for_the_plan(
    casemanager_client: Client, assessment: Assessment, plan: EmploymentPlan
) -> None:
    casemanager_client.post(lmi_url(assessment))
    casemanager_client.post(lmi_url(plan))
    assert len(lmi_records()) == 2


def test_it_never_records_the_service_on_a_get(
    casemanager_client: Client, assessment: Assessment, plan: EmploymentPlan
) -> None:
    for obj in (assessment, plan):
        assert casemanager_client.get(lmi_url(obj)).status_code == 405
        assert casemanager_client.get(lmi_url(obj, page=True)).status_code == 200
    assert not ServiceRecord.objects.exists()


def test_it_shows_the_occupation_and_a_link_out_in_a_new_tab(
    casemanager_client: Client, assessment: Assessment, settings: object
) -> None:
    settings.LMI_OCCUPATION_URL = "https://lmi.example.org/occ?code={code}&q={keyword}"
    body = casemanager_client.post(lmi_url(assessment), follow=True).content.decode()
    assert "Registered nurse" in body and "29-1141.00" in body
    expected = "https://lmi.example.org/occ?code=29-1141.00&amp;q=Registered%20nurse"
    assert f'href="{expected}" target="_blank" rel="noopener"' in body
    assert "(opens in a new tab)" in body


def test_it_url_encodes_the_occupation_in_the_link(
    casemanager_client: Client, seeker: JobSeeker, casemanager: User, settings: object
) -> None:
    settings.LMI_OCCUPATION_URL = "https://lmi.example.org/{code}/?q={keyword}"
    tricky = AssessmentFactory(
        seeker=seeker,
        created_by=casemanager,
        desired_occupation='Cook & "chef"/baker?',
        occupation_code="",
    )
    body = casemanager_client.get(lmi_url(tricky, page=True)).content.decode()
    assert 'href="https://lmi.example.org//?q=Cook%20%26%20%22chef%22%2Fbaker%3F"' in body


def test_it_survives_a_configured_url_with_other_braces(
    casemanager_client: Client, assessment: Assessment, settings: object
) -> None:
    settings.LMI_OCCUPATION_URL = "https://lmi.example.org/{code}?x={unknown}"
    response = casemanager_client.get(lmi_url(assessment, page=True))
    assert response.status_code == 200
    assert "https://lmi.example.org/29-1141.00?x={unknown}" in response.content.decode()


def test_it_shows_the_seekers_latest_assessment_from_the_plan(
    casemanager_client: Client, plan: EmploymentPlan, assessment: Assessment, casemanager: User
) -> None:
    newer = AssessmentFactory(
        seeker=plan.seeker,
        created_by=casemanager,
        desired_occupation="Dental hygienist",
        occupation_code="29-1292",
    )
    newer.save()  # updated after the first one
    body = casemanager_client.post(lmi_url(plan), follow=True).content.decode()
    assert "Dental hygienist" in body and "Registered nurse" not in body


def test_it_says_so_when_there_is_no_occupation_and_offers_an_assessment(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    response = casemanager_client.post(lmi_url(plan), follow=True)
    body = response.content.decode()
    assert "No desired occupation is on record" in body
    assert reverse("casework:assessment-new", args=[plan.seeker_id]) in body
    main = body.split("<main", 1)[1].split("</main>", 1)[0]  # the page, not the session dialog
    assert 'target="_blank"' not in main
    assert len(lmi_records()) == 1  # the button was pressed: the service is still recorded


def test_it_says_so_when_the_assessment_names_no_occupation(
    casemanager_client: Client, seeker: JobSeeker, casemanager: User
) -> None:
    bare = AssessmentFactory(
        seeker=seeker,
        created_by=casemanager,
        desired_occupation="",
        occupation_code="",
        skills="Typing",
    )
    body = casemanager_client.get(lmi_url(bare, page=True)).content.decode()
    assert "No desired occupation is on record" in body


def test_the_plan_page_has_the_lmi_button_as_a_post_form(
    casemanager_client: Client, plan: EmploymentPlan
) -> None:
    body = casemanager_client.get(
        reverse("casework:plan-detail", args=[plan.seeker_id, plan.pk])
    ).content.decode()
    assert f'<form method="post" action="{lmi_url(plan)}"' in body
    assert ">Labor market information</button>" in body
