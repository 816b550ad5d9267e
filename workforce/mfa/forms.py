"""Forms of MFA: a code (sign-in's second step, enrolment) and "Confirm it's you"."""

from __future__ import annotations

from django import forms

CODE_HELP = "The 6-digit code your authenticator app shows now, or one of your backup codes."


class CodeForm(forms.Form):
    """One code: from the authenticator app, or (unless `totp_only`) a backup code."""

    code = forms.CharField(label="Code", max_length=40, help_text=CODE_HELP)

    def __init__(self, *args: object, totp_only: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        attrs = {"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "off"}
        if totp_only:
            self.fields["code"].help_text = "The 6-digit code your authenticator app shows now."
            attrs["inputmode"] = "numeric"
        self.fields["code"].widget.attrs.update(attrs)


class ConfirmIdentityForm(forms.Form):
    """The step-up: the password again, and a code when the user has a device."""

    password = forms.CharField(
        label="Your password", strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )  # fmt: skip
    code = forms.CharField(label="Code", max_length=40, help_text=CODE_HELP)

    def __init__(self, *args: object, with_code: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if with_code:
            self.fields["code"].widget.attrs.update(
                {"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "off"}
            )
        else:
            del self.fields["code"]
