"""Job search from Case Details (seed 001): search, a posting, Refer, Send to seeker, outcomes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.jobs import selectors, services
from casework.jobs.constants import PAGE_SIZE
from casework.jobs.forms import JobSearchForm, OutcomeForm, ReferForm, SendForm
from seekers.models import JobPosting, JobReferral, JobSeeker
from seekers.selectors import seeker_get
from workforce.constants import ROLES_SERVING_SEEKERS
from workforce.forms import form_service_errors_add
from workforce.permissions import role_required

SEARCH_FIELDS = {"keywords", "occupation", "include_closed"}


def _section_url(seeker: JobSeeker) -> str:
    return reverse("casework:detail", args=[seeker.pk]) + "#jobs"


@require_GET
@role_required(*ROLES_SERVING_SEEKERS)
def job_search(request: HttpRequest, seeker_id: int) -> HttpResponse:
    """The search, first run with the occupation of the seeker's latest assessment."""
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    prefill = selectors.search_prefill(seeker=seeker)
    if SEARCH_FIELDS & set(request.GET):
        form = JobSearchForm(request.GET)
        if not form.is_valid():
            context = {"seeker": seeker, "form": form, "prefill": prefill}
            return render(request, "casework/jobs/search.html", context, status=400)
        criteria = form.cleaned_data
    else:
        criteria = {"keywords": "", "occupation": prefill.occupation, "include_closed": False}
        form = JobSearchForm(initial=criteria)
    page = Paginator(selectors.posting_search(**criteria), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"seeker": seeker, "form": form, "prefill": prefill, "page": page,
               "rows": _rows(seeker, page), "query": _query(criteria),
               "email_problem": selectors.seeker_email_problem(seeker)}  # fmt: skip
    return render(request, "casework/jobs/search.html", context)


def _query(criteria: dict) -> str:
    """The search as a query string, for the pages' links."""
    data = {k: criteria[k] for k in ("keywords", "occupation") if criteria[k]}
    return urlencode({**data, **({"include_closed": "on"} if criteria["include_closed"] else {})})


def _rows(seeker: JobSeeker, page: Page) -> list[dict]:
    postings = list(page.object_list)
    referred = selectors.referral_by_posting(seeker=seeker, posting_ids=[p.pk for p in postings])
    return [
        {
            "posting": p,
            "referral": referred.get(p.pk),
            "token": services.send_token(seeker=seeker, posting=p),
        }
        for p in postings
    ]


@require_GET
@role_required(*ROLES_SERVING_SEEKERS)
def job_posting(request: HttpRequest, seeker_id: int, posting_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    return _posting_page(request, seeker, selectors.posting_get(posting_id=posting_id))


def _posting_page(request: HttpRequest, seeker: JobSeeker, posting: JobPosting, *,
                  refer_form: ReferForm | None = None, send_error: str = "",
                  status: int = 200) -> HttpResponse:  # fmt: skip
    referred = selectors.referral_by_posting(seeker=seeker, posting_ids=[posting.pk])
    referral = referred.get(posting.pk)
    context = {
        "seeker": seeker, "posting": posting, "referral": referral,
        "refer_form": refer_form or ReferForm(), "send_error": send_error,
        "send_token": services.send_token(seeker=seeker, posting=posting),
        "email_problem": selectors.seeker_email_problem(seeker),
    }  # fmt: skip
    return render(request, "casework/jobs/posting.html", context, status=status)


@require_POST
@role_required(*ROLES_SERVING_SEEKERS)
def job_refer(request: HttpRequest, seeker_id: int, posting_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    posting = selectors.posting_get(posting_id=posting_id)
    form = ReferForm(request.POST)
    if form.is_valid():
        try:
            services.referral_create(
                seeker=seeker, posting=posting, actor=request.user,
                introduced=form.cleaned_data["introduced"], note=form.cleaned_data["note"],
            )  # fmt: skip
        except ValidationError as exc:
            form_service_errors_add(form, exc)
        else:
            messages.success(
                request,
                f"{seeker.full_name} is referred to “{posting.title}” at {posting.employer}. "
                "Job Referral is recorded in Services.",
            )
            return redirect(_section_url(seeker))
    return _posting_page(request, seeker, posting, refer_form=form, status=400)


@require_POST
@role_required(*ROLES_SERVING_SEEKERS)
def job_send(request: HttpRequest, seeker_id: int, posting_id: int) -> HttpResponse:
    """Send to seeker: the posting goes into an outbox email; a double submit sends once."""
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    posting = selectors.posting_get(posting_id=posting_id)
    form = SendForm(request.POST)
    token = form.cleaned_data["form_token"] if form.is_valid() else ""
    try:
        sent, new = services.posting_send(
            seeker=seeker, posting=posting, actor=request.user, form_token=token
        )
    except ValidationError as exc:
        return _posting_page(request, seeker, posting, send_error=exc.messages[0], status=400)
    if new:
        messages.success(request, f"“{posting.title}” is on its way to {seeker.full_name} "
                         f"at {seeker.email}.")  # fmt: skip
    else:
        when = timezone.localtime(sent.sent_at)
        messages.info(request, f"“{posting.title}” was already sent to {seeker.full_name} at "
                      f"{when:%I:%M %p}; it was not sent again.")  # fmt: skip
    return redirect(_section_url(seeker))


@require_http_methods(["GET", "POST"])
@role_required(*ROLES_SERVING_SEEKERS)
def job_referral_outcome(request: HttpRequest, seeker_id: int, job_referral_id: int
                         ) -> HttpResponse:  # fmt: skip
    """Record what came of a referral: hired, not hired, did not apply."""
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    referral = selectors.referral_get(seeker=seeker, referral_id=job_referral_id)
    if request.method != "POST":
        initial = {"outcome": referral.outcome, "outcome_on": referral.outcome_on}
        form = OutcomeForm(initial=initial if referral.outcome_on else None)
        return _outcome_page(request, seeker, referral, form)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.referral_outcome_set(
                referral=referral, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form_service_errors_add(form, exc)
        else:
            messages.success(request, f"Outcome of the referral to “{referral.posting.title}” "
                             f"recorded: {referral.get_outcome_display()}.")  # fmt: skip
            return redirect(_section_url(seeker))
    return _outcome_page(request, seeker, referral, form, status=400)


def _outcome_page(request: HttpRequest, seeker: JobSeeker, referral: JobReferral, form: OutcomeForm,
                  status: int = 200) -> HttpResponse:  # fmt: skip
    context = {"seeker": seeker, "referral": referral, "form": form}
    return render(request, "casework/jobs/referral_outcome.html", context, status=status)
