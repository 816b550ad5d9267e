"""Forms of the core: sign-in and the office switcher."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    """Django's sign-in form with the labels staff expect and autocomplete hints."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class OfficeSwitchForm(forms.Form):
    office = forms.TypedChoiceField(label="Current office", coerce=int)

    def __init__(self, *args: object, offices: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].choices = [(office.pk, office.name) for office in offices]
