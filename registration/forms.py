"""Forms of the phone registration; they validate and normalise, services write."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.conf import settings
from django.utils import timezone

from registration.constants import DEMOGRAPHICS_GROUPS, DEMOGRAPHICS_SCRIPT, GatingQuestion
from registration.limits import max_length, validate_name_key, validate_other_name
from registration.models import RegistrationCall
from registration.ssn_choice import Probe, pseudo_ssn_clean, pseudo_ssn_generate, real_ssn_clean
from registration.validators import (
    SECRET_QUESTIONS,
    username_taken,
    validate_password,
    validate_secret_answer,
    validate_secret_question,
    validate_username,
)
from seekers import ssn as ssn_rules
from seekers.constants import Race
from seekers.models import DEMOGRAPHICS_QUESTIONS, DEMOGRAPHICS_STAFF_ONLY, Demographics, JobSeeker
from workforce.passwords import seeker_password_policy
from workforce.phones import us_phone_clean
from workforce.urlids import id_typed_decode

YES_NO = [("yes", "Yes"), ("no", "No")]


class PickSeekerForm(forms.Form):
    """A seeker found by the search, by their public id (a URL token, never the key)."""

    seeker = forms.CharField(widget=forms.HiddenInput, max_length=20)

    def clean_seeker(self) -> int:
        seeker_id = id_typed_decode(self.cleaned_data["seeker"])
        if seeker_id is None:
            raise forms.ValidationError("Choose one of the job seekers found.")
        return seeker_id


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
    """Who the caller is and how to reach them (seed 000 step 6: email optional).

    Every value is checked against the column it ends up in (registration/limits.py), so
    what this step accepts never fails at "Create the account". `initial_from_draft`
    turns what the step saved back into what the caller said, so a revisit shows it and
    saving it unchanged changes nothing.
    """

    first_name = forms.CharField(max_length=max_length(JobSeeker, "first_name"),
                                 validators=[validate_name_key])  # fmt: skip
    middle_name = forms.CharField(max_length=max_length(JobSeeker, "middle_name"), required=False,
                                  validators=[validate_name_key])  # fmt: skip
    last_name = forms.CharField(max_length=max_length(JobSeeker, "last_name"),
                                validators=[validate_name_key])  # fmt: skip
    suffix = forms.CharField(max_length=max_length(JobSeeker, "suffix"), required=False,
                             help_text="Jr., Sr., III …")  # fmt: skip
    other_names = forms.CharField(
        label="Other names used", max_length=300, required=False,
        help_text="Maiden names, nicknames: first and last, separated by semicolons.",
    )  # fmt: skip
    date_of_birth = forms.DateField(
        help_text="For example 03/02/1975.", input_formats=["%m/%d/%Y", "%Y-%m-%d", "%m-%d-%Y"],
        widget=forms.DateInput(format="%m/%d/%Y"),
    )  # fmt: skip
    phone = forms.CharField(max_length=30, required=False, help_text="For example 612-555-0100.")
    no_email = forms.BooleanField(label="The caller has no email address", required=False)
    email = forms.EmailField(required=False, max_length=max_length(JobSeeker, "email"))
    address_line1 = forms.CharField(label="Street address", required=False,
                                    max_length=max_length(JobSeeker, "address_line1"))  # fmt: skip
    address_line2 = forms.CharField(label="Apartment, suite, etc.", required=False,
                                    max_length=max_length(JobSeeker, "address_line2"))  # fmt: skip
    city = forms.CharField(max_length=max_length(JobSeeker, "city"), required=False)
    state = forms.CharField(max_length=2, required=False, help_text="Two letters, for example MN.")
    zip_code = forms.RegexField(
        label="ZIP code", regex=r"^\d{5}(-\d{4})?$", required=False,
        error_messages={"invalid": "Enter a ZIP code of five digits, or five and four."},
    )  # fmt: skip

    @staticmethod
    def initial_from_draft(contact: dict | None) -> dict:
        """What the contact step saved, as the caller said it and the form shows it."""
        if not contact:
            return {}
        initial = dict(contact)
        initial["other_names"] = "; ".join(
            " ".join(part for part in (name["first_name"], name["last_name"]) if part)
            for name in contact.get("other_names", [])
        )
        if contact.get("date_of_birth"):
            initial["date_of_birth"] = datetime.date.fromisoformat(contact["date_of_birth"])
        phone = contact.get("phone", "")
        if len(phone) == 10:
            initial["phone"] = f"{phone[:3]}-{phone[3:6]}-{phone[6:]}"
        if contact.get("no_email"):
            initial["email"] = ""  # the placeholder is put back when saved
        return initial

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
        return us_phone_clean(typed) if typed else ""

    def clean_state(self) -> str:
        state = self.cleaned_data["state"].strip().upper()
        if state and not re.fullmatch(r"[A-Z]{2}", state):
            raise forms.ValidationError("Enter the state's two letters, for example MN.")
        return state

    def clean_other_names(self) -> list[dict[str, str]]:
        names, errors = [], []
        for part in self.cleaned_data["other_names"].split(";"):
            words = part.split()
            if words:
                name = {"first_name": " ".join(words[:-1]), "last_name": words[-1]}
                try:
                    validate_other_name(" ".join(words), first=name["first_name"],
                                        last=name["last_name"])  # fmt: skip
                except forms.ValidationError as exc:
                    errors.append(exc)
                names.append(name)
        if errors:
            raise forms.ValidationError(errors)
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


class SsnForm(forms.Form):
    """Seed 000 step 7: the caller's SSN, a 9-number they choose, or one generated for them.

    Once a number is recorded, a revisit offers to keep it (shown masked, never in the
    page): saving the step unchanged keeps the very same number, a generated one included.
    `probe` (the view's, for partner staff) is called with each well-formed number typed,
    before it is looked up; what it raises comes out of `is_valid()`.
    """

    REAL, CHOSEN, GENERATE, KEEP = "real", "chosen", "generate", "keep"
    CHOICES = [
        (REAL, "Give their Social Security Number"),
        (GENERATE, "Not share it: create a unique number beginning with 9 for them"),
        (CHOSEN, "Use a nine-digit number beginning with 9 of their own choosing"),
    ]
    choice = forms.ChoiceField(
        label="What does the caller want to do?",
        widget=forms.RadioSelect,
        choices=CHOICES,
        error_messages={"required": "Choose what the caller wants to do."},
    )
    ssn = forms.CharField(
        label="Social Security Number or number beginning with 9", required=False, max_length=20,
        help_text="Nine digits, for example 123-45-6789.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )  # fmt: skip

    def __init__(self, *args: object, call: RegistrationCall, probe: Probe | None = None,
                 **kwargs: object) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.call, self.probe = call, probe
        self.real_tried = ""  # the nine digits of a real SSN found in use, if any
        keep = None
        if call.draft_ssn_index:
            kind = ("a number made up for the caller" if call.draft.get("ssn_generated")
                    else "a number the caller chose" if call.draft.get("ssn_pseudo")
                    else "the caller's SSN")  # fmt: skip
            keep = f"Keep the number already recorded: ***-**-{call.draft['ssn_last4']} ({kind})"
        elif call.draft_ssn and call.draft.get("ssn_clash_last4"):  # back from the search
            keep = (f"Check the SSN typed before again: ***-**-{call.draft['ssn_clash_last4']} "
                    "(it had an account)")  # fmt: skip
        if keep:
            self.fields["choice"].choices = [(self.KEEP, keep), *self.CHOICES]
            self.fields["choice"].initial = self.KEEP

    def clean(self) -> dict:
        data = super().clean()
        choice, typed = data.get("choice"), (data.get("ssn") or "").strip()
        if choice == self.KEEP and self.call.draft_ssn_index:
            return data  # the number recorded stays as it is
        if choice == self.KEEP:  # the SSN that had an account, checked again
            choice, typed = self.REAL, self.call.draft_ssn or ""
        try:
            if choice == self.REAL:
                data["digits"], data["pseudo"] = (
                    real_ssn_clean(typed, call=self.call, probe=self.probe),
                    False,
                )
            elif choice == self.CHOSEN:
                data["digits"], data["pseudo"] = (
                    pseudo_ssn_clean(typed, call=self.call, probe=self.probe),
                    True,
                )
            elif choice == self.GENERATE:
                data["digits"], data["pseudo"] = pseudo_ssn_generate(call=self.call), True
        except forms.ValidationError as exc:
            if choice == self.REAL and exc.code == "ssn_in_use":
                self.real_tried = ssn_rules.normalize(typed)
            self.add_error("ssn", exc)
        return data


class CredentialsForm(forms.Form):
    """Seed 000 step 7: username, password, secret question and answer the caller chooses.

    The password and the answer are only ever kept hashed, so a revisit cannot show them:
    with `recorded` (the username and question already saved) each may be left blank to
    keep the one recorded. A new username needs the password again, to check they differ.
    After an error the password and answer typed stay in their fields (render_value),
    unless they are what is wrong; they are never put in the session or the draft.
    """

    CUSTOM = "custom"
    username = forms.CharField(
        max_length=150, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    password = forms.CharField(
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=True),
    )
    secret_question = forms.ChoiceField(label="Secret question")
    custom_question = forms.CharField(
        label="The caller's own secret question", required=False, max_length=200,
        help_text="Only when they chose to write their own.",
    )  # fmt: skip
    secret_answer = forms.CharField(
        max_length=200, strip=False, help_text="Capitals and spaces around it do not matter.",
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}, render_value=True),
    )  # fmt: skip

    def __init__(self, *args: object, recorded: dict | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.recorded = recorded
        required = {
            "username": "Enter the username the caller chose.",
            "password": "Enter the password the caller chose.",
            "secret_question": "Choose a secret question, or let the caller write their own.",
            "secret_answer": "Enter the caller's secret answer.",
        }
        for name, message in required.items():
            self.fields[name].error_messages["required"] = message
        self.fields["password"].help_text = seeker_password_policy().help_text()
        self.fields["secret_question"].choices = [
            ("", "- Select -"), *((q, q) for q in SECRET_QUESTIONS),
            (self.CUSTOM, "The caller writes their own question"),
        ]  # fmt: skip
        if recorded:
            for name, what in (("password", "password"), ("secret_answer", "secret answer")):
                self.fields[name].required = False
                keep = f"Leave it blank to keep the {what} already recorded."
                self.fields[name].help_text = f"{self.fields[name].help_text} {keep}".strip()

    @classmethod
    def initial_from_draft(cls, draft: dict) -> dict:
        """The username and question saved on the call, as the form shows them."""
        question = draft.get("secret_question", "")
        if question and question not in SECRET_QUESTIONS:
            return {"username": draft.get("username", ""), "secret_question": cls.CUSTOM,
                    "custom_question": question}  # fmt: skip
        return {"username": draft.get("username", ""), "secret_question": question}

    def clean_username(self) -> str:
        username = validate_username(self.cleaned_data["username"])
        if username_taken(username):
            raise forms.ValidationError("That username is taken; ask the caller for another.")
        return username

    def clean_secret_answer(self) -> str:
        typed = self.cleaned_data["secret_answer"]
        if not typed and self.recorded:
            return ""  # keep the answer already recorded
        return validate_secret_answer(typed)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("password"):  # its rules hold whatever is wrong with the username
            try:
                validate_password(data["password"], username=self.data.get("username", ""))
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        elif (
            self.recorded
            and "password" in data
            and "username" in data
            and (data["username"].casefold() != self.recorded["username"].casefold())
        ):
            self.add_error("password", "The username changed: enter the password again, so "
                           "it can be checked against the new username.")  # fmt: skip
        if data.get("secret_question") == self.CUSTOM:
            try:
                data["secret_question"] = validate_secret_question(data.get("custom_question", ""))
            except forms.ValidationError as exc:
                self.add_error("custom_question", exc)
        for name in ("password", "secret_answer"):  # a refused one is not shown back
            self.fields[name].widget.render_value = name not in self.errors
        return data


class DemographicsForm(forms.ModelForm):
    """The reporting questions (seed 000's notice, seed 001): every one must be asked, and
    "Prefers not to answer" is always an answer. With staff_only=False (self-service, later)
    the staff-only questions are left out."""

    class Meta:
        model = Demographics
        fields = [*DEMOGRAPHICS_QUESTIONS, *DEMOGRAPHICS_STAFF_ONLY]

    races = forms.MultipleChoiceField(
        label="Race (choose every one that applies)",
        choices=Race.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one race, or “Prefers not to answer”."},
    )

    def __init__(self, *args: object, staff_only: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if not staff_only:
            for name in DEMOGRAPHICS_STAFF_ONLY:
                del self.fields[name]
        for name, field in self.fields.items():
            field.required = True
            if name != "races":
                field.widget = forms.RadioSelect(choices=field.choices[1:])  # no "---------"
                field.choices = field.choices[1:]
                label = str(field.label)
                field.error_messages["required"] = (
                    f"Record the caller's answer for “{label[:1].upper()}{label[1:]}”, "
                    "or “Prefers not to answer”."
                )
        self._script_lines()

    def _script_lines(self) -> None:
        """issue 12: each question's scripted line, what staff read aloud, under its name.
        In the race list "Prefers not to answer" comes first (Tab, then Space); in every
        radio group it is the last answer, one Up arrow from the first."""
        for name, field in self.fields.items():
            field.help_text = DEMOGRAPHICS_SCRIPT.get(name, "")
        races = self.fields["races"]
        declined = [c for c in races.choices if c[0] == Race.DECLINED]
        races.choices = declined + [c for c in races.choices if c[0] != Race.DECLINED]

    def question_groups(self) -> list[dict[str, object]]:
        """The questions as the page groups them (DEMOGRAPHICS_GROUPS), as bound fields."""
        return [
            {"title": title, "fields": [self[name] for name in names if name in self.fields]}
            for title, names in DEMOGRAPHICS_GROUPS
        ]

    def clean_races(self) -> list[str]:
        races = self.cleaned_data["races"]
        if Race.DECLINED in races and len(races) > 1:
            raise forms.ValidationError("Choose races, or “Prefers not to answer”, not both.")
        return races
