"""Seeker pages: home, search (page and live), the seeker's page, SSN reveal, add to office."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST

from seekers import services
from seekers.forms import SearchForm
from seekers.search import seeker_search
from seekers.search.links import search_link_create, search_link_get
from workforce.constants import SearchScope

LIVE_RESULTS = 8


def _results_url(request: HttpRequest, text: str, scope: str) -> str:
    """The results page of a search: a token of the user's own server-side search link."""
    token = search_link_create(user=request.user, text=text, scope=scope)
    return f"{reverse('seekers:search')}?{urlencode({'qt': token})}"


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
            return redirect(_results_url(request, form.cleaned_data["q"], _scope_of(request, form)))
        return render(
            request, "seekers/search.html", {"form": form}, status=400 if form.errors else 200
        )
    token = request.GET.get("qt", "")
    if not token:
        return render(request, "seekers/search.html", {"form": SearchForm()})
    opened = search_link_get(user=request.user, token=token)
    if opened is None:
        messages.error(request, "That search has expired or its link is damaged. Search again.")
        return render(request, "seekers/search.html", {"form": SearchForm()}, status=400)
    text, scope = opened
    page = _page_number(request.GET.get("page", "1"))
    result = seeker_search(user=request.user, text=text, scope=scope, page=page)
    context = {"result": result, "search_text": text, "scope": scope, "token": token,
               "all_offices_url": lambda: _results_url(request, text, SearchScope.ALL)}  # fmt: skip
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
