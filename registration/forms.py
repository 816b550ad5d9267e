"""Forms of the phone registration; they validate and normalise, services write."""

from __future__ import annotations

import phonenumbers
from django import forms
from django.conf import settings
from django.utils import timezone

from registration.constants import GatingQuestion

YES_NO = [("yes", "Yes"), ("no", "No")]


class PickSeekerForm(forms.Form):
    seeker = forms.IntegerField(widget=forms.HiddenInput)


class NoticeReadForm(forms.Form):
    read_aloud = forms.BooleanField(
        label="I read the notice aloud, verbatim",
        error_messages={"required": "Read the whole notice aloud, word for word, then tick this."},
    )


class QuestionsForm(forms.Form):
    """The three questions of seed 000 step 4, labelled with the version's verbatim text."""

    def __init__(self, *args: object, questions: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for key in GatingQuestion.values:
            self.fields[key] = forms.TypedChoiceField(
                label=f"{key}. {questions[key]}",
                choices=YES_NO,
                coerce=lambda value: value == "yes",
                widget=forms.RadioSelect,
                error_messages={"required": f"Ask question {key} and record the caller's answer."},
            )


class DeclineForm(forms.Form):
    question = forms.ChoiceField(choices=GatingQuestion.choices)


class ContactForm(forms.Form):
    """Who the caller is and how to reach them (seed 000 step 6: email optional)."""

    first_name = forms.CharField(max_length=100)
    middle_name = forms.CharField(max_length=100, required=False)
    last_name = forms.CharField(max_length=100)
    suffix = forms.CharField(max_length=20, required=False, help_text="Jr., Sr., III …")
    other_names = forms.CharField(
        label="Other names used", max_length=300, required=False,
        help_text="Maiden names, nicknames: first and last, separated by semicolons.",
    )  # fmt: skip
    date_of_birth = forms.DateField(
        help_text="For example 03/02/1975.", input_formats=["%m/%d/%Y", "%Y-%m-%d", "%m-%d-%Y"]
    )
    phone = forms.CharField(max_length=30, required=False, help_text="For example 612-555-0100.")
    no_email = forms.BooleanField(label="The caller has no email address", required=False)
    email = forms.EmailField(required=False)
    address_line1 = forms.CharField(label="Street address", max_length=200, required=False)
    address_line2 = forms.CharField(label="Apartment, suite, etc.", max_length=200, required=False)
    city = forms.CharField(max_length=100, required=False)
    state = forms.CharField(max_length=2, required=False, help_text="Two letters, for example MN.")
    zip_code = forms.RegexField(
        label="ZIP code", regex=r"^\d{5}(-\d{4})?$", required=False,
        error_messages={"invalid": "Enter a ZIP code of five digits, or five and four."},
    )  # fmt: skip

    def clean_date_of_birth(self) -> object:
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born > today:
            raise forms.ValidationError("The date of birth cannot be in the future.")
        if born.year < today.year - 110:
            raise forms.ValidationError("Check the year: that would make the caller over 110.")
        return born

    def clean_phone(self) -> str:
        typed = self.cleaned_data["phone"].strip()
        if not typed:
            return ""
        try:
            number = phonenumbers.parse(typed, "US")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise forms.ValidationError(
                "Enter a ten-digit US phone number, for example 612-555-0100."
            )
        return str(number.national_number)

    def clean_state(self) -> str:
        return self.cleaned_data["state"].strip().upper()

    def clean_other_names(self) -> list[dict[str, str]]:
        names = []
        for part in self.cleaned_data["other_names"].split(";"):
            words = part.split()
            if words:
                names.append({"first_name": " ".join(words[:-1]), "last_name": words[-1]})
        return names

    def clean(self) -> dict:
        data = super().clean()
        if data.get("no_email"):
            data["email"] = settings.REGISTRATION_PLACEHOLDER_EMAIL
            # The confirmation must go by mail (seed 000 step 10): an address is required.
            for field in ("address_line1", "city", "state", "zip_code"):
                if not data.get(field) and field not in self.errors:
                    self.add_error(
                        field,
                        "Required when the caller has no email: the confirmation goes by mail.",
                    )
        elif not data.get("email") and "email" not in self.errors:
            self.add_error(
                "email", "Enter the caller's email, or tick “The caller has no email address”."
            )
        return data
