"""Date of birth verification (seed 003, membership): who verified it gets the credit."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from casework.services import seeker_dob_verify
from seekers.models import JobSeeker
from services.models import ParticipationPeriod, ServiceRecord
from tests.conftest import client_for
from tests.factories import JobSeekerFactory
from workforce.models import Office, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return JobSeekerFactory(first_name="Arthur", last_name="Larsen", offices=[office])


def verify_url(seeker: JobSeeker) -> str:
    return reverse("casework:verify-dob", args=[seeker.pk])


def page(client: Client, seeker: JobSeeker) -> str:
    return client.get(reverse("casework:detail", args=[seeker.pk])).content.decode()


def test_the_seeker_page_offers_to_verify_an_unverified_date_of_birth(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    body = page(casemanager_client, seeker)
    assert "Verify date of birth" in body and verify_url(seeker) in body


def test_verifying_records_who_and_when_and_the_page_says_so(
    casemanager: User, casemanager_client: Client, seeker: JobSeeker
) -> None:
    casemanager.first_name, casemanager.last_name = "Casey", "Manning"
    casemanager.save(update_fields=["first_name", "last_name"])
    response = casemanager_client.post(verify_url(seeker), follow=True)
    seeker.refresh_from_db()
    assert seeker.dob_verified_by == casemanager and seeker.dob_verified_at is not None
    body = response.content.decode()
    when = seeker.dob_verified_at.astimezone().strftime("%m/%d/%Y")
    assert "Date of birth verified by <strong>Casey Manning</strong>" in body and when in body
    assert "Verify date of birth</button>" not in body


def test_verifying_records_membership_and_referred_to_wioa_credited_to_the_verifier(
    dvop: User, seeker: JobSeeker
) -> None:
    client_for(dvop).post(verify_url(seeker))
    records = ServiceRecord.objects.filter(seeker=seeker)
    assert sorted((r.service_type.name, r.credited_staff, r.recorded_by) for r in records) == [
        ("Membership", dvop, dvop), ("Referred to WIOA Services", dvop, dvop),
    ]  # fmt: skip


def test_referred_to_wioa_services_makes_the_seeker_a_participant(
    casemanager: User, seeker: JobSeeker
) -> None:
    seeker_dob_verify(seeker=seeker, actor=casemanager)
    period = ParticipationPeriod.objects.get(seeker=seeker)
    assert period.start_service.service_type.name == "Referred to WIOA Services"


def test_a_second_verify_changes_nothing(
    casemanager: User, supervisor: User, seeker: JobSeeker
) -> None:
    first = seeker_dob_verify(seeker=seeker, actor=casemanager)
    response = client_for(supervisor).post(verify_url(seeker), follow=True)
    seeker.refresh_from_db()
    assert seeker.dob_verified_by == casemanager
    assert seeker.dob_verified_at == first.dob_verified_at
    assert ServiceRecord.objects.filter(seeker=seeker).count() == 2
    assert set(ServiceRecord.objects.values_list("credited_staff", flat=True)) == {casemanager.pk}
    assert "already verified" in response.content.decode()


def test_the_verification_is_in_the_change_history_with_the_actor(
    casemanager: User, casemanager_client: Client, seeker: JobSeeker
) -> None:
    casemanager_client.post(verify_url(seeker))
    entry = LogEntry.objects.get_for_object(seeker).get(
        action=LogEntry.Action.UPDATE, changes__has_key="dob_verified_by"
    )
    assert entry.actor == casemanager
    assert entry.changes_dict["dob_verified_by"][0] == "None"


def test_an_administrator_may_not_verify(admin: User, seeker: JobSeeker) -> None:
    client = client_for(admin)
    assert "Verify date of birth</button>" not in page(client, seeker)
    assert client.post(verify_url(seeker)).status_code == 403
    seeker.refresh_from_db()
    assert seeker.dob_verified_by is None and not ServiceRecord.objects.exists()


def test_partner_staff_get_404_for_an_opted_out_seeker_and_nothing_is_written(
    partner: User,
) -> None:
    hidden = JobSeekerFactory(opted_out=True)
    assert client_for(partner).post(verify_url(hidden)).status_code == 404
    hidden.refresh_from_db()
    assert hidden.dob_verified_by is None and not ServiceRecord.objects.exists()


def test_partner_staff_may_verify_a_seeker_they_can_see(partner: User) -> None:
    visible = JobSeekerFactory()
    client_for(partner).post(verify_url(visible))
    visible.refresh_from_db()
    assert visible.dob_verified_by == partner


def test_it_is_post_only(casemanager_client: Client, seeker: JobSeeker) -> None:
    assert casemanager_client.get(verify_url(seeker)).status_code == 405
    seeker.refresh_from_db()
    assert seeker.dob_verified_by is None


def test_anonymous_users_are_sent_to_sign_in(seeker: JobSeeker) -> None:
    response = Client().post(verify_url(seeker))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    seeker.refresh_from_db()
    assert seeker.dob_verified_by is None


# --- Referred to WIOA Services → a pending WIOA Adult enrollment (seed 003) ----------------


def adult_enrollments(seeker: JobSeeker) -> list:
    from seekers.models import Enrollment

    return list(Enrollment.objects.filter(seeker=seeker, program__code="wioa-adult"))


def make_eligible(seeker: JobSeeker, **answers: str) -> None:
    from tests.factories import DemographicsFactory

    DemographicsFactory(seeker=seeker, gender="female", **{"right_to_work": "yes", **answers})


def test_verifying_an_eligible_seeker_opens_a_pending_wioa_adult_enrollment(
    dvop: User, seeker: JobSeeker
) -> None:
    make_eligible(seeker)
    client_for(dvop).post(verify_url(seeker))
    [enrollment] = adult_enrollments(seeker)
    assert enrollment.status == "pending" and enrollment.origin == "wioa_referral"
    assert enrollment.created_by == dvop and enrollment.opened_on is None
    assert enrollment.eligibility_snapshot["status"] == "eligible"


@pytest.mark.parametrize(
    "answers",
    [{"right_to_work": "no"}, {"right_to_work": ""}],
    ids=["not-eligible", "undetermined"],
)
def test_verifying_a_seeker_not_known_to_be_eligible_opens_no_enrollment(
    casemanager: User, seeker: JobSeeker, answers: dict
) -> None:
    make_eligible(seeker, **answers)
    seeker_dob_verify(seeker=seeker, actor=casemanager)
    assert adult_enrollments(seeker) == []
    assert ServiceRecord.objects.filter(seeker=seeker).count() == 2  # the services still count


def test_a_second_verify_opens_no_second_enrollment(
    casemanager: User, supervisor: User, seeker: JobSeeker
) -> None:
    make_eligible(seeker)
    seeker_dob_verify(seeker=seeker, actor=casemanager)
    seeker_dob_verify(seeker=seeker, actor=supervisor)
    [enrollment] = adult_enrollments(seeker)
    assert enrollment.created_by == casemanager


def test_verifying_leaves_an_open_wioa_adult_enrollment_alone(
    casemanager: User, seeker: JobSeeker
) -> None:
    from django.utils import timezone

    from tests.factories import EnrollmentFactory

    make_eligible(seeker)
    open_one = EnrollmentFactory(seeker=seeker, status="open", opened_on=timezone.localdate(),
                                 attested_at=timezone.now())  # fmt: skip
    seeker_dob_verify(seeker=seeker, actor=casemanager)
    assert adult_enrollments(seeker) == [open_one]


def test_it_tells_staff_the_referral_opened_a_pending_enrollment(
    casemanager: User, seeker: JobSeeker
) -> None:
    make_eligible(seeker)
    response = client_for(casemanager).post(verify_url(seeker), follow=True)
    assert "a pending WIOA Adult enrollment is open" in response.content.decode()
