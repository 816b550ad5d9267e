"""URLs, times and data shared by the workshop tests."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from services.models import Workshop, WorkshopReferral
from tests.factories import WorkshopFactory
from workforce.models import Office

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
