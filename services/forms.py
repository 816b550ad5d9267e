"""Forms of the services app's catalog and manual entry; they validate and normalise, never save."""

from __future__ import annotations

import datetime
import uuid

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from services.constants import FORM_EXPIRED, FORM_TOKEN
from services.models import ServiceType
from workforce.constants import Role
from workforce.models import User

DATE_FORMATS = ["%Y-%m-%d", "%m/%d/%Y", "%m-%d-%Y"]


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


class ServiceRecordForm(forms.Form):
    """Options → Seeker Services: which service, when, who gets credit, and a note.

    `service_type` accepts any catalog entry so that `services.services.service_record`
    decides, and explains, why one may not be recorded (a forbidden entry is a 403 there);
    the page offers only the entries the user may record (`entries`).
    """

    service_type = forms.ModelChoiceField(
        queryset=ServiceType.objects.all(),
        label="Service",
        error_messages={
            "required": "Choose the service you gave.",
            "invalid_choice": "Choose one of the services listed.",
        },
    )
    service_date = forms.DateField(
        label="Date of service",
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Enter the date of service.",
            "invalid": "Enter the date of service as mm/dd/yyyy.",
        },
    )
    credited_staff = StaffChoiceField(
        queryset=User.objects.none(),
        label="Staff member credited",
        help_text="You, unless you record it for a colleague who gave the service.",
        empty_label=None,
        error_messages={"invalid_choice": "Choose a staff member from the list."},
    )
    note = forms.CharField(
        label="Service note",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you did. Required for some services, such as Job Development.",
    )
    # Shown only when a DVOP-only entry is listed and the seeker is not recorded as a
    # veteran; services.services checks again whatever the page showed.
    veteran_confirmed = forms.BooleanField(
        label="The seeker is a veteran or eligible person: record it anyway", required=False
    )
    # One per page shown (services.services): a double-submitted form records once. A post
    # without one, or with a damaged one, is refused (FORM_EXPIRED above the form).
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: object, entries: QuerySet[ServiceType], staff: QuerySet[User],
                 backdate_days: int, seeker_is_veteran: bool = True,
                 **kwargs: object) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.entries = list(entries)
        # Ask only when it matters: a DVOP-only entry listed, a seeker not recorded a veteran.
        self.asks_veteran = not seeker_is_veteran and any(e.is_dvop_only for e in self.entries)
        self.fields["credited_staff"].queryset = staff
        today, days = timezone.localdate(), max(0, backdate_days)
        earliest = today - datetime.timedelta(days=days)
        self.fields["service_date"].widget.attrs.update(
            {"max": today.isoformat(), "min": earliest.isoformat()}
        )
        self.fields[
            "service_date"
        ].help_text = f"Today, or up to {days} days back (not before {earliest:%m/%d/%Y})."

    def clean(self) -> dict:
        cleaned = super().clean()
        if not FORM_TOKEN.match(cleaned.get("form_token") or ""):
            self.add_error(None, FORM_EXPIRED)
            # The page shown again must carry a token its next post can use.
            self.data = self.data.copy()
            self.data["form_token"] = uuid.uuid4().hex
        return cleaned

    def entry_choices(self) -> list[dict]:
        """The radio list: each entry with its id, whether it is chosen, and its hint."""
        chosen = str(self["service_type"].value() or "")
        return [
            {"entry": entry, "id": f"id_service_type_{n}", "checked": str(entry.pk) == chosen}
            for n, entry in enumerate(self.entries)
        ]


class ServiceTypeAdminForm(forms.ModelForm):
    """The catalog entry in the admin: roles as checkboxes rather than a comma-separated list."""

    roles_allowed = forms.TypedMultipleChoiceField(
        choices=[(r.value, r.label) for r in Role if r != Role.ADMINISTRATOR],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Roles that may record it by hand; none ticked means every staff role.",
    )

    class Meta:
        model = ServiceType
        fields = ["name", "description", "capture_mode", "countable", "federal_category",
                  "roles_allowed", "designated_staff_only", "designated_staff", "note_required",
                  "credit_rule", "trigger_event", "workshop_category", "state_office_only",
                  "active"]  # fmt: skip
