"""Writes of seekers, and sensitive reads that must be logged."""

from __future__ import annotations

from django.http import HttpRequest

from seekers.models import JobSeeker
from seekers.ssn import format_ssn
from workforce.audit import access_log_write
from workforce.constants import AccessAction
from workforce.models import User


def seeker_ssn_reveal(*, request: HttpRequest, seeker: JobSeeker, actor: User) -> str:
    """The formatted SSN, with an access-log row (who, when, which seeker, from where) first."""
    access_log_write(
        request=request, user=actor, action=AccessAction.SSN_REVEAL, seeker_id=seeker.pk
    )
    return format_ssn(seeker.ssn) if seeker.ssn else ""
