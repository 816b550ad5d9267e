"""Sessions: the idle timeout, the absolute lifetime, what the page asks about them, and the
list of a user's signed-in sessions (see them, end them; an administrator ends them all).

Django's own expiry (SESSION_COOKIE_AGE, saved on every request) stays as the backstop of
the idle timeout. This module adds what Django lacks: a session ends SESSION_ABSOLUTE_HOURS
after sign-in however busy it is (ASVS 5.0 V7.3.2), and the idle clock is kept in the
session itself, so the page's status check (`session_status`) can read the time left
without pushing it forward. Times are whole seconds since the epoch (JSON-safe).
"""

from __future__ import annotations

import datetime
import hashlib
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import CharField, Func, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from workforce.audit import client_ip
from workforce.models import User, UserSession

STARTED = "wf_session_started"  # when the user signed in
SEEN = "wf_session_seen"  # the last request that counts as activity


@dataclass(frozen=True)
class SessionTimes:
    """Seconds left before the idle timeout and before the absolute lifetime end the session."""

    idle_left: int
    absolute_left: int

    @property
    def left(self) -> int:
        """Seconds until whichever comes first; "Stay signed in" can only move the idle one."""
        return max(0, min(self.idle_left, self.absolute_left))

    def as_json(self) -> dict[str, object]:
        return {
            "signed_in": self.left > 0,
            "seconds_left": self.left,
            "idle_seconds_left": max(0, self.idle_left),
            "absolute_seconds_left": max(0, self.absolute_left),
            "warning_seconds": settings.SESSION_WARNING_SECONDS,
        }


def idle_seconds() -> int:
    return settings.SESSION_COOKIE_AGE


def absolute_seconds() -> int:
    return settings.SESSION_ABSOLUTE_HOURS * 60 * 60


def session_times(*, request: HttpRequest, now: float | None = None) -> SessionTimes:
    """The time left of the signed-in user's session (a session without stamps is new)."""
    now = time.time() if now is None else now
    started = request.session.get(STARTED, now)
    seen = request.session.get(SEEN, now)
    return SessionTimes(
        idle_left=int(seen + idle_seconds() - now),
        absolute_left=int(started + absolute_seconds() - now),
    )


def session_absolute_end(*, request: HttpRequest) -> int:
    """When the session reaches its absolute lifetime (seconds since the epoch). The same on
    every page of a session, so two answers differ by no clock reading (the leak crawl
    compares pages byte for byte)."""
    return int(request.session.get(STARTED, time.time())) + absolute_seconds()


