"""Request guards of the core (issue 14): no caching of pages, no stray uploads, no remote
debug pages. Each is one small middleware, listed in settings.MIDDLEWARE with why it sits
where it does."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.utils import timezone

from workforce.audit import AccessLimitReached, security_event_log

Handler = Callable[[HttpRequest], HttpResponse]

# How much a multipart body may carry besides its file (field names, boundaries, the title).
UPLOAD_OVERHEAD_BYTES = 1024 * 1024


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every response that reaches the app: pages show
    personal data, and job-centre PCs are shared, so neither the browser's cache, its
    back-forward history nor a proxy may keep one. Static files are served by WhiteNoise
    before this middleware and keep their long caching."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response["Cache-Control"] = "no-store"
        response["Pragma"] = "no-cache"  # HTTP/1.0 caches
        response.headers.pop("Expires", None)
        response.headers.pop("Last-Modified", None)
        response.headers.pop("ETag", None)
        return response


def accepts_files(view: Handler) -> Handler:
    """Mark a view as taking file uploads; UploadGuardMiddleware refuses files anywhere else.
    The view must install its own upload handler (`filestore.upload_limit_install`)."""
    view.accepts_files = True  # type: ignore[attr-defined]
    return view


class NoFileUploadHandler(FileUploadHandler):
    """The project's default upload handler (FILE_UPLOAD_HANDLERS): a file part stops the
    parse before a byte of it is kept, in memory or in a temporary file. Views that take
    files replace it with their own handler first."""

    def new_file(self, *args: object, **kwargs: object) -> None:
        if self.request is not None:
            self.request.file_refused = True
        raise StopUpload(connection_reset=False)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:  # pragma: no cover
        return None

    def file_complete(self, file_size: int) -> None:  # pragma: no cover
        return None


def _refused(request: HttpRequest, *, status: int, title: str, text: str) -> HttpResponse:
    context = {"title": title, "text": text}
    return render(request, "workforce/request_refused.html", context, status=status)


class UploadGuardMiddleware:
    """Caps every request body and keeps files out of endpoints that take none.

    Listed before CsrfViewMiddleware, whose check is the first thing to read the body:
    the limits apply before any parse. A body over the limit (DATA_UPLOAD_MAX_MEMORY_SIZE,
    or DOCUMENT_MAX_BYTES plus UPLOAD_OVERHEAD_BYTES for a view marked `accepts_files`)
    gets 413 from its Content-Length alone. A multipart body sent elsewhere is parsed
    here with NoFileUploadHandler, which stops at the first file part: the request then
    gets 415 and the file is neither kept nor written to the temporary directory.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Handler, view_args: tuple,
                     view_kwargs: dict) -> HttpResponse | None:  # fmt: skip
        takes_files = getattr(view_func, "accepts_files", False)
        limit = (settings.DOCUMENT_MAX_BYTES + UPLOAD_OVERHEAD_BYTES if takes_files
                 else settings.DATA_UPLOAD_MAX_MEMORY_SIZE)  # fmt: skip
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = limit + 1
        if length > limit:
            return _refused(
                request, status=413, title="That was too much to send",
                text=f"A request to this page may be at most {limit // (1024 * 1024)} MB. "
                "Nothing was saved. Go back, make it smaller and try again.",
            )  # fmt: skip
        content_type = request.META.get("CONTENT_TYPE", "")
        if not takes_files and content_type.startswith("multipart/form-data"):
            request.upload_handlers = [NoFileUploadHandler(request)]
            request.POST  # noqa: B018 -- parse now, with only the refusing handler
            if getattr(request, "file_refused", False):
                return _refused(
                    request, status=415, title="This page does not take files",
                    text="The file was not accepted and nothing was saved. Upload documents "
                    "and resumes from the seeker's Documents or Resumes section.",
                )  # fmt: skip
        return None


LOOPBACK = "127.0.0.0/8", "::1/128"


def _is_loopback(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net) for net in LOOPBACK)


class DebugLoopbackOnlyMiddleware:
    """With DEBUG on, answer only this computer: the development error page shows
    local variables, so it must never reach another machine (the PII filter of
    workforce.audit is the second line). Uses the socket's address, never a header."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.DEBUG and not _is_loopback(request.META.get("REMOTE_ADDR", "")):
            return HttpResponseForbidden(
                "This server runs in development mode (DEBUG) and answers only this computer.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class AccessLimitMiddleware:
    """Turns AccessLimitReached (an hourly limit on SSN reveals or file downloads) into a
    429 page with Retry-After; an htmx request gets the message alone, which
    static/js/workforce.js lets htmx swap in."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not isinstance(exc, AccessLimitReached):
            return None
        context = {"what": exc.what, "per_hour": exc.per_hour, "retry_at": exc.retry_at}
        htmx = request.headers.get("HX-Request") == "true"
        template = (
            "workforce/includes/limit_reached.html" if htmx else "workforce/limit_reached.html"
        )
        response = render(request, template, context, status=429)
        wait = max(1, int((exc.retry_at - timezone.now()).total_seconds()))
        response["Retry-After"] = str(wait)
        return response


class ForbiddenLogMiddleware:
    """Every 403 the application answers (a role refusal's `PermissionDenied`, a view's own
    403, a CSRF failure) writes one WARNING line on the security log with the user, the
    method and the path (ASVS 5.0 16.3.2). The path only: a query string may carry personal
    data. After `AuthenticationMiddleware`, so the user is known; 404s are not logged, so a
    hidden seeker and a missing one stay alike here too."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 403:
            security_event_log(request=request, event="forbidden", outcome="refused",
                               failed=True, method=request.method, path=request.path)  # fmt: skip
        return response
