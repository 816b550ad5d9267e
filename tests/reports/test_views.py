"""The quarterly services and staff-credit report pages and their CSV downloads.

The figures come from the hand-built dataset of conftest.py, read at the fixed report
date TODAY of helpers.py (frozen_today makes it the date of the forms' defaults).
"""

from __future__ import annotations

import csv
import datetime
import io
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import client_for
from tests.factories import JobSeekerFactory, ServiceRecordFactory, UserFactory
from tests.reports.helpers import Q1, TODAY, D
from workforce.constants import Role
from workforce.models import Office, Organization, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> datetime.date:
    """timezone.localdate() answers TODAY (the form's default quarter and the report date)."""
    real = timezone.localdate

    def localdate(value: datetime.datetime | None = None, timezone: object = None) -> object:
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


# --- the page and its CSV ----------------------------------------------------------------


class _Tables(HTMLParser):
    """Every table's body and foot rows, as lists of cell texts, by table id."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self._table = dict(attrs).get("id", "")
            self.tables[self._table] = []
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and self._table is not None and not self._in_head:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_tables(html: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def csv_sections(text: str) -> list[list[list[str]]]:
    """The CSV's blocks, split at its empty rows."""
    sections: list[list[list[str]]] = [[]]
    for row in csv.reader(io.StringIO(text)):
        if row:
            sections[-1].append(row)
        else:
            sections.append([])
    return sections


def test_it_shows_the_default_quarter_to_a_supervisor(
    dataset: dict, frozen_today: D, supervisor_client: Client
) -> None:
    response = supervisor_client.get(reverse("reports:reports-quarterly"))
    assert response.status_code == 200
    assert response.context["report"].quarter == Q1
    tables = html_tables(response.content.decode())
    assert tables["participants"] == [
        ["Participants served", "6"], ["New participants", "4"], ["Exiters", "3"],
    ]  # fmt: skip
    assert "PY2026 Q1: 07/01/2026 to 09/30/2026" in response.content.decode()


def test_the_csv_has_the_same_figures_as_the_page(
    dataset: dict, frozen_today: D, supervisor_client: Client, office: Office,
    other_office: Office,
) -> None:  # fmt: skip
    url = reverse("reports:reports-quarterly")
    page = supervisor_client.get(url, {"year": 2026, "quarter": 1})
    download = supervisor_client.get(url, {"year": 2026, "quarter": 1, "format": "csv"})
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/csv")
    assert download["Content-Disposition"] == 'attachment; filename="services-2026-q1.csv"'
    tables = html_tables(page.content.decode())
    meta, people, by_service, by_office = csv_sections(download.content.decode())
    assert meta[0] == ["Quarterly services report", "PY2026 Q1"]
    assert people[1:] == tables["participants"]
    assert by_service[1:] == tables["by-service"][:-1]  # the page's last row is its total
    assert tables["by-service"][-1] == ["Total", "8"]
    assert by_office[1:] == tables["by-office"]
    assert by_office[1:] == [
        [office.name, "4", "4"], [other_office.name, "3", "2"], ["No office recorded", "1", "0"],
        ["Total", "8", "6"],
    ]  # fmt: skip


def test_the_csv_of_one_office_is_named_after_it(
    dataset: dict, frozen_today: D, supervisor_client: Client, office: Office
) -> None:
    download = supervisor_client.get(
        reverse("reports:reports-quarterly"),
        {"year": 2026, "quarter": 1, "office": office.pk, "format": "csv"},
    )
    assert f'filename="services-2026-q1-office-{office.pk}.csv"' in download["Content-Disposition"]
    assert ["Participants served", "3"] in csv_sections(download.content.decode())[1]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"year": "2026", "quarter": "5"}, "quarter", "Choose Q1 to Q4."),
        ({"year": "twenty", "quarter": "1"}, "year", "Enter a whole number."),
        ({"year": "1999", "quarter": "1"}, "year", "greater than or equal to 2000"),
        ({"year": "", "quarter": "1"}, "year", "Enter a program year, such as 2026."),
        ({"year": "2026", "quarter": "3"}, "quarter", "PY2026 Q3 has not started yet"),
        ({"year": "2026", "quarter": "1", "office": "999999"}, "office", "valid choice"),
    ],
)
def test_a_bad_quarter_or_year_is_refused_with_a_message_beside_the_field(
    frozen_today: D, supervisor_client: Client, params: dict, field: str, message: str
) -> None:
    for extra in ({}, {"format": "csv"}):
        response = supervisor_client.get(reverse("reports:reports-quarterly"), params | extra)
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/html")
        form = response.context["form"]
        assert any(message in error for error in form.errors[field])
        html = response.content.decode()
        assert f'id="div_id_{field}" class="usa-form-group usa-form-group--error' in html
        assert 'id="participants"' not in html


@pytest.mark.parametrize("name", ["reports", "reports-quarterly", "reports-staff-credit",
                                  "reports-pirl"])  # fmt: skip
