"""Forms of assessments and plans: they parse and normalise; the services check and write."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet

from seekers.constants import GoalStatus, StepKind, StepStatus
from seekers.models import Enrollment, PlanGoal
from seekers.models.plan import occupation_code_validator

DATE_FORMATS = ["%Y-%m-%d", "%m/%d/%Y", "%m-%d-%Y"]


def date_field(label: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
        error_messages={"invalid": f"Enter the {label.lower()} as mm/dd/yyyy."},
    )


class EnrollmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Enrollment) -> str:
        return f"{obj.program.name} ({obj.get_status_display().lower()})"


class PlanForm(forms.Form):
    """A new plan: whether it belongs to one of the seeker's pending or open enrollments.

    Its kind is not asked: the service makes it an IEP when a DVOP writes it.
    """

    enrollment = EnrollmentChoiceField(
        queryset=Enrollment.objects.none(),
        required=False,
        label="Enrollment (optional)",
        empty_label="Not part of an enrollment",
        help_text="The program enrollment whose services this plan records, if any.",
        error_messages={"invalid_choice": "Choose one of the enrollments listed, or none."},
    )

    def __init__(self, *args: object, enrollments: QuerySet[Enrollment], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enrollment"].queryset = enrollments


class GoalForm(forms.Form):
    """A goal of a plan: what, by when, and whether it was met."""

    description = forms.CharField(
        label="Goal", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Describe the goal."},
    )  # fmt: skip
    target_date = date_field("Target date", "When the job seeker means to reach it.")
    status = forms.ChoiceField(
        label="Status", choices=GoalStatus.choices, initial=GoalStatus.OPEN,
        error_messages={"invalid_choice": "Choose open, met or not met."},
    )  # fmt: skip


class GoalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PlanGoal) -> str:
        text = obj.description
        return text if len(text) <= 80 else f"{text[:77]}…"


class StepForm(forms.Form):
    """A step of a plan; a training step is seed 003's "training level service"."""

    kind = forms.ChoiceField(
        label="Kind of step", choices=[("", "- Select -"), *StepKind.choices],
        help_text="Choosing Training places the job seeker in training (a service is recorded).",
        error_messages={"required": "Choose what kind of step this is.",
                        "invalid_choice": "Choose one of the kinds listed."},
    )  # fmt: skip
    description = forms.CharField(
        label="Step", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Describe the step."},
    )  # fmt: skip
    goal = GoalChoiceField(
        queryset=PlanGoal.objects.none(), required=False, label="Goal it serves (optional)",
        empty_label="No particular goal",
        error_messages={"invalid_choice": "Choose a goal of this plan, or none."},
    )  # fmt: skip
    provider = forms.CharField(
        label="Provider (optional)", max_length=200, required=False,
        help_text="The training provider or agency, if any.",
    )  # fmt: skip
    target_date = date_field("Target date")
    status = forms.ChoiceField(
        label="Status", choices=StepStatus.choices, initial=StepStatus.PLANNED,
        error_messages={"invalid_choice": "Choose one of the statuses listed."},
    )  # fmt: skip
    completed_on = date_field("Completed on", "Required when the status is Completed.")

    def __init__(self, *args: object, goals: QuerySet[PlanGoal], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals


# Long enough for any real note taken on a call; a bound so a runaway paste is refused.
TEXT_MAX = 10_000


def text(rows: int = 3) -> dict:
    return {"required": False, "max_length": TEXT_MAX,
            "widget": forms.Textarea(attrs={"rows": rows})}  # fmt: skip


class AssessmentForm(forms.Form):
    """What staff learned: the occupation the seeker wants, history, skills, barriers, needs."""

    desired_occupation = forms.CharField(
        label="Desired occupation", max_length=200, required=False,
        help_text="For example: Customer service representative.",
    )  # fmt: skip
    occupation_code = forms.CharField(
        label="Occupation code (O*NET-SOC, optional)", required=False,
        validators=[occupation_code_validator],  # its pattern bounds the length too
        help_text="For example 43-4051 or 43-4051.00.",
    )  # fmt: skip
    work_history = forms.CharField(label="Work history", **text(4))
    skills = forms.CharField(label="Skills", **text())
    barriers = forms.CharField(label="Barriers to employment", **text())
    training_needs = forms.CharField(label="Education and training needs", **text())
    notes = forms.CharField(label="Notes", **text())
