"""Seeker pages: home, search (page and live), the seeker's page, SSN reveal, add to office."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from seekers import selectors, services
from seekers.forms import SearchForm
from seekers.search import seeker_search
from workforce.constants import ROLES_REVEALING_SSN
from workforce.permissions import role_required

LIVE_RESULTS = 8


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    office = request.user.current_office
    context = {
        "recent_seekers": selectors.seeker_recent_list(user=request.user, office=office),
        "office_seeker_count": selectors.seeker_count(user=request.user, office=office)
        if office
        else 0,
    }
    return render(request, "seekers/home.html", context)


def _search(request: HttpRequest, page_size: int) -> tuple[SearchForm, object]:
    form = SearchForm(request.GET)
    if not form.is_valid():
        return form, None
    scope = form.cleaned_data["scope"] or request.user.search_scope
    # A remembered preference, not data: the one write a GET may make (STYLE.md, rule 8).
    services.search_scope_remember(user=request.user, scope=form.cleaned_data["scope"])
    if not form.cleaned_data["q"].strip():
        return form, None
    result = seeker_search(
        user=request.user, text=form.cleaned_data["q"], scope=scope,
        page=form.cleaned_data["page"] or 1, page_size=page_size,
    )  # fmt: skip
    return form, result


@require_GET
def seeker_search_page(request: HttpRequest) -> HttpResponse:
    form, result = _search(request, page_size=25)
    return render(request, "seekers/search.html", {"form": form, "result": result})


@require_GET
def seeker_search_live(request: HttpRequest) -> HttpResponse:
    """The header box's results as you type (htmx): a listbox of the best few."""
    form, result = _search(request, page_size=LIVE_RESULTS)
    return render(request, "seekers/includes/live_results.html", {"form": form, "result": result})


@require_GET
def seeker_detail(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = selectors.seeker_get(user=request.user, seeker_id=seeker_id)
    return render(request, "seekers/detail.html", {"seeker": seeker})


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
def seeker_office_add(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = selectors.seeker_get(user=request.user, seeker_id=seeker_id)
    office = request.user.current_office
    try:
        services.seeker_office_add(seeker=seeker, office=office, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"{seeker.full_name} is now enrolled in {office.name}.")
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("seekers:detail", seeker_id=seeker.pk)