def _reason(times: SessionTimes) -> str:
    if times.absolute_left <= 0:
        hours = settings.SESSION_ABSOLUTE_HOURS
        return f"You were signed out: a session lasts at most {hours} hours. Sign in again."
    minutes = max(1, idle_seconds() // 60)
    return f"You were signed out after {minutes} minutes without activity. Sign in again."


class SessionLifetimeMiddleware:
    """Ends a session that was idle too long or has reached its absolute lifetime.

    Every request of a signed-in user counts as activity except the page's status check.
    The sign-out happens before the view, so LoginRequiredMiddleware sends the user to
    the sign-in page, where a message says why.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            times = session_times(request=request, now=now)
            if times.left <= 0:
                reason = _reason(times)
                logout(request)
                messages.info(request, reason)
            else:
                request.session.setdefault(STARTED, now)
                if request.path_info != reverse("session-status"):
                    request.session[SEEN] = now
                    if not session_touch(request=request, now=now):
                        logout(request)
                        messages.info(request, ENDED_MESSAGE)
        response = self.get_response(request)
        if request.user.is_authenticated and STARTED not in request.session:
            # The sign-in request itself: the user was anonymous when it came in.
            now = int(time.time())
            request.session[STARTED] = request.session[SEEN] = now
        if request.user.is_authenticated and not session_record_after(request=request):
            logout(request)
        return response


# --- The session list (ASVS 5.0 7.4.3, 7.4.5, 7.5.2) -----------------------------------------
# Each signed-in session has a `UserSession` row beside Django's `django_session` row: written
# on sign-in, touched at most once a minute, removed on sign-out and at the user's next
# sign-in once expired. Ending a session deletes its `django_session` row, so its next
# request is anonymous. The row keeps the SHA-256 of the session key, not the key; the
# session itself keeps the row's public id (SESSION_ID), which survives `cycle_key()`, and
# the hash it last wrote (KEY_HASH), so a new key is written through at the end of the request.

SESSION_ID = "wf_session_id"  # the public id of this session's UserSession row
KEY_HASH = "wf_session_key_hash"  # the hash of the session key the row holds
TOUCHED = "wf_session_touched"  # when the row's last_seen_at was last written
TOUCH_EVERY = 60  # seconds: "last active" is exact to the minute, at one write a minute
ENDED_MESSAGE = "You were signed out: this session was ended from another session. Sign in again."


class KeyHash(Func):
    """SHA-256 of a session key, in hex, computed by PostgreSQL (built in since version 11),
    so `django_session` rows are found by the hash a UserSession holds."""

    template = "ENCODE(SHA256(CONVERT_TO(%(expressions)s, 'UTF8')), 'hex')"
    output_field = CharField()


def key_hash(session_key: str) -> str:
    """The same hash in Python (KeyHash): what a UserSession row stores."""
    return hashlib.sha256(session_key.encode()).hexdigest()


_BROWSERS = [("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"),
             ("CriOS/", "Chrome"), ("Chrome/", "Chrome"), ("Safari/", "Safari")]  # fmt: skip
_SYSTEMS = [("Windows", "Windows"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"),
            ("CrOS", "ChromeOS"), ("Mac OS X", "macOS"), ("Linux", "Linux")]  # fmt: skip


def browser_describe(user_agent: str) -> str:
    """A short description of a User-Agent in plain words ("Chrome on Windows"). Only the
    common browsers and systems by name, first match wins (Edge and Opera also say Chrome,
    Chrome also says Safari); good enough for someone to recognise their own sessions."""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), "")
    system = next((name for mark, name in _SYSTEMS if mark in user_agent), "")
    if browser and system:
        return f"{browser} on {system}"
    return browser or (f"A browser on {system}" if system else "Unknown browser")


def _user_agent(request: HttpRequest) -> str:
    return browser_describe(request.META.get("HTTP_USER_AGENT", ""))[:100]


def _aware(seconds: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)


def _row_fields(request: HttpRequest, now: int) -> dict[str, object]:
    return {"key_hash": key_hash(request.session.session_key), "last_seen_at": _aware(now),
            "ip_address": client_ip(request), "browser": _user_agent(request)}  # fmt: skip


def _remember(request: HttpRequest, row_id: str, fields: dict[str, object], now: int) -> None:
    session = request.session
    session[SESSION_ID], session[KEY_HASH], session[TOUCHED] = row_id, fields["key_hash"], now


@transaction.atomic
def session_record(*, request: HttpRequest, user: User) -> UserSession:
    """A new row for this session: at sign-in, or for a session older than the list."""
    now, session = int(time.time()), request.session
    fields = _row_fields(request, now)
    if SESSION_ID in session:  # signing in again in the same browser: one row, the new one
        UserSession.objects.filter(user=user, public_id=session[SESSION_ID]).delete()
    UserSession.objects.filter(key_hash=fields["key_hash"]).delete()  # unique; never a clash
    started = _aware(session.get(STARTED, now))
    row = UserSession.objects.create(user=user, started_at=started, **fields)
    _remember(request, str(row.public_id), fields, now)
    return row


def session_record_after(*, request: HttpRequest) -> bool:
    """At the end of a signed-in request: a session without a row gets one, and a new key
    (`cycle_key`: second step, "Confirm it's you") is written through. False when the row
    is gone: the session was ended elsewhere while its key was changing."""
    session = request.session
    if session.session_key is None:
        return True
    if SESSION_ID not in session:
        session_record(request=request, user=request.user)
        return True
    if session.get(KEY_HASH) == key_hash(session.session_key):
        return True
    now = int(time.time())
    fields = _row_fields(request, now)
    rows = UserSession.objects.filter(user=request.user, public_id=session[SESSION_ID])
    if not rows.update(**fields):
        return False
    _remember(request, session[SESSION_ID], fields, now)
    return True


def session_sign_in(sender: object, request: HttpRequest | None, user: User,
                    **kwargs: object) -> None:  # fmt: skip
    """`user_logged_in` receiver (connected after the MFA one, which may change the key):
    record the new session, and drop the user's rows of sessions that have expired."""
    if request is None or not hasattr(request, "session") or request.session.session_key is None:
        return
    session_record(request=request, user=user)
    # Not a row touched in the last minutes: its session may be changing key right now.
    quiet = timezone.now() - datetime.timedelta(seconds=3 * TOUCH_EVERY)
    stale = UserSession.objects.filter(user=user, last_seen_at__lt=quiet)
    stale.exclude(key_hash__in=_live_key_hashes()).delete()


def session_sign_out(sender: object, request: HttpRequest | None, user: User | None,
                     **kwargs: object) -> None:  # fmt: skip
    """`user_logged_out` receiver: the session is going, and so is its row."""
    if user is not None and request is not None and SESSION_ID in request.session:
        UserSession.objects.filter(user=user, public_id=request.session[SESSION_ID]).delete()


def session_touch(*, request: HttpRequest, now: int) -> bool:
    """Note activity on this session's row, at most once a minute. False when the session's
    row is gone: the session was ended elsewhere (its key had changed in the meantime)."""
    session = request.session
    if SESSION_ID not in session or now - session.get(TOUCHED, 0) < TOUCH_EVERY:
        return True
    updated = UserSession.objects.filter(user=request.user, public_id=session[SESSION_ID]).update(
        last_seen_at=_aware(now), ip_address=client_ip(request)
    )
    session[TOUCHED] = now
    return updated > 0


def _live_key_hashes() -> QuerySet:
    """The key hashes of the `django_session` rows not yet expired (a subquery)."""
    live = Session.objects.filter(expire_date__gt=timezone.now())
    return live.annotate(hash=KeyHash("session_key")).values("hash")


def user_session_list(*, user: User) -> QuerySet[UserSession]:
    """The user's sessions that are still signed in (an expired one is never shown), the
    most recently active first. Only ever the given user's."""
    return UserSession.objects.filter(user=user, key_hash__in=_live_key_hashes())


def _sessions_end(rows: QuerySet[UserSession], *, keep: HttpRequest | None = None) -> int:
    """Delete the `django_session` rows of `rows` (so their next request is signed out),
    then the rows; never the session of `keep`. Returns how many were still signed in."""
    if keep is not None:
        rows = rows.exclude(public_id=keep.session.get(SESSION_ID))
    hashes = list(rows.values_list("key_hash", flat=True))
    sessions = Session.objects.annotate(hash=KeyHash("session_key")).filter(hash__in=hashes)
    if keep is not None and keep.session.session_key:
        sessions = sessions.exclude(session_key=keep.session.session_key)
    ended = sessions.filter(expire_date__gt=timezone.now()).count()
    sessions.delete()
    rows.delete()
    return ended


@transaction.atomic
def user_session_end(*, request: HttpRequest, public_id: str) -> bool:
    """Sign out one other session of the signed-in user. False when there is no such
    session of theirs: a wrong id, one that ended already, this session, or another
    user's (the caller gives the same answer for all of them)."""
    try:
        rows = user_session_list(user=request.user).filter(public_id=uuid.UUID(str(public_id)))
    except ValueError:
        return False
    return _sessions_end(rows, keep=request) > 0


@transaction.atomic
def user_session_end_others(*, request: HttpRequest) -> int:
    """Sign out every session of the signed-in user but this one (their session list, and
    after a password or two-step sign-in change); returns how many were signed in."""
    return _sessions_end(UserSession.objects.filter(user=request.user), keep=request)


@transaction.atomic
def user_session_end_all(*, request: HttpRequest, user: User, actor: User) -> int:
    """An administrator signs a user out everywhere (ASVS 5.0 7.4.5). The actor's own
    session stays when they pick themselves. Audited on the user, with the count."""
    ended = _sessions_end(UserSession.objects.filter(user=user), keep=request)
    LogEntry.objects.log_create(
        user,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        changes={"sessions": [f"{ended} signed in", "signed out by an administrator"]},
        actor=actor,
        remote_addr=client_ip(request),
    )
    return ended
