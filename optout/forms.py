"""Forms of the opt-out: the partner side's Opt-Out Lookup and opt-in request, the
supervisor's decision, and the seeker's consent (the data-sharing form of Case Details).

They validate and normalise; the views hand `cleaned_data` to optout.services.
"""

from __future__ import annotations

from django import forms

from optout.constants import ConsentChannel
from seekers import ssn as ssn_rules
from workforce.phones import us_phone_clean
from workforce.ssn_text import ssn_in_text


class NoEchoTextInput(forms.TextInput):
    """A text box that never writes its value back into the page: an SSN typed for a
    lookup must not come back in the HTML (history, caches, screenshots)."""

    def format_value(self, value: object) -> None:
        return None


class LookupForm(forms.Form):
    """Seed 002 step 3b: "Enter client SSN"."""

    ssn = forms.CharField(
        label="Client's Social Security Number", max_length=20,
        help_text="Nine digits, for example 123-45-6789.",
        error_messages={"required": "Enter the client's Social Security Number."},
        widget=NoEchoTextInput(attrs={"autocomplete": "off", "inputmode": "numeric",
                                      "spellcheck": "false"}),
    )  # fmt: skip

    def clean_ssn(self) -> str:
        """The nine digits (a number beginning with 9 is looked up too: seeker pseudo-SSNs)."""
        return ssn_rules.normalize(self.cleaned_data["ssn"])


class OptInRequestForm(forms.Form):
    """Seed 002 step 4: "Include client name, phone number, and a brief reason"."""

    client_name = forms.CharField(
        label="Client's name", max_length=200,
        error_messages={"required": "Enter the client's name."},
    )  # fmt: skip
    client_phone = forms.CharField(
        label="Client's phone number", max_length=30, help_text="For example 360-555-0100.",
        error_messages={"required": "Enter a phone number the supervisor can call."},
    )  # fmt: skip
    reason = forms.CharField(
        label="Why the client wants to opt in", max_length=1000,
        help_text="A brief reason, for example: wants to enroll in WIOA Adult with our office.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give a brief reason the client would like to opt in."},
    )  # fmt: skip

    # The request is stored and emailed in plain text, so a number the search would read as
    # an SSN (workforce.ssn_text: 3-2-4, with dashes, spaces, dots or nothing between) is refused.
    def clean_client_name(self) -> str:
        name = " ".join(self.cleaned_data["client_name"].split())
        if not name:
            raise forms.ValidationError("Enter the client's name.")
        if ssn_in_text(name) or any(c.isdigit() for c in name):
            self._forget("client_name")
            raise forms.ValidationError(
                "Enter only the client's name, without numbers: never a Social Security Number."
            )
        return name

    def clean_client_phone(self) -> str:
        return us_phone_clean(self.cleaned_data["client_phone"], example="360-555-0100")

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Give a brief reason the client would like to opt in.")
        if ssn_in_text(reason):
            self._forget("reason")
            raise forms.ValidationError(
                "Leave the Social Security Number out: the supervisor finds the client "
                "from your lookup."
            )
        return reason

    def _forget(self, name: str) -> None:
        """The page shown again must not write the refused number back into the box."""
        self.data = self.data.copy()
        self.data[name] = ""


# --- the state side --------------------------------------------------------------------

# Staff record what the client asked for; the self-service channel is the seeker's own.
STAFF_CHANNELS = [(c.value, c.label) for c in ConsentChannel if c != ConsentChannel.SELF_SERVICE]
DECIDE_OPT_IN = "opt_in"
DECIDE_REMAIN = "remain"


def _reason_field(label: str, help_text: str, required_message: str) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=2000, help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": required_message,
                        "max_length": "Keep it under 2,000 characters."},
    )  # fmt: skip


def _channel_field(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=STAFF_CHANNELS, initial=ConsentChannel.PHONE,
        error_messages={"required": "Choose how the client asked.",
                        "invalid_choice": "Choose one of the ways listed."},
    )  # fmt: skip


class DecisionForm(forms.Form):
    """Seed 002, supervisor steps a-h: the client opts in, or remains opted out."""

    decision = forms.ChoiceField(
        label="What did the client decide?",
        choices=[
            (DECIDE_OPT_IN, "Client agrees: opt them in"),
            (DECIDE_REMAIN, "Client remains opted out (offered work with state-agency staff)"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the client decided.",
                        "invalid_choice": "Choose one of the two outcomes."},
    )  # fmt: skip
    note = _reason_field(
        "Note", "What the client said; the partner staff member reads it.",
        "Write what the client said.",
    )  # fmt: skip
    channel = _channel_field("How the client told you")

    def clean_note(self) -> str:
        note = " ".join(self.cleaned_data["note"].split())
        if not note:
            raise forms.ValidationError("Write what the client said.")
        return note

    @property
    def opt_in(self) -> bool:
        return self.cleaned_data["decision"] == DECIDE_OPT_IN


class ConsentForm(forms.Form):
    """State staff change a client's data-sharing choice at the client's request.

    `opted_out` is the choice asked for; it comes from the page, so a stale page (someone
    changed it meanwhile) is refused by the service rather than flipping it back.
    """

    opted_out = forms.TypedChoiceField(
        choices=[("1", "Opt out"), ("0", "Opt in")], coerce=lambda v: v == "1",
        widget=forms.HiddenInput,
        error_messages={"required": "Reload the page and try again.",
                        "invalid_choice": "Reload the page and try again."},
    )  # fmt: skip
    agrees = forms.BooleanField(
        label="Opt-Out: the client no longer opts out; they agree to share their data with "
        "partner organizations",
        required=False,
    )
    channel = _channel_field("How the client asked")
    reason = _reason_field(
        "Reason", "In the client's words, as far as you can.", "Give the reason the client gave."
    )

    def __init__(self, *args: object, opted_out: bool, **kwargs: object) -> None:
        kwargs.setdefault("prefix", "consent")
        super().__init__(*args, **kwargs)
        self.fields["opted_out"].initial = "1" if opted_out else "0"
        if opted_out:
            del self.fields["agrees"]
        else:
            self.fields["agrees"].required = True
            self.fields["agrees"].error_messages["required"] = (
                "Tick the box to confirm the client agrees to opt in."
            )

    def clean_reason(self) -> str:
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise forms.ValidationError("Give the reason the client gave.")
        return reason
