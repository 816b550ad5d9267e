"""The admin's "Preview and publish" page of a draft notice version (issue 12), routed by
`NoticeVersionAdmin.get_urls`.

A version cannot go live by accident: the administrator sees the notice as staff will
read it and a word diff against the version in effect, then publishes with a second
POST that ticks "I have read the preview" and gives an effective date (today or later).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from registration.models import NoticeVersion
from registration.notices.diff import notice_diff
from registration.notices.forms import NoticeConfirmForm
from registration.notices.selectors import notice_current
from registration.notices.services import notice_version_publish
from workforce.constants import Role
from workforce.forms import form_service_errors_add

CHANGELIST = "admin:registration_noticeversion_changelist"


@require_http_methods(["GET", "POST"])
def notice_publish_view(
    request: HttpRequest, *, version_id: int, admin_site: AdminSite
) -> HttpResponse:
    """Preview a draft with its diff; publish it on a confirmed POST. Administrators only."""
    if request.user.role != Role.ADMINISTRATOR:
        raise PermissionDenied("Only an administrator may publish a notice version.")
    version = get_object_or_404(NoticeVersion, pk=version_id)
    if not version.is_draft:  # a second click, or the back button: nothing to do
        messages.info(request, f"Version {version.number} is already published, in effect from "
                      f"{version.effective_date:%m/%d/%Y}.")  # fmt: skip
        return redirect(CHANGELIST)
    form = NoticeConfirmForm(request.POST or None, initial={"effective_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            notice_version_publish(version=version, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_service_errors_add(form, exc)
        else:
            messages.success(request, f"Version {version.number} is published. New calls read it "
                             f"from {form.cleaned_data['effective_date']:%m/%d/%Y}.")  # fmt: skip
            return redirect(CHANGELIST)
    try:
        current = notice_current()
    except LookupError:
        current = None
    context = {
        **admin_site.each_context(request),
        "title": f"Preview and publish version {version.number}",
        "opts": NoticeVersion._meta, "version": version, "current": current, "form": form,
        "diff": notice_diff(current=current, draft=version),
    }  # fmt: skip
    return TemplateResponse(request, "admin/registration/noticeversion/publish.html", context)
