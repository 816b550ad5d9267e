"""The header's unread-notice count, on every page of a signed-in user."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from optout.selectors import notices_unread


def notices(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: one COUNT query, only when the header renders it.
    return {"unread_notice_count": SimpleLazyObject(lambda: notices_unread(user=user).count())}
