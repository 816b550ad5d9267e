"""Manual services, "Options → Seeker Services": who reaches the page, what it offers, and
what its form takes or refuses beside the field."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from seekers.models import JobSeeker
from services.constants import FORM_EXPIRED, FORM_TOKEN
from services.models import ServiceRecord
from tests.conftest import client_for
from tests.factories import JobSeekerFactory, UserFactory
from tests.services.helpers import entry, post, record_url, save_url, today
from workforce.models import Office, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return JobSeekerFactory(first_name="Ann", last_name="Doe", offices=[office])


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


def test_a_stranger_may_not_be_credited(casemanager_client: Client, seeker: JobSeeker) -> None:
    response = post(casemanager_client, seeker, UserFactory(), "Resume Assistance")
    assert response.status_code == 400
    assert "Choose a staff member from the list." in response.content.decode()
    assert not ServiceRecord.objects.exists()


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


@pytest.mark.parametrize(
    "token",
    [None, "", "   ", "x" * 500, "A" * 32],
    ids=["missing", "empty", "blank", "damaged", "not-hex"],
)
def test_a_post_without_a_valid_form_token_is_refused_not_recorded_unprotected(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker, token: str | None
) -> None:
    data = {"service_type": entry("Onet").pk, "service_date": today().isoformat(),
            "credited_staff": casemanager.pk, "note": "Kept as typed"}  # fmt: skip
    if token is not None:
        data["form_token"] = token
    response = casemanager_client.post(save_url(seeker), data)
    assert response.status_code == 400
    assert not ServiceRecord.objects.exists()
    form = response.context["form"]
    assert form.non_field_errors() == [FORM_EXPIRED]  # at the top, beside no field
    assert not any(form[name].errors for name in form.fields)
    assert FORM_EXPIRED in response.content.decode()
    # The page shown again keeps what was typed and carries a fresh token that works.
    fresh = form["form_token"].value()
    assert FORM_TOKEN.match(fresh) and form["note"].value() == "Kept as typed"
    assert (
        casemanager_client.post(save_url(seeker), {**data, "form_token": fresh}).status_code == 302
    )
    assert ServiceRecord.objects.get().source == f"manual-entry:{fresh}"


def test_the_same_form_posted_again_with_another_service_chosen_is_refused(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    token = uuid.uuid4().hex
    assert (
        post(casemanager_client, seeker, casemanager, "Onet", form_token=token).status_code == 302
    )
    again = post(casemanager_client, seeker, casemanager, "Resume Assistance", form_token=token)
    assert again.status_code == 400
    assert "This form was already used to record Onet" in again.content.decode()
    assert ServiceRecord.objects.get().service_type.name == "Onet"
