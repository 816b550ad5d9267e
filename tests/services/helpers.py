"""Helpers shared by the tests of manual services ("Options → Seeker Services")."""

from __future__ import annotations

import datetime
import uuid

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from seekers.models import JobSeeker
from services.models import ServiceType
from workforce.models import User


def entry(name: str) -> ServiceType:
    return ServiceType.objects.get(name=name)


def today() -> datetime.date:
    return timezone.localdate()


def record_url(seeker: JobSeeker) -> str:
    return reverse("services:record", args=[seeker.pk])


def save_url(seeker: JobSeeker) -> str:
    return reverse("services:record-save", args=[seeker.pk])


def post(client: Client, seeker: JobSeeker, staff: User, name: str, **fields: object) -> object:
    data = {
        "service_type": entry(name).pk,
        "service_date": today().isoformat(),
        "credited_staff": staff.pk,
        "note": "",
        "form_token": uuid.uuid4().hex,  # each post a page of its own, unless told
        **fields,
    }
    return client.post(save_url(seeker), data)
