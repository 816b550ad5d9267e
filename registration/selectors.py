"""Reads of the phone registration."""

from __future__ import annotations

from django.http import Http404

from registration.models import NoticeVersion, RegistrationCall
from workforce.models import User


def call_get(*, user: User, call_id: int) -> RegistrationCall:
    """A call of this staff member's own; anyone else's is 404, as if it did not exist."""
    call = (
        RegistrationCall.objects.select_related("office", "notice_version")
        .filter(pk=call_id, staff=user)
        .first()
    )
    if call is None:
        raise Http404("No such registration call.")
    return call


def notice_current() -> NoticeVersion:
    """The most recently published version: what staff read on a new call."""
    version = NoticeVersion.objects.order_by("-number").first()
    if version is None:
        raise LookupError("No notice version is published; an administrator must publish one.")
    return version
