"""The period and office of the call-outcomes page."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from workforce.models import Office


class OutcomesFilterForm(forms.Form):
    """The period and office of the call-outcomes page; the last seven days by default."""

    start = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    office = forms.ModelChoiceField(
        queryset=Office.objects.all(), required=False, empty_label="All offices"
    )

    MAX_DAYS = 366

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "The end date must be on or after the start date.")
        elif start and end and (end - start).days > self.MAX_DAYS:
            self.add_error("end", "Choose a period of one year or less.")
        return data

    @staticmethod
    def default_period() -> dict:
        end = timezone.localdate()
        return {"start": end - datetime.timedelta(days=6), "end": end}

    def period(self) -> dict:
        """The chosen period and office, or the default one when nothing (valid) was chosen."""
        data = getattr(self, "cleaned_data", None) or {}
        end = data.get("end") or timezone.localdate()
        start = data.get("start") or end - datetime.timedelta(days=6)
        return {"start": start, "end": end, "office": data.get("office")}
