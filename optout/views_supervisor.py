"""The state side of the opt-out (seed 002): supervisors' queue of opt-in requests, the
request page with its decision, and the data-sharing form on the seeker page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from auditlog.models import LogEntry
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from optout import selectors, services
from optout.constants import OPEN_STATUSES, RequestStatus
from optout.forms_supervisor import ConsentForm, DecisionForm
from optout.models import OptInRequest
from seekers.models import JobSeeker
from seekers.selectors import seeker_get
from workforce.constants import ROLES_SETTING_CONSENT, Role
from workforce.models import User
from workforce.permissions import role_required

View = Callable[..., HttpResponse]
CLOSED_SHOWN = 200
OPTED_OUT_DONE = "opted out of data sharing: partner staff no longer see them."
OPTED_IN_DONE = "now shares data with partner organizations: partner staff can find them."


def is_state_supervisor(user: User) -> bool:
    return user.has_role(Role.SUPERVISOR) and not user.is_partner_staff


def supervisor_required(view: View) -> View:
    """403 unless a supervisor of the state agency (a partner's 'supervisor' is not one)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not is_state_supervisor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def add_service_error(form: forms.Form, exc: ValidationError) -> None:
    """A service's error beside its field when the form has one, else above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


# --- the queue and a request ----------------------------------------------------------


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
            add_service_error(form, exc)
            return _request_page(request, optin, form, status=_closed_or_invalid(optin))
        messages.success(request, f"{optin.get_status_display()}; "
                         f"{optin.requested_by.get_full_name() or optin.requested_by} "
                         "is notified by email and in Workforce.")  # fmt: skip
        return redirect("optout:request", request_id=optin.pk)
    return _request_page(request, optin, form, status=400)


# --- the seeker page's data-sharing form ----------------------------------------------


@require_POST
@role_required(*ROLES_SETTING_CONSENT)
def consent_change(request: HttpRequest, seeker_id: int) -> HttpResponse:
    """Opt a client out at their request (state staff), or back in (supervisors only)."""
    if request.user.is_partner_staff:
        raise PermissionDenied
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    opted_out = request.POST.get("consent-opted_out") != "0"
    if not opted_out and not is_state_supervisor(request.user):
        raise PermissionDenied  # before validation: nothing about the form matters then
    form = ConsentForm(request.POST, opted_out=opted_out)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.consent_set(seeker=seeker, opted_out=data["opted_out"], actor=request.user,
                                 channel=data["channel"], reason=data["reason"])  # fmt: skip
        except ValidationError as exc:
            if "opted_out" not in getattr(exc, "error_dict", {}):
                add_service_error(form, exc)
                return _seeker_page(request, seeker, form)
            # Someone changed it meanwhile (or a double submit): nothing more to do.
            messages.info(request, exc.message_dict["opted_out"][0])
        else:
            done = OPTED_OUT_DONE if opted_out else OPTED_IN_DONE
            messages.success(request, f"{seeker.full_name} {done}")
        return redirect("casework:detail", seeker_id=seeker.pk)
    return _seeker_page(request, seeker, form)


def _seeker_page(request: HttpRequest, seeker: JobSeeker, form: ConsentForm) -> HttpResponse:
    return render(request, "casework/detail.html", {"seeker": seeker, "consent_form": form},
                  status=400)  # fmt: skip
