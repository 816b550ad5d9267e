"""seed_services: synthetic service records for benchmarks, with participation rebuilt."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Sum
from django.test import override_settings
from django.utils import timezone

from seekers.models import JobSeeker
from services.constants import CreditRule
from services.management.commands.seed_services import type_slots
from services.models import ParticipationPeriod, ServiceRecord, ServiceType
from services.participation import participation_rebuild

pytestmark = pytest.mark.django_db


def seed(**options: object) -> str:
    out = io.StringIO()
    call_command("seed_services", stdout=out, **options)
    return out.getvalue()


def periods() -> list[tuple]:
    fields = ["seeker", "start_date", "last_service_date", "service_count"]
    return sorted(ParticipationPeriod.objects.values_list(*fields))


def test_it_creates_that_many_services_and_their_periods() -> None:
    output = seed(services=500, seekers_needed=50)
    assert JobSeeker.objects.count() >= 50
    assert ServiceRecord.objects.count() == 500
    assert ParticipationPeriod.objects.exists()
    # The periods are exactly what a rebuild from these services gives.
    before = periods()
    participation_rebuild(seeker_ids=None)
    assert periods() == before
    assert "500 services inserted" in output and "participation rebuilt" in output


def test_the_services_look_like_real_ones() -> None:
    seed(services=2000, seekers_needed=50)
    today = timezone.localdate()
    records = ServiceRecord.objects.select_related("service_type", "seeker")
    dates = [r.service_date for r in records]
    assert min(dates) >= today - datetime.timedelta(days=3 * 366)
    assert max(dates) <= today
    # Written in date order, as a live system writes them.
    by_id = list(ServiceRecord.objects.order_by("pk").values_list("service_date", flat=True))
    assert by_id == sorted(by_id)
    for record in records[:300]:
        first_office = record.seeker.offices.order_by("pk").values_list("pk", flat=True).first()
        assert record.office_id == first_office
        credited_by_nobody = record.service_type.credit_rule == CreditRule.NONE
        assert (record.credited_staff_id is None) == credited_by_nobody
        assert record.service_type.active
    common = (
        ServiceRecord.objects.values("service_type__name")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("service_type__name", flat=True)[:5]
    )
    assert "Job Search Activity" in common  # weighted toward the common entries


def test_the_slots_follow_the_weights() -> None:
    slots = type_slots()
    per_type = {}
    for _, type_id, *_ in slots:
        per_type[type_id] = per_type.get(type_id, 0) + 1
    names = dict(ServiceType.objects.values_list("pk", "name"))
    assert per_type[_pk(names, "Job Search Activity")] > 5 * per_type[_pk(names, "Onet")]
    assert _pk(names, "Referred to WIOA Services-Manual") not in per_type  # inactive


def _pk(names: dict[int, str], name: str) -> int:
    return next(pk for pk, value in names.items() if value == name)


def test_the_period_service_counts_add_up_to_the_participation_services() -> None:
    seed(services=1000, seekers_needed=30)
    participation = [t.pk for t in ServiceType.objects.all() if t.extends_participation]
    assert (
        ParticipationPeriod.objects.aggregate(n=Sum("service_count"))["n"]
        == ServiceRecord.objects.filter(service_type__in=participation).count()
    )


@override_settings(PRODUCTION=True)
def test_it_refuses_to_run_in_production() -> None:
    with pytest.raises(CommandError, match="never runs in production"):
        seed(services=10, seekers_needed=5)
    assert not ServiceRecord.objects.exists()
    assert not JobSeeker.objects.exists()


def test_it_refuses_without_seekers() -> None:
    with pytest.raises(CommandError, match="No job seekers"):
        seed(services=10)
    assert not ServiceRecord.objects.exists()


def test_it_refuses_a_count_below_one() -> None:
    with pytest.raises(CommandError, match="--services must be 1 or more"):
        seed(services=0, seekers_needed=5)
