"""Workshops (seed 003): referrals, seats, the 14-day result window, credit to the referrer."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from services.models import ServiceRecord, Workshop, WorkshopReferral
from services.workshops import selectors, services
from tests.conftest import client_for
from tests.factories import JobSeekerFactory, WorkshopFactory, WorkshopReferralFactory
from workforce.models import Office, User

pytestmark = pytest.mark.django_db

LIST = reverse("services:workshops")
NEW = reverse("services:workshop-new")
TO_RESULT = reverse("services:workshops-to-result")


def held(days_ago: int) -> datetime.datetime:
    """A start time `days_ago` local calendar days ago (9:00), or a minute ago for today."""
    if days_ago == 0:
        return timezone.now() - datetime.timedelta(minutes=1)
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def workshop_in(office: Office, *, days_ago: int | None = None, **fields: object) -> Workshop:
    if days_ago is not None:
        fields["starts_at"] = held(days_ago)
    return WorkshopFactory(office=office, **fields)


def detail_url(workshop: Workshop) -> str:
    return reverse("services:workshop", args=[workshop.pk])


def refer_url(workshop: Workshop) -> str:
    return reverse("services:workshop-refer", args=[workshop.pk])


def result_url(referral: WorkshopReferral) -> str:
    return reverse("services:workshop-result", args=[referral.workshop_id, referral.pk])


def new_workshop_data(office: Office, **overrides: str) -> dict[str, str]:
    day = timezone.localdate() + datetime.timedelta(days=7)
    data = {"title": "Resumes that get read", "category": "job_search", "office": str(office.pk),
            "date": day.strftime("%m/%d/%Y"), "start_time": "9:30 AM", "seats": "12"}  # fmt: skip
    return {**data, **overrides}


# --- creating and listing ---------------------------------------------------------------


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


def test_an_office_the_user_does_not_work_in_is_refused_beside_the_field(
    casemanager_client: Client, partner_office: Office
) -> None:
    response = casemanager_client.post(NEW, new_workshop_data(partner_office))
    assert response.status_code == 400
    assert response.context["form"].errors["office"]
    assert not Workshop.objects.exists()


def test_bad_input_gets_a_message_beside_each_field_and_nothing_is_written(
    casemanager_client: Client, office: Office
) -> None:
    data = new_workshop_data(office, title="", category="cooking", date="13/45/2025",
                             start_time="noonish", seats="0")  # fmt: skip
    response = casemanager_client.post(NEW, data)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "category", "date", "start_time",
                                                    "seats"}  # fmt: skip
    assert 'class="usa-error-message"' in response.content.decode()
    assert not Workshop.objects.exists()


def test_a_date_before_the_result_window_is_refused(
    casemanager_client: Client, office: Office
) -> None:
    long_ago = (timezone.localdate() - datetime.timedelta(days=15)).strftime("%m/%d/%Y")
    response = casemanager_client.post(NEW, new_workshop_data(office, date=long_ago))
    assert response.status_code == 400
    assert "can no longer be resulted" in response.context["form"].errors["date"][0]
    assert not Workshop.objects.exists()


def test_the_list_shows_the_current_offices_upcoming_and_recent_workshops_with_seats_taken(
    casemanager_client: Client, office: Office, other_office: Office
) -> None:
    upcoming = workshop_in(office, title="Interviewing well", seats=3)
    WorkshopReferralFactory.create_batch(2, workshop=upcoming)
    workshop_in(office, title="Held last week", days_ago=7)
    workshop_in(office, title="Two months ago", days_ago=60)
    workshop_in(other_office, title="Elsewhere")
    body = casemanager_client.get(LIST).content.decode()
    assert "Interviewing well" in body and "2 of 3" in body
    assert "Held last week" in body
    assert "Two months ago" not in body and "Elsewhere" not in body


def test_a_workshop_of_an_office_the_user_does_not_work_in_is_404(
    partner: User, office: Office
) -> None:
    workshop = workshop_in(office)
    client = client_for(partner)
    assert client.get(detail_url(workshop)).status_code == 404
    seeker = JobSeekerFactory()
    assert client.post(refer_url(workshop), {"seeker": seeker.pk}).status_code == 404
    assert not WorkshopReferral.objects.exists()


# --- referring ---------------------------------------------------------------------------


def test_referring_a_seeker_records_the_referring_staff(
    casemanager: User, casemanager_client: Client, office: Office
) -> None:
    workshop = workshop_in(office)
    seeker = JobSeekerFactory(first_name="Ann", last_name="Doe")
    response = casemanager_client.post(refer_url(workshop), {"seeker": seeker.pk}, follow=True)
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
    response = casemanager_client.post(refer_url(workshop), {"seeker": JobSeekerFactory().pk})
    assert response.status_code == 400
    assert "full: all 1 seats are taken" in response.context["refer_form"].errors["seeker"][0]
    assert WorkshopReferral.objects.count() == 1


def test_the_same_seeker_twice_is_refused_by_the_database_with_a_clear_message(
    casemanager: User, casemanager_client: Client, office: Office
) -> None:
    workshop = workshop_in(office)
    seeker = JobSeekerFactory(first_name="Ann", last_name="Doe")
    services.workshop_refer(workshop=workshop, seeker=seeker, actor=casemanager)
    response = casemanager_client.post(refer_url(workshop), {"seeker": seeker.pk})
    assert response.status_code == 400
    error = response.context["refer_form"].errors["seeker"][0]
    assert error == "Ann Doe is already referred to this workshop."
    assert WorkshopReferral.objects.count() == 1


def test_an_unknown_seeker_id_is_refused_beside_the_field(
    casemanager_client: Client, office: Office
) -> None:
    workshop = workshop_in(office)
    response = casemanager_client.post(refer_url(workshop), {"seeker": "999999"})
    assert response.status_code == 400
    assert response.context["refer_form"].errors["seeker"] == ["No job seeker has the id 999999."]
    response = casemanager_client.post(refer_url(workshop), {"seeker": "ann"})
    assert response.status_code == 400 and not WorkshopReferral.objects.exists()


def test_partner_staff_cannot_refer_a_seeker_who_opted_out(
    partner: User, partner_office: Office
) -> None:
    workshop = workshop_in(partner_office)
    hidden = JobSeekerFactory(opted_out=True)
    response = client_for(partner).post(refer_url(workshop), {"seeker": hidden.pk})
    assert response.status_code == 400
    assert response.context["refer_form"].errors["seeker"] == [
        f"No job seeker has the id {hidden.pk}."
    ]
    assert not WorkshopReferral.objects.exists()


def test_no_referrals_once_the_result_window_has_closed(casemanager: User, office: Office) -> None:
    workshop = workshop_in(office, days_ago=15)
    with pytest.raises(ValidationError, match="no more referrals"):
        services.workshop_refer(workshop=workshop, seeker=JobSeekerFactory(), actor=casemanager)


# --- visibility of the seekers listed ------------------------------------------------------


def test_partner_staff_do_not_see_opted_out_seekers_in_referral_lists(
    partner: User, partner_office: Office
) -> None:
    workshop = workshop_in(partner_office, days_ago=1)
    WorkshopReferralFactory(workshop=workshop, seeker=JobSeekerFactory(last_name="Visible"))
    WorkshopReferralFactory(workshop=workshop, seeker=JobSeekerFactory(last_name="Optedout",
                                                                       opted_out=True))  # fmt: skip
    client = client_for(partner)
    body = client.get(detail_url(workshop)).content.decode()
    assert "Visible" in body and "Optedout" not in body
    to_result = client.get(TO_RESULT)
    assert [row.pending for row in to_result.context["rows"]] == [1]


def test_partner_staff_get_404_resulting_a_hidden_seekers_referral(
    partner: User, partner_office: Office
) -> None:
    workshop = workshop_in(partner_office, days_ago=1)
    referral = WorkshopReferralFactory(workshop=workshop, seeker=JobSeekerFactory(opted_out=True))
    response = client_for(partner).post(result_url(referral), {"result": "attended"})
    assert response.status_code == 404
    referral.refresh_from_db()
    assert referral.result == "pending" and not ServiceRecord.objects.exists()


def test_a_workshop_with_only_hidden_pending_referrals_is_not_to_result_for_partners(
    partner: User, partner_office: Office
) -> None:
    workshop = workshop_in(partner_office, days_ago=1)
    WorkshopReferralFactory(workshop=workshop, seeker=JobSeekerFactory(opted_out=True))
    assert client_for(partner).get(TO_RESULT).context["rows"] == []


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


def test_the_window_counts_local_calendar_days() -> None:
    start = timezone.make_aware(datetime.datetime(2025, 3, 3, 18, 0))
    workshop = Workshop(starts_at=start)
    last = timezone.make_aware(datetime.datetime(2025, 3, 17, 23, 59))
    after = timezone.make_aware(datetime.datetime(2025, 3, 18, 0, 1))
    assert selectors.result_window(workshop, now=last).open
    assert selectors.result_window(workshop, now=last).days_left == 0
    assert selectors.result_window(workshop, now=after).closed
    assert not selectors.result_window(workshop, now=start - datetime.timedelta(minutes=1)).started


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


def test_an_unknown_result_is_refused(casemanager_client: Client, office: Office) -> None:
    referral = WorkshopReferralFactory(workshop=workshop_in(office, days_ago=1))
    response = casemanager_client.post(result_url(referral), {"result": "maybe"})
    assert (
        response.status_code == 400 and "Choose attended or no-show." in response.content.decode()
    )
    referral.refresh_from_db()
    assert referral.result == "pending"


# --- workshops to result ------------------------------------------------------------------


def test_to_result_lists_started_workshops_with_pending_referrals_and_days_left(
    casemanager_client: Client, office: Office, other_office: Office
) -> None:
    recent = workshop_in(office, title="Recent", days_ago=4)
    WorkshopReferralFactory.create_batch(2, workshop=recent)
    overdue = workshop_in(office, title="Overdue one", days_ago=20)
    WorkshopReferralFactory(workshop=overdue)
    done = workshop_in(office, title="All resulted", days_ago=2)
    WorkshopReferralFactory(workshop=done, result="no_show", resulted_by=done.created_by,
                            resulted_at=timezone.now())  # fmt: skip
    WorkshopReferralFactory(workshop=workshop_in(office, title="Not started yet"))
    WorkshopReferralFactory(workshop=workshop_in(other_office, title="Elsewhere", days_ago=1))
    response = casemanager_client.get(TO_RESULT)
    rows = response.context["rows"]
    assert [(r.workshop.title, r.pending, r.window.days_left) for r in rows] == [
        ("Overdue one", 1, -6), ("Recent", 2, 10),
    ]  # fmt: skip
    body = response.content.decode()
    assert "10 days left" in body and "Overdue" in body
    assert "only a supervisor can result it" in body


def test_to_result_tells_a_supervisor_they_can_still_result_overdue_ones(
    supervisor_client: Client, office: Office
) -> None:
    WorkshopReferralFactory(workshop=workshop_in(office, days_ago=20))
    body = supervisor_client.get(TO_RESULT).content.decode()
    assert "you can still result it as a supervisor" in body


def test_the_workshop_page_offers_results_only_within_the_window(
    casemanager_client: Client, supervisor_client: Client, office: Office
) -> None:
    open_one = WorkshopReferralFactory(workshop=workshop_in(office, days_ago=1))
    closed = WorkshopReferralFactory(workshop=workshop_in(office, days_ago=15))
    assert result_url(open_one) in casemanager_client.get(
        detail_url(open_one.workshop)).content.decode()  # fmt: skip
    assert result_url(closed) not in casemanager_client.get(
        detail_url(closed.workshop)).content.decode()  # fmt: skip
    assert result_url(closed) in supervisor_client.get(
        detail_url(closed.workshop)).content.decode()  # fmt: skip


# --- who may, and how ---------------------------------------------------------------------


def all_urls(office: Office) -> dict[str, tuple[str, str]]:
    referral = WorkshopReferralFactory(workshop=workshop_in(office, days_ago=1))
    return {
        "list": ("get", LIST), "new": ("get", NEW), "to_result": ("get", TO_RESULT),
        "detail": ("get", detail_url(referral.workshop)),
        "refer": ("post", refer_url(referral.workshop)), "result": ("post", result_url(referral)),
    }  # fmt: skip


def test_anonymous_users_are_sent_to_sign_in(office: Office) -> None:
    for method, url in all_urls(office).values():
        response = getattr(Client(), method)(url)
        assert response.status_code == 302 and reverse("login") in response["Location"], url


def test_administrators_are_refused(admin: User, office: Office) -> None:
    client = client_for(admin)
    for method, url in all_urls(office).values():
        assert getattr(client, method)(url, {"result": "attended"}).status_code == 403, url
    assert not ServiceRecord.objects.exists()


def test_refer_and_result_are_post_only(casemanager_client: Client, office: Office) -> None:
    urls = all_urls(office)
    for name in ("refer", "result"):
        assert casemanager_client.get(urls[name][1]).status_code == 405
    assert casemanager_client.delete(LIST).status_code == 405
    assert WorkshopReferral.objects.count() == 1 and not ServiceRecord.objects.exists()


def test_the_header_links_to_workshops(casemanager_client: Client) -> None:
    assert f'href="{LIST}"' in casemanager_client.get(reverse("casework:home")).content.decode()
