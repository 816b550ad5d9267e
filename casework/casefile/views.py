"""Case Details: case notes, documents and resumes (seed 001).

Every view fetches the seeker through `seeker_get` (404 for a seeker out of sight) and
every note, document or resume through that seeker. Files are served only by the two
download views: role-checked, access-logged, as attachments the browser must not render.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from casework.casefile import selectors, services
from casework.casefile.constants import NOTES_PER_PAGE
from casework.casefile.forms import (
    CaseNoteForm,
    DocumentForm,
    ResumeFileEditForm,
    ResumeUploadForm,
    ResumeWriteForm,
)
from seekers.constants import ResumeKind
from seekers.models import JobSeeker, Resume
from seekers.selectors import seeker_get
from workforce import filestore
from workforce.constants import ROLES_SERVING_SEEKERS
from workforce.forms import form_service_errors_add
from workforce.middleware import accepts_files
from workforce.permissions import role_required

logger = logging.getLogger(__name__)
casework = role_required(*ROLES_SERVING_SEEKERS)


def upload_limited(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Drop an upload over DOCUMENT_MAX_BYTES while it arrives (filestore.UploadLimit).

    The limit must be in place before anything reads the body, and the CSRF check reads
    it; so the check runs here, after the limit, instead of in the middleware (the
    pattern of Django's "Modifying upload handlers on the fly").
    """
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        request.upload_limit = filestore.upload_limit_install(request)
        return protected(request, *args, **kwargs)

    return accepts_files(csrf_exempt(wrapper))


def _too_large(request: HttpRequest) -> bool:
    limit = getattr(request, "upload_limit", None)
    return bool(limit and limit.refused)


def _back(seeker: JobSeeker, anchor: str) -> HttpResponse:
    return redirect(reverse("casework:detail", args=[seeker.pk]) + f"#{anchor}")


def _saved(request: HttpRequest, created: bool, text: str) -> None:
    if created:
        messages.success(request, text)
    else:
        messages.info(request, "That was already saved a moment ago; it was not saved twice.")


# --- case notes --------------------------------------------------------------------------


