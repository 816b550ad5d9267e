"""record_event: automatic services, credited by the catalog's rule, once per source."""

from __future__ import annotations

import pytest

from registration.models import RegistrationCall
from services.constants import Event
from services.events import record_event
from services.models import ServiceRecord, ServiceType
from tests.factories import JobSeekerFactory, RegistrationCallFactory
from workforce.models import User

pytestmark = pytest.mark.django_db


def test_it_records_every_active_entry_the_event_triggers(casemanager: User) -> None:
    seeker = JobSeekerFactory()
    records = record_event(Event.STAFF_ASSISTED_REGISTRATION, seeker=seeker, actor=casemanager)
    assert sorted(r.service_type.name for r in records) == [
        "Job Search Assistance", "Staff Assisted Registration",
    ]  # fmt: skip
    assert all(r.credited_staff == casemanager and r.recorded_by == casemanager for r in records)


def test_an_inactive_entry_is_no_longer_recorded(casemanager: User) -> None:
    ServiceType.objects.filter(name="Job Search Assistance").update(active=False)
    records = record_event(Event.STAFF_ASSISTED_REGISTRATION, seeker=JobSeekerFactory(),
                           actor=casemanager)  # fmt: skip
    assert [r.service_type.name for r in records] == ["Staff Assisted Registration"]


def test_a_retried_event_from_the_same_source_records_nothing_twice(casemanager: User) -> None:
    seeker = JobSeekerFactory()
    call: RegistrationCall = RegistrationCallFactory(staff=casemanager)
    first = record_event(Event.STAFF_ASSISTED_REGISTRATION, seeker=seeker, actor=casemanager,
                         source=call)  # fmt: skip
    again = record_event(Event.STAFF_ASSISTED_REGISTRATION, seeker=seeker, actor=casemanager,
                         source=call)  # fmt: skip
    assert {r.pk for r in first} == {r.pk for r in again}
    assert ServiceRecord.objects.count() == 2


def test_the_seed_000_entries_are_in_the_catalog() -> None:
    entries = ServiceType.objects.filter(trigger_event=Event.STAFF_ASSISTED_REGISTRATION)
    assert {(e.name, e.capture_mode, e.active) for e in entries} == {
        ("Staff Assisted Registration", "automatic", True),
        ("Job Search Assistance", "automatic", True),
    }


def test_an_unknown_event_is_a_programming_error(casemanager: User) -> None:
    with pytest.raises(ValueError):
        record_event("membership_complete", seeker=JobSeekerFactory(), actor=casemanager)


def test_dob_verifier_entries_credit_whoever_verified_the_date_of_birth(
    casemanager: User, dvop: User
) -> None:
    seeker = JobSeekerFactory(dob_verified_by=dvop)
    records = record_event(Event.CR101_REMEDIATION, seeker=seeker, actor=None, source="batch:1")
    assert [(r.service_type.name, r.credited_staff) for r in records] == [
        ("CR 101 Remediation", dvop)
    ]
    assert records[0].recorded_by is None


def test_the_seekers_own_actions_credit_nobody(casemanager: User) -> None:
    records = record_event(Event.LMI_SELF, seeker=JobSeekerFactory(), actor=None)
    assert [(r.service_type.name, r.credited_staff) for r in records] == [
        ("Self-Service LMI", None)
    ]


def test_a_workshop_result_records_its_categorys_service_for_the_referrer(
    casemanager: User, dvop: User
) -> None:
    records = record_event(
        Event.WORKSHOP_RESULTED, seeker=JobSeekerFactory(), actor=casemanager,
        workshop_category="career_advancement", referrer=dvop, source="referral:1",
    )  # fmt: skip
    assert [(r.service_type.name, r.credited_staff, r.recorded_by) for r in records] == [
        ("Workshop- Career Advancement & Enhancement", dvop, casemanager)
    ]


def test_membership_records_membership_and_the_wioa_referral(casemanager: User) -> None:
    seeker = JobSeekerFactory(dob_verified_by=casemanager)
    records = record_event(Event.MEMBERSHIP_COMPLETED, seeker=seeker, actor=casemanager)
    assert sorted(r.service_type.name for r in records) == [
        "Membership", "Referred to WIOA Services",
    ]  # fmt: skip


def test_a_service_counts_for_the_staff_members_current_office(casemanager: User) -> None:
    records = record_event(Event.LMI_STAFF, seeker=JobSeekerFactory(), actor=casemanager)
    assert records[0].office == casemanager.current_office


def test_recording_a_participation_service_rebuilds_the_seekers_periods(
    casemanager: User,
) -> None:
    from services.models import ParticipationPeriod

    seeker = JobSeekerFactory()
    record_event(Event.LMI_STAFF, seeker=seeker, actor=casemanager)
    period = ParticipationPeriod.objects.get(seeker=seeker)
    assert period.start_service.service_type.name == "Staff Assisted LMI"


def test_an_admin_change_to_countable_rebuilds_the_affected_periods(
    admin: User, casemanager: User
) -> None:
    from django.urls import reverse

    from services.models import ParticipationPeriod
    from tests.conftest import client_for

    seeker = JobSeekerFactory()
    record_event(Event.LMI_STAFF, seeker=seeker, actor=casemanager)
    assert ParticipationPeriod.objects.filter(seeker=seeker).exists()
    entry = ServiceType.objects.get(name="Staff Assisted LMI")
    change = reverse("admin:services_servicetype_change", args=[entry.pk])
    form = client_for(admin).get(change).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({"countable": "", "roles_allowed": [], "designated_staff": []})
    response = client_for(admin).post(change, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not ParticipationPeriod.objects.filter(seeker=seeker).exists()


def test_rebuild_participation_rebuilds_every_seekers_periods(casemanager: User) -> None:
    from django.core.management import call_command

    from services.models import ParticipationPeriod

    seeker = JobSeekerFactory()
    record_event(Event.LMI_STAFF, seeker=seeker, actor=casemanager)
    ParticipationPeriod.objects.all().delete()
    call_command("rebuild_participation", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert ParticipationPeriod.objects.filter(seeker=seeker).count() == 1
