"""Sign-in throttling: django-axes' database handler with one limit per account and one per address.

Axes counts failed sign-ins by each of `AXES_LOCKOUT_PARAMETERS` (["username",
"ip_address"]) but compares them all with one limit. A call centre signs in from one
address, so one limit cannot both stop guessing at an account (a few failures) and let
twenty staff mistype on a Monday morning (dozens). This handler keeps everything else of
axes' (storage, cool-off, lock-out page, admin, reset commands) and changes three things:

- an account is locked after `AXES_FAILURE_LIMIT` failures from any address, and an
  address after `SIGNIN_ADDRESS_FAILURE_LIMIT` failures across accounts;
- a successful sign-in clears that account's failures only, never its address's, so
  signing in with one's own account does not reset a spraying count;
- when `SIGNIN_SPRAY_ALERT_USERNAMES` different usernames fail across the site within the
  cool-off, it writes one `SecurityAlert` for administrators (password spraying from many
  addresses, which no per-address limit sees).

docs/security.md, "Sign-in throttling".
"""

from __future__ import annotations

import logging

from auditlog.models import LogEntry
from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import (
    get_client_username,
    get_cool_off,
    get_failure_limit,
    get_lockout_parameters,
)
from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest

from workforce.audit import security_alert_write
from workforce.constants import AlertKind
from workforce.models import SecurityAlert, User

log = logging.getLogger(__name__)


class SignInThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit per account and a higher one per address."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """Failures counted against the account limit; an address past its own limit counts
        as the account limit reached, so everyone signing in from it waits the cool-off."""
        counts = {}
        for parameter, attempts in zip(
            get_lockout_parameters(request, credentials),
            self.get_user_attempts(request, credentials),
            strict=True,
        ):
            total = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            counts[str(parameter)] = total
        by_account = counts.get("username", 0)
        if counts.get("ip_address", 0) >= settings.SIGNIN_ADDRESS_FAILURE_LIMIT:
            return max(by_account, get_failure_limit(request, credentials))
        return by_account

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """After a successful sign-in, forget that account's failures (from every address),
        and only those: the address keeps the failures of other usernames."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count

    def user_login_failed(
        self, sender: object, credentials: dict, request: HttpRequest | None = None, **kwargs
    ) -> None:
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None:
            signin_spraying_check(request=request)


def signin_spraying_check(*, request: HttpRequest) -> SecurityAlert | None:
    """Write one alert when many different usernames failed across the site in the cool-off.

    Password spraying from many addresses stays under every per-address limit; the number
    of different usernames failing is what gives it away. A successful sign-in removes its
    account's failures, so staff who mistype and then get in do not count. One alert per
    cool-off window, however long the spraying goes on.
    """
    since = get_cool_off_threshold(request)
    usernames = (
        AccessAttempt.objects.filter(attempt_time__gte=since).values("username").distinct().count()
    )
    if usernames < settings.SIGNIN_SPRAY_ALERT_USERNAMES:
        return None
    if SecurityAlert.objects.filter(kind=AlertKind.SIGNIN_SPRAYING, at__gte=since).exists():
        return None
    minutes = int(get_cool_off(request).total_seconds() // 60)
    log.warning("Sign-in spraying: %s usernames failed within %s minutes", usernames, minutes)
    return security_alert_write(
        kind=AlertKind.SIGNIN_SPRAYING,
        detail=(
            f"{usernames} different usernames failed to sign in within {minutes} minutes "
            "(password spraying?). See Axes, Access attempts for the addresses."
        ),
        ip_address=getattr(request, "axes_ip_address", None),
    )


@transaction.atomic
def signin_unlock(*, users: list[User], actor: User) -> int:
    """Clear the failed sign-ins of these staff so they can sign in at once; audited.

    Each account gets a change-history entry by `actor`. An address lock is lifted with
    `manage.py axes_reset_ip <address>` (docs/security.md, "Sign-in throttling").
    """
    for user in users:
        AccessAttempt.objects.filter(username=user.get_username()).delete()
        LogEntry.objects.log_create(
            user,
            action=LogEntry.Action.UPDATE,
            changes={"sign-in lock": ["locked", "unlocked"]},
            actor=actor,
        )
    return len(users)
