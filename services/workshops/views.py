"""Workshop pages (seed 003): list, create, refer seekers, result attendance, to result."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from seekers.selectors import seeker_get
from services.models import Workshop, WorkshopResult
from services.workshops import selectors, services
from services.workshops.forms import ReferForm, ResultForm, SeekerReferForm, WorkshopForm
from workforce.constants import ROLES_SERVING_SEEKERS
from workforce.forms import form_service_errors_add
from workforce.permissions import role_required


@require_GET
@role_required(*ROLES_SERVING_SEEKERS)
def workshop_list(request: HttpRequest) -> HttpResponse:
    office = request.user.current_office
    lists = selectors.workshop_list(user=request.user, office=office)
    return render(request, "services/workshops/list.html", {"office": office, **lists})


@require_http_methods(["GET", "POST"])
@role_required(*ROLES_SERVING_SEEKERS)
def workshop_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = WorkshopForm(user=request.user)
        return render(request, "services/workshops/new.html", _new_context(form))
    form = WorkshopForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            workshop = services.workshop_create(
                title=data["title"], category=data["category"], office=data["office"],
                starts_at=data["starts_at"], seats=data["seats"], actor=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            form_service_errors_add(form, exc)
        else:
            messages.success(request, f"Workshop “{workshop.title}” created.")
            return redirect("services:workshop", workshop_id=workshop.pk)
    return render(request, "services/workshops/new.html", _new_context(form), status=400)


def _new_context(form: WorkshopForm) -> dict:
    return {"form": form, "result_days": settings.WORKSHOP_RESULT_DAYS}


@require_GET
@role_required(*ROLES_SERVING_SEEKERS)
def workshop_detail(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = selectors.workshop_get(user=request.user, workshop_id=workshop_id)
    return _detail(request, workshop)


@require_POST
@role_required(*ROLES_SERVING_SEEKERS)
def workshop_refer(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = selectors.workshop_get(user=request.user, workshop_id=workshop_id)
    form = ReferForm(request.POST, user=request.user)
    if form.is_valid():
        seeker = form.cleaned_data["seeker"]
        try:
            services.workshop_refer(workshop=workshop, seeker=seeker, actor=request.user)
        except ValidationError as exc:
            form.add_error("seeker", exc)
        else:
            messages.success(request, f"{seeker.full_name} is referred to “{workshop.title}”.")
            return redirect("services:workshop", workshop_id=workshop.pk)
    return _detail(request, workshop, refer_form=form, status=400)


@require_POST
@role_required(*ROLES_SERVING_SEEKERS)
def workshop_result(request: HttpRequest, workshop_id: int, referral_id: int) -> HttpResponse:
    workshop = selectors.workshop_get(user=request.user, workshop_id=workshop_id)
    referral = selectors.workshop_referral_get(
        user=request.user, workshop=workshop, referral_id=referral_id
    )
    form = ResultForm(request.POST)
    if not form.is_valid():
        return _detail(request, workshop, error=form.errors["result"][0], status=400)
    try:
        referral = services.workshop_result(
            referral=referral, result=form.cleaned_data["result"], actor=request.user
        )
    except services.ResultWindowClosed as exc:
        return _detail(request, workshop, error=str(exc), status=403)
    except ValidationError as exc:
        return _detail(request, workshop, error=exc.messages[0], status=400)
    outcome = "attended" if referral.result == WorkshopResult.ATTENDED else "a no-show"
    messages.success(request, f"{referral.seeker.full_name} is resulted as {outcome}.")
    return redirect("services:workshop", workshop_id=workshop.pk)


@require_GET
@role_required(*ROLES_SERVING_SEEKERS)
def workshop_to_result(request: HttpRequest) -> HttpResponse:
    office = request.user.current_office
    rows = selectors.workshop_to_result_list(user=request.user, office=office)
    context = {"office": office, "rows": rows, "result_days": settings.WORKSHOP_RESULT_DAYS,
               "may_result_late": selectors.may_result_late(request.user)}  # fmt: skip
    return render(request, "services/workshops/to_result.html", context)


def _detail(request: HttpRequest, workshop: Workshop, *, refer_form: ReferForm | None = None,
            error: str = "", status: int = 200) -> HttpResponse:  # fmt: skip
    window = selectors.result_window(workshop)
    context = {
        "workshop": workshop,
        "referrals": selectors.workshop_referral_list(user=request.user, workshop=workshop),
        "window": window,
        "may_result": window.open or (window.closed and selectors.may_result_late(request.user)),
        "refer_form": refer_form or ReferForm(user=request.user),
        "error": error,
    }
    return render(request, "services/workshops/detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
@role_required(*ROLES_SERVING_SEEKERS)
def seeker_workshop_refer(request: HttpRequest, seeker_id: int) -> HttpResponse:
    """Options → Refer to a workshop, from the seeker's page: the office's open workshops."""
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    open_workshops = selectors.workshop_open_list(
        user=request.user, office=request.user.current_office
    )
    form = SeekerReferForm(
        request.POST if request.method == "POST" else None, workshops=open_workshops
    )
    if request.method == "POST" and form.is_valid():
        workshop = form.cleaned_data["workshop"]
        try:
            services.workshop_refer(workshop=workshop, seeker=seeker, actor=request.user)
        except ValidationError as exc:
            form.add_error("workshop", exc)
        else:
            messages.success(request, f"{seeker.full_name} is referred to “{workshop.title}”.")
            return redirect("casework:detail", seeker_id=seeker.pk)
    context = {"seeker": seeker, "form": form, "office": request.user.current_office}
    status = 400 if form.errors else 200
    return render(request, "services/workshops/refer_seeker.html", context, status=status)
