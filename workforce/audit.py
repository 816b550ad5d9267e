"""Audit helpers: masking for django-auditlog, the client address, and the access log."""

from __future__ import annotations

import datetime
import ipaddress
import logging
import re
from collections.abc import Callable
from urllib.parse import quote

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.views.debug import SafeExceptionReporterFilter

from workforce.constants import AccessAction
from workforce.models import AccessLog, SecurityAlert, User
from workforce.ssn_text import ssn_in_text

MASKED = "changed"
EMPTY_VALUES = {"", "None", "{}", "[]"}  # str() of an absent value, empty string or JSON


def mask_changed(value: str) -> str:
    """auditlog's mask callable: a masked field's diff says only that it changed.

    auditlog passes `str(value)`, so an absent value arrives as "None" (an empty JSON
    draft as "{}"); keeping "(none)" visible lets a reader tell an SSN added from one
    replaced, or a draft purged.
    """
    return "(none)" if value in EMPTY_VALUES else MASKED


def client_ip(request: HttpRequest) -> str | None:
    """The caller's address, trusting X-Forwarded-For only for the configured proxy count.

    Each trusted proxy appends the address it saw, so the hop `TRUSTED_PROXY_COUNT` from the
    right is the client; anything further left is what the client sent. A hop that is not
    an address (a misconfigured proxy) falls back to the connection's, so a logged read
    never fails on the database's inet column.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            try:
                return str(ipaddress.ip_address(hops[-proxies]))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR") or None


# The security log (ASVS 5.0 16.3.1, 16.3.2): one line on the application log (stderr) per
# authentication event and per refusal. Failures at WARNING, successes at INFO.
security_log = logging.getLogger("workforce.security")


def security_event_log(
    *, request: HttpRequest, event: str, outcome: str, failed: bool, user: User | None = None,
    **detail: object,
) -> None:  # fmt: skip
    """Write one security-log line: the event, its outcome, who (username and id, or "-"
    when signed out), from which address, and `detail` (say which kind of code, never the
    code, a password or a key).

    Each value is percent-encoded past plain characters, so a typed value (a path) can
    neither break the line nor forge another (ASVS 16.4.1). The fields also ride on the
    record as `record.security`, for a JSON formatter later and for tests.
    """
    if user is None:
        user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    fields = {
        "event": event,
        "outcome": outcome,
        **detail,
        "user": user.get_username() if signed_in else None,
        "user_id": user.pk if signed_in else None,
        "ip": client_ip(request),
    }
    text = " ".join(f"{name}={_log_value(value)}" for name, value in fields.items())
    security_log.log(logging.WARNING if failed else logging.INFO, "%s", text,
                     extra={"security": fields})  # fmt: skip


def _log_value(value: object) -> str:
    return "-" if value is None or value == "" else quote(str(value), safe="/@:.-_+~,!*()'")


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


def security_alert_write(*, kind: str, detail: str, ip_address: str | None = None) -> SecurityAlert:
    """Record a security signal administrators see in the Django admin ("Security alerts").

    `detail` is shown as it is: say what happened in plain words, never a username (it may
    be a password typed in the wrong box) or any other personal data.
    """
    return SecurityAlert.objects.create(kind=kind, detail=detail, ip_address=ip_address)


# The outcome of an access-log row that records an attempt refused for the hourly limit:
# logged so supervisors see probing past the limit, but not counted, so the limit lifts
# an hour after the reads that reached it (as the 429's retry time says).
REFUSED_OUTCOME = "refused: hourly limit reached"


def access_log_hourly_quota_left(*, user: User, action: str, per_hour: int) -> int:
    """How many more reads of this kind the user may make in the current hour.

    Counted from the access log under a row lock on the user, so the quota holds across
    processes and servers; call it inside the transaction that writes the next row.
    Refused attempts (REFUSED_OUTCOME) are not reads and do not count.
    """
    User.objects.select_for_update().filter(pk=user.pk).first()
    since = timezone.now() - datetime.timedelta(hours=1)
    made = (
        AccessLog.objects.filter(user=user, action=action, at__gte=since)
        .exclude(outcome=REFUSED_OUTCOME)
        .count()
    )
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


# --- Who reads which audit rows ---------------------------------------------------------
# The core's audit pages (and their Django admin) list changes to seekers and reads about
# them, but `workforce` imports no app, so it cannot apply `visible_to` itself. The seekers
# app registers the two narrowing functions in its AppConfig.ready; until it has, nobody
# sees a row (fail closed).

ChangeScope = Callable[[User, QuerySet], QuerySet]
ReadScope = Callable[[User, QuerySet[AccessLog]], QuerySet[AccessLog]]
_scopes: dict[str, Callable] = {}


def audit_scope_register(*, changes: ChangeScope, reads: ReadScope) -> None:
    """Set the functions that narrow the change history and the access log to one user."""
    _scopes.update(changes=changes, reads=reads)


def change_log_scope(*, user: User, entries: QuerySet) -> QuerySet:
    """The change-history entries this user may read: only those about seekers they see."""
    scope = _scopes.get("changes")
    return entries.none() if scope is None else scope(user, entries)


def access_log_scope(*, user: User, rows: QuerySet[AccessLog]) -> QuerySet[AccessLog]:
    """The access-log rows this user may read: only those about seekers they see."""
    scope = _scopes.get("reads")
    return rows.none() if scope is None else scope(user, rows)


def _shows_ssn(value: object) -> bool:
    """Whether the error page's text of a value (its repr) would show an SSN-shaped number."""
    try:
        text = value if isinstance(value, str) else repr(value)
    except Exception:  # a broken repr: hide it rather than fail the error report
        return True
    return ssn_in_text(text)
