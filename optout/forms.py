"""Forms of the partner side of the opt-out: the Opt-Out Lookup and the opt-in request.

They validate and normalise; the views hand `cleaned_data` to optout.services.
"""

from __future__ import annotations

import re

from django import forms

from seekers import ssn as ssn_rules
from workforce.phones import us_phone_clean


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


# Nine digits in the shape of an SSN (3-2-4, with dashes, spaces, dots or nothing between):
# the request is stored and emailed in plain text, so a number like this is refused.
SSN_SHAPED = re.compile(r"(?<!\d)\d{3}[\s.-]*\d{2}[\s.-]*\d{4}(?!\d)")


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

    def clean_client_name(self) -> str:
        name = " ".join(self.cleaned_data["client_name"].split())
        if not name:
            raise forms.ValidationError("Enter the client's name.")
        if SSN_SHAPED.search(name) or any(c.isdigit() for c in name):
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
        if SSN_SHAPED.search(reason):
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