def test_case_managers_partners_and_dvops_get_403(
    name: str, casemanager: User, partner: User, dvop: User
) -> None:
    for user in (casemanager, partner, dvop):
        assert client_for(user).get(reverse(f"reports:{name}")).status_code == 403


@pytest.mark.parametrize("name", ["reports", "reports-quarterly", "reports-staff-credit",
                                  "reports-pirl"])  # fmt: skip
def test_supervisors_and_administrators_may_read_reports(
    name: str, supervisor: User, admin: User
) -> None:
    for user in (supervisor, admin):
        assert client_for(user).get(reverse(f"reports:{name}")).status_code == 200


@pytest.mark.parametrize("name", ["reports", "reports-quarterly", "reports-staff-credit",
                                  "reports-pirl"])  # fmt: skip
def test_anonymous_visitors_are_sent_to_sign_in(name: str, client: Client) -> None:
    response = client.get(reverse(f"reports:{name}"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_reports_are_read_only(supervisor_client: Client) -> None:
    response = supervisor_client.post(reverse("reports:reports-quarterly"), {"year": 2026})
    assert response.status_code == 405


def test_the_header_links_reports_for_supervisors_only(
    supervisor_client: Client, casemanager_client: Client
) -> None:
    link = f'href="{reverse("reports:reports")}"'
    assert link in supervisor_client.get(reverse("casework:home")).content.decode()
    assert link not in casemanager_client.get(reverse("casework:home")).content.decode()


# --- staff credit ------------------------------------------------------------------------


def test_the_staff_credit_csv_has_the_same_rows_as_the_page(
    dataset: dict, frozen_today: D, supervisor_client: Client
) -> None:
    url = reverse("reports:reports-staff-credit")
    params = {"start": "2026-07", "end": "2026-09"}
    page = supervisor_client.get(url, params)
    download = supervisor_client.get(url, params | {"format": "csv"})
    assert page.status_code == download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0] == [
        "Staff member", "Username", "Office", "Month", "Services", "Participation services",
    ]  # fmt: skip
    html_rows = html_tables(page.content.decode())["staff-credit"]
    assert len(rows) - 1 == len(html_rows) - 1 == 4  # the page also has a total row
    for mine, shown in zip(rows[1:], html_rows, strict=False):
        assert [mine[0], mine[2], mine[4], mine[5]] == [shown[0], shown[1], shown[3], shown[4]]
        assert datetime.datetime.strptime(mine[3], "%Y-%m").strftime("%B %Y") == shown[2]
    assert html_rows[-1] == ["Total", "7", "6"]


def test_the_staff_credit_report_defaults_to_the_last_twelve_months(
    frozen_today: D, supervisor_client: Client
) -> None:
    response = supervisor_client.get(reverse("reports:reports-staff-credit"))
    assert response.status_code == 200
    data = response.context["form"].cleaned_data
    assert (data["start"], data["end"]) == (D(2025, 12, 1), D(2026, 11, 1))


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"start": "2026-13", "end": "2026-12"}, "start", "Enter a month as YYYY-MM"),
        ({"start": "July", "end": "2026-12"}, "start", "Enter a month as YYYY-MM"),
        ({"start": "2026-07", "end": ""}, "end", "Enter the last month."),
        ({"start": "2026-07", "end": "2026-06"}, "end", "must be the first month or later"),
        ({"start": "2024-01", "end": "2026-01"}, "end", "Choose 24 months or fewer."),
    ],
)
def test_bad_months_are_refused_with_a_message_beside_the_field(
    supervisor_client: Client, params: dict, field: str, message: str
) -> None:
    response = supervisor_client.get(reverse("reports:reports-staff-credit"), params)
    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    assert 'id="staff-credit"' not in response.content.decode()


def test_a_staff_member_without_a_name_is_shown_by_username(
    supervisor: User, state_agency: Organization, office: Office, kinds: dict
) -> None:
    nameless = UserFactory(username="nameless", first_name="", last_name="", role=Role.DVOP,
                           organization=state_agency)  # fmt: skip
    ServiceRecordFactory(
        service_type=kinds["counted"], service_date=D(2026, 7, 2), office=office,
        credited_staff=nameless,
    )  # fmt: skip
    client = client_for(supervisor)
    page = client.get(
        reverse("reports:reports-staff-credit"), {"start": "2026-07", "end": "2026-07"}
    )
    assert html_tables(page.content.decode())["staff-credit"][0][0] == "nameless"


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_quoted(
    frozen_today: D, supervisor_client: Client, state_agency: Organization, kinds: dict
) -> None:
    sneaky = Office.objects.create(organization=state_agency, name='=HYPERLINK("http://x")')
    ServiceRecordFactory(
        service_type=kinds["counted"], service_date=D(2026, 8, 3), office=sneaky,
        seeker=JobSeekerFactory(offices=[sneaky]),
    )  # fmt: skip
    download = supervisor_client.get(
        reverse("reports:reports-quarterly"), {"year": 2026, "quarter": 1, "format": "csv"}
    )
    offices = csv_sections(download.content.decode())[3]
    assert offices[1] == ['\'=HYPERLINK("http://x")', "1", "1"]
