"""Reports for supervisors and the state office: quarterly services, staff credit, PIRL export."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.forms import Form
from django.http import HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_GET

from reports import selectors
from reports.forms import PirlExportForm, QuarterlyReportForm, StaffCreditForm
from workforce.constants import ROLES_READING_AUDIT
from workforce.permissions import role_required


@require_GET
@role_required(*ROLES_READING_AUDIT)
def reports_index(request: HttpRequest) -> HttpResponse:
    """The list of reports."""
    return render(request, "reports/index.html")


@require_GET
@role_required(*ROLES_READING_AUDIT)
def quarterly(request: HttpRequest) -> HttpResponse:
    """Participants served, new, exiters and services of a program-year quarter; CSV too."""
    form = QuarterlyReportForm.from_query(request.GET)
    if not form.is_valid():
        return render(request, "reports/quarterly.html", {"form": form}, status=400)
    try:
        report = selectors.quarterly_report(
            user=request.user,
            quarter=form.cleaned_data["chosen"],
            office=form.cleaned_data["office"],
        )
    except (selectors.ReportBusy, selectors.ReportTooSlow) as error:
        return _not_run(request, "reports/quarterly.html", form, error)
    if request.GET.get("format") == "csv":
        name = f"services-{report.quarter.year}-q{report.quarter.number}"
        name += f"-office-{report.office.pk}" if report.office else ""
        return _csv_download(f"{name}.csv", quarterly_csv_rows(report))
    context = {"form": form, "report": report, "csv_query": _csv_query(form)}
    return render(request, "reports/quarterly.html", context)


@require_GET
@role_required(*ROLES_READING_AUDIT)
def staff_credit(request: HttpRequest) -> HttpResponse:
    """Services credited per staff member, office and month; CSV too."""
    form = StaffCreditForm.from_query(request.GET)
    if not form.is_valid():
        return render(request, "reports/staff_credit.html", {"form": form}, status=400)
    data = form.cleaned_data
    try:
        rows = selectors.staff_credit_report(
            user=request.user, start=data["start"], end=data["end"], office=data["office"]
        )
    except (selectors.ReportBusy, selectors.ReportTooSlow) as error:
        return _not_run(request, "reports/staff_credit.html", form, error)
    if request.GET.get("format") == "csv":
        name = f"staff-credit-{data['start']:%Y-%m}-to-{data['end']:%Y-%m}.csv"
        return _csv_download(name, staff_credit_csv_rows(rows))
    totals = {key: sum(row[key] for row in rows) for key in ("services", "participation_services")}
    context = {"form": form, "rows": rows, "totals": totals, "csv_query": _csv_query(form)}
    return render(request, "reports/staff_credit.html", context)


@require_GET
@role_required(*ROLES_READING_AUDIT)
def pirl_export(request: HttpRequest) -> HttpResponse:
    """The form, or (with a valid range) the PIRL 900/901 CSV, streamed row by row."""
    if not any(name in request.GET for name in PirlExportForm.FIELDS):
        form = PirlExportForm(initial=PirlExportForm.initial_range())
        return render(request, "reports/pirl.html", {"form": form})
    form = PirlExportForm(request.GET)
    if not form.is_valid():
        return render(request, "reports/pirl.html", {"form": form}, status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    rows = selectors.pirl_rows(user=request.user, start=start, end=end)
    try:
        # The query runs (and is sorted) at the first row, so a busy user or a timeout gets
        # the form with a message, not a cut-off download.
        first = list(itertools.islice(rows, 1))
    except (selectors.ReportBusy, selectors.ReportTooSlow) as error:
        return _not_run(request, "reports/pirl.html", form, error)
    response = StreamingHttpResponse(
        _pirl_lines(first, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="pirl-900-901-{start:%Y%m%d}-{end:%Y%m%d}.csv"'
    )
    return response


def _pirl_lines(first: list, rows: Iterator) -> Iterator[str]:
    """The export's lines; closing them (the WSGI server does, at the end or on a broken
    connection) closes the rows, which ends their report transaction and its lock."""
    try:
        yield from _csv_lines([selectors.PIRL_HEADER], itertools.chain(first, rows))
    finally:
        rows.close()


def _not_run(request: HttpRequest, template: str, form: Form, error: Exception) -> HttpResponse:
    """The form again, saying why the report did not run: 429 while another of the user's
    reports runs, 503 when PostgreSQL cancelled it for taking too long."""
    if isinstance(error, selectors.ReportBusy):
        form.add_error(None, "Another report or export of yours is still running. "
                             "Wait for it to finish, then try again.")  # fmt: skip
        return render(request, template, {"form": form}, status=429)
    minutes = max(1, round(settings.REPORT_STATEMENT_SECONDS / 60))
    form.add_error(None, f"The report took longer than {minutes} minute{pluralize(minutes)} "
                         "and was stopped. Choose a shorter period or one office, "
                         "or try again when fewer people are working.")  # fmt: skip
    return render(request, template, {"form": form}, status=503)


# --- CSV -------------------------------------------------------------------------------


def quarterly_csv_rows(report: selectors.QuarterlyReport) -> list[list[object]]:
    """The quarterly figures as the page shows them: a heading row above each table."""
    office = report.office.name if report.office else "All offices"
    rows: list[list[object]] = [
        ["Quarterly services report", str(report.quarter)],
        ["From", report.quarter.start.isoformat()],
        ["To", report.quarter.end.isoformat()],
        ["Office", office],
        ["Report date", report.today.isoformat()],
        [],
        ["Participants", "People"],
        ["Participants served", report.served],
        ["New participants", report.new],
        ["Exiters", report.exiters],
        [],
        ["Service", "Counts toward participation", "Services"],
    ]
    for row in report.by_service:
        rows.append([row["service"], "Yes" if row["participation"] else "No", row["services"]])
    rows += [[], ["Office", "Services", "Participation services"]]
    for row in report.by_office:
        rows.append(
            [row["office"] or "No office recorded", row["services"], row["participation_services"]]
        )
    rows.append(["Total", report.total_services, report.total_participation_services])
    return rows


def staff_credit_csv_rows(rows: list[dict]) -> list[list[object]]:
    header = ["Staff member", "Username", "Office", "Month", "Services", "Participation services"]
    return [header] + [
        [
            f"{row['first_name']} {row['last_name']}".strip() or row["username"],
            row["username"],
            row["office"] or "No office recorded",
            f"{row['month']:%Y-%m}",
            row["services"],
            row["participation_services"],
        ]
        for row in rows
    ]


class _Line:
    """A file-like object whose write returns the line, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def _safe(value: object) -> object:
    """Text a spreadsheet would run as a formula (=, +, -, @) is quoted with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _csv_lines(*parts: Iterable[Iterable[object]]) -> Iterator[str]:
    writer = csv.writer(_Line())
    for rows in parts:
        for row in rows:
            yield writer.writerow([_safe(value) for value in row])


def _csv_download(filename: str, rows: list[list[object]]) -> HttpResponse:
    response = HttpResponse("".join(_csv_lines(rows)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv_query(form: QuarterlyReportForm | StaffCreditForm) -> str:
    """The query string of the CSV download: the same choices, format=csv."""
    query = QueryDict(mutable=True)
    for name in form.FIELDS:
        query[name] = form.data.get(name, "")
    query["format"] = "csv"
    return query.urlencode()
