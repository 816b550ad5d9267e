"""Where a form goes back to: the `next=` it carries, only when that is a local path."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect

# Longer than any page of ours with its query; a longer value is not one we wrote.
NEXT_MAX_LENGTH = 2000


def is_local_path(request: HttpRequest, value: str) -> bool:
    """A path on this site ("/…", no scheme, host or control character), never a URL name."""
    return (
        0 < len(value) <= NEXT_MAX_LENGTH
        and value.startswith("/")
        and not value.startswith(("//", "/\\"))
        and value.isprintable()
        and url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )


def safe_next_url(request: HttpRequest, *, default: str, method: str = "POST") -> str:
    """The `next` of the request's POST (or, with method="GET", its query string) if it is
    a path on this site, else `default`. The value goes to the browser as is."""
    value = (request.GET if method == "GET" else request.POST).get("next", "")
    return value if is_local_path(request, value) else default


def page_path(request: HttpRequest, *, default: str) -> str:
    """The page the user is on, to come back to after a detour (sign-in's second step,
    "Confirm it's you"): for htmx the page that made the request, for a GET the URL asked
    for, for a POST the page it was sent from (same-site Referer). A POST itself cannot be
    repeated by a redirect, so the user presses its button again."""
    if getattr(request, "htmx", False):
        value = request.htmx.current_url_abs_path or ""
    elif request.method in ("GET", "HEAD"):
        value = request.get_full_path()
    else:
        referer = urlsplit(request.headers.get("Referer", ""))
        same_site = referer.netloc == request.get_host()
        value = (referer.path + (f"?{referer.query}" if referer.query else "")) if same_site else ""
    return value if is_local_path(request, value) else default


def detour(request: HttpRequest, url: str, *, next_path: str) -> HttpResponse:
    """Send the user to `url?next=next_path`; an htmx request gets `HX-Redirect`, so the
    whole page goes there instead of a fragment swapping in a page."""
    target = f"{url}?{urlencode({'next': next_path})}"
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(target)
    return HttpResponseRedirect(target)
