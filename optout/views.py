"""The opt-out's pages (seed 002).

Partner staff (steps 3-5): the Opt-Out Lookup, filing an opt-in request, My opt-in
requests, and every user's notices. A lookup answers with a rendered page to the POST (no
redirect, no session, no URL holds the SSN) and shows only "Last, First" on a hit. The
request form refers to the lookup's access-log id, never the seeker's id.

The state side: supervisors' queue of opt-in requests and the request page with its
decision. (The data-sharing form on Case Details posts to casework, the page it belongs to.)
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps

from auditlog.models import LogEntry
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from optout import selectors, services
from optout.constants import OPEN_STATUSES, RequestStatus
from optout.forms import DecisionForm, LookupForm, OptInRequestForm
from optout.models import Notice, OptInRequest
from optout.selectors import is_state_supervisor, may_look_up
from seekers.models import JobSeeker
from workforce.audit import REFUSED_OUTCOME
from workforce.constants import AccessAction
from workforce.forms import form_service_errors_add
from workforce.models import AccessLog, User
from workforce.permissions import recent_auth_required

View = Callable[..., HttpResponse]

# --- the partner side: the lookup, requests, notices -----------------------------------

LOOKUP_TEMPLATE = "optout/lookup_result.html"


def _require_partner(user: User) -> None:
    if not may_look_up(user):
        raise PermissionDenied("The Opt-Out Lookup is for partner staff.")


def _no_store(response: HttpResponse) -> HttpResponse:
    # A lookup page names an opted-out client: keep it out of caches and back-forward history.
    response["Cache-Control"] = "no-store"
    return response


def _hit_context(lookup: AccessLog, user: User, form: OptInRequestForm | None = None
                 ) -> dict[str, object]:  # fmt: skip
    """Only the last and first name of the seeker a lookup hit found: nothing else is read;
    and whom the user contacts about the client (their organization's opt-out contact)."""
    last, first = JobSeeker.objects.filter(pk=lookup.seeker_id).values_list(
        "last_name", "first_name"
    ).get()  # fmt: skip
    form = form or OptInRequestForm(initial={"client_name": f"{first} {last}"})
    return {"hit_name": f"{last}, {first}", "lookup_id": lookup.pk, "request_form": form,
            "contact": selectors.optout_contact_get(user=user)}  # fmt: skip


def _retry_at(user: User) -> datetime.datetime:
    """When the oldest lookup of the last hour leaves the window: a new one is allowed then."""
    since = timezone.now() - datetime.timedelta(hours=1)
    oldest = (
        AccessLog.objects.filter(user=user, action=AccessAction.OPTOUT_LOOKUP, at__gte=since)
        .exclude(outcome=REFUSED_OUTCOME)  # refused SSN-step checks are logged, not counted
        .order_by("at").values_list("at", flat=True).first()
    )  # fmt: skip
    return (oldest or timezone.now()) + datetime.timedelta(hours=1)


def _limit_reached(request: HttpRequest) -> HttpResponse:
    retry_at = _retry_at(request.user)
    context = {"form": LookupForm(), "retry_at": retry_at,
               "per_hour": services.lookups_per_hour()}  # fmt: skip
    response = render(request, LOOKUP_TEMPLATE, context, status=429)
    wait = max(1, int((retry_at - timezone.now()).total_seconds()))
    response["Retry-After"] = str(wait)
    return _no_store(response)


@require_http_methods(["GET", "POST"])
def optout_lookup(request: HttpRequest) -> HttpResponse:
    """Seed 002 step 3: a hit names the client; a miss says only that there is no record.
    A GET (the link a search with no results offers) shows the empty form and looks up
    nothing: the SSN is only ever posted."""
    _require_partner(request.user)
    if request.method == "GET":
        return _no_store(render(request, LOOKUP_TEMPLATE, {"form": LookupForm()}))
    form = LookupForm(request.POST)
    if not form.is_valid():
        # Not a lookup: nothing was searched, so nothing is logged or counted (see docs).
        return _no_store(render(request, LOOKUP_TEMPLATE, {"form": form}, status=400))
    try:
        # One transaction: the service's row lock on the user is held until we have read
        # our own access-log row, so no concurrent lookup of this user slips in between.
        with transaction.atomic():
            result = services.optout_lookup(
                request=request, actor=request.user, ssn=form.cleaned_data.pop("ssn")
            )
            lookup = None
            if result.found:
                lookup = AccessLog.objects.filter(
                    user=request.user, action=AccessAction.OPTOUT_LOOKUP,
                    seeker_id=result.seeker.pk,
                ).latest("at", "pk")  # fmt: skip
    except services.LookupLimitReached:
        return _limit_reached(request)
    hit = _hit_context(lookup, request.user) if lookup else {}
    context = {"form": LookupForm(), "searched": True, **hit}
    return _no_store(render(request, LOOKUP_TEMPLATE, context))


def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    messages.error(request, str(exc) or "You may not do this.")
    return render(request, "403.html", status=403)


@require_POST
def optin_request_new(request: HttpRequest, lookup_id: int) -> HttpResponse:
    """Seed 002 step 4: file the request the seed has the case manager email."""
    _require_partner(request.user)
    try:
        lookup = services.lookup_hit_get(actor=request.user, lookup_id=lookup_id)
    except PermissionDenied as exc:
        return _forbidden(request, exc)
    form = OptInRequestForm(request.POST)
    if not form.is_valid():
        hit = _hit_context(lookup, request.user, form)
        context = {"form": LookupForm(), "searched": True, **hit}
        return _no_store(render(request, LOOKUP_TEMPLATE, context, status=400))
    try:
        optin = services.optin_request_file(lookup=lookup, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.warning(request, exc.messages[0])
        return redirect("optout:my-requests")
    messages.success(
        request, f"Request sent for {optin.client_name}. Ask the client to contact the state "
        "agency's WIOA supervisor to opt in to data sharing.",
    )  # fmt: skip
    return redirect("optout:my-requests")


def _age(created_at: datetime.datetime, now: datetime.datetime) -> str:
    """How long a request has been waiting, in the largest whole unit: "3 days"."""
    elapsed = now - created_at
    if elapsed.days >= 1:
        return f"{elapsed.days} day{'s' if elapsed.days != 1 else ''}"
    hours = elapsed.seconds // 3600
    if hours >= 1:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return "under an hour"


@require_GET
def optin_request_mine(request: HttpRequest) -> HttpResponse:
    """The requests this staff member filed, their status, age and answer."""
    _require_partner(request.user)
    now = timezone.now()
    optins = list(selectors.optin_request_mine(user=request.user))
    for optin in optins:
        optin.age = _age(optin.created_at, now)
        optin.is_open = optin.status in OPEN_STATUSES
    return render(request, "optout/my_requests.html", {"optins": optins})


@require_POST
def optin_request_withdraw(request: HttpRequest, request_id: int) -> HttpResponse:
    _require_partner(request.user)
    optin = selectors.optin_request_get(user=request.user, request_id=request_id)
    try:
        optin = services.optin_request_withdraw(optin=optin, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"Your request for {optin.client_name} is withdrawn.")
    return redirect("optout:my-requests")


@require_GET
def notices(request: HttpRequest) -> HttpResponse:
    """Every signed-in user's notices, newest first. Viewing does not mark them read: a
    GET changes nothing, and the count in the header stays until the user says so."""
    items = Notice.objects.filter(user=request.user).select_related("request")[:200]
    return render(request, "optout/notices.html", {"notices": items})


@require_POST
def notices_read(request: HttpRequest) -> HttpResponse:
    count = services.notices_mark_read(user=request.user)
    if count:
        messages.success(request, f"{count} notice{'s' if count != 1 else ''} marked read.")
    return redirect("optout:notices")


# --- the state side: the queue and a request ------------------------------------------

CLOSED_SHOWN = 200


def supervisor_required(view: View) -> View:
    """403 unless a supervisor of the state agency (a partner's 'supervisor' is not one)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not is_state_supervisor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@supervisor_required
def optin_queue(request: HttpRequest) -> HttpResponse:
    show_closed = request.GET.get("closed") == "1"
    queue = selectors.optin_request_queue(user=request.user, open_only=not show_closed)
    if show_closed:  # every request: the newest first, the latest few hundred
        queue = queue.order_by("-created_at", "-pk")[:CLOSED_SHOWN]
    context = {"queue": queue, "show_closed": show_closed, "closed_shown": CLOSED_SHOWN}
    return render(request, "optout/queue.html", context)


_STATUS_LABELS = dict(RequestStatus.choices)


def _trail(optin: OptInRequest) -> list[dict]:
    """The request's change history (auditlog): when, who, and the status it moved to.

    Only the status is read from each entry: the entries also hold the seeker's id,
    which the partner staff member who filed the request must never see.
    """
    entries = LogEntry.objects.get_for_object(optin).select_related("actor").order_by("timestamp")
    trail = []
    for entry in entries:
        status = entry.changes_dict.get("status")
        trail.append({
            "at": entry.timestamp, "actor": entry.actor,
            "action": entry.get_action_display(),
            "status": _STATUS_LABELS.get(status[1], "") if status else "",
        })  # fmt: skip
    return trail


def _request_page(request: HttpRequest, optin: OptInRequest, form: DecisionForm | None = None,
                  status: int = 200, error: str = "") -> HttpResponse:  # fmt: skip
    supervisor = is_state_supervisor(request.user)
    context = {
        "optin": optin, "is_supervisor": supervisor, "is_open": optin.status in OPEN_STATUSES,
        "trail": _trail(optin), "form": form or DecisionForm(), "error": error,
        # Partner staff get a link only once the rule lets them see the seeker (opted in).
        "seeker_visible": JobSeeker.objects.visible_to(request.user)
        .filter(pk=optin.seeker_id).exists(),
    }  # fmt: skip
    if supervisor:
        context["seeker"] = optin.seeker
    return render(request, "optout/request_detail.html", context, status=status)


@require_GET
def optin_request_page(request: HttpRequest, request_id: int) -> HttpResponse:
    """Supervisors handle it; the partner staff member who filed it reads it (selector 404s
    anyone else)."""
    optin = selectors.optin_request_get(user=request.user, request_id=request_id)
    return _request_page(request, optin)


def _closed_or_invalid(optin: OptInRequest) -> int:
    optin.refresh_from_db(fields=["status"])
    return 409 if optin.status not in OPEN_STATUSES else 400


@require_POST
@supervisor_required
def optin_request_contacting(request: HttpRequest, request_id: int) -> HttpResponse:
    optin = selectors.optin_request_get(user=request.user, request_id=request_id)
    try:
        services.optin_request_contacting(optin=optin, actor=request.user)
    except ValidationError as exc:
        status = _closed_or_invalid(optin)
        return _request_page(request, optin, error=" ".join(exc.messages), status=status)
    messages.success(request, f"Contact with {optin.client_name} recorded.")
    return redirect("optout:request", request_id=optin.pk)


@require_POST
@supervisor_required
@recent_auth_required
def optin_request_decide(request: HttpRequest, request_id: int) -> HttpResponse:
    optin = selectors.optin_request_get(user=request.user, request_id=request_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            optin = services.optin_request_decide(
                optin=optin, actor=request.user, opt_in=form.opt_in, note=data["note"],
                channel=data["channel"],
            )  # fmt: skip
        except ValidationError as exc:
            form_service_errors_add(form, exc)
            return _request_page(request, optin, form, status=_closed_or_invalid(optin))
        messages.success(request, f"{optin.get_status_display()}; "
                         f"{optin.requested_by.get_full_name() or optin.requested_by} "
                         "is notified by email and in Workforce.")  # fmt: skip
        return redirect("optout:request", request_id=optin.pk)
    return _request_page(request, optin, form, status=400)
