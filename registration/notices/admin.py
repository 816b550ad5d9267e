"""Administrators draft notice versions here, then "Preview and publish" them
(registration.notices.views); imported by registration/admin.py."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from registration.models import NoticeVersion
from registration.notices.forms import NoticePublishForm, version_initial
from registration.notices.selectors import notice_current
from registration.notices.services import notice_draft_save
from registration.notices.views import notice_publish_view


@admin.register(NoticeVersion)
class NoticeVersionAdmin(admin.ModelAdmin):
    """Draft, then "Preview and publish": a published version is never edited or deleted."""

    list_display = ["number", "title", "status", "effective_date", "published_at", "published_by"]
    form = NoticePublishForm
    fields = ["title", "notice_text", "question_a", "question_b", "question_c", "ssn_script",
              "credentials_text"]  # fmt: skip

    @admin.display(description="Status")
    def status(self, obj: NoticeVersion) -> str:
        if obj.is_draft:
            url = reverse("admin:registration_noticeversion_publish", args=[obj.pk])
            return format_html('Draft · <a href="{}">Preview and publish</a>', url)
        return "Published" if obj.effective_date <= timezone.localdate() else "Scheduled"

    def has_change_permission(self, request: HttpRequest, obj: NoticeVersion | None = None) -> bool:
        return (obj is None or obj.is_draft) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: NoticeVersion | None = None) -> bool:
        return obj is not None and obj.is_draft and super().has_delete_permission(request, obj)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        """A new draft starts as a copy of the version in effect, to edit what changed."""
        try:
            return version_initial(notice_current())
        except LookupError:
            return {}

    def save_model(self, request: HttpRequest, obj: NoticeVersion, form: forms.Form,
                   change: bool) -> None:  # fmt: skip
        data = form.cleaned_data
        draft = notice_draft_save(
            actor=request.user, draft=obj if change else None, title=data["title"],
            notice=data["notice_text"], questions={key: data[f"question_{key}"] for key in "abc"},
            ssn_script=data["ssn_script"], credentials_script=data["credentials_text"],
        )  # fmt: skip
        obj.pk, obj.number = draft.pk, draft.number

    def response_add(self, request: HttpRequest, obj: NoticeVersion, *args: object) -> HttpResponse:
        return self._to_preview(request, obj)

    def response_change(self, request: HttpRequest, obj: NoticeVersion) -> HttpResponse:
        return self._to_preview(request, obj)

    def _to_preview(self, request: HttpRequest, obj: NoticeVersion) -> HttpResponse:
        messages.success(request, f"Draft version {obj.number} is saved. Nobody reads it until "
                         "you read its preview and publish it.")  # fmt: skip
        return redirect("admin:registration_noticeversion_publish", obj.pk)

    def get_urls(self) -> list:
        publish = self.admin_site.admin_view(self.publish_view)
        return [path("<int:version_id>/publish/", publish,
                     name="registration_noticeversion_publish"), *super().get_urls()]  # fmt: skip

    def publish_view(self, request: HttpRequest, version_id: int) -> HttpResponse:
        """Preview and publish: the notice as staff will read it, its word diff, a confirmation."""
        return notice_publish_view(request, version_id=version_id, admin_site=self.admin_site)
