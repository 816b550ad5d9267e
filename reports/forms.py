"""The filters of the reports: they validate and normalise the query string, nothing more."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.http import QueryDict
from django.utils import timezone

from reports.selectors import Quarter, month_add, quarter_latest_complete
from workforce.models import Office

FIRST_PROGRAM_YEAR = 2000  # WIOA's predecessor (WIA) reporting began in PY2000
MAX_CREDIT_MONTHS = 24
MAX_PIRL_DAYS = 3 * 366


def _bound_data(params: QueryDict, fields: list[str], defaults: dict[str, str]) -> dict:
    """The query string's values for these fields, or the defaults when none is given."""
    if any(name in params for name in fields):
        return {name: params.get(name, "") for name in fields}
    return defaults


class QuarterlyReportForm(forms.Form):
    """Program year and quarter (the latest complete one by default), and an optional office."""

    year = forms.IntegerField(
        label="Program year",
        help_text="PY2026 runs from July 1, 2026 to June 30, 2027.",
        min_value=FIRST_PROGRAM_YEAR,
        max_value=9998,  # a date's year stops at 9999
        error_messages={"required": "Enter a program year, such as 2026."},
    )
    quarter = forms.TypedChoiceField(
        label="Quarter",
        coerce=int,
        choices=[(n, f"Q{n}: {months}") for n, months in Quarter.MONTHS.items()],
        error_messages={"required": "Choose a quarter.", "invalid_choice": "Choose Q1 to Q4."},
    )
    office = forms.ModelChoiceField(
        queryset=Office.objects.order_by("name"), required=False, empty_label="All offices"
    )

    FIELDS = ["year", "quarter", "office"]

    @classmethod
    def from_query(cls, params: QueryDict) -> QuarterlyReportForm:
        latest = quarter_latest_complete(today=timezone.localdate())
        defaults = {"year": str(latest.year), "quarter": str(latest.number), "office": ""}
        return cls(data=_bound_data(params, cls.FIELDS, defaults))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("year") and data.get("quarter"):
            chosen = Quarter(data["year"], data["quarter"])
            if chosen.start > timezone.localdate():
                self.add_error(
                    "quarter",
                    f"{chosen} has not started yet: it begins {chosen.start:%m/%d/%Y}. "
                    "Choose a quarter that has started.",
                )
            data["chosen"] = chosen
        return data


class MonthField(forms.CharField):
    """A month as the browser's month picker posts it (YYYY-MM); cleans to its first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"})

    def to_python(self, value: str | None) -> datetime.date | None:
        value = super().to_python(value)
        if not value:
            return None
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", value.strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise forms.ValidationError("Enter a month as YYYY-MM, such as 2026-07.")
        return datetime.date(int(match.group(1)), int(match.group(2)), 1)


class StaffCreditForm(forms.Form):
    """First and last month (the last twelve months by default), and an optional office."""

    start = MonthField(label="From month", error_messages={"required": "Enter the first month."})
    end = MonthField(label="To month", error_messages={"required": "Enter the last month."})
    office = forms.ModelChoiceField(
        queryset=Office.objects.order_by("name"), required=False, empty_label="All offices"
    )

    FIELDS = ["start", "end", "office"]

    @classmethod
    def from_query(cls, params: QueryDict) -> StaffCreditForm:
        this_month = timezone.localdate().replace(day=1)
        first = month_add(this_month, -11)
        defaults = {"start": f"{first:%Y-%m}", "end": f"{this_month:%Y-%m}", "office": ""}
        return cls(data=_bound_data(params, cls.FIELDS, defaults))

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            months = (end.year - start.year) * 12 + end.month - start.month + 1
            if months < 1:
                self.add_error("end", "The last month must be the first month or later.")
            elif months > MAX_CREDIT_MONTHS:
                self.add_error("end", f"Choose {MAX_CREDIT_MONTHS} months or fewer.")
        return data


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PirlExportForm(forms.Form):
    """The date range of a PIRL 900/901 export: periods overlapping it are exported."""

    start = forms.DateField(
        label="From", widget=DATE_INPUT, error_messages={"required": "Enter the first date."}
    )
    end = forms.DateField(
        label="To", widget=DATE_INPUT, error_messages={"required": "Enter the last date."}
    )

    FIELDS = ["start", "end"]

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "The last date must be on or after the first date.")
        elif start and end and (end - start).days >= MAX_PIRL_DAYS:
            self.add_error("end", "Choose a range of three years or less.")
        return data

    @staticmethod
    def initial_range() -> dict[str, datetime.date]:
        latest = quarter_latest_complete(today=timezone.localdate())
        return {"start": latest.start, "end": latest.end}
