"""A call is never lost (issue 12): the signed-in staff member's unfinished calls, on every
page, for the "Call #N in progress" banner and the lists on Home and New phone registration.

Templates reach these through the context, so seekers/ shows them with an include and never
imports registration/ (the layers of DESIGN.md).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from registration import selectors
from registration.constants import CallOutcome


def _page_call_id(request: HttpRequest) -> int | None:
    """The call whose own page this is (a wizard step or its record): no banner for it there."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != "registration":
        return None
    return match.kwargs.get("call_id")


def unfinished_calls(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.may_register:
        return {}
    # Lazy: one query, only when a page renders the banner or a list (never for htmx parts).
    calls = SimpleLazyObject(lambda: selectors.calls_unfinished(user=user))
    page_call = _page_call_id(request)

    def banner() -> object:
        running = (c for c in calls if c.outcome == CallOutcome.IN_PROGRESS and c.pk != page_call)
        return next(running, None)

    return {"unfinished_calls": calls, "call_banner": SimpleLazyObject(banner)}
