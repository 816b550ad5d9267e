"""Forms of the job search and referrals on Case Details: they validate, never save."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from casework.jobs.constants import (
    KEYWORDS_MAX_LENGTH,
    OCCUPATION_CODE_PREFIX,
    OCCUPATION_MAX_LENGTH,
    OUTCOMES_RECORDED,
)
from seekers.constants import ReferralOutcome

DATE_FORMATS = ["%Y-%m-%d", "%m/%d/%Y", "%m-%d-%Y"]
NOTE_MAX_LENGTH = 2000


class JobSearchForm(forms.Form):
    """Keywords, occupation, and whether closed postings are wanted too (seed 001)."""

    keywords = forms.CharField(
        label="Keywords",
        required=False,
        max_length=KEYWORDS_MAX_LENGTH,
        help_text='Words in the title or description. "Quotes" for a phrase, or for either '
        "word, a minus sign to leave a word out: forklift -night.",
        error_messages={"max_length": "Use at most %(limit_value)d characters of keywords."},
    )
    occupation = forms.CharField(
        label="Occupation",
        required=False,
        max_length=OCCUPATION_MAX_LENGTH,
        help_text="An O*NET-SOC code or its beginning (43- or 43-4051), or words of the "
        "occupation's title (truck drivers).",
        error_messages={"max_length": "Use at most %(limit_value)d characters for the occupation."},
    )
    include_closed = forms.BooleanField(label="Include closed postings", required=False)

    def clean_keywords(self) -> str:
        return " ".join(self.cleaned_data["keywords"].split())

    def clean_occupation(self) -> str:
        occupation = " ".join(self.cleaned_data["occupation"].split())
        if any(c.isdigit() for c in occupation) and not OCCUPATION_CODE_PREFIX.match(occupation):
            raise forms.ValidationError(
                "Enter an occupation code like 43-, 43-4051 or 43-4051.00, "
                "or words of the occupation's title without numbers."
            )
        return occupation


class ReferForm(forms.Form):
    """Refer: optionally, staff also introduced the seeker to the employer (seed 001)."""

    introduced = forms.BooleanField(
        label="I also introduced the job seeker to the employer",
        required=False,
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Whom you spoke with at the employer, or what the job seeker should do next.",
    )


class SendForm(forms.Form):
    """Send to seeker: only the one-time token of the page that showed the button."""

    form_token = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)


class OutcomeForm(forms.Form):
    """What came of a referral, and when."""

    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[(o.value, o.label) for o in ReferralOutcome if o in OUTCOMES_RECORDED],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what came of the referral.",
            "invalid_choice": "Choose hired, not hired or did not apply.",
        },
    )
    outcome_on = forms.DateField(
        label="Date of the outcome",
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="When the job seeker was hired or turned down, or gave up on the job.",
        error_messages={
            "required": "Enter the date of the outcome.",
            "invalid": "Enter the date of the outcome as mm/dd/yyyy.",
        },
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_outcome_on(self) -> object:
        day = self.cleaned_data["outcome_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date of the outcome cannot be in the future.")
        return day
