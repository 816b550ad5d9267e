"""Admin of enrollment questions (programs themselves are in workforce/admin.py)."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from seekers.constants import QuestionKind
from seekers.models import EnrollmentQuestion


class EnrollmentQuestionForm(forms.ModelForm):
    """A "one of a list" question needs at least two choices; the other kinds take none."""

    class Meta:
        model = EnrollmentQuestion
        fields = ["program", "key", "label", "help_text", "kind", "choices", "required",
                  "display_order", "is_active"]  # fmt: skip

    def clean(self) -> dict:
        data = super().clean()
        choices = [line for line in (data.get("choices") or "").splitlines() if line.strip()]
        if data.get("kind") == QuestionKind.CHOICE and len(choices) < 2:
            self.add_error("choices", "List at least two choices, one per line.")
        elif data.get("kind") and data.get("kind") != QuestionKind.CHOICE and choices:
            self.add_error("choices", "Only a “one of a list” question has choices.")
        return data


@admin.register(EnrollmentQuestion)
class EnrollmentQuestionAdmin(admin.ModelAdmin):
    """The questions staff answer when enrolling a seeker in a program (seed 001).

    Answers are stored under the question's key, so a key is not changed once in use;
    retire a question by unticking "is active" instead of deleting it.
    """

    form = EnrollmentQuestionForm
    list_display = ["label", "program", "key", "kind", "required", "display_order", "is_active"]
    list_filter = ["program", "kind", "required", "is_active"]
    search_fields = ["label", "key"]
    ordering = ["program__display_order", "program__name", "display_order", "id"]

    def get_readonly_fields(self, request: object, obj: EnrollmentQuestion | None = None) -> list:
        return ["program", "key"] if obj is not None else []

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False  # enrollments keep answers under the key: retire, never delete
