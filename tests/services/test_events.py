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
