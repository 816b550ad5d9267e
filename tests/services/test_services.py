"""Manual services, "Options → Seeker Services": the rules service_record keeps (who may
record what, when, credited to whom, with which note), through the page and called directly."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from seekers.models import JobSeeker
from services.constants import FORM_EXPIRED
from services.models import ParticipationPeriod, ServiceRecord, ServiceType
from services.services import service_record
from tests.conftest import client_for
from tests.factories import DemographicsFactory, JobSeekerFactory, ServiceTypeFactory, UserFactory
from tests.services.helpers import entry, post, today
from workforce.constants import Role
from workforce.models import Office, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return JobSeekerFactory(first_name="Ann", last_name="Doe", offices=[office])


# --- recording ---------------------------------------------------------------------------


def test_recording_a_countable_service_makes_the_seeker_a_participant(
    casemanager: User, seeker: JobSeeker
) -> None:
    record = service_record(
        seeker=seeker, service_type=entry("Job Search Activity"), service_date=today(),
        credited_staff=casemanager, note="", actor=casemanager, form_token=uuid.uuid4().hex,
    )  # fmt: skip
    period = ParticipationPeriod.objects.get(seeker=seeker)
    assert period.start_service == record and period.start_date == today()


def test_a_colleague_may_be_credited(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker, office: Office
) -> None:
    colleague = UserFactory(current_office=office, organization=office.organization)
    post(casemanager_client, seeker, colleague, "Resume Assistance")
    record = ServiceRecord.objects.get()
    assert record.credited_staff == colleague and record.recorded_by == casemanager


def test_a_dvop_only_service_posted_by_a_case_manager_is_403_and_writes_nothing(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    response = post(casemanager_client, seeker, casemanager, "DVOP IEP")
    assert response.status_code == 403
    assert not ServiceRecord.objects.exists()
    assert not ParticipationPeriod.objects.exists()


def test_a_dvop_records_a_dvop_only_service(dvop: User, seeker: JobSeeker) -> None:
    DemographicsFactory(seeker=seeker, veteran_status="veteran")  # else it asks to confirm
    response = post(client_for(dvop), seeker, dvop, "DVOP Interview Prep")
    assert response.status_code == 302
    assert ServiceRecord.objects.get().service_type.name == "DVOP Interview Prep"


def test_a_dvop_only_service_is_credited_only_to_a_dvop(
    dvop: User, casemanager: User, seeker: JobSeeker
) -> None:
    response = post(client_for(dvop), seeker, casemanager, "DVOP Resume Prep")
    assert response.status_code == 400
    assert "may not be credited with DVOP Resume Prep" in response.content.decode()
    assert not ServiceRecord.objects.exists()


def test_partnership_project_xcel_is_refused_to_staff_not_designated(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    xcel = "Partnership-Project Xcel"
    assert post(casemanager_client, seeker, casemanager, xcel).status_code == 403
    assert not ServiceRecord.objects.exists()
    entry(xcel).designated_staff.add(casemanager)
    assert post(casemanager_client, seeker, casemanager, xcel).status_code == 302


def test_job_development_needs_a_note(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    response = post(casemanager_client, seeker, casemanager, "Job Development", note="   ")
    assert response.status_code == 400
    assert "Job Development needs a service note" in response.content.decode()
    assert "usa-form-group--error" in response.content.decode()
    assert not ServiceRecord.objects.exists()
    response = post(casemanager_client, seeker, casemanager, "Job Development",
                    note="Set up an interview at Acme for Tuesday.")  # fmt: skip
    assert response.status_code == 302
    assert ServiceRecord.objects.get().note == "Set up an interview at Acme for Tuesday."


def test_a_future_date_is_refused(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    tomorrow = today() + datetime.timedelta(days=1)
    response = post(casemanager_client, seeker, casemanager, "Onet",
                    service_date=tomorrow.isoformat())  # fmt: skip
    assert response.status_code == 400
    assert "The date of service cannot be in the future." in response.content.decode()
    assert not ServiceRecord.objects.exists()


def test_a_service_may_be_back_dated_up_to_the_limit_and_no_further(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker, settings: object
) -> None:
    settings.SERVICE_BACKDATE_DAYS = 10
    too_old = today() - datetime.timedelta(days=11)
    response = post(casemanager_client, seeker, casemanager, "Onet",
                    service_date=too_old.isoformat())  # fmt: skip
    assert response.status_code == 400
    earliest = today() - datetime.timedelta(days=10)
    assert (
        f"A service can be back-dated at most 10 days: enter {earliest:%m/%d/%Y} or later."
        in response.content.decode()
    )
    assert not ServiceRecord.objects.exists()
    response = post(casemanager_client, seeker, casemanager, "Onet",
                    service_date=earliest.isoformat())  # fmt: skip
    assert response.status_code == 302
    assert ServiceRecord.objects.get().service_date == earliest


def test_the_back_dating_limit_defaults_to_30_days() -> None:
    from django.conf import settings

    assert settings.SERVICE_BACKDATE_DAYS == 30


def test_an_inactive_entry_is_refused(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    response = post(casemanager_client, seeker, casemanager, "Referred to WIOA Services-Manual")
    assert response.status_code == 400
    assert "is not in use: it cannot be recorded now" in response.content.decode()
    assert not ServiceRecord.objects.exists()


def test_an_entry_the_state_office_enabled_may_be_recorded(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    ServiceType.objects.filter(name="Referred to WIOA Services-Manual").update(active=True)
    response = post(casemanager_client, seeker, casemanager, "Referred to WIOA Services-Manual")
    assert response.status_code == 302


def test_an_automatic_entry_is_refused(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    response = post(casemanager_client, seeker, casemanager, "Job Referral")
    assert response.status_code == 400
    assert "Job Referral is recorded automatically, not by hand." in response.content.decode()
    assert not ServiceRecord.objects.exists()


def test_a_double_submitted_form_records_one_service(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    token = uuid.uuid4().hex
    first = post(casemanager_client, seeker, casemanager, "Onet", form_token=token)
    second = post(casemanager_client, seeker, casemanager, "Onet", form_token=token)
    assert first.status_code == second.status_code == 302
    assert ServiceRecord.objects.count() == 1
    post(casemanager_client, seeker, casemanager, "Onet", form_token=uuid.uuid4().hex)
    assert ServiceRecord.objects.count() == 2  # a new form is a new service


# --- the service, called directly ---------------------------------------------------------


@pytest.mark.parametrize("token", ["", "x" * 500])
def test_the_service_refuses_a_post_without_a_valid_form_token(
    casemanager: User, seeker: JobSeeker, token: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        service_record(
            seeker=seeker, service_type=entry("Onet"), service_date=today(),
            credited_staff=casemanager, note="", actor=casemanager, form_token=token,
        )  # fmt: skip
    assert refused.value.messages == [FORM_EXPIRED]
    assert not ServiceRecord.objects.exists()


def test_the_service_refuses_a_seeker_the_actor_may_not_see(partner: User) -> None:
    hidden = JobSeekerFactory(opted_out=True)
    with pytest.raises(PermissionDenied):
        service_record(
            seeker=hidden, service_type=entry("Onet"), service_date=today(),
            credited_staff=partner, note="", actor=partner, form_token=uuid.uuid4().hex,
        )  # fmt: skip
    assert not ServiceRecord.objects.exists()


def test_the_service_refuses_an_administrator(admin: User, seeker: JobSeeker) -> None:
    with pytest.raises(PermissionDenied):
        service_record(
            seeker=seeker, service_type=entry("Onet"), service_date=today(),
            credited_staff=admin, note="", actor=admin, form_token=uuid.uuid4().hex,
        )  # fmt: skip


def test_the_service_names_every_problem_by_field(casemanager: User, seeker: JobSeeker) -> None:
    with pytest.raises(ValidationError) as raised:
        service_record(
            seeker=seeker, service_type=entry("Job Development"),
            service_date=today() + datetime.timedelta(days=3),
            credited_staff=UserFactory(), note="", actor=casemanager, form_token=uuid.uuid4().hex,
        )  # fmt: skip
    assert set(raised.value.message_dict) == {"service_date", "credited_staff", "note"}


def test_a_supervisor_records_services(supervisor: User, seeker: JobSeeker) -> None:
    assert post(client_for(supervisor), seeker, supervisor, "Career Guidance").status_code == 302


def test_an_entry_restricted_to_another_role_is_refused(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    ServiceTypeFactory(name="Supervisors only", roles_allowed=[Role.SUPERVISOR])
    response = post(casemanager_client, seeker, casemanager, "Supervisors only")
    assert response.status_code == 403
