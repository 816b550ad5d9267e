"""Case Details (seed 001) and the staff's Home: the pages that compose a seeker's sections."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from casework import services as casework_services
from casework.selectors import seeker_change_list
from optout import services as optout_services
from optout.forms import ConsentForm
from optout.selectors import is_state_supervisor
from seekers import selectors as seeker_selectors
from seekers import services as seeker_services
from seekers.constants import EnrollmentOrigin, EnrollmentStatus
from seekers.models import JobSeeker
from workforce.constants import ROLES_REVEALING_SSN, ROLES_SERVING_SEEKERS, ROLES_SETTING_CONSENT
from workforce.forms import form_service_errors_add
from workforce.permissions import recent_auth_required, role_required
from workforce.redirects import safe_next_url


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    home = seeker_selectors.office_home(user=request.user, office=request.user.current_office)
    context = {
        "recent_seekers": home.recent,
        "office_seeker_count": home.count,
        "office_seeker_count_capped": home.capped,
    }
    return render(request, "casework/home.html", context)


@require_GET
def seeker_detail(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = seeker_selectors.seeker_get(user=request.user, seeker_id=seeker_id)
    return render(request, "casework/detail.html", {"seeker": seeker})


ACTIVITY_PAGE_SIZE = 50


@require_GET
def seeker_activity(request: HttpRequest, seeker_id: int) -> HttpResponse:
    """Every change about the seeker (the Activity section shows the latest few)."""
    seeker = seeker_selectors.seeker_get(user=request.user, seeker_id=seeker_id)
    changes = seeker_change_list(seeker=seeker)
    page = Paginator(changes, ACTIVITY_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"seeker": seeker, "page": page, "show_values": request.user.may_read_audit}
    return render(request, "casework/activity.html", context)


@require_POST
@role_required(*ROLES_REVEALING_SSN)
@recent_auth_required
def seeker_ssn_reveal(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = seeker_selectors.seeker_get(user=request.user, seeker_id=seeker_id)
    ssn = seeker_services.seeker_ssn_reveal(request=request, seeker=seeker, actor=request.user)
    template = "casework/includes/ssn.html" if request.htmx else "casework/detail.html"
    response = render(request, template, {"seeker": seeker, "revealed_ssn": ssn})
    # The revealed number must not linger in a cache or the back-forward history.
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@role_required(*ROLES_SERVING_SEEKERS)
def seeker_dob_verify(request: HttpRequest, seeker_id: int) -> HttpResponse:
    """Record that staff checked the date of birth against a document (seed 003, membership)."""
    seeker = seeker_selectors.seeker_get(user=request.user, seeker_id=seeker_id)
    already = seeker.dob_verified_by_id is not None
    seeker = casework_services.seeker_dob_verify(seeker=seeker, actor=request.user)
    if already:
        messages.info(request, "The date of birth was already verified; nothing changed.")
    else:
        messages.success(request, f"Date of birth of {seeker.full_name} verified.")
        if seeker.enrollments.filter(origin=EnrollmentOrigin.WIOA_REFERRAL,
                                     status=EnrollmentStatus.PENDING).exists():  # fmt: skip
            messages.info(request, "Referred to WIOA Services: a pending WIOA Adult enrollment "
                          "is open; complete it under Program Registration.")  # fmt: skip
    return redirect("casework:detail", seeker_id=seeker.pk)


@require_POST
@role_required(*ROLES_SERVING_SEEKERS)
def seeker_account_convert(request: HttpRequest, seeker_id: int) -> HttpResponse:
    """Seed 001: a self-service job seeker "can transition to staff-assisted at any time"."""
    seeker = seeker_selectors.seeker_get(user=request.user, seeker_id=seeker_id)
    if seeker_services.seeker_account_convert(seeker=seeker, actor=request.user):
        messages.success(request, f"{seeker.full_name} now has a staff-assisted account.")
    else:
        messages.info(request, "The account was already staff-assisted; nothing changed.")
    return redirect("casework:detail", seeker_id=seeker.pk)


@require_POST
def seeker_office_add(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = seeker_selectors.seeker_get(user=request.user, seeker_id=seeker_id)
    office = request.user.current_office
    try:
        seeker_services.seeker_office_add(seeker=seeker, office=office, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"{seeker.full_name} is now enrolled in {office.name}.")
    return redirect(safe_next_url(request, default=reverse("casework:detail", args=[seeker.pk])))


# --- the data-sharing form of the page (seed 002; its choice and history are optout's) ---

OPTED_OUT_DONE = "opted out of data sharing: partner staff no longer see them."
OPTED_IN_DONE = "now shares data with partner organizations: partner staff can find them."


@require_POST
@role_required(*ROLES_SETTING_CONSENT)
@recent_auth_required
def seeker_consent_change(request: HttpRequest, seeker_id: int) -> HttpResponse:
    """Opt a client out at their request (state staff), or back in (supervisors only)."""
    if request.user.is_partner_staff:
        raise PermissionDenied
    seeker = seeker_selectors.seeker_get(user=request.user, seeker_id=seeker_id)
    opted_out = request.POST.get("consent-opted_out") != "0"
    if not opted_out and not is_state_supervisor(request.user):
        raise PermissionDenied  # before validation: nothing about the form matters then
    form = ConsentForm(request.POST, opted_out=opted_out)
    if form.is_valid():
        data = form.cleaned_data
        try:
            optout_services.consent_set(seeker=seeker, opted_out=data["opted_out"],
                                        actor=request.user, channel=data["channel"],
                                        reason=data["reason"])  # fmt: skip
        except ValidationError as exc:
            if "opted_out" not in getattr(exc, "error_dict", {}):
                form_service_errors_add(form, exc)
                return _seeker_page(request, seeker, form)
            # Someone changed it meanwhile (or a double submit): nothing more to do.
            messages.info(request, exc.message_dict["opted_out"][0])
        else:
            done = OPTED_OUT_DONE if opted_out else OPTED_IN_DONE
            messages.success(request, f"{seeker.full_name} {done}")
        return redirect("casework:detail", seeker_id=seeker.pk)
    return _seeker_page(request, seeker, form)


def _seeker_page(request: HttpRequest, seeker: JobSeeker, form: ConsentForm) -> HttpResponse:
    """Case Details again with the refused form in its data-sharing section."""
    return render(request, "casework/detail.html", {"seeker": seeker, "consent_form": form},
                  status=400)  # fmt: skip
