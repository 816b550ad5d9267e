"""The phone registration wizard: one small view per step (STYLE.md, rules 11-13)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST

from registration import selectors, services, steps
from registration.constants import DEMOGRAPHICS_INTRO, CallOutcome
from registration.forms import (
    ContactForm,
    CredentialsForm,
    DeclineForm,
    DemographicsForm,
    NoticeReadForm,
    PickSeekerForm,
    QuestionsForm,
    SsnForm,
)
from registration.models import ConfirmationLetter, RegistrationCall
from registration.notices.selectors import notice_current
from seekers.age import age_on
from seekers.forms import SearchForm
from seekers.models import JobSeeker
from seekers.search import seeker_search
from seekers.selectors import seeker_get
from workforce.constants import ROLES_SERVING_SEEKERS, SearchScope
from workforce.passwords import seeker_password_policy
from workforce.permissions import role_required

StepView = Callable[[HttpRequest, RegistrationCall], HttpResponse]


def wizard_step(name: str) -> Callable[[StepView], Callable[..., HttpResponse]]:
    """Load the user's own call; send them to the call's page if it has ended, or to the
    first step not done if they jumped ahead (a step cannot be reached by URL)."""

    def decorator(view: StepView) -> Callable[..., HttpResponse]:
        @wraps(view)
        @role_required(*ROLES_SERVING_SEEKERS)
        def wrapper(request: HttpRequest, call_id: int) -> HttpResponse:
            call = selectors.call_get(user=request.user, call_id=call_id)
            if call.outcome != CallOutcome.IN_PROGRESS:
                return redirect("registration:call", call_id=call.pk)
            if not steps.reachable(call, name):
                first = steps.first_incomplete(call)
                messages.warning(request, f"Finish “{steps.TITLES[first]}” first.")
                return redirect(f"registration:{first}", call_id=call.pk)
            response = view(request, call)
            add_never_cache_headers(response)  # pages may hold what the caller typed
            return response

        return wrapper

    return decorator


def _posted(request: HttpRequest) -> object:
    """The POST data to bind, even when empty (an empty POST must show its errors)."""
    return request.POST if request.method == "POST" else None


def _render(request: HttpRequest, call: RegistrationCall, step: str, context: dict,
            status: int = 200) -> HttpResponse:  # fmt: skip
    progress = steps.progress(call, step)
    base = {"call": call, "step": step, "step_title": steps.TITLES[step], "progress": progress}
    return render(request, f"registration/{step}.html", {**base, **context}, status=status)


@require_http_methods(["GET", "POST"])
@role_required(*ROLES_SERVING_SEEKERS)
def call_new(request: HttpRequest) -> HttpResponse:
    """ "New phone registration": opens the call record that becomes the consent record."""
    if request.method == "POST":
        try:
            call = services.call_start(staff=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
            return redirect("registration:new")
        return redirect("registration:existing", call_id=call.pk)
    return render(request, "registration/new.html")


@require_http_methods(["GET", "POST"])
@wizard_step("existing")
def step_existing(request: HttpRequest, call: RegistrationCall) -> HttpResponse:
    """Seed 000 step 2: search for an existing account before any data entry."""
    form, result, text = SearchForm(), None, ""
    clash_last4 = call.draft.get("ssn_clash_last4") if call.draft_ssn else None
    if request.method == "POST" and "search_typed_ssn" in request.POST and clash_last4:
        # The SSN that had an account, searched without ever showing it in the page.
        text = f"***-**-{clash_last4}"
        services.call_search_record(call=call, text=call.draft_ssn)  # stored masked
        result = seeker_search(user=request.user, text=call.draft_ssn, scope=SearchScope.ALL,
                               page_size=10)  # fmt: skip
    elif request.method == "POST" and "q" in request.POST:
        form = SearchForm(request.POST)
        if form.is_valid() and form.cleaned_data["q"].strip():
            text = form.cleaned_data["q"]
            services.call_search_record(call=call, text=text)
            result = seeker_search(
                user=request.user, text=text, scope=SearchScope.ALL, page_size=10
            )
    elif request.method == "POST" and "seeker" in request.POST:
        return _pick_existing(request, call)
    elif request.method == "POST":
        try:
            services.call_no_match_confirm(call=call)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            return _next(call)  # after an SSN clash, back to the SSN step
    # Named apart from the header quick search's search_text/scope, which would otherwise
    # fill the header box with the wizard's search (issue 12).
    context = {"form": form, "result": result, "call_search_text": text,
               "call_scope": SearchScope.ALL, "clash_last4": clash_last4}  # fmt: skip
    return _render(request, call, "existing", context)


def _pick_existing(request: HttpRequest, call: RegistrationCall) -> HttpResponse:
    form = PickSeekerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the job seekers found.")
        return redirect("registration:existing", call_id=call.pk)
    seeker = seeker_get(user=request.user, seeker_id=form.cleaned_data["seeker"])
    try:
        services.call_existing_link(call=call, seeker=seeker)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("registration:existing", call_id=call.pk)
    messages.success(request, f"The caller already has an account: {seeker.full_name}.")
    return redirect("casework:detail", seeker_id=seeker.pk)


@require_http_methods(["GET", "POST"])
@wizard_step("notice")
def step_notice(request: HttpRequest, call: RegistrationCall) -> HttpResponse:
    """Seed 000 step 3: the Tennessen warning, read word for word."""
    version = call.notice_version or notice_current()
    form = NoticeReadForm(_posted(request), initial={"read_aloud": call.notice_read_at is not None})
    if request.method == "POST" and form.is_valid():
        if call.notice_read_at is None:  # a revisit keeps when it was read: the consent record
            services.call_notice_read(call=call, version=version)
        return redirect("registration:questions", call_id=call.pk)
    status = 400 if form.errors else 200
    return _render(request, call, "notice", {"form": form, "version": version}, status=status)


@require_http_methods(["GET", "POST"])
@wizard_step("questions")
def step_questions(request: HttpRequest, call: RegistrationCall) -> HttpResponse:
    """Seed 000 steps 4-5: three Yes/No questions; any No stops the registration."""
    questions = call.notice_version.questions
    # A revisit shows the answers the caller gave (the latest to each question).
    initial = {q: "yes" if yes else "no" for q, yes in steps.latest_answers(call).items()}
    form = QuestionsForm(_posted(request), questions=questions, initial=initial)
    declined: list[str] = []
    if request.method == "POST" and form.is_valid():
        declined = services.call_answers_record(call=call, answers=form.cleaned_data)
        if not declined:
            return _next(call)
        form = QuestionsForm(questions=questions)  # to ask again after answering questions
    context = {"form": form, "declined": declined, "questions": questions,
               "answers": list(call.answers.all())}  # fmt: skip
    return _render(request, call, "questions", context, status=400 if form.errors else 200)


def _next(call: RegistrationCall) -> HttpResponse:
    """Go on to the first step not done (the review, once everything is)."""
    return redirect(f"registration:{steps.first_incomplete(call)}", call_id=call.pk)


@require_http_methods(["GET", "POST"])
@wizard_step("contact")
def step_contact(request: HttpRequest, call: RegistrationCall) -> HttpResponse:
    """Seed 000 step 6: name, date of birth, phone, email or the placeholder and an address."""
    initial = ContactForm.initial_from_draft(call.draft.get("contact"))
    form = ContactForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.call_contact_save(call=call, contact=form.cleaned_data)
        return _next(call)
    context = {"form": form, "placeholder": settings.REGISTRATION_PLACEHOLDER_EMAIL}
    return _render(request, call, "contact", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@wizard_step("ssn")
def step_ssn(request: HttpRequest, call: RegistrationCall) -> HttpResponse:
    """Seed 000 step 7: the SSN script, then the SSN, a chosen 9-number or a generated one."""
    probe = services.ssn_check_probe(request=request, user=request.user, call=call)
    form = SsnForm(_posted(request), call=call, probe=probe)
    try:
        valid = request.method == "POST" and form.is_valid()
    except services.SsnCheckLimitReached:  # for partner staff, whatever the number
        return _ssn_limit_reached(request, call)
    if valid:
        data = form.cleaned_data
        if data["choice"] != SsnForm.KEEP or not call.draft_ssn_index:  # keeping changes nothing
            services.call_ssn_save(call=call, digits=data["digits"], pseudo=data["pseudo"],
                                   generated=data["choice"] == SsnForm.GENERATE)  # fmt: skip
        return _next(call)
    clash = form.has_error("ssn", "ssn_in_use") and form.real_tried
    if clash:  # the existing-account step explains why staff are back there
        services.call_back_to_search(call=call, digits=form.real_tried)
        return redirect("registration:existing", call_id=call.pk)
    clash_last4 = call.draft.get("ssn_clash_last4") if call.draft_ssn else None
    context = {"form": form, "script": call.notice_version.ssn_script, "clash_last4": clash_last4}
    return _render(request, call, "ssn", context, status=400 if form.errors else 200)


def _ssn_limit_reached(request: HttpRequest, call: RegistrationCall) -> HttpResponse:
    """429, the same page whichever number was typed: nothing was looked up (issue 14)."""
    messages.error(request, "You reached this hour's limit of SSN checks (the same limit "
                   "as the Opt-Out Lookup). Try again later.")  # fmt: skip
    context = {"form": SsnForm(call=call), "script": call.notice_version.ssn_script}
    return _render(request, call, "ssn", context, status=429)


@require_http_methods(["GET", "POST"])
@wizard_step("credentials")
def step_credentials(request: HttpRequest, call: RegistrationCall) -> HttpResponse:
    """Seed 000 step 7: username, password, secret question and answer, with the script."""
    recorded = call.draft if call.draft_password_hash else None
    form = CredentialsForm(_posted(request), initial=CredentialsForm.initial_from_draft(call.draft),
                           recorded=recorded)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.call_credentials_save(
            call=call, username=data["username"], password=data["password"],
            question=data["secret_question"], answer=data["secret_answer"],
        )  # fmt: skip
        return _next(call)
    # The rules read aloud are the policy's that the form enforces (workforce.passwords).
    script = seeker_password_policy().script_with_rules(call.notice_version.credentials_script)
    context = {"form": form, "script": script}
    return _render(request, call, "credentials", context, status=400 if form.errors else 200)


@require_POST
@role_required(*ROLES_SERVING_SEEKERS)
def call_decline(request: HttpRequest, call_id: int) -> HttpResponse:
    call = selectors.call_get(user=request.user, call_id=call_id)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.call_decline(call=call, question=form.cleaned_data["question"])
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
            return redirect("registration:questions", call_id=call.pk)
        messages.info(request, "The call ended: the caller declined, so no account was created.")
    return redirect("registration:call", call_id=call.pk)


@require_http_methods(["GET"])
@role_required(*ROLES_SERVING_SEEKERS)
def call_detail(request: HttpRequest, call_id: int) -> HttpResponse:
    """The consent record of one call, as its staff member sees it afterwards."""
    call = selectors.call_get(user=request.user, call_id=call_id)
    next_step = steps.first_incomplete(call) if call.outcome == CallOutcome.IN_PROGRESS else None
    # The linked seeker may have opted out since: show them only through the visibility rule.
    seeker = JobSeeker.objects.visible_to(request.user).filter(pk=call.seeker_id).first()
    letter = ConfirmationLetter.objects.filter(call=call).first()
    context = {"call": call, "answers": call.answers.all(), "seeker": seeker, "letter": letter,
               "next_step": next_step, "next_title": steps.TITLES.get(next_step or "", ""),
               "resumable": services.call_resumable(call)}  # fmt: skip
    return render(request, "registration/call.html", context)


@require_http_methods(["GET", "POST"])
@wizard_step("demographics")
def step_demographics(request: HttpRequest, call: RegistrationCall) -> HttpResponse:
    """The reporting questions of the notice; staff-only questions included (seed 001)."""
    form = DemographicsForm(_posted(request), initial=call.draft.get("demographics"))
    if request.method == "POST" and form.is_valid():
        services.call_demographics_save(call=call, answers=form.cleaned_data)
        return _next(call)
    born = datetime.date.fromisoformat(call.draft["contact"]["date_of_birth"])
    context = {"form": form, "born": born, "age": age_on(born, timezone.localdate()),
               "intro": DEMOGRAPHICS_INTRO}  # fmt: skip
    return _render(request, call, "demographics", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@wizard_step("review")
def step_review(request: HttpRequest, call: RegistrationCall) -> HttpResponse:
    """Everything the caller said, then one button that creates the account (STYLE.md rule 13)."""
    if request.method == "POST":
        try:
            services.registration_complete(call=call, actor=request.user)
        except services.RegistrationClash as clash:
            messages.error(request, clash.message)
            return redirect(f"registration:{clash.step}", call_id=call.pk)
        except services.CallAlreadyEnded:
            pass  # a double submit: the first one created the account
        return redirect("registration:call", call_id=call.pk)
    return _render(request, call, "review", selectors.review_summary(call=call))


@require_POST
@role_required(*ROLES_SERVING_SEEKERS)
def call_abandon(request: HttpRequest, call_id: int) -> HttpResponse:
    """The caller hung up: stop the call, resumable by the same staff member for 24 hours."""
    call = selectors.call_get(user=request.user, call_id=call_id)
    if call.outcome == CallOutcome.IN_PROGRESS:
        services.call_abandon(call=call)
        messages.info(request, "The call is marked abandoned. You can resume it for 24 hours.")
    return redirect("registration:call", call_id=call.pk)


@require_POST
@role_required(*ROLES_SERVING_SEEKERS)
def call_resume(request: HttpRequest, call_id: int) -> HttpResponse:
    """The caller called back: carry on at the first step not done."""
    call = selectors.call_get(user=request.user, call_id=call_id)
    try:
        services.call_resume(call=call)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("registration:call", call_id=call.pk)
    return _next(call)


@require_http_methods(["GET"])
@role_required(*ROLES_SERVING_SEEKERS)
def call_continue(request: HttpRequest, call_id: int) -> HttpResponse:
    """The "return to it" link of the unfinished-call banner: the first step not done, or
    the call's record once it has ended (an abandoned call is resumed from there)."""
    call = selectors.call_get(user=request.user, call_id=call_id)
    if call.outcome != CallOutcome.IN_PROGRESS:
        return redirect("registration:call", call_id=call.pk)
    return _next(call)
