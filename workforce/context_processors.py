"""What the page shell (header, office switcher) needs on every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from workforce import sessions


def shell(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"session_idle_minutes": settings.SESSION_IDLE_MINUTES}
    return {
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
        # issue 14 (sessions): what the idle warning needs (includes/session_timeout.html).
        "session_absolute_end": lambda: sessions.session_absolute_end(request=request),
        "session_idle_seconds": sessions.idle_seconds(),
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
        "session_absolute_hours": settings.SESSION_ABSOLUTE_HOURS,
        # Lazy: evaluated only by the header's office switcher.
        "user_offices": lambda: list(user.offices.filter(is_active=True).order_by("name")),
    }
