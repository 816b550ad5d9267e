"""Case Details pages of assessments and plans: add, edit, close, and the LMI button (seed 001).

Every view fetches the seeker through `seeker_get` (404 for a seeker the user may not see)
and every plan, goal, step or assessment through a getter scoped to that seeker.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.plans import selectors, services
from casework.plans.constants import ASSESSMENT_FIELDS
from casework.plans.forms import AssessmentForm, GoalForm, PlanForm, StepForm
from seekers.constants import PlanKind
from seekers.models import Assessment, EmploymentPlan, JobSeeker, PlanStep
from seekers.selectors import seeker_get
from workforce.constants import ROLES_SERVING_SEEKERS, Role
from workforce.forms import form_service_errors_add
from workforce.permissions import role_required


def _posted(request: HttpRequest) -> object:
    return request.POST if request.method == "POST" else None


def _page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """A form page: 400 when it comes back from a post (the form said what is wrong)."""
    status = 400 if request.method == "POST" else 200
    return render(request, f"casework/plans/{template}", context, status=status)


def _plan_url(plan: EmploymentPlan) -> str:
    return reverse("casework:plan-detail", args=[plan.seeker_id, plan.pk])


def _saved(request: HttpRequest, plan: EmploymentPlan, text: str) -> HttpResponse:
    if plan.kind == PlanKind.IEP and request.user.role == Role.DVOP:
        text += " Record the DVOP IEP service from the link on this page."
    messages.success(request, text)
    return redirect(_plan_url(plan))


# --- plans ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(*ROLES_SERVING_SEEKERS)
def plan_create(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    form = PlanForm(_posted(request), enrollments=selectors.plan_enrollment_choices(seeker=seeker))
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                seeker=seeker, actor=request.user, enrollment=form.cleaned_data["enrollment"]
            )
        except ValidationError as exc:
            form_service_errors_add(form, exc)
        else:
            return _saved(request, plan, f"{plan.get_kind_display()} started.")
    context = {"seeker": seeker, "form": form, "kind": selectors.plan_kind_for(request.user)}
    return _page(request, "plan_new.html", context)


@require_GET
@role_required(*ROLES_SERVING_SEEKERS)
def plan_detail(request: HttpRequest, seeker_id: int, plan_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    plan = selectors.plan_get(seeker=seeker, plan_id=plan_id)
    context = {
        "seeker": seeker,
        "plan": plan,
        "goals": selectors.plan_goal_list(plan=plan),
        "steps": selectors.plan_step_list(plan=plan),
        "offer_dvop_iep": plan.kind == PlanKind.IEP and request.user.role == Role.DVOP,
    }
    return render(request, "casework/plans/plan_detail.html", context)


@require_POST
@role_required(*ROLES_SERVING_SEEKERS)
def plan_close(request: HttpRequest, seeker_id: int, plan_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    plan = selectors.plan_get(seeker=seeker, plan_id=plan_id)
    if services.plan_close(plan=plan, actor=request.user):
        messages.success(request, f"{plan.get_kind_display()} closed.")
    else:
        messages.info(request, "The plan was already closed; nothing changed.")
    return redirect(_plan_url(plan))


@require_http_methods(["GET", "POST"])
@role_required(*ROLES_SERVING_SEEKERS)
def plan_goal_add(request: HttpRequest, seeker_id: int, plan_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    plan = selectors.plan_get(seeker=seeker, plan_id=plan_id)
    form = GoalForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_goal_add(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_service_errors_add(form, exc)
        else:
            return _saved(request, plan, "Goal added.")
    return _page(request, "goal_form.html", {"seeker": seeker, "plan": plan, "form": form})


@require_http_methods(["GET", "POST"])
@role_required(*ROLES_SERVING_SEEKERS)
def plan_goal_edit(request: HttpRequest, seeker_id: int, plan_id: int,
                   goal_id: int) -> HttpResponse:  # fmt: skip
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    plan = selectors.plan_get(seeker=seeker, plan_id=plan_id)
    goal = selectors.plan_goal_get(plan=plan, goal_id=goal_id)
    initial = {"description": goal.description, "target_date": goal.target_date,
               "status": goal.status}  # fmt: skip
    form = GoalForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_goal_update(goal=goal, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_service_errors_add(form, exc)
        else:
            return _saved(request, plan, "Goal saved.")
    context = {"seeker": seeker, "plan": plan, "goal": goal, "form": form}
    return _page(request, "goal_form.html", context)


def _step_data(form: StepForm) -> services.StepData:
    return services.StepData(**form.cleaned_data)


@require_http_methods(["GET", "POST"])
@role_required(*ROLES_SERVING_SEEKERS)
def plan_step_add(request: HttpRequest, seeker_id: int, plan_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    plan = selectors.plan_get(seeker=seeker, plan_id=plan_id)
    form = StepForm(_posted(request), goals=plan.goals.all())
    if request.method == "POST" and form.is_valid():
        try:
            step = services.plan_step_add(plan=plan, data=_step_data(form), actor=request.user)
        except ValidationError as exc:
            form_service_errors_add(form, exc)
        else:
            return _saved(request, plan, _step_message(step, "added"))
    return _page(request, "step_form.html", {"seeker": seeker, "plan": plan, "form": form})


@require_http_methods(["GET", "POST"])
@role_required(*ROLES_SERVING_SEEKERS)
def plan_step_edit(request: HttpRequest, seeker_id: int, plan_id: int,
                   step_id: int) -> HttpResponse:  # fmt: skip
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    plan = selectors.plan_get(seeker=seeker, plan_id=plan_id)
    step = selectors.plan_step_get(plan=plan, step_id=step_id)
    initial = {name: getattr(step, name) for name in StepForm.base_fields}
    form = StepForm(_posted(request), initial=initial, goals=plan.goals.all())
    if request.method == "POST" and form.is_valid():
        try:
            step = services.plan_step_update(step=step, data=_step_data(form), actor=request.user)
        except ValidationError as exc:
            form_service_errors_add(form, exc)
        else:
            return _saved(request, plan, _step_message(step, "saved"))
    context = {"seeker": seeker, "plan": plan, "step": step, "form": form}
    return _page(request, "step_form.html", context)


def _step_message(step: PlanStep, done: str) -> str:
    placed = (
        " The job seeker is placed in training." if selectors.step_places_in_training(step) else ""
    )
    return f"Step {done}.{placed}"


# --- assessments -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(*ROLES_SERVING_SEEKERS)
def assessment_create(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    form = AssessmentForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_create(
                seeker=seeker, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form_service_errors_add(form, exc)
        else:
            messages.success(request, "Assessment saved.")
            return redirect(_assessment_url(assessment))
    return _page(request, "assessment_form.html", {"seeker": seeker, "form": form})


@require_GET
@role_required(*ROLES_SERVING_SEEKERS)
def assessment_detail(request: HttpRequest, seeker_id: int, assessment_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    assessment = selectors.assessment_get(seeker=seeker, assessment_id=assessment_id)
    context = {"seeker": seeker, "assessment": assessment}
    return render(request, "casework/plans/assessment_detail.html", context)


@require_http_methods(["GET", "POST"])
@role_required(*ROLES_SERVING_SEEKERS)
def assessment_edit(request: HttpRequest, seeker_id: int, assessment_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    assessment = selectors.assessment_get(seeker=seeker, assessment_id=assessment_id)
    initial = {name: getattr(assessment, name) for name in ASSESSMENT_FIELDS}
    form = AssessmentForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_update(
                assessment=assessment, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form_service_errors_add(form, exc)
        else:
            messages.success(request, "Assessment saved.")
            return redirect(_assessment_url(assessment))
    context = {"seeker": seeker, "assessment": assessment, "form": form}
    return _page(request, "assessment_form.html", context)


def _assessment_url(assessment: Assessment) -> str:
    return reverse("casework:assessment-detail", args=[assessment.seeker_id, assessment.pk])


# --- the LMI button: POST records the service, then GET shows the occupation ----------------


@require_POST
@role_required(*ROLES_SERVING_SEEKERS)
def assessment_lmi(request: HttpRequest, seeker_id: int, assessment_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    assessment = selectors.assessment_get(seeker=seeker, assessment_id=assessment_id)
    services.lmi_open(seeker=seeker, source=assessment, actor=request.user)
    return redirect(
        "casework:assessment-lmi-page", seeker_id=seeker.pk, assessment_id=assessment.pk
    )


@require_GET
@role_required(*ROLES_SERVING_SEEKERS)
def assessment_lmi_page(request: HttpRequest, seeker_id: int, assessment_id: int
                        ) -> HttpResponse:  # fmt: skip
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    assessment = selectors.assessment_get(seeker=seeker, assessment_id=assessment_id)
    back = (_assessment_url(assessment), "the assessment")
    return _lmi_page(request, seeker, selectors.occupation_of(assessment), back)


@require_POST
@role_required(*ROLES_SERVING_SEEKERS)
def plan_lmi(request: HttpRequest, seeker_id: int, plan_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    plan = selectors.plan_get(seeker=seeker, plan_id=plan_id)
    services.lmi_open(seeker=seeker, source=plan, actor=request.user)
    return redirect("casework:plan-lmi-page", seeker_id=seeker.pk, plan_id=plan.pk)


@require_GET
@role_required(*ROLES_SERVING_SEEKERS)
def plan_lmi_page(request: HttpRequest, seeker_id: int, plan_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    plan = selectors.plan_get(seeker=seeker, plan_id=plan_id)
    occupation = selectors.occupation_of(selectors.assessment_latest(seeker=seeker))
    return _lmi_page(request, seeker, occupation, (_plan_url(plan), "the plan"))


def _lmi_page(request: HttpRequest, seeker: JobSeeker, occupation: selectors.Occupation | None,
              back: tuple[str, str]) -> HttpResponse:  # fmt: skip
    context = {"seeker": seeker, "occupation": occupation, "back_url": back[0],
               "back_label": back[1]}  # fmt: skip
    return render(request, "casework/plans/lmi.html", context)
