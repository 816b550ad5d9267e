"""Program Registration pages (seed 001): enroll, view, edit and close enrollments, demographics."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from casework.enrollments import selectors, services
from casework.enrollments.forms import EnrollmentCloseForm, EnrollmentForm, SeekerDemographicsForm
from seekers.constants import EnrollmentStatus
from seekers.models import Enrollment, JobSeeker
from seekers.selectors import seeker_get
from workforce.constants import ROLES_SERVING_SEEKERS
from workforce.forms import form_service_errors_add
from workforce.models import Program
from workforce.permissions import role_required

PROGRAMS_ANCHOR = "#programs"


def _detail_url(seeker: JobSeeker, anchor: str = PROGRAMS_ANCHOR) -> str:
    return reverse("casework:detail", args=[seeker.pk]) + anchor


def _enrollment_url(enrollment: Enrollment) -> str:
    return reverse("casework:enrollment-detail", args=[enrollment.seeker_id, enrollment.pk])


@require_http_methods(["GET", "POST"])
def enrollment_new(request: HttpRequest, seeker_id: int, program_id: int) -> HttpResponse:
    """The Enroll button's page: the program's questions, the attestation, the eligibility."""
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    program = get_object_or_404(Program, pk=program_id, is_active=True)
    if not selectors.program_may_enroll(user=request.user, program=program):
        raise PermissionDenied
    current = selectors.enrollment_active_get(seeker=seeker, program=program)
    if current is not None and current.status == EnrollmentStatus.OPEN:
        messages.info(request, f"{seeker.full_name} is already enrolled in {program.name}.")
        return redirect(_enrollment_url(current))
    questions = selectors.enrollment_question_list(program=program)
    initial = EnrollmentForm.initial_from(current.answers if current else {})
    form = EnrollmentForm(request.POST or None, questions=questions, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.enrollment_open(
                seeker=seeker, program=program, answers=form.answers(),
                attested=form.cleaned_data["attest"], actor=request.user,
            )  # fmt: skip
        except services.EnrollmentAlreadyOpen as exc:
            messages.info(request, exc.messages[0])
            return redirect(_enrollment_url(exc.enrollment))
        except ValidationError as exc:
            form_service_errors_add(form, exc, field_for=EnrollmentForm.field_for)
        else:
            messages.success(request, f"{seeker.full_name} is enrolled in {program.name}.")
            return redirect(_detail_url(seeker))
    result = selectors.program_eligibility_now(seeker=seeker, program=program)
    context = {"seeker": seeker, "program": program, "form": form, "pending": current,
               "result": result}  # fmt: skip
    status = 400 if request.method == "POST" else 200
    return render(request, "casework/enrollments/enroll.html", context, status=status)


@require_GET
def enrollment_detail(request: HttpRequest, seeker_id: int, enrollment_id: int) -> HttpResponse:
    """An enrollment: status, dates, answers, eligibility snapshot, attestation, plans."""
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    enrollment = selectors.enrollment_get(seeker=seeker, enrollment_id=enrollment_id)
    level = selectors.program_level(user=request.user, program=enrollment.program)
    if not selectors.level_may_view(request.user, level):
        raise PermissionDenied
    context = {
        "seeker": seeker, "enrollment": enrollment,
        "answers": selectors.enrollment_answer_rows(enrollment=enrollment),
        "snapshot": selectors.enrollment_snapshot_rows(enrollment=enrollment),
        "plans": enrollment.plans.order_by("-created_at", "-id"),
        "may_enroll": selectors.level_may_enroll(request.user, level),
    }  # fmt: skip
    return render(request, "casework/enrollments/detail.html", context)


def _enrollment_for_change(request: HttpRequest, seeker_id: int, enrollment_id: int) -> tuple:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    enrollment = selectors.enrollment_get(seeker=seeker, enrollment_id=enrollment_id)
    if not selectors.program_may_enroll(user=request.user, program=enrollment.program):
        raise PermissionDenied
    return seeker, enrollment


@require_http_methods(["GET", "POST"])
def enrollment_edit(request: HttpRequest, seeker_id: int, enrollment_id: int) -> HttpResponse:
    """Change the answers of a pending, open or closed enrollment (ENROLL privilege)."""
    seeker, enrollment = _enrollment_for_change(request, seeker_id, enrollment_id)
    questions = selectors.enrollment_question_list(program=enrollment.program)
    form = EnrollmentForm(
        request.POST or None, questions=questions, attestation=False,
        initial=EnrollmentForm.initial_from(enrollment.answers),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.enrollment_answers_update(
                enrollment=enrollment, answers=form.answers(), actor=request.user
            )
        except ValidationError as exc:
            form_service_errors_add(form, exc, field_for=EnrollmentForm.field_for)
        else:
            messages.success(request, f"Answers of the {enrollment.program.name} enrollment saved.")
            return redirect(_enrollment_url(enrollment))
    status = 400 if request.method == "POST" else 200
    context = {"seeker": seeker, "enrollment": enrollment, "form": form}
    return render(request, "casework/enrollments/edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
def enrollment_close(request: HttpRequest, seeker_id: int, enrollment_id: int) -> HttpResponse:
    """Close an open enrollment, or withdraw a pending one, with a date and a reason."""
    seeker, enrollment = _enrollment_for_change(request, seeker_id, enrollment_id)
    if enrollment.status == EnrollmentStatus.CLOSED:
        messages.info(request, f"The {enrollment.program.name} enrollment is already closed.")
        return redirect(_enrollment_url(enrollment))
    form = EnrollmentCloseForm(request.POST or None, initial={"closed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.enrollment_close(
                enrollment=enrollment, closed_on=data["closed_on"], reason=data["reason"],
                note=data["note"], actor=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            form_service_errors_add(form, exc)
        else:
            done = "withdrawn" if enrollment.status == EnrollmentStatus.PENDING else "closed"
            messages.success(request, f"The {enrollment.program.name} enrollment is {done}.")
            return redirect(_enrollment_url(enrollment))
    status = 400 if request.method == "POST" else 200
    context = {"seeker": seeker, "enrollment": enrollment, "form": form}
    return render(request, "casework/enrollments/close.html", context, status=status)


@require_http_methods(["GET", "POST"])
@role_required(*ROLES_SERVING_SEEKERS)
def demographics_edit(request: HttpRequest, seeker_id: int) -> HttpResponse:
    """Every demographic answer, staff-only and eligibility questions included (seed 001)."""
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    instance = selectors.seeker_demographics(seeker)
    form = SeekerDemographicsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.demographics_update(seeker=seeker, data=form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            form_service_errors_add(form, exc)
        else:
            messages.success(
                request, f"Demographics of {seeker.full_name} saved; eligibility is updated."
            )
            return redirect(_detail_url(seeker))
    status = 400 if request.method == "POST" else 200
    context = {"seeker": seeker, "form": form}
    return render(request, "casework/enrollments/demographics_edit.html", context, status=status)
