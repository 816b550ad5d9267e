"""A DVOP-only service for a seeker not recorded as a veteran asks for confirmation: the
page warns and offers a checkbox; without it nothing is written (400, the message beside
the checkbox); with it the service is recorded. The server decides, not the page."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from seekers.constants import VeteranStatus
from seekers.models import JobSeeker
from services.models import ParticipationPeriod, ServiceRecord, ServiceType
from services.services import service_record
from tests.conftest import client_for
from tests.factories import DemographicsFactory, JobSeekerFactory
from workforce.models import Office, User

pytestmark = pytest.mark.django_db
CONFIRM = "The seeker is a veteran or eligible person: record it anyway"
NOT_RECORDED = "is not recorded as a veteran"


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return JobSeekerFactory(first_name="Ann", last_name="Doe", offices=[office])


def post(client: Client, seeker: JobSeeker, staff: User, name: str, **fields: object) -> object:
    data = {
        "service_type": ServiceType.objects.get(name=name).pk,
        "service_date": timezone.localdate().isoformat(),
        "credited_staff": staff.pk, "note": "", "form_token": uuid.uuid4().hex, **fields,
    }  # fmt: skip
    return client.post(reverse("services:record-save", args=[seeker.pk]), data)


@pytest.mark.parametrize("status", [None, "", VeteranStatus.NOT_VETERAN, VeteranStatus.DECLINED])
def test_it_refuses_a_dvop_service_without_confirmation_for_a_seeker_not_recorded_as_veteran(
    dvop: User, seeker: JobSeeker, status: str | None
) -> None:
    if status is not None:
        DemographicsFactory(seeker=seeker, veteran_status=status)
    response = post(client_for(dvop), seeker, dvop, "DVOP Interview Prep")
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_veteran_confirmed_error"' in body and NOT_RECORDED in body
    assert not ServiceRecord.objects.exists() and not ParticipationPeriod.objects.exists()


@pytest.mark.parametrize("status", [None, VeteranStatus.NOT_VETERAN])
def test_it_records_a_dvop_service_once_confirmed(
    dvop: User, seeker: JobSeeker, status: str | None
) -> None:
    if status is not None:
        DemographicsFactory(seeker=seeker, veteran_status=status)
    response = post(client_for(dvop), seeker, dvop, "DVOP IEP", veteran_confirmed="on")
    assert response.status_code == 302
    assert ServiceRecord.objects.get().service_type.name == "DVOP IEP"


@pytest.mark.parametrize("status", [VeteranStatus.VETERAN, VeteranStatus.ELIGIBLE_SPOUSE])
def test_it_records_a_dvop_service_for_a_veteran_without_asking(
    dvop: User, seeker: JobSeeker, status: str
) -> None:
    DemographicsFactory(seeker=seeker, veteran_status=status)
    response = post(client_for(dvop), seeker, dvop, "DVOP Resume Prep")
    assert response.status_code == 302 and ServiceRecord.objects.count() == 1


def test_it_does_not_ask_for_a_service_open_to_every_role(dvop: User, seeker: JobSeeker) -> None:
    response = post(client_for(dvop), seeker, dvop, "Job Search Activity")
    assert response.status_code == 302 and ServiceRecord.objects.count() == 1


def test_the_page_warns_and_offers_the_checkbox_for_a_seeker_not_recorded_as_veteran(
    dvop: User, seeker: JobSeeker
) -> None:
    body = client_for(dvop).get(reverse("services:record", args=[seeker.pk])).content.decode()
    assert NOT_RECORDED in body and CONFIRM in body
    assert 'name="veteran_confirmed"' in body and 'type="checkbox"' in body


def test_the_page_does_not_ask_for_a_veteran(dvop: User, seeker: JobSeeker) -> None:
    DemographicsFactory(seeker=seeker, veteran_status=VeteranStatus.VETERAN)
    body = client_for(dvop).get(reverse("services:record", args=[seeker.pk])).content.decode()
    assert NOT_RECORDED not in body and 'name="veteran_confirmed"' not in body


def test_the_page_does_not_ask_staff_who_cannot_record_dvop_services(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    body = casemanager_client.get(reverse("services:record", args=[seeker.pk])).content.decode()
    assert 'name="veteran_confirmed"' not in body


def test_the_service_checks_again_whatever_the_page_said(dvop: User, seeker: JobSeeker) -> None:
    fields = {"seeker": seeker, "service_type": ServiceType.objects.get(name="DVOP IEP"),
              "service_date": timezone.localdate() - datetime.timedelta(days=1),
              "credited_staff": dvop, "note": "", "actor": dvop,
              "form_token": uuid.uuid4().hex}  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        service_record(**fields)
    assert "veteran_confirmed" in refused.value.message_dict
    assert not ServiceRecord.objects.exists()
    assert service_record(**fields, veteran_confirmed=True).service_type.name == "DVOP IEP"
