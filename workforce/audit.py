"""Audit helpers: masking for django-auditlog, the client address, and the access log."""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.views.debug import SafeExceptionReporterFilter

from workforce.constants import AccessAction
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


def access_log_hourly_quota_left(*, user: User, action: str, per_hour: int) -> int:
    """How many more reads of this kind the user may make in the current hour.

    Counted from the access log under a row lock on the user, so the quota holds across
    processes and servers; call it inside the transaction that writes the next row.
    """
    User.objects.select_for_update().filter(pk=user.pk).first()
    since = timezone.now() - datetime.timedelta(hours=1)
    made = AccessLog.objects.filter(user=user, action=action, at__gte=since).count()
    return max(0, per_hour - made)


# --- issue 14 (sessions): hourly limits on bulk reads, with an alert row ------------------------


class AccessLimitReached(Exception):
    """The user made `per_hour` reads of this kind in the last hour; an alert row is written."""

    def __init__(self, *, what: str, per_hour: int, retry_at: datetime.datetime) -> None:
        super().__init__(f"{what}: {per_hour} per hour reached")
        self.what, self.per_hour, self.retry_at = what, per_hour, retry_at


def access_log_write_limited(
    *, request: HttpRequest, user: User, action: str, seeker_id: int | None, outcome: str = "",
    counted: tuple[str, ...], per_hour: int, what: str,
) -> AccessLog:  # fmt: skip
    """`access_log_write`, unless the user already made `per_hour` reads of the `counted`
    kinds in the last hour: then an alert row (LIMIT_REACHED, shown on the access log)
    is committed and AccessLimitReached raised, and nothing is read.

    Counting and writing happen under a row lock on the user, so concurrent requests
    cannot pass the limit together.
    """
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        since = timezone.now() - datetime.timedelta(hours=1)
        recent = AccessLog.objects.filter(user=user, action__in=counted, at__gte=since)
        made = recent.count()
        if made < per_hour:
            return access_log_write(request=request, user=user, action=action,
                                    seeker_id=seeker_id, outcome=outcome)  # fmt: skip
        # A new read is allowed once enough of the last hour's reads leave the window.
        freed_at = recent.order_by("at").values_list("at", flat=True)[made - per_hour]
        access_log_write(request=request, user=user, action=AccessAction.LIMIT_REACHED,
                         seeker_id=seeker_id, outcome=f"{what}: {per_hour} per hour")  # fmt: skip
    raise AccessLimitReached(
        what=what, per_hour=per_hour, retry_at=freed_at + datetime.timedelta(hours=1)
    )


# --- end issue 14 (sessions) ----------------------------------------------------------------------


class PiiSafeExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error reports (DEBUG pages, admin emails) hide SSNs, secret answers and keys.

    Django already hides settings named like secrets; this widens the pattern to
    PII names and applies it to POST fields and traceback variables as well.
    """

    # Django's own pattern (API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE) plus PII names.
    hidden_settings = re.compile(
        r"API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|SSN|ANSWER|PII", flags=re.I
    )

    def get_post_parameters(self, request: HttpRequest | None) -> dict[str, object]:
        params = super().get_post_parameters(request)
        if request is None:
            return params
        cleansed = params.copy()
        for name in cleansed:
            if self.hidden_settings.search(name) or _shows_ssn(cleansed.getlist(name)):
                cleansed[name] = self.cleansed_substitute
        return cleansed

    def get_traceback_frame_variables(self, request: HttpRequest | None, tb_frame: object) -> list:
        # issue 14 (sessions): by name, and by value: a local holding a decrypted SSN under
        # any name (`number = seeker.ssn`), or an object or list whose text shows one.
        return [
            (name, self.cleansed_substitute
             if self.hidden_settings.search(name) or _shows_ssn(value) else value)
            for name, value in super().get_traceback_frame_variables(request, tb_frame)
        ]  # fmt: skip


# Nine digits as 3-2-4 with or without separators, not inside a longer number; glued to
# letters counts ("ssn123456789"). Wider than an SSN on purpose: an error page loses nothing.
SSN_SHAPED = re.compile(r"(?<!\d)\d{3}[\s.-]*\d{2}[\s.-]*\d{4}(?!\d)")


def _shows_ssn(value: object) -> bool:
    """Whether the error page's text of a value (its repr) would show an SSN-shaped number."""
    try:
        text = value if isinstance(value, str) else repr(value)
    except Exception:  # a broken repr: hide it rather than fail the error report
        return True
    return bool(SSN_SHAPED.search(text))
