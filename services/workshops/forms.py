"""Forms of the workshop pages; they validate and normalise, services.workshops.services writes."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from seekers.models import JobSeeker
from services.constants import WorkshopCategory
from services.models import Workshop, WorkshopResult
from workforce.models import Office, User
from workforce.urlids import id_typed_decode

DATE_FORMATS = ["%m/%d/%Y", "%Y-%m-%d", "%m-%d-%Y"]
TIME_FORMATS = ["%I:%M %p", "%I:%M%p", "%I %p", "%I%p", "%H:%M"]
MAX_SEATS = 500
# Workshops are planned months ahead at most; a year catches a mistyped year.
MAX_DAYS_AHEAD = 366


class WorkshopForm(forms.Form):
    """A new workshop: date and time are separate fields, each with its own label."""

    title = forms.CharField(max_length=200)
    category = forms.ChoiceField(
        choices=[("", "- Select -"), *WorkshopCategory.choices],
        help_text="Attending records this category's workshop service.",
    )
    office = forms.ModelChoiceField(queryset=Office.objects.none(), empty_label=None)
    date = forms.DateField(input_formats=DATE_FORMATS, help_text="For example 05/14/2025.")
    start_time = forms.TimeField(input_formats=TIME_FORMATS, help_text="For example 9:30 AM.")
    seats = forms.IntegerField(min_value=1, max_value=MAX_SEATS)

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = user.offices.filter(is_active=True)
        self.fields["office"].initial = user.current_office_id

    def clean(self) -> dict:
        data = super().clean()
        day, time = data.get("date"), data.get("start_time")
        if day is None or time is None:
            return data
        starts_at = timezone.make_aware(datetime.datetime.combine(day, time))
        today = timezone.localdate()
        if day < today - datetime.timedelta(days=settings.WORKSHOP_RESULT_DAYS):
            self.add_error(
                "date",
                f"A workshop held more than {settings.WORKSHOP_RESULT_DAYS} days ago can no "
                "longer be resulted; enter a date within that window or in the future.",
            )
        elif day > today + datetime.timedelta(days=MAX_DAYS_AHEAD):
            self.add_error("date", "Enter a date within the next year.")
        data["starts_at"] = starts_at
        return data


class ReferForm(forms.Form):
    """Refer a seeker by the id shown on their page; only seekers the user may see are found."""

    seeker = forms.CharField(
        label="Job seeker id", max_length=20,
        help_text="The code shown as Seeker id on their page, for example 2k7m9x0q4r8ta.",
    )  # fmt: skip

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_seeker(self) -> JobSeeker:
        typed = self.cleaned_data["seeker"].strip()
        # A malformed id, a missing seeker and a hidden one get the same message (seed 002).
        seeker_id = id_typed_decode(typed)
        seeker = JobSeeker.objects.visible_to(self.user).filter(pk=seeker_id).first()
        if seeker_id is None or seeker is None:
            raise forms.ValidationError(f"No job seeker has the id {typed}.")
        return seeker


class ResultForm(forms.Form):
    result = forms.ChoiceField(
        choices=[(WorkshopResult.ATTENDED, "Attended"), (WorkshopResult.NO_SHOW, "No-show")],
        error_messages={"required": "Choose attended or no-show.",
                        "invalid_choice": "Choose attended or no-show."},
    )  # fmt: skip


class SeekerReferForm(forms.Form):
    """From the seeker's page: one of the current office's upcoming workshops with a seat."""

    workshop = forms.ModelChoiceField(
        queryset=Workshop.objects.none(), widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Choose a workshop.",
                        "invalid_choice": "That workshop is no longer open for referrals."},
    )  # fmt: skip

    def __init__(self, *args: object, workshops: QuerySet, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = workshops
        self.fields["workshop"].label_from_instance = lambda w: (
            f"{w.title} — {timezone.localtime(w.starts_at):%m/%d/%Y %H:%M}, "
            f"{w.get_category_display()}, {w.seats - w.seats_taken} of {w.seats} seats left"
        )
