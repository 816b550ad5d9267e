"""Participation periods and exit dates (20 CFR 677.150, TEGL 10-16; docs/participation.md).

Every case goes through the real database: services are recorded with catalog entries
fetched by name, the periods are rebuilt by the one SQL statement, then read back.
Days are counted from BASE; (0, 90) means a period from BASE to BASE + 90 days.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from seekers.models import JobSeeker
from services.constants import Event
from services.events import record_event
from services.models import (
    ParticipationPeriod,
    ServiceRecord,
    ServiceType,
    WorkshopReferral,
    WorkshopResult,
)
from services.participation import (
    EXIT_GAP_DAYS,
    participation_rebuild,
    participation_summary,
    period_status,
)
from tests.factories import (
    JobSeekerFactory,
    ServiceRecordFactory,
    UserFactory,
    WorkshopFactory,
    WorkshopReferralFactory,
)
from workforce.models import User

pytestmark = pytest.mark.django_db

BASE = datetime.date(2024, 1, 2)
JSA = "Job Search Activity"  # manual, countable, basic career
WORKSHOP = "Workshop- Job Search"  # automatic, countable, basic career


def day(n: int) -> datetime.date:
    return BASE + datetime.timedelta(days=n)


def at(n: int) -> datetime.datetime:
    """Ten in the morning, local time, on day n."""
    return timezone.make_aware(datetime.datetime.combine(day(n), datetime.time(10)))


def record(seeker: JobSeeker, n: int, name: str) -> ServiceRecord:
    entry = ServiceType.objects.get(name=name)
    return ServiceRecordFactory(seeker=seeker, service_type=entry, service_date=day(n))


def refer(seeker: JobSeeker, *, referred: int, workshop: int,
          result: str = WorkshopResult.PENDING) -> WorkshopReferral:  # fmt: skip
    """A referral made on day `referred` to a workshop held on day `workshop`."""
    referral = WorkshopReferralFactory(
        seeker=seeker, workshop=WorkshopFactory(starts_at=at(workshop))
    )
    resulted = {} if result == WorkshopResult.PENDING else {
        "resulted_by": referral.referred_by, "resulted_at": at(workshop),
    }  # fmt: skip
    # referred_at is auto_now_add: set the day the referral was made afterwards.
    WorkshopReferral.objects.filter(pk=referral.pk).update(
        referred_at=at(referred), result=result, **resulted
    )
    return referral


def periods(seeker: JobSeeker) -> list[tuple[int, int]]:
    rows = ParticipationPeriod.objects.filter(seeker=seeker).order_by("start_date")
    return [((p.start_date - BASE).days, (p.last_service_date - BASE).days) for p in rows]


# (what the case shows, services as (day, catalog name), referrals as (referred day,
#  workshop day, result), expected periods as (first day, last day))
REBUILD_CASES = [
    ("a next service 89 days later continues the period",
     [(0, JSA), (89, JSA)], [], [(0, 89)]),
    ("a next service exactly 90 days later (89 days without service) continues it",
     [(0, JSA), (90, JSA)], [], [(0, 90)]),
    ("a next service 91 days later (90 days without service) starts a new period",
     [(0, JSA), (91, JSA)], [], [(0, 0), (91, 91)]),
    ("services each within 90 days of the last make one long period",
     [(0, JSA), (90, JSA), (180, "Resume Assistance"), (270, "Career Guidance")], [],
     [(0, 270)]),
    ("non-countable services inside a gap do not extend the period",
     [(0, JSA), (45, "WIA Follow up"), (80, "UI Weekly Claim"), (100, "Membership"),
      (120, "Partnership-Project Xcel"), (140, JSA)], [],
     [(0, 0), (140, 140)]),
    ("self-service entries Missouri marks countable do not extend the period",
     [(0, JSA), (60, "Self-Service LMI"), (120, "JobsMoGov Self Job Search"), (150, JSA)], [],
     [(0, 0), (150, 150)]),
    ("two periods in one calendar year",
     [(0, JSA), (30, "Resume Assistance"), (200, "Career Guidance"), (250, JSA)], [],
     [(0, 30), (200, 250)]),
    ("a seeker whose services are all self-service is not a participant",
     [(0, "Self-Service LMI"), (10, "JobsMoGov Self Job Search"), (20, "AutoOptimalResume"),
      (30, "AutoMoConnections")], [],
     []),
    ("registration and eligibility alone (information-only) do not make a participant",
     [(0, "Staff-Entered Record"), (0, "Membership"), (0, "Staff Assisted Registration"),
      (1, "Jobs Self Registration")], [],
     []),
    ("participation starts at the first staff-assisted service, not at earlier self-service",
     [(0, "Self-Service LMI"), (30, JSA)], [], [(30, 30)]),
    ("individualized and training services make and extend a period",
     [(0, "Placed in Training"), (50, "Career Guidance"), (100, "DVOP IEP")], [],
     [(0, 100)]),
    ("a workshop scheduled before the gap keeps the period open when attended late",
     [(0, JSA), (120, WORKSHOP)], [(30, 120, WorkshopResult.ATTENDED)], [(0, 120)]),
    ("a service before a still-scheduled workshop's date continues the period",
     [(0, JSA), (110, JSA)], [(30, 120, WorkshopResult.PENDING)], [(0, 110)]),
    ("a no-show workshop kept the period open only until the workshop's date",
     [(0, JSA), (150, JSA)], [(30, 120, WorkshopResult.NO_SHOW)], [(0, 0), (150, 150)]),
    ("a referral made after the period ended does not revive it",
     [(0, JSA), (130, WORKSHOP)], [(100, 130, WorkshopResult.ATTENDED)],
     [(0, 0), (130, 130)]),
    ("a referral made within the period, to a workshop within it, changes nothing",
     [(0, JSA), (95, JSA)], [(10, 20, WorkshopResult.NO_SHOW)], [(0, 0), (95, 95)]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("services", "referrals", "expected"),
    [case[1:] for case in REBUILD_CASES],
    ids=[case[0] for case in REBUILD_CASES],
)
def test_it_builds_the_periods_federal_rules_give(
    services: list[tuple[int, str]], referrals: list[tuple[int, int, str]],
    expected: list[tuple[int, int]],
) -> None:  # fmt: skip
    seeker = JobSeekerFactory()
    for n, name in services:
        record(seeker, n, name)
    for referred, workshop, result in referrals:
        refer(seeker, referred=referred, workshop=workshop, result=result)
    participation_rebuild(seeker_ids=[seeker.pk])
    assert periods(seeker) == expected


def test_the_gap_rule_matches_the_constant_of_90_days() -> None:
    assert EXIT_GAP_DAYS == 90


def test_a_back_dated_service_merges_two_periods_once_rebuilt() -> None:
    seeker = JobSeekerFactory()
    record(seeker, 0, JSA)
    record(seeker, 150, JSA)
    participation_rebuild(seeker_ids=[seeker.pk])
    assert periods(seeker) == [(0, 0), (150, 150)]

    record(seeker, 75, "Resume Assistance")  # entered today, dated in the gap
    participation_rebuild(seeker_ids=[seeker.pk])
    assert periods(seeker) == [(0, 150)]


def test_a_back_dated_automatic_service_merges_the_periods_by_itself(casemanager: User) -> None:
    seeker = JobSeekerFactory()
    record(seeker, 0, JSA)
    record(seeker, 150, JSA)
    participation_rebuild(seeker_ids=[seeker.pk])

    record_event(Event.ASSESSMENT_SAVED, seeker=seeker, actor=casemanager, when=day(75))
    assert periods(seeker) == [(0, 150)]


def test_a_period_names_the_services_that_set_its_dates() -> None:
    seeker = JobSeekerFactory()
    first = record(seeker, 0, JSA)
    record(seeker, 10, "Self-Service LMI")
    record(seeker, 20, "Resume Assistance")
    last = record(seeker, 40, "Career Guidance")
    participation_rebuild(seeker_ids=[seeker.pk])
    period = ParticipationPeriod.objects.get(seeker=seeker)
    assert (period.start_service, period.last_service, period.service_count) == (first, last, 3)


def test_two_services_on_the_first_day_give_one_period_started_by_the_first_recorded() -> None:
    seeker = JobSeekerFactory()
    first = record(seeker, 0, JSA)
    record(seeker, 0, "Resume Assistance")
    participation_rebuild(seeker_ids=[seeker.pk])
    period = ParticipationPeriod.objects.get(seeker=seeker)
    assert (period.start_service, period.service_count) == (first, 2)


def test_rebuilding_one_seeker_leaves_the_others_alone() -> None:
    seeker, other = JobSeekerFactory(), JobSeekerFactory()
    record(other, 0, JSA)
    participation_rebuild(seeker_ids=[other.pk])
    record(other, 200, JSA)  # not rebuilt yet
    record(seeker, 0, JSA)
    participation_rebuild(seeker_ids=[seeker.pk])
    assert periods(other) == [(0, 0)]
    assert periods(seeker) == [(0, 0)]


def test_rebuilding_everyone_is_repeatable() -> None:
    seeker, other = JobSeekerFactory(), JobSeekerFactory()
    record(seeker, 0, JSA)
    record(other, 0, JSA)
    record(other, 100, JSA)
    participation_rebuild(seeker_ids=None)
    participation_rebuild(seeker_ids=None)
    assert (periods(seeker), periods(other)) == ([(0, 0)], [(0, 0), (100, 100)])


# period_status: (today as days after the last service, scheduled days, ended, confirmed after)
STATUS_CASES = [
    ("on the day of the last service the period is open", 0, [], False, 90),
    ("89 days without service: open", 89, [], False, 90),
    ("last service + 90 days: open (a service today would continue it)", 90, [], False, 90),
    ("last service + 91 days: ended (90 days passed with no service)", 91, [], True, 90),
    ("a service scheduled in the future keeps the period open past 90 days",
     100, [110], False, 110),
    ("a scheduled date on today still keeps it open", 100, [100], False, 100),
    ("a scheduled date already past keeps nothing open", 100, [95], True, 90),
    ("a scheduled date within the 90 days does not move the confirmation", 30, [60], False, 90),
]  # fmt: skip


@pytest.mark.parametrize(
    ("today", "scheduled", "ended", "confirmed_after"),
    [case[1:] for case in STATUS_CASES],
    ids=[case[0] for case in STATUS_CASES],
)
def test_period_status_decides_whether_the_period_has_ended(
    today: int, scheduled: list[int], ended: bool, confirmed_after: int
) -> None:
    status = period_status(
        last_service_date=BASE, today=day(today), scheduled=[day(n) for n in scheduled]
    )
    assert status.ended is ended
    assert status.exit_confirmed_after == day(confirmed_after)
    assert status.projected_exit == BASE
    assert status.exit_date == (BASE if ended else None)


# participation_summary: the selector behind the seeker page's panel.


def test_a_seeker_without_services_is_not_a_participant() -> None:
    assert participation_summary(seeker=JobSeekerFactory(), today=day(0)) is None


def test_a_seeker_with_a_verified_date_of_birth_but_no_service_is_not_a_participant() -> None:
    seeker = JobSeekerFactory(dob_verified_by=UserFactory(), dob_verified_at=at(0))
    record(seeker, 0, "Membership")
    participation_rebuild(seeker_ids=[seeker.pk])
    assert participation_summary(seeker=seeker, today=day(1)) is None


def test_a_seeker_with_only_self_service_is_not_a_participant() -> None:
    seeker = JobSeekerFactory()
    record(seeker, 0, "Self-Service LMI")
    participation_rebuild(seeker_ids=[seeker.pk])
    assert participation_summary(seeker=seeker, today=day(1)) is None


def test_the_summary_gives_each_date_and_the_service_that_caused_it() -> None:
    seeker = JobSeekerFactory()
    record(seeker, 0, "Self-Service LMI")
    record(seeker, 5, JSA)
    record(seeker, 40, "Resume Assistance")
    record(seeker, 50, "WIA Follow up")  # not countable: changes no date
    participation_rebuild(seeker_ids=[seeker.pk])

    summary = participation_summary(seeker=seeker, today=day(60))
    assert summary is not None
    assert summary["ended"] is False
    assert summary["participant_since"] == day(5)
    assert summary["participant_since_why"] == {"service": JSA, "date": day(5)}
    assert summary["last_service_date"] == day(40)
    assert summary["last_service_why"] == {"service": "Resume Assistance", "date": day(40)}
    assert summary["projected_exit"] == day(40)
    assert summary["exit_confirmed_after"] == day(130)
    assert summary["exit_date"] is None
    assert summary["scheduled"] == []
    assert summary["earlier"] == []


def test_the_exit_date_is_the_last_countable_service_date() -> None:
    seeker = JobSeekerFactory()
    record(seeker, 0, JSA)
    record(seeker, 20, "Career Guidance")
    record(seeker, 60, "WIA Follow up")  # follow-up after the last countable service
    record(seeker, 70, "Self-Service LMI")
    participation_rebuild(seeker_ids=[seeker.pk])

    summary = participation_summary(seeker=seeker, today=day(111))
    assert summary is not None
    assert summary["ended"] is True
    assert summary["exit_date"] == day(20)
    assert summary["last_service_why"] == {"service": "Career Guidance", "date": day(20)}


def test_the_period_is_open_on_the_90th_day_and_ended_on_the_91st() -> None:
    seeker = JobSeekerFactory()
    record(seeker, 0, JSA)
    participation_rebuild(seeker_ids=[seeker.pk])
    on_90 = participation_summary(seeker=seeker, today=day(90))
    on_91 = participation_summary(seeker=seeker, today=day(91))
    assert on_90 is not None and on_91 is not None
    assert (on_90["ended"], on_90["exit_date"]) == (False, None)
    assert (on_91["ended"], on_91["exit_date"]) == (True, day(0))


def test_a_pending_workshop_referral_keeps_the_period_open_past_90_days() -> None:
    seeker = JobSeekerFactory()
    record(seeker, 0, JSA)
    referral = refer(seeker, referred=10, workshop=110)
    participation_rebuild(seeker_ids=[seeker.pk])

    summary = participation_summary(seeker=seeker, today=day(100))
    assert summary is not None
    assert summary["ended"] is False
    assert summary["exit_confirmed_after"] == day(110)
    assert [(s["workshop"], s["date"]) for s in summary["scheduled"]] == [
        (referral.workshop.title, day(110)),
    ]  # fmt: skip
    assert summary["exit_confirmed_after_why"] == {
        "service": f"Workshop: {referral.workshop.title}", "date": day(110),
    }  # fmt: skip


def test_a_resulted_referral_is_not_a_scheduled_service() -> None:
    seeker = JobSeekerFactory()
    record(seeker, 0, JSA)
    refer(seeker, referred=10, workshop=100, result=WorkshopResult.NO_SHOW)
    participation_rebuild(seeker_ids=[seeker.pk])

    summary = participation_summary(seeker=seeker, today=day(100))
    assert summary is not None
    assert (summary["scheduled"], summary["ended"]) == ([], True)


def test_a_referral_made_after_the_period_ended_does_not_reopen_it() -> None:
    seeker = JobSeekerFactory()
    record(seeker, 0, JSA)
    refer(seeker, referred=95, workshop=110)
    participation_rebuild(seeker_ids=[seeker.pk])

    summary = participation_summary(seeker=seeker, today=day(100))
    assert summary is not None
    assert (summary["ended"], summary["exit_date"], summary["scheduled"]) == (True, day(0), [])


def test_referrals_chained_while_the_period_was_open_keep_it_open() -> None:
    seeker = JobSeekerFactory()
    record(seeker, 0, JSA)
    refer(seeker, referred=10, workshop=120, result=WorkshopResult.NO_SHOW)
    refer(seeker, referred=100, workshop=150)  # made while the first was still scheduled
    participation_rebuild(seeker_ids=[seeker.pk])

    summary = participation_summary(seeker=seeker, today=day(130))
    assert summary is not None
    assert (summary["ended"], summary["exit_confirmed_after"]) == (False, day(150))


def test_the_summary_lists_earlier_periods_newest_first_and_reports_the_latest() -> None:
    seeker = JobSeekerFactory()
    for n in (0, 10, 200, 400, 420):
        record(seeker, n, JSA)
    participation_rebuild(seeker_ids=[seeker.pk])

    summary = participation_summary(seeker=seeker, today=day(430))
    assert summary is not None
    assert summary["participant_since"] == day(400)
    assert [(p["start_date"], p["exit_date"]) for p in summary["earlier"]] == [
        (day(200), day(200)), (day(0), day(10)),
    ]  # fmt: skip
    assert summary["earlier"][1]["start_why"] == {"service": JSA, "date": day(0)}
    assert summary["earlier"][1]["exit_why"] == {"service": JSA, "date": day(10)}


def test_the_summary_costs_the_same_queries_however_many_periods() -> None:
    one, many = JobSeekerFactory(), JobSeekerFactory()
    record(one, 0, JSA)
    for n in (0, 200, 400, 600):
        record(many, n, JSA)
        refer(many, referred=n, workshop=n + 5, result=WorkshopResult.NO_SHOW)
    participation_rebuild(seeker_ids=[one.pk, many.pk])

    counts = []
    for seeker in (one, many):
        with CaptureQueriesContext(connection) as queries:
            summary = participation_summary(seeker=seeker, today=day(700))
            assert summary is not None
            [p["start_why"]["service"] for p in summary["earlier"]]
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 2
