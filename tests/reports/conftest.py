"""The hand-built dataset of the quarterly and staff-credit report tests.

Its docstring says what each seeker counts as at the report date helpers.TODAY.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from seekers.models import JobSeeker
from services.constants import FederalCategory
from services.models import ServiceType, Workshop, WorkshopResult
from services.participation import participation_rebuild
from tests.factories import (
    JobSeekerFactory,
    ServiceRecordFactory,
    ServiceTypeFactory,
    WorkshopFactory,
    WorkshopReferralFactory,
)
from tests.reports.helpers import D
from workforce.models import Office, User

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def kinds() -> dict[str, ServiceType]:
    return {
        "counted": ServiceTypeFactory(
            name="Counted service", countable=True, federal_category=FederalCategory.BASIC_CAREER
        ),
        "self": ServiceTypeFactory(
            name="Self-service", countable=True, federal_category=FederalCategory.SELF_SERVICE
        ),
        "info": ServiceTypeFactory(
            name="Not countable",
            countable=False,
            federal_category=FederalCategory.INFORMATION_ONLY,
        ),
    }


def workshop_on(day: datetime.date, office: Office, creator: User) -> Workshop:
    when = datetime.datetime(day.year, day.month, day.day, 10, tzinfo=CHICAGO)
    return WorkshopFactory(starts_at=when, office=office, created_by=creator)


def refer(seeker: JobSeeker, *, on: datetime.date, workshop: datetime.date, office: Office,
          staff: User, attended: bool = False) -> None:  # fmt: skip
    """A referral made on `on` to a workshop held on `workshop` (pending unless attended)."""
    result = {"result": WorkshopResult.ATTENDED, "resulted_by": staff,
              "resulted_at": timezone.now()} if attended else {}  # fmt: skip
    referral = WorkshopReferralFactory(
        workshop=workshop_on(workshop, office, staff), seeker=seeker, referred_by=staff, **result
    )
    made = datetime.datetime(on.year, on.month, on.day, 11, tzinfo=CHICAGO)
    type(referral).objects.filter(pk=referral.pk).update(referred_at=made)


@pytest.fixture
def dataset(
    kinds: dict[str, ServiceType], office: Office, other_office: Office, casemanager: User,
    dvop: User,
) -> dict[str, JobSeeker]:  # fmt: skip
    """Nine seekers; office is North, other_office South. What each should count as:

    A North  05/10 and 07/15: served, started before Q1, exiter (07/15 < 08/23); an
             attended (not pending) workshop on 10/05 does not keep the period open
    B North  08/01 and 09/20: served, new, still open (09/20 >= 08/23)
    C South  03/01 only, and a non-countable service on 07/10: not a participant in Q1
    D South  07/05, referred on 08/15 to a workshop on 12/01: served, new, not an exiter
             (a service scheduled while the period was open keeps it open)
    E North, opted out, 07/20: served, new, exiter (invisible to partner staff)
    G South  06/20, referred on 07/01 to a workshop on 12/10: served (its period has not
             ended), not new, not an exiter
    K South  07/10, referred on 11/01 (after 10/08, when the period ended) to a workshop
             on 12/05: served, new, exiter (that referral belongs to no period of K's)
    H        a self-service on 08/10, no office: not a participant
    X South  10/02 (Q2): not in Q1 at all
    """
    counted, self_service, info = kinds["counted"], kinds["self"], kinds["info"]
    people = {
        name: JobSeekerFactory(first_name=name, offices=offices, opted_out=name == "E")
        for name, offices in [
            ("A", [office]), ("B", [office]), ("C", [other_office]), ("D", [other_office]),
            ("E", [office]), ("G", [other_office]), ("K", [other_office]), ("H", []),
            ("X", [other_office]),
        ]
    }  # fmt: skip
    services = [
        ("A", counted, D(2026, 5, 10), office, casemanager),
        ("A", counted, D(2026, 7, 15), office, casemanager),
        ("B", counted, D(2026, 8, 1), office, casemanager),
        ("B", counted, D(2026, 9, 20), office, dvop),
        ("C", counted, D(2026, 3, 1), other_office, casemanager),
        ("C", info, D(2026, 7, 10), other_office, dvop),
        ("D", counted, D(2026, 7, 5), other_office, dvop),
        ("E", counted, D(2026, 7, 20), office, casemanager),
        ("G", counted, D(2026, 6, 20), other_office, casemanager),
        ("K", counted, D(2026, 7, 10), other_office, dvop),
        ("H", self_service, D(2026, 8, 10), None, None),
        ("X", counted, D(2026, 10, 2), other_office, casemanager),
    ]
    for name, kind, day, where, staff in services:
        ServiceRecordFactory(
            seeker=people[name], service_type=kind, service_date=day, office=where,
            credited_staff=staff, recorded_by=staff,
        )  # fmt: skip
    refer(people["A"], on=D(2026, 7, 20), workshop=D(2026, 10, 5), office=office,
          staff=casemanager, attended=True)  # fmt: skip
    for name, on, workshop in [
        ("D", D(2026, 8, 15), D(2026, 12, 1)),
        ("G", D(2026, 7, 1), D(2026, 12, 10)),
        ("K", D(2026, 11, 1), D(2026, 12, 5)),
    ]:
        refer(people[name], on=on, workshop=workshop, office=other_office, staff=casemanager)
    participation_rebuild(seeker_ids=None)
    return people
