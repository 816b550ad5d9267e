"""Where a form goes back to: the `next=` it carries, only when that is a local path."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

# Longer than any page of ours with its query; a longer value is not one we wrote.
NEXT_MAX_LENGTH = 2000


def safe_next_url(request: HttpRequest, *, default: str) -> str:
    """The posted `next` if it is a path on this site ("/…", no scheme, host or control
    character), else `default`. Never a URL name: the value goes to the browser as is."""
    value = request.POST.get("next", "")
    local = (
        0 < len(value) <= NEXT_MAX_LENGTH
        and value.startswith("/")
        and not value.startswith(("//", "/\\"))
        and value.isprintable()
        and url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )
    return value if local else default
