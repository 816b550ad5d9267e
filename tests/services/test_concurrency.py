"""Seeker Services under concurrent writes, through the pages, on real PostgreSQL (issue 14).

Each thread posts with its own Client (its own session and database connection), all
released together by a barrier so the transactions really overlap in PostgreSQL. Every
answer is a clean one (a redirect, or a form page), never a 5xx; nothing is lost and
nothing is doubled; the stored participation periods are what a rebuild from scratch gives.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable

import pytest
from django.test import Client

from seekers.models import JobSeeker
from services.models import ParticipationPeriod, ServiceRecord
from services.participation import participation_rebuild
from tests.conftest import race
from tests.factories import JobSeekerFactory, UserFactory
from tests.services.helpers import entry, save_url, today
from workforce.models import Office, User

pytestmark = pytest.mark.django_db(transaction=True)
RACERS = 20
# Countable, basic career: each one starts or extends a participation period.
PARTICIPATION_ENTRY = "Job Search Activity"


def staff_clients(office: Office, count: int) -> list[tuple[User, Client]]:
    """`count` case managers of the seeker's office, each signed in on a client of their own."""
    made = []
    for _ in range(count):
        user = UserFactory(organization=office.organization, current_office=office,
                           offices=[office])  # fmt: skip
        client = Client(raise_request_exception=False)  # a crash is a 500, as users see it
        client.force_login(user)
        made.append((user, client))
    return made


def recording(client: Client, seeker: JobSeeker, staff: User, *,
              name: str = PARTICIPATION_ENTRY, day: datetime.date | None = None,
              token: str | None = None) -> Callable[[], object]:  # fmt: skip
    """A post of one Seeker Services page (its own token unless told), to run later."""
    data = {
        "service_type": entry(name).pk, "service_date": (day or today()).isoformat(),
        "credited_staff": staff.pk, "note": "", "form_token": token or uuid.uuid4().hex,
    }  # fmt: skip
    return lambda: client.post(save_url(seeker), data)


def statuses(responses: list[object]) -> list[object]:
    return [getattr(r, "status_code", r) for r in responses]


PERIOD_COLUMNS = ("start_date", "last_service_date", "start_service_id", "last_service_id",
                  "service_count")  # fmt: skip


def periods(seeker: JobSeeker) -> list[tuple]:
    stored = ParticipationPeriod.objects.filter(seeker=seeker).order_by("start_date")
    return list(stored.values_list(*PERIOD_COLUMNS))


def assert_periods_as_rebuilt(seeker: JobSeeker) -> None:
    """The periods left by the racing writes are exactly what a rebuild from scratch gives."""
    stored = periods(seeker)
    participation_rebuild(seeker_ids=[seeker.pk])
    assert stored == periods(seeker)


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return JobSeekerFactory(first_name="Ann", last_name="Doe", offices=[office])


def test_twenty_staff_recording_at_once_keep_twenty_services(
    office: Office, seeker: JobSeeker
) -> None:
    days = [today() - datetime.timedelta(days=i) for i in range(RACERS)]
    staff = staff_clients(office, RACERS)
    responses = race([recording(client, seeker, user, day=days[i])
                      for i, (user, client) in enumerate(staff)])  # fmt: skip
    assert statuses(responses) == [302] * RACERS
    records = ServiceRecord.objects.filter(seeker=seeker)
    assert records.count() == RACERS
    assert {r.recorded_by_id for r in records} == {user.pk for user, _ in staff}
    assert [(p[0], p[1], p[4]) for p in periods(seeker)] == [(min(days), max(days), RACERS)]
    assert_periods_as_rebuilt(seeker)


def test_one_form_posted_twenty_times_at_once_records_once(
    office: Office, seeker: JobSeeker
) -> None:
    token = uuid.uuid4().hex
    # One staff member's page, sent twenty times (double clicks, a retrying proxy, tabs).
    user = UserFactory(organization=office.organization, current_office=office, offices=[office])
    clients = []
    for _ in range(RACERS):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    responses = race([recording(client, seeker, user, token=token) for client in clients])
    assert statuses(responses) == [302] * RACERS
    assert len({r["Location"] for r in responses}) == 1  # the same answer as the first
    assert ServiceRecord.objects.filter(seeker=seeker).count() == 1
    assert len(periods(seeker)) == 1
    assert_periods_as_rebuilt(seeker)


def test_two_staff_recording_for_one_seeker_at_the_same_moment_keep_both(office: Office) -> None:
    for _ in range(5):  # a few rounds: without the lock, one in two or three loses a service
        seeker = JobSeekerFactory(offices=[office])
        (one, one_client), (two, two_client) = staff_clients(office, 2)
        responses = race([
            recording(one_client, seeker, one, name="Job Search Activity"),
            recording(two_client, seeker, two, name="Resume Assistance"),
        ])  # fmt: skip
        assert statuses(responses) == [302, 302]
        kept = ServiceRecord.objects.filter(seeker=seeker)
        assert {(r.service_type.name, r.recorded_by_id) for r in kept} == {
            ("Job Search Activity", one.pk), ("Resume Assistance", two.pk)
        }  # fmt: skip
        assert_periods_as_rebuilt(seeker)


def test_one_form_posted_for_two_seekers_at_once_records_one_service(office: Office) -> None:
    """One seeker's lock does not serialise two seekers: the unique constraint decides
    (another service chosen for each, so only `service_manual_form_once` can tell)."""
    token = uuid.uuid4().hex
    seekers = [JobSeekerFactory(offices=[office]) for _ in range(2)]
    user = UserFactory(organization=office.organization, current_office=office, offices=[office])
    clients = []
    for _ in range(RACERS):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    names = ["Job Search Activity", "Resume Assistance"]
    responses = race([recording(c, seekers[i % 2], user, name=names[i % 2], token=token)
                      for i, c in enumerate(clients)])  # fmt: skip
    assert ServiceRecord.objects.count() == 1
    winner = ServiceRecord.objects.get().seeker
    for i, response in enumerate(responses):
        if seekers[i % 2] == winner:
            assert response.status_code == 302
        else:
            assert response.status_code == 400
            assert "This form was already used" in response.content.decode()
