"""Helpers shared by the tests of the enrollment pages and of Program Registration."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from seekers.constants import EnrollmentStatus
from seekers.models import Enrollment, JobSeeker
from tests.factories import EnrollmentFactory, ProgramPrivilegeFactory
from workforce.constants import PrivilegeLevel
from workforce.models import Program, User


def grant(user: User, program: Program, level: str = PrivilegeLevel.ENROLL) -> None:
    ProgramPrivilegeFactory(user=user, program=program, level=level)


def page(client: Client, seeker: JobSeeker) -> str:
    response = client.get(reverse("casework:detail", args=[seeker.pk]))
    assert response.status_code == 200
    return response.content.decode()


def programs_section(client: Client, seeker: JobSeeker) -> str:
    body = page(client, seeker)
    return body[body.index('id="programs"') : body.index('id="demographics"')]


def enroll_url(seeker: JobSeeker, program: Program) -> str:
    return reverse("casework:enrollment-new", args=[seeker.pk, program.pk])


def open_enrollment(seeker: JobSeeker, program: Program, **kwargs: object) -> Enrollment:
    return EnrollmentFactory(
        seeker=seeker, program=program, status=EnrollmentStatus.OPEN,
        opened_on=timezone.localdate(), attested_at=timezone.now(), **kwargs,
    )  # fmt: skip
