"""Forms of Program Registration: enrollment questions, closure, and the demographics edit.

Forms validate and normalise; the views hand `cleaned_data` to casework/enrollments/services.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.utils import timezone

from casework.enrollments.constants import ATTESTATION, TEXT_ANSWER_MAX
from seekers.constants import ClosureReason, QuestionKind, Race
from seekers.models import (
    DEMOGRAPHICS_QUESTIONS,
    DEMOGRAPHICS_STAFF_ONLY,
    ELIGIBILITY_QUESTIONS,
    Demographics,
    EnrollmentQuestion,
)

# The browser's own date picker: keyboard-usable, and it posts ISO dates.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("yes", "Yes"), ("no", "No")]
NOT_ASKED = "Not asked yet"
PREFIX = "q_"


def question_field(question: EnrollmentQuestion) -> forms.Field:
    """The form field of one enrollment question, by its kind."""
    common = {"label": question.label, "help_text": question.help_text,
              "required": question.required}  # fmt: skip
    if question.kind == QuestionKind.YES_NO:
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.DATE:
        return forms.DateField(widget=DATE_INPUT, **common)
    if question.kind == QuestionKind.CHOICE:
        choices = [(choice, choice) for choice in question.choice_list]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    return forms.CharField(max_length=TEXT_ANSWER_MAX, **common)


class EnrollmentForm(forms.Form):
    """The program's questions (field `q_<key>` each) and, when enrolling, the attestation."""

    def __init__(
        self, *args: object, questions: Iterable[EnrollmentQuestion], attestation: bool = True,
        **kwargs: object,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            field = question_field(question)
            if question.required:
                field.error_messages["required"] = f"Answer “{question.label}”."
            self.fields[PREFIX + question.key] = field
        if attestation:
            self.fields["attest"] = forms.BooleanField(
                label=ATTESTATION,
                error_messages={
                    "required": "Attest that all provided information has been verified."
                },
            )

    @staticmethod
    def initial_from(answers: dict) -> dict:
        return {PREFIX + key: value for key, value in (answers or {}).items()}

    def answers(self) -> dict:
        """{question key: answer} for the service."""
        return {q.key: self.cleaned_data.get(PREFIX + q.key) for q in self.questions}

    @staticmethod
    def field_for(key: str) -> str:
        """The field of a service's error key: question keys get the `q_` prefix."""
        return key if key == "attest" else PREFIX + key


class EnrollmentCloseForm(forms.Form):
    """Close an open enrollment, or withdraw a pending one: date, reason, note."""

    closed_on = forms.DateField(label="Date the enrollment closed", widget=DATE_INPUT)
    reason = forms.ChoiceField(
        label="Reason", choices=ClosureReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when the reason is “Other”.",
    )

    def clean(self) -> dict:
        data = super().clean()
        closed_on = data.get("closed_on")
        if closed_on and closed_on > timezone.localdate():
            self.add_error("closed_on", "The closure date cannot be in the future.")
        if data.get("reason") == ClosureReason.OTHER and not data.get("note", "").strip():
            self.add_error("note", "Explain the reason in the note when it is “Other”.")
        return data


# The fieldsets of the demographics page: (legend, hint, questions, staff only).
DEMOGRAPHICS_GROUPS = [
    ("About the seeker", "", DEMOGRAPHICS_QUESTIONS[:6], False),
    ("Employment, income and benefits", "", DEMOGRAPHICS_QUESTIONS[6:], False),
    (
        "Staff-only questions",
        "Asked by staff only; job seekers who register themselves never see these.",
        DEMOGRAPHICS_STAFF_ONLY,
        True,
    ),
    (
        "Eligibility questions (staff only)",
        "Asked by staff only. The program eligibility rules read these answers.",
        ELIGIBILITY_QUESTIONS,
        True,
    ),
]


class SeekerDemographicsForm(forms.ModelForm):
    """Every demographic question, each optional ("Not asked yet") and each declinable.

    With staff_only=False (a self-service form) the staff-only and eligibility questions
    are left out entirely (seed 001: they "do not display to self-service job seekers").
    """

    class Meta:
        model = Demographics
        fields = [*DEMOGRAPHICS_QUESTIONS, *DEMOGRAPHICS_STAFF_ONLY, *ELIGIBILITY_QUESTIONS]

    races = forms.MultipleChoiceField(
        label="Race (choose every one that applies)",
        choices=Race.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: object, staff_only: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.staff_only = staff_only
        if not staff_only:
            for name in [*DEMOGRAPHICS_STAFF_ONLY, *ELIGIBILITY_QUESTIONS]:
                del self.fields[name]
        for name, field in self.fields.items():
            if name == "races":
                continue
            choices = [("", NOT_ASKED), *field.choices[1:]]  # instead of "---------"
            field.required = False
            field.choices = choices
            field.widget = forms.RadioSelect(choices=choices)
            label = str(field.label)
            field.label = label[:1].upper() + label[1:]

    def clean_races(self) -> list[str]:
        races = self.cleaned_data["races"]
        if Race.DECLINED in races and len(races) > 1:
            raise forms.ValidationError("Choose races, or “Prefers not to answer”, not both.")
        return races

    def groups(self) -> list[dict]:
        """The fieldsets to render, in order; staff-only ones only on a staff form."""
        return [
            {"legend": legend, "hint": hint, "staff_only": staff,
             "fields": [self[name] for name in names if name in self.fields]}
            for legend, hint, names, staff in DEMOGRAPHICS_GROUPS
            if self.staff_only or not staff
        ]  # fmt: skip
