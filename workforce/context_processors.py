"""What the page shell (header, office switcher) needs on every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def shell(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"session_idle_minutes": settings.SESSION_IDLE_MINUTES}
    return {
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
        # Lazy: evaluated only by the header's office switcher.
        "user_offices": lambda: list(user.offices.filter(is_active=True).order_by("name")),
    }
