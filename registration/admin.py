"""Administrators publish notice versions here and read the calls' consent records."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from registration.models import NoticeVersion, RegistrationCall
from registration.notice_publish import notice_format, notice_parse, notice_publish, paragraphs
from registration.selectors import notice_current
from workforce.admin import ReadOnlyAdmin


class NoticePublishForm(forms.ModelForm):
    """A new version written as text, starting from a copy of the current one."""

    notice_text = forms.CharField(
        label="Notice", widget=forms.Textarea(attrs={"rows": 30, "cols": 100}),
        help_text="Paragraphs separated by a blank line. Start a heading with “# ”, and a "
        "paragraph printed in the email and letter but not read aloud with “[not read] ”.",
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

    def clean_notice_text(self) -> list[dict]:
        return notice_parse(self.cleaned_data["notice_text"])

    def clean_credentials_text(self) -> list[str]:
        script = paragraphs(self.cleaned_data["credentials_text"])
        if not script:
            raise forms.ValidationError("Write the script read at the username step.")
        return script


@admin.register(NoticeVersion)
class NoticeVersionAdmin(admin.ModelAdmin):
    """Publish only: a published version is never edited or deleted (the calls cite it)."""

    list_display = ["number", "title", "published_at", "published_by"]
    form = NoticePublishForm
    fields = ["title", "notice_text", "question_a", "question_b", "question_c", "ssn_script",
              "credentials_text"]  # fmt: skip

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        """A new version starts as a copy of the current one, to edit what changed."""
        try:
            current = notice_current()
        except LookupError:
            return {}
        return {
            "title": current.title,
            "notice_text": notice_format(current.notice),
            **{f"question_{key}": text for key, text in current.questions.items()},
            "ssn_script": current.ssn_script,
            "credentials_text": "\n\n".join(current.credentials_script),
        }

    def save_model(self, request: HttpRequest, obj: NoticeVersion, form: forms.Form,
                   change: bool) -> None:  # fmt: skip
        data = form.cleaned_data
        published = notice_publish(
            actor=request.user, title=data["title"], notice=data["notice_text"],
            questions={key: data[f"question_{key}"] for key in "abc"},
            ssn_script=data["ssn_script"], credentials_script=data["credentials_text"],
        )  # fmt: skip
        obj.pk, obj.number = published.pk, published.number


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
