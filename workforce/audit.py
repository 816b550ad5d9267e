"""Audit helpers: masking for django-auditlog, the client address, and the access log."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from workforce.models import AccessLog, User

MASKED = "changed"
EMPTY_VALUES = {"", "None"}


def mask_changed(value: str) -> str:
    """auditlog's mask callable: a masked field's diff says only that it changed.

    auditlog passes `str(value)`, so an absent value arrives as "None"; keeping
    "(none)" visible lets a reader tell an SSN added from one replaced.
    """
    return "(none)" if value in EMPTY_VALUES else MASKED


def client_ip(request: HttpRequest) -> str | None:
    """The caller's address, trusting X-Forwarded-For only for the configured proxy count."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def access_log_write(
    *, request: HttpRequest, user: User, action: str, seeker_id: int | None, outcome: str = ""
) -> AccessLog:
    """Record one sensitive read; callers pass no value that was read."""
    return AccessLog.objects.create(
        user=user,
        action=action,
        seeker_id=seeker_id,
        outcome=outcome,
        ip_address=client_ip(request),
    )
