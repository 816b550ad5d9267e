"""Session lifetime: the idle timeout, the absolute lifetime, and what the page asks about them.

Django's own expiry (SESSION_COOKIE_AGE, saved on every request) stays as the backstop of
the idle timeout. This module adds what Django lacks: a session ends SESSION_ABSOLUTE_HOURS
after sign-in however busy it is (ASVS 5.0 V7.3.2), and the idle clock is kept in the
session itself, so the page's status check (`session_status`) can read the time left
without pushing it forward. Times are whole seconds since the epoch (JSON-safe).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

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
        response = self.get_response(request)
        if request.user.is_authenticated and STARTED not in request.session:
            # The sign-in request itself: the user was anonymous when it came in.
            now = int(time.time())
            request.session[STARTED] = request.session[SEEN] = now
        return response
