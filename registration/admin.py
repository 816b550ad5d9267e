"""Administrators draft, preview and publish notice versions here, and read the calls' consent
records."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from registration.models import NoticeVersion, RegistrationCall
from registration.notice_admin import notice_publish_view
from registration.notice_publish import notice_draft_save, notice_format, notice_parse, paragraphs
from registration.selectors import notice_current
from workforce.admin import ReadOnlyAdmin


class NoticePublishForm(forms.ModelForm):
    """A draft written as text; a new one starts from a copy of the version in effect."""

    notice_text = forms.CharField(
        label="Notice", widget=forms.Textarea(attrs={"rows": 30, "cols": 100}),
        help_text="Paragraphs separated by a blank line. Start a heading with “# ”, and a "
        "paragraph printed in the email and letter but not read aloud with “[not read] ”. "
        "Write a link as [its text](https://its.address); letters print the address after it.",
    )  # fmt: skip
    question_a = forms.CharField(label="Question a", widget=forms.Textarea(attrs={"rows": 2}))
    question_b = forms.CharField(label="Question b", widget=forms.Textarea(attrs={"rows": 2}))
    question_c = forms.CharField(label="Question c", widget=forms.Textarea(attrs={"rows": 2}))
    credentials_text = forms.CharField(
        label="Username and password script", widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Paragraphs separated by a blank line.",
    )  # fmt: skip

    class Meta:
        model = NoticeVersion
        fields = ["title", "ssn_script"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # editing a draft: its own texts
            self.initial.update(version_initial(self.instance))

    def clean_notice_text(self) -> list[dict]:
        return notice_parse(self.cleaned_data["notice_text"])

    def clean_credentials_text(self) -> list[str]:
        script = paragraphs(self.cleaned_data["credentials_text"])
        if not script:
            raise forms.ValidationError("Write the script read at the username step.")
        return script


def version_initial(version: NoticeVersion) -> dict:
    """A version's texts as the form's fields."""
    return {
        "title": version.title,
        "notice_text": notice_format(version.notice),
        **{f"question_{key}": text for key, text in version.questions.items()},
        "ssn_script": version.ssn_script,
        "credentials_text": "\n\n".join(version.credentials_script),
    }


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


@admin.register(RegistrationCall)
class RegistrationCallAdmin(ReadOnlyAdmin):
    """The consent records; draft values are never shown."""

    list_display = ["pk", "started_at", "staff", "office", "outcome", "notice_version"]
    list_filter = ["outcome", "office"]
    list_select_related = ["staff", "office", "notice_version"]
    fields = [
        "staff", "office", "started_at", "ended_at", "outcome", "seeker", "searches",
        "no_match_confirmed_at", "notice_version", "notice_read_at", "abandoned_at",
    ]  # fmt: skip
