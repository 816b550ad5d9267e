"""Forms of the state side of the opt-out: the supervisor's decision and the seeker's consent.

They validate and normalise; the views hand `cleaned_data` to optout.services.
"""

from __future__ import annotations

from django import forms

from optout.constants import ConsentChannel

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
