"""The call-outcomes page: calls by day, office and staff member, and how each ended."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from registration.constants import CallOutcome
from registration.outcomes import selectors
from registration.outcomes.forms import OutcomesFilterForm
from workforce.constants import ROLES_READING_AUDIT
from workforce.permissions import role_required

# Short column headings; the full outcome names are in each heading's title for screen readers.
OUTCOME_COLUMNS = [
    ("In progress", CallOutcome.IN_PROGRESS.label),
    ("Created", CallOutcome.CREATED.label),
    ("Existing", CallOutcome.EXISTING_FOUND.label),
    ("No at a", CallOutcome.DECLINED_A.label),
    ("No at b", CallOutcome.DECLINED_B.label),
    ("No at c", CallOutcome.DECLINED_C.label),
    ("Abandoned", CallOutcome.ABANDONED.label),
]


@require_http_methods(["GET"])
@role_required(*ROLES_READING_AUDIT)
def call_outcomes(request: HttpRequest) -> HttpResponse:
    """Supervisors: calls by day, office and staff member, and how each ended."""
    form = OutcomesFilterForm(request.GET or None, initial=OutcomesFilterForm.default_period())
    rows = (
        selectors.call_outcomes(user=request.user, **form.period())
        if form.is_valid() or not request.GET
        else []
    )
    for row in rows:
        row["counts"] = [row[value] for value in CallOutcome.values]
    totals = [sum(row[key] for row in rows) for key in ["total", *CallOutcome.values]]
    context = {"form": form, "rows": rows, "totals": totals, "outcomes": OUTCOME_COLUMNS}
    return render(
        request, "registration/outcomes/outcomes.html", context, status=400 if form.errors else 200
    )
