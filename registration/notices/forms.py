"""Forms of the notice versions: a draft written as text (the admin's change form) and the
confirmation that publishes it. They validate and normalise; services write."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from registration.models import NoticeVersion
from registration.notices.services import notice_format, notice_parse, paragraphs


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


class NoticeConfirmForm(forms.Form):
    """The second step of publishing: the effective date and the explicit confirmation."""

    effective_date = forms.DateField(
        label="Effective date",
        help_text="The first day new calls read this version: today or later.",
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    confirmed = forms.BooleanField(
        label="I have read the preview",
        error_messages={"required": "Tick the box once you have read the preview."},
    )

    def clean_effective_date(self) -> object:
        day = self.cleaned_data["effective_date"]
        if day < timezone.localdate():
            raise forms.ValidationError("The effective date cannot be in the past.")
        return day
