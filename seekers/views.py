"""Seeker pages: home, the seeker's page (Case Details comes with issue 7), SSN reveal."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from seekers import selectors, services
from workforce.constants import ROLES_REVEALING_SSN
from workforce.permissions import role_required


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


@require_GET
def seeker_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    found = selectors.seeker_quick_find(user=request.user, query=query)
    page = Paginator(found, 25).get_page(request.GET.get("page"))
    return render(request, "seekers/search.html", {"query": query, "page": page})


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