def _notes_page(request: HttpRequest, seeker: JobSeeker, form: CaseNoteForm,
                status: int = 200) -> HttpResponse:  # fmt: skip
    paginator = Paginator(selectors.case_note_list(seeker=seeker), NOTES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    context = {"seeker": seeker, "form": form, "page": page}
    return render(request, "casework/casefile/notes.html", context, status=status)


@require_GET
@casework
def case_note_page(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    return _notes_page(request, seeker, CaseNoteForm())


@require_POST
@casework
def case_note_add(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    form = CaseNoteForm(request.POST)
    if form.is_valid():
        try:
            _note, created = services.case_note_add(
                seeker=seeker, text=form.cleaned_data["text"], actor=request.user
            )
        except ValidationError as exc:
            form_service_errors_add(form, exc)
        else:
            _saved(request, created, f"Case note added for {seeker.full_name}.")
            return _back(seeker, "notes")
    return _notes_page(request, seeker, form, status=400)


# --- documents ---------------------------------------------------------------------------


def _form_page(request: HttpRequest, seeker: JobSeeker, template: str, form: Form,
               status: int = 200, **extra: object) -> HttpResponse:  # fmt: skip
    context = {"seeker": seeker, "form": form, **extra}
    return render(request, f"casework/casefile/{template}", context, status=status)


@require_GET
@casework
def document_new(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    return _form_page(request, seeker, "document_form.html", DocumentForm())


@upload_limited
@require_POST
@casework
def document_add(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    form = DocumentForm(request.POST, request.FILES, too_large=_too_large(request))
    if form.is_valid():
        data = form.cleaned_data
        try:
            document, created = services.document_upload(
                seeker=seeker, category=data["category"], title=data["title"],
                upload=data["file"], actor=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            form_service_errors_add(form, exc)
        else:
            _saved(request, created, f"Document “{document.title}” uploaded.")
            return _back(seeker, "documents")
    return _form_page(request, seeker, "document_form.html", form, status=400)


@require_GET
@casework
def document_download(request: HttpRequest, seeker_id: int, document_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    document = selectors.document_get(seeker=seeker, document_id=document_id)
    try:
        data = services.document_download(
            request=request, seeker=seeker, document=document, actor=request.user
        )
    except filestore.StoredFileError as exc:
        logger.error("document %s cannot be served: %s", document.pk, exc)
        raise Http404("The file of this document cannot be found.") from None
    return _attachment(data, content_type=document.content_type,
                       label=document.original_name or document.title)  # fmt: skip


def _attachment(data: bytes, *, content_type: str, label: str) -> HttpResponse:
    """The bytes as a download the browser neither renders, sniffs nor keeps in its cache."""
    if content_type not in filestore.FILE_TYPES:
        content_type = "application/octet-stream"
    response = HttpResponse(data, content_type=content_type)
    filename = filestore.download_name(label=label, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Content-Length"] = str(len(data))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


# --- resumes -----------------------------------------------------------------------------


@require_GET
@casework
def resume_new(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    return _form_page(request, seeker, "resume_form.html", ResumeWriteForm())


@require_POST
@casework
def resume_add(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    form = ResumeWriteForm(request.POST)
    if form.is_valid():
        try:
            resume, created = services.resume_write(
                seeker=seeker, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form_service_errors_add(form, exc)
        else:
            _saved(request, created, f"Resume “{resume.title}” saved.")
            return redirect("casework:resume-detail", seeker_id=seeker.pk, resume_id=resume.pk)
    return _form_page(request, seeker, "resume_form.html", form, status=400)


@require_GET
@casework
def resume_upload_new(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    return _form_page(request, seeker, "resume_upload.html", ResumeUploadForm())


@upload_limited
@require_POST
@casework
def resume_upload_add(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    form = ResumeUploadForm(request.POST, request.FILES, too_large=_too_large(request))
    if form.is_valid():
        try:
            resume, created = services.resume_upload(
                seeker=seeker, title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"], actor=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            form_service_errors_add(form, exc)
        else:
            _saved(request, created, f"Resume “{resume.title}” uploaded.")
            return _back(seeker, "resumes")
    return _form_page(request, seeker, "resume_upload.html", form, status=400)


@require_GET
@casework
def resume_detail(request: HttpRequest, seeker_id: int, resume_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    resume = selectors.resume_get(seeker=seeker, resume_id=resume_id)
    context = {"seeker": seeker, "resume": resume}
    return render(request, "casework/casefile/resume_detail.html", context)


def _edit_page(request: HttpRequest, seeker: JobSeeker, resume: Resume, form: Form,
               status: int = 200) -> HttpResponse:  # fmt: skip
    template = "resume_form.html" if resume.kind == ResumeKind.WRITTEN else "resume_upload.html"
    return _form_page(request, seeker, template, form, status, resume=resume)


@require_GET
@casework
def resume_edit(request: HttpRequest, seeker_id: int, resume_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    resume = selectors.resume_get(seeker=seeker, resume_id=resume_id)
    if resume.kind == ResumeKind.WRITTEN:
        fields = ("title", "summary", "experience", "education", "skills")
        form: Form = ResumeWriteForm(initial={name: getattr(resume, name) for name in fields})
    else:
        form = ResumeFileEditForm(initial={"title": resume.title})
    return _edit_page(request, seeker, resume, form)


@upload_limited
@require_POST
@casework
def resume_save(request: HttpRequest, seeker_id: int, resume_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    resume = selectors.resume_get(seeker=seeker, resume_id=resume_id)
    written = resume.kind == ResumeKind.WRITTEN
    form: Form = (
        ResumeWriteForm(request.POST) if written
        else ResumeFileEditForm(request.POST, request.FILES, too_large=_too_large(request))
    )  # fmt: skip
    if form.is_valid():
        data, actor = form.cleaned_data, request.user
        try:
            if written:
                resume = services.resume_update(seeker=seeker, resume=resume, actor=actor, **data)
            else:
                resume = services.resume_file_replace(
                    seeker=seeker, resume=resume, title=data["title"], upload=data["file"],
                    actor=actor,
                )  # fmt: skip
        except ValidationError as exc:
            form_service_errors_add(form, exc)
        else:
            messages.success(request, f"Resume “{resume.title}” saved.")
            return redirect("casework:resume-detail", seeker_id=seeker.pk, resume_id=resume.pk)
    return _edit_page(request, seeker, resume, form, status=400)


@require_POST
@casework
def resume_publish(request: HttpRequest, seeker_id: int, resume_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    resume = selectors.resume_get(seeker=seeker, resume_id=resume_id)
    try:
        resume = services.resume_publish(seeker=seeker, resume=resume, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"“{resume.title}” is now {seeker.full_name}'s published resume.")
    return _back(seeker, "resumes")


@require_POST
@casework
def resume_unpublish(request: HttpRequest, seeker_id: int, resume_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    resume = selectors.resume_get(seeker=seeker, resume_id=resume_id)
    resume = services.resume_unpublish(seeker=seeker, resume=resume, actor=request.user)
    messages.success(request, f"“{resume.title}” is no longer published.")
    return _back(seeker, "resumes")


@require_GET
@casework
def resume_download(request: HttpRequest, seeker_id: int, resume_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    resume = selectors.resume_get(seeker=seeker, resume_id=resume_id)
    try:
        data = services.resume_download(
            request=request, seeker=seeker, resume=resume, actor=request.user
        )
    except filestore.StoredFileError as exc:
        logger.error("resume %s cannot be served: %s", resume.pk, exc)
        raise Http404("The file of this resume cannot be found.") from None
    return _attachment(data, content_type=resume.content_type,
                       label=resume.original_name or resume.title)  # fmt: skip
