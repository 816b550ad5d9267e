"""Workshops (seed 003), the writes: create, refer within the seats, result within the 14-day
window, and the service attendance records, credited to the referrer."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from services.models import ServiceRecord, Workshop, WorkshopReferral
from services.workshops import services
from tests.factories import JobSeekerFactory, WorkshopReferralFactory
from tests.services.workshops.helpers import (
    NEW,
    detail_url,
    new_workshop_data,
    refer_url,
    result_url,
    workshop_in,
)
from workforce.models import Office, User

pytestmark = pytest.mark.django_db


# --- creating ---------------------------------------------------------------------------


def test_staff_create_a_workshop_in_their_office(
    casemanager: User, casemanager_client: Client, office: Office
) -> None:
    response = casemanager_client.post(NEW, new_workshop_data(office))
    workshop = Workshop.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(workshop)
    assert (workshop.title, workshop.category, workshop.office, workshop.seats) == (
        "Resumes that get read", "job_search", office, 12,
    )  # fmt: skip
    local = timezone.localtime(workshop.starts_at)
    assert (local.date() - timezone.localdate()).days == 7 and local.time() == datetime.time(9, 30)
    assert workshop.created_by == casemanager


# --- referring ---------------------------------------------------------------------------


def test_referring_a_seeker_records_the_referring_staff(
    casemanager: User, casemanager_client: Client, office: Office
) -> None:
    workshop = workshop_in(office)
    seeker = JobSeekerFactory(first_name="Ann", last_name="Doe")
    data = {"seeker": seeker.public_id}
    response = casemanager_client.post(refer_url(workshop), data, follow=True)
    referral = WorkshopReferral.objects.get()
    assert (referral.workshop, referral.seeker, referral.referred_by, referral.result) == (
        workshop, seeker, casemanager, "pending",
    )  # fmt: skip
    assert "Ann Doe is referred" in response.content.decode()


def test_a_full_workshop_refuses_another_referral(
    casemanager_client: Client, office: Office
) -> None:
    workshop = workshop_in(office, seats=1)
    WorkshopReferralFactory(workshop=workshop)
    data = {"seeker": JobSeekerFactory().public_id}
    response = casemanager_client.post(refer_url(workshop), data)
    assert response.status_code == 400
    assert "This workshop is full." in response.context["refer_form"].errors["seeker"][0]
    assert WorkshopReferral.objects.count() == 1


def test_the_same_seeker_twice_is_refused_by_the_database_with_a_clear_message(
    casemanager: User, casemanager_client: Client, office: Office
) -> None:
    workshop = workshop_in(office)
    seeker = JobSeekerFactory(first_name="Ann", last_name="Doe")
    services.workshop_refer(workshop=workshop, seeker=seeker, actor=casemanager)
    response = casemanager_client.post(refer_url(workshop), {"seeker": seeker.public_id})
    assert response.status_code == 400
    error = response.context["refer_form"].errors["seeker"][0]
    assert error == "Ann Doe is already referred to this workshop."
    assert WorkshopReferral.objects.count() == 1


def test_no_referrals_once_the_result_window_has_closed(casemanager: User, office: Office) -> None:
    workshop = workshop_in(office, days_ago=15)
    with pytest.raises(ValidationError, match="no more referrals"):
        services.workshop_refer(workshop=workshop, seeker=JobSeekerFactory(), actor=casemanager)


# --- results and the 14-day window -------------------------------------------------------


@pytest.mark.parametrize("days_ago", [0, 1, 13, 14])
def test_staff_may_result_from_the_start_until_day_14(
    casemanager_client: Client, office: Office, days_ago: int
) -> None:
    referral = WorkshopReferralFactory(workshop=workshop_in(office, days_ago=days_ago))
    response = casemanager_client.post(result_url(referral), {"result": "attended"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.result == "attended"


def test_on_day_15_a_case_manager_is_refused_and_nothing_is_written(
    casemanager_client: Client, office: Office
) -> None:
    referral = WorkshopReferralFactory(workshop=workshop_in(office, days_ago=15))
    response = casemanager_client.post(result_url(referral), {"result": "attended"})
    assert response.status_code == 403
    assert "Only a supervisor can enter its results now" in response.content.decode()
    referral.refresh_from_db()
    assert referral.result == "pending" and referral.resulted_by is None
    assert not ServiceRecord.objects.exists()


def test_on_day_15_a_supervisor_may_still_result(
    supervisor: User, supervisor_client: Client, office: Office
) -> None:
    referral = WorkshopReferralFactory(workshop=workshop_in(office, days_ago=15))
    response = supervisor_client.post(result_url(referral), {"result": "attended"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.result, referral.resulted_by) == ("attended", supervisor)
    assert ServiceRecord.objects.count() == 1


def test_results_are_refused_before_the_workshop_starts(
    supervisor_client: Client, office: Office
) -> None:
    referral = WorkshopReferralFactory(workshop=workshop_in(office))  # next week
    response = supervisor_client.post(result_url(referral), {"result": "no_show"})
    assert response.status_code == 400
    assert "has not started yet" in response.content.decode()
    referral.refresh_from_db()
    assert referral.result == "pending"


def test_attended_records_the_categorys_service_credited_to_the_referrer(
    casemanager: User, casemanager_client: Client, dvop: User, office: Office
) -> None:
    workshop = workshop_in(office, days_ago=3, category="career_advancement")
    referral = WorkshopReferralFactory(workshop=workshop, referred_by=dvop)
    casemanager_client.post(result_url(referral), {"result": "attended"})
    record = ServiceRecord.objects.get()
    assert record.service_type.name == "Workshop- Career Advancement & Enhancement"
    assert (record.seeker, record.credited_staff, record.recorded_by) == (
        referral.seeker, dvop, casemanager,
    )  # fmt: skip
    assert record.service_date == timezone.localdate(workshop.starts_at)
    assert record.office == office


@pytest.mark.parametrize(
    ("category", "service"),
    [
        ("career_skills_assessment", "Workshop- Career & Skills Assessment"),
        ("career_advancement", "Workshop- Career Advancement & Enhancement"),
        ("educational_personal_skills", "Workshop- Educational & Personal Skills Upgrade"),
        ("job_search", "Workshop- Job Search"),
    ],
)
def test_each_category_records_its_own_service(
    casemanager: User, office: Office, category: str, service: str
) -> None:
    referral = WorkshopReferralFactory(workshop=workshop_in(office, days_ago=1, category=category))
    services.workshop_result(referral=referral, result="attended", actor=casemanager)
    assert list(ServiceRecord.objects.values_list("service_type__name", flat=True)) == [service]


def test_a_no_show_records_no_service(casemanager_client: Client, office: Office) -> None:
    referral = WorkshopReferralFactory(workshop=workshop_in(office, days_ago=1))
    casemanager_client.post(result_url(referral), {"result": "no_show"})
    referral.refresh_from_db()
    assert referral.result == "no_show" and not ServiceRecord.objects.exists()


def test_resubmitting_attended_records_one_service(
    casemanager_client: Client, office: Office
) -> None:
    referral = WorkshopReferralFactory(workshop=workshop_in(office, days_ago=1))
    first = casemanager_client.post(result_url(referral), {"result": "attended"})
    again = casemanager_client.post(result_url(referral), {"result": "attended"})
    assert first.status_code == again.status_code == 302
    assert ServiceRecord.objects.count() == 1


def test_a_result_once_entered_cannot_be_changed(
    casemanager_client: Client, office: Office
) -> None:
    referral = WorkshopReferralFactory(workshop=workshop_in(office, days_ago=1))
    casemanager_client.post(result_url(referral), {"result": "attended"})
    response = casemanager_client.post(result_url(referral), {"result": "no_show"})
    assert response.status_code == 400
    assert "a result cannot be changed" in response.content.decode()
    referral.refresh_from_db()
    assert referral.result == "attended" and ServiceRecord.objects.count() == 1
