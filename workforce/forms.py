"""Forms of the core: sign-in, password change, office switch; the one way to show a refusal."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError


class SignInForm(AuthenticationForm):
    """Django's sign-in form with the labels staff expect and autocomplete hints."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class StaffPasswordChangeForm(PasswordChangeForm):
    """Django's change-password form: current password, then the new one twice."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["new_password2"].label = "New password again"
        self.fields["new_password1"].widget.attrs.update({"autocomplete": "new-password"})
        self.fields["new_password2"].widget.attrs.update({"autocomplete": "new-password"})

    def validate_password_for_user(self, user: object, password_field_name: str = "") -> None:
        """The staff policy's refusal goes beside the new password, not the repeat of it."""
        super().validate_password_for_user(user, "new_password1")


class OfficeSwitchForm(forms.Form):
    office = forms.TypedChoiceField(label="Current office", coerce=int)

    def __init__(self, *args: object, offices: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].choices = [(office.pk, office.name) for office in offices]


def form_service_errors_add(
    form: forms.Form, error: ValidationError, *, field_for: Callable[[str], str] = str
) -> None:
    """Put a write function's `ValidationError` on the form that was submitted.

    A message about a field the form has goes beside that field (`field_for` maps the
    service's key to the form's field name); anything else goes at the top of the form,
    so a refusal is never lost and never raises because the form lacks a field.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for key, messages in error.message_dict.items():
        name = field_for(key)
        form.add_error(name if name in form.fields else None, messages)
