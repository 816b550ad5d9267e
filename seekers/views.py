"""Seeker pages: home, search (page and live), the seeker's page, SSN reveal, add to office."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from seekers import selectors, services
from seekers.activity import seeker_change_list
from seekers.constants import EnrollmentOrigin, EnrollmentStatus
from seekers.forms import SearchForm
from seekers.search import seeker_search
from workforce import crypto
from workforce.constants import ROLES_REGISTERING, ROLES_REVEALING_SSN, SearchScope
from workforce.permissions import role_required
from workforce.redirects import safe_next_url

LIVE_RESULTS = 8


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    home = selectors.office_home(user=request.user, office=request.user.current_office)
    context = {
        "recent_seekers": home.recent,
        "office_seeker_count": home.count,
        "office_seeker_count_capped": home.capped,
    }
    return render(request, "seekers/home.html", context)


# A results page is addressed by a sealed token, not by the text typed: what staff
# type may be an SSN, and URLs end up in browser history and server logs.
SEARCH_TOKEN_MAX_AGE = 8 * 60 * 60  # a working day


def _seal_search(text: str, scope: str) -> str:
    return crypto.seal(json.dumps({"q": text, "scope": scope}))


def _unseal_search(token: str) -> tuple[str, str] | None:
    opened = crypto.unseal(token, max_age_seconds=SEARCH_TOKEN_MAX_AGE)
    try:
        data = json.loads(opened) if opened else None
        return (str(data["q"]), str(data["scope"])) if data else None
    except (ValueError, KeyError, TypeError):
        return None


def _results_url(text: str, scope: str) -> str:
    return f"{reverse('seekers:search')}?{urlencode({'qt': _seal_search(text, scope)})}"


def _scope_of(request: HttpRequest, form: SearchForm) -> str:
    if form.cleaned_data["widen"]:
        return SearchScope.ALL  # this search only; the remembered choice stays
    scope = form.cleaned_data["scope"] or request.user.search_scope
    services.search_scope_remember(user=request.user, scope=scope)
    return scope


@require_http_methods(["GET", "POST"])
def seeker_search_page(request: HttpRequest) -> HttpResponse:
    """POST a search, then GET its results by token (post/redirect/get: back and paging work)."""
    if request.method == "POST":
        form = SearchForm(request.POST)
        if form.is_valid() and form.cleaned_data["q"].strip():
            return redirect(_results_url(form.cleaned_data["q"], _scope_of(request, form)))
        return render(
            request, "seekers/search.html", {"form": form}, status=400 if form.errors else 200
        )
    token = request.GET.get("qt", "")
    if not token:
        return render(request, "seekers/search.html", {"form": SearchForm()})
    opened = _unseal_search(token)
    if opened is None:
        messages.error(request, "That search has expired or its link is damaged. Search again.")
        return render(request, "seekers/search.html", {"form": SearchForm()}, status=400)
    text, scope = opened
    page = _page_number(request.GET.get("page", "1"))
    result = seeker_search(user=request.user, text=text, scope=scope, page=page)
    context = {"result": result, "search_text": text, "scope": scope, "token": token,
               "all_offices_url": _results_url(text, SearchScope.ALL)}  # fmt: skip
    return render(request, "seekers/search.html", context)


def _page_number(raw: str) -> int:
    """A page number from the URL: anything but ASCII digits is page 1; the search clamps
    one past the end to the last page (so a huge number never reaches int())."""
    if not (raw.isascii() and raw.isdigit()):
        return 1
    return int(raw) if len(raw) <= 9 else 10**9


@require_POST
def seeker_search_live(request: HttpRequest) -> HttpResponse:
    """The header box's results as you type (htmx POST, so the text never enters a URL)."""
    form = SearchForm(request.POST)
    result, text, scope = None, "", request.user.search_scope
    if form.is_valid() and form.cleaned_data["q"].strip():
        text, scope = form.cleaned_data["q"], _scope_of(request, form)
        result = seeker_search(user=request.user, text=text, scope=scope, page_size=LIVE_RESULTS)
    context = {"result": result, "search_text": text, "scope": scope}
    return render(request, "seekers/includes/live_results.html", context)


@require_GET
def seeker_detail(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = selectors.seeker_get(user=request.user, seeker_id=seeker_id)
    return render(request, "seekers/detail.html", {"seeker": seeker})


ACTIVITY_PAGE_SIZE = 50


@require_GET
def seeker_activity(request: HttpRequest, seeker_id: int) -> HttpResponse:
    """Every change about the seeker (the Activity section shows the latest few)."""
    seeker = selectors.seeker_get(user=request.user, seeker_id=seeker_id)
    changes = seeker_change_list(seeker=seeker)
    page = Paginator(changes, ACTIVITY_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"seeker": seeker, "page": page, "show_values": request.user.may_read_audit}
    return render(request, "seekers/activity.html", context)


@require_POST
@role_required(*ROLES_REVEALING_SSN)
def seeker_ssn_reveal(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = selectors.seeker_get(user=request.user, seeker_id=seeker_id)
    ssn = services.seeker_ssn_reveal(request=request, seeker=seeker, actor=request.user)
    template = "seekers/includes/ssn.html" if request.htmx else "seekers/detail.html"
    response = render(request, template, {"seeker": seeker, "revealed_ssn": ssn})
    # The revealed number must not linger in a cache or the back-forward history.
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@role_required(*ROLES_REGISTERING)
def seeker_dob_verify(request: HttpRequest, seeker_id: int) -> HttpResponse:
    """Record that staff checked the date of birth against a document (seed 003, membership)."""
    seeker = selectors.seeker_get(user=request.user, seeker_id=seeker_id)
    already = seeker.dob_verified_by_id is not None
    seeker = services.seeker_dob_verify(seeker=seeker, actor=request.user)
    if already:
        messages.info(request, "The date of birth was already verified; nothing changed.")
    else:
        messages.success(request, f"Date of birth of {seeker.full_name} verified.")
        if seeker.enrollments.filter(origin=EnrollmentOrigin.WIOA_REFERRAL,
                                     status=EnrollmentStatus.PENDING).exists():  # fmt: skip
            messages.info(request, "Referred to WIOA Services: a pending WIOA Adult enrollment "
                          "is open; complete it under Program Registration.")  # fmt: skip
    return redirect("seekers:detail", seeker_id=seeker.pk)


@require_POST
@role_required(*ROLES_REGISTERING)
def seeker_account_convert(request: HttpRequest, seeker_id: int) -> HttpResponse:
    """Seed 001: a self-service job seeker "can transition to staff-assisted at any time"."""
    seeker = selectors.seeker_get(user=request.user, seeker_id=seeker_id)
    if services.seeker_account_convert(seeker=seeker, actor=request.user):
        messages.success(request, f"{seeker.full_name} now has a staff-assisted account.")
    else:
        messages.info(request, "The account was already staff-assisted; nothing changed.")
    return redirect("seekers:detail", seeker_id=seeker.pk)


@require_POST
def seeker_office_add(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = selectors.seeker_get(user=request.user, seeker_id=seeker_id)
    office = request.user.current_office
    try:
        services.seeker_office_add(seeker=seeker, office=office, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"{seeker.full_name} is now enrolled in {office.name}.")
    return redirect(safe_next_url(request, default=reverse("seekers:detail", args=[seeker.pk])))
