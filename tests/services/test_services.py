"""Manual services, "Options → Seeker Services": who may record what, when, with which note."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from seekers.models import JobSeeker
from services.models import ParticipationPeriod, ServiceRecord, ServiceType
from services.services import service_record
from tests.conftest import client_for
from tests.factories import (
    DemographicsFactory,
    JobSeekerFactory,
    OfficeFactory,
    ServiceRecordFactory,
    ServiceTypeFactory,
    UserFactory,
)
from workforce.constants import Role
from workforce.models import Office, Organization, User

pytestmark = pytest.mark.django_db


def entry(name: str) -> ServiceType:
    return ServiceType.objects.get(name=name)


def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return JobSeekerFactory(first_name="Ann", last_name="Doe", offices=[office])


def record_url(seeker: JobSeeker) -> str:
    return reverse("services:record", args=[seeker.pk])


def save_url(seeker: JobSeeker) -> str:
    return reverse("services:record-save", args=[seeker.pk])


def post(client: Client, seeker: JobSeeker, staff: User, name: str, **fields: object) -> object:
    data = {
        "service_type": entry(name).pk,
        "service_date": today().isoformat(),
        "credited_staff": staff.pk,
        "note": "",
        **fields,
    }
    return client.post(save_url(seeker), data)


# --- access ------------------------------------------------------------------------------


def test_anonymous_staff_are_sent_to_sign_in(seeker: JobSeeker) -> None:
    for url in (record_url(seeker), save_url(seeker)):
        response = Client().get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"]


def test_administrators_do_not_record_services(admin: User, seeker: JobSeeker) -> None:
    client = client_for(admin)
    assert client.get(record_url(seeker)).status_code == 403
    assert post(client, seeker, admin, "Job Search Activity").status_code == 403
    assert not ServiceRecord.objects.exists()


def test_the_save_url_is_post_only(casemanager_client: Client, seeker: JobSeeker) -> None:
    assert casemanager_client.get(save_url(seeker)).status_code == 405


def test_the_record_page_is_get_only(casemanager_client: Client, seeker: JobSeeker) -> None:
    assert casemanager_client.post(record_url(seeker)).status_code == 405


def test_partner_staff_get_404_for_an_opted_out_seeker(partner: User) -> None:
    hidden = JobSeekerFactory(opted_out=True)
    client = client_for(partner)
    assert client.get(record_url(hidden)).status_code == 404
    assert post(client, hidden, partner, "Job Search Activity").status_code == 404
    assert not ServiceRecord.objects.exists()


def test_partner_staff_record_services_for_seekers_they_see(
    partner: User, partner_office: Office
) -> None:
    visible = JobSeekerFactory(offices=[partner_office])
    response = post(client_for(partner), visible, partner, "Job Search Activity")
    assert response.status_code == 302
    assert ServiceRecord.objects.get().credited_staff == partner


def test_an_unknown_seeker_is_404(casemanager_client: Client) -> None:
    assert casemanager_client.get(reverse("services:record", args=[999999])).status_code == 404


# --- the page ----------------------------------------------------------------------------


def test_the_seeker_page_offers_options_then_seeker_services(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    body = casemanager_client.get(reverse("casework:detail", args=[seeker.pk])).content.decode()
    assert "<summary" in body and "Options" in body
    assert f'href="{record_url(seeker)}"' in body and "Seeker Services" in body


def test_the_seeker_page_shows_no_options_to_administrators(admin: User, seeker: JobSeeker) -> None:
    body = client_for(admin).get(reverse("casework:detail", args=[seeker.pk])).content.decode()
    assert record_url(seeker) not in body


def test_the_page_lists_the_active_manual_entries_a_case_manager_may_record(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    response = casemanager_client.get(record_url(seeker))
    listed = {e.name for e in response.context["form"].entries}
    assert "Job Search Activity" in listed and "Job Development" in listed
    assert "WIA Follow up" in listed
    assert not {"DVOP IEP", "DVOP Interview Prep", "DVOP Resume Prep"} & listed  # DVOP only
    assert "Referred to WIOA Services-Manual" not in listed  # inactive
    assert "Partnership-Project Xcel" not in listed  # designated staff only
    assert "Membership" not in listed  # automatic
    body = response.content.decode()
    assert entry("Job Search Activity").description in body  # each entry's description as hint


def test_the_page_lists_the_dvop_entries_to_a_dvop(dvop: User, seeker: JobSeeker) -> None:
    response = client_for(dvop).get(record_url(seeker))
    listed = {e.name for e in response.context["form"].entries}
    assert {"DVOP IEP", "DVOP Interview Prep", "DVOP Resume Prep"} <= listed


def test_designated_staff_see_partnership_project_xcel(
    casemanager: User, seeker: JobSeeker
) -> None:
    entry("Partnership-Project Xcel").designated_staff.add(casemanager)
    response = client_for(casemanager).get(record_url(seeker))
    assert "Partnership-Project Xcel" in {e.name for e in response.context["form"].entries}


def test_the_date_defaults_to_today_and_the_credit_to_the_actor(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    form = casemanager_client.get(record_url(seeker)).context["form"]
    assert form["service_date"].value() == today()
    assert form["credited_staff"].value() == casemanager.pk
    assert len(form["form_token"].value()) == 32


def test_credited_staff_are_active_staff_of_the_seekers_or_the_actors_offices(
    casemanager: User, seeker: JobSeeker, office: Office, other_office: Office
) -> None:
    colleague = UserFactory(current_office=office, organization=office.organization)
    elsewhere = UserFactory(current_office=other_office, organization=office.organization)
    stranger = UserFactory()  # an office of neither
    gone = UserFactory(current_office=office, is_active=False)
    form = client_for(casemanager).get(record_url(seeker)).context["form"]
    staff = set(form.fields["credited_staff"].queryset)
    assert {casemanager, colleague, elsewhere} <= staff  # casemanager works in both offices
    assert stranger not in staff and gone not in staff


# --- recording ---------------------------------------------------------------------------


def test_a_case_manager_records_job_search_activity(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker, office: Office
) -> None:
    response = post(casemanager_client, seeker, casemanager, "Job Search Activity", note="Indeed")
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:detail", args=[seeker.pk]) + "#seeker-services"
    record = ServiceRecord.objects.get()
    assert (record.seeker, record.service_type.name, record.service_date) == (
        seeker, "Job Search Activity", today(),
    )  # fmt: skip
    assert record.credited_staff == casemanager and record.recorded_by == casemanager
    assert record.office == office and record.note == "Indeed" and record.event == ""
    page = casemanager_client.get(response["Location"])
    assert "Job Search Activity recorded for Ann Doe" in page.content.decode()
    assert "Job Search Activity" in page.content.decode()


def test_recording_a_countable_service_makes_the_seeker_a_participant(
    casemanager: User, seeker: JobSeeker
) -> None:
    record = service_record(
        seeker=seeker, service_type=entry("Job Search Activity"), service_date=today(),
        credited_staff=casemanager, note="", actor=casemanager,
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


def test_a_stranger_may_not_be_credited(casemanager_client: Client, seeker: JobSeeker) -> None:
    response = post(casemanager_client, seeker, UserFactory(), "Resume Assistance")
    assert response.status_code == 400
    assert "Choose a staff member from the list." in response.content.decode()
    assert not ServiceRecord.objects.exists()


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


def test_a_date_typed_as_month_day_year_is_accepted(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    response = post(casemanager_client, seeker, casemanager, "Onet",
                    service_date=f"{today():%m/%d/%Y}")  # fmt: skip
    assert response.status_code == 302


def test_a_date_that_is_not_a_date_gets_a_message(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    response = post(casemanager_client, seeker, casemanager, "Onet", service_date="31/31/2024")
    assert response.status_code == 400
    assert "Enter the date of service as mm/dd/yyyy." in response.content.decode()


def test_no_service_chosen_gets_a_message(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    response = post(casemanager_client, seeker, casemanager, "Onet", service_type="")
    assert response.status_code == 400
    assert "Choose the service you gave." in response.content.decode()


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


def test_the_service_refuses_a_seeker_the_actor_may_not_see(partner: User) -> None:
    hidden = JobSeekerFactory(opted_out=True)
    with pytest.raises(PermissionDenied):
        service_record(
            seeker=hidden, service_type=entry("Onet"), service_date=today(),
            credited_staff=partner, note="", actor=partner,
        )  # fmt: skip
    assert not ServiceRecord.objects.exists()


def test_the_service_refuses_an_administrator(admin: User, seeker: JobSeeker) -> None:
    with pytest.raises(PermissionDenied):
        service_record(
            seeker=seeker, service_type=entry("Onet"), service_date=today(),
            credited_staff=admin, note="", actor=admin,
        )  # fmt: skip


def test_the_service_names_every_problem_by_field(casemanager: User, seeker: JobSeeker) -> None:
    with pytest.raises(ValidationError) as raised:
        service_record(
            seeker=seeker, service_type=entry("Job Development"),
            service_date=today() + datetime.timedelta(days=3),
            credited_staff=UserFactory(), note="", actor=casemanager,
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


# --- the seeker page's table -------------------------------------------------------------


def test_the_seeker_page_lists_services_newest_first(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    ServiceRecordFactory(seeker=seeker, service_type=entry("Onet"),
                         service_date=today() - datetime.timedelta(days=5))  # fmt: skip
    ServiceRecordFactory(seeker=seeker, service_type=entry("Job Development"),
                         service_date=today(), credited_staff=casemanager, note="Acme")  # fmt: skip
    body = casemanager_client.get(reverse("casework:detail", args=[seeker.pk])).content.decode()
    assert body.index("Job Development") < body.index("Onet")
    assert "2 services, newest first" in body
    assert '<span class="usa-tag">Note</span>' in body
    assert casemanager.get_full_name() in body


def test_the_seeker_page_shows_the_latest_services_with_the_count(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    onet = entry("Onet")
    ServiceRecord.objects.bulk_create(
        ServiceRecord(seeker=seeker, service_type=onet,
                      service_date=today() - datetime.timedelta(days=n))
        for n in range(55)
    )  # fmt: skip
    response = casemanager_client.get(reverse("casework:detail", args=[seeker.pk]))
    body = response.content.decode()
    from services.selectors import SEEKER_SERVICES_SHOWN

    shown = SEEKER_SERVICES_SHOWN
    assert shown < 55
    assert f"The latest {shown} of 55 services, newest first" in body
    assert body.count('<th scope="row">Onet</th>') == shown


def test_another_seekers_services_are_not_listed(
    casemanager_client: Client, seeker: JobSeeker, state_agency: Organization
) -> None:
    other = JobSeekerFactory(offices=[OfficeFactory(organization=state_agency)])
    ServiceRecordFactory(seeker=other, service_type=entry("Onet"))
    body = casemanager_client.get(reverse("casework:detail", args=[seeker.pk])).content.decode()
    assert "No services recorded yet." in body


def test_a_damaged_form_token_does_not_stop_the_service(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    response = post(casemanager_client, seeker, casemanager, "Onet", form_token="x" * 500)
    assert response.status_code == 302
    assert ServiceRecord.objects.get().source == ""
