"""Quarterly services and staff-credit reports: exact figures on a hand-built dataset.

The report date is fixed at 11/21/2026 (TODAY), so the default quarter is PY2026 Q1
(07/01/2026 to 09/30/2026) and a period has ended when its last participation service
is before 08/23/2026 (TODAY - 90 days) and nothing is scheduled on or after it.
"""

from __future__ import annotations

import csv
import datetime
import io
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reports.selectors import (
    Quarter,
    quarter_latest_complete,
    quarterly_report,
    staff_credit_report,
)
from seekers.models import JobSeeker
from services.constants import FederalCategory
from services.models import ServiceType, Workshop, WorkshopResult
from services.participation import participation_rebuild
from tests.conftest import client_for
from tests.factories import (
    JobSeekerFactory,
    ServiceRecordFactory,
    ServiceTypeFactory,
    UserFactory,
    WorkshopFactory,
    WorkshopReferralFactory,
)
from workforce.constants import Role
from workforce.models import Office, Organization, User

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 21)
Q1 = Quarter(2026, 1)
CHICAGO = ZoneInfo("America/Chicago")
D = datetime.date


@pytest.fixture
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> datetime.date:
    """timezone.localdate() answers TODAY (the form's default quarter and the report date)."""
    real = timezone.localdate

    def localdate(value: datetime.datetime | None = None, timezone: object = None) -> object:
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


@pytest.fixture
def kinds() -> dict[str, ServiceType]:
    return {
        "counted": ServiceTypeFactory(
            name="Counted service", countable=True, federal_category=FederalCategory.BASIC_CAREER
        ),
        "self": ServiceTypeFactory(
            name="Self-service", countable=True, federal_category=FederalCategory.SELF_SERVICE
        ),
        "info": ServiceTypeFactory(
            name="Not countable",
            countable=False,
            federal_category=FederalCategory.INFORMATION_ONLY,
        ),
    }


def workshop_on(day: datetime.date, office: Office, creator: User) -> Workshop:
    when = datetime.datetime(day.year, day.month, day.day, 10, tzinfo=CHICAGO)
    return WorkshopFactory(starts_at=when, office=office, created_by=creator)


def refer(seeker: JobSeeker, *, on: datetime.date, workshop: datetime.date, office: Office,
          staff: User, attended: bool = False) -> None:  # fmt: skip
    """A referral made on `on` to a workshop held on `workshop` (pending unless attended)."""
    result = {"result": WorkshopResult.ATTENDED, "resulted_by": staff,
              "resulted_at": timezone.now()} if attended else {}  # fmt: skip
    referral = WorkshopReferralFactory(
        workshop=workshop_on(workshop, office, staff), seeker=seeker, referred_by=staff, **result
    )
    made = datetime.datetime(on.year, on.month, on.day, 11, tzinfo=CHICAGO)
    type(referral).objects.filter(pk=referral.pk).update(referred_at=made)


@pytest.fixture
def dataset(
    kinds: dict[str, ServiceType], office: Office, other_office: Office, casemanager: User,
    dvop: User,
) -> dict[str, JobSeeker]:  # fmt: skip
    """Nine seekers; office is North, other_office South. What each should count as:

    A North  05/10 and 07/15: served, started before Q1, exiter (07/15 < 08/23); an
             attended (not pending) workshop on 10/05 does not keep the period open
    B North  08/01 and 09/20: served, new, still open (09/20 >= 08/23)
    C South  03/01 only, and a non-countable service on 07/10: not a participant in Q1
    D South  07/05, referred on 08/15 to a workshop on 12/01: served, new, not an exiter
             (a service scheduled while the period was open keeps it open)
    E North, opted out, 07/20: served, new, exiter (invisible to partner staff)
    G South  06/20, referred on 07/01 to a workshop on 12/10: served (its period has not
             ended), not new, not an exiter
    K South  07/10, referred on 11/01 (after 10/08, when the period ended) to a workshop
             on 12/05: served, new, exiter (that referral belongs to no period of K's)
    H        a self-service on 08/10, no office: not a participant
    X South  10/02 (Q2): not in Q1 at all
    """
    counted, self_service, info = kinds["counted"], kinds["self"], kinds["info"]
    people = {
        name: JobSeekerFactory(first_name=name, offices=offices, opted_out=name == "E")
        for name, offices in [
            ("A", [office]), ("B", [office]), ("C", [other_office]), ("D", [other_office]),
            ("E", [office]), ("G", [other_office]), ("K", [other_office]), ("H", []),
            ("X", [other_office]),
        ]
    }  # fmt: skip
    services = [
        ("A", counted, D(2026, 5, 10), office, casemanager),
        ("A", counted, D(2026, 7, 15), office, casemanager),
        ("B", counted, D(2026, 8, 1), office, casemanager),
        ("B", counted, D(2026, 9, 20), office, dvop),
        ("C", counted, D(2026, 3, 1), other_office, casemanager),
        ("C", info, D(2026, 7, 10), other_office, dvop),
        ("D", counted, D(2026, 7, 5), other_office, dvop),
        ("E", counted, D(2026, 7, 20), office, casemanager),
        ("G", counted, D(2026, 6, 20), other_office, casemanager),
        ("K", counted, D(2026, 7, 10), other_office, dvop),
        ("H", self_service, D(2026, 8, 10), None, None),
        ("X", counted, D(2026, 10, 2), other_office, casemanager),
    ]
    for name, kind, day, where, staff in services:
        ServiceRecordFactory(
            seeker=people[name], service_type=kind, service_date=day, office=where,
            credited_staff=staff, recorded_by=staff,
        )  # fmt: skip
    refer(people["A"], on=D(2026, 7, 20), workshop=D(2026, 10, 5), office=office,
          staff=casemanager, attended=True)  # fmt: skip
    for name, on, workshop in [
        ("D", D(2026, 8, 15), D(2026, 12, 1)),
        ("G", D(2026, 7, 1), D(2026, 12, 10)),
        ("K", D(2026, 11, 1), D(2026, 12, 5)),
    ]:
        refer(people[name], on=on, workshop=workshop, office=other_office, staff=casemanager)
    participation_rebuild(seeker_ids=None)
    return people


# --- quarters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        (Quarter(2026, 1), D(2026, 7, 1), D(2026, 9, 30)),
        (Quarter(2026, 2), D(2026, 10, 1), D(2026, 12, 31)),
        (Quarter(2026, 3), D(2027, 1, 1), D(2027, 3, 31)),
        (Quarter(2026, 4), D(2027, 4, 1), D(2027, 6, 30)),
    ],
)
def test_program_year_quarters_begin_in_july(quarter: Quarter, start: D, end: D) -> None:
    assert (quarter.start, quarter.end) == (start, end)
    assert Quarter.containing(start) == quarter == Quarter.containing(end)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 11, 21), Quarter(2026, 1)),
        (D(2026, 10, 1), Quarter(2026, 1)),
        (D(2026, 9, 30), Quarter(2025, 4)),
        (D(2027, 2, 1), Quarter(2026, 2)),
        (D(2027, 7, 1), Quarter(2026, 4)),
    ],
)
def test_the_default_quarter_is_the_most_recent_complete_one(today: D, expected: Quarter) -> None:
    assert quarter_latest_complete(today=today) == expected


# --- the figures ------------------------------------------------------------------------


def test_it_counts_participants_served_new_and_exiters(dataset: dict, supervisor: User) -> None:
    report = quarterly_report(user=supervisor, quarter=Q1, today=TODAY)
    assert (report.served, report.new, report.exiters) == (6, 4, 3)  # ABDEGK, BDEK, AEK


def test_it_counts_services_by_service_type_and_by_office(
    dataset: dict, supervisor: User, office: Office, other_office: Office
) -> None:
    report = quarterly_report(user=supervisor, quarter=Q1, today=TODAY)
    assert [(r["service"], r["participation"], r["services"]) for r in report.by_service] == [
        ("Counted service", True, 6),
        ("Not countable", False, 1),
        ("Self-service", False, 1),
    ]
    assert [
        (r["office"], r["services"], r["participation_services"]) for r in report.by_office
    ] == [(office.name, 4, 4), (other_office.name, 3, 2), (None, 1, 0)]
    assert (report.total_services, report.total_participation_services) == (8, 6)


def test_an_office_counts_the_people_enrolled_there_and_the_services_given_there(
    dataset: dict, supervisor: User, office: Office
) -> None:
    report = quarterly_report(user=supervisor, quarter=Q1, office=office, today=TODAY)
    assert (report.served, report.new, report.exiters) == (3, 2, 2)  # ABE, BE, AE
    assert [(r["service"], r["services"]) for r in report.by_service] == [("Counted service", 4)]
    assert [(r["office"], r["services"]) for r in report.by_office] == [(office.name, 4)]


def test_exiters_grow_as_the_report_date_moves_on(dataset: dict, supervisor: User) -> None:
    # On 10/14/2026 A (07/15) and K (07/10) have had more than 90 days without service.
    early = quarterly_report(user=supervisor, quarter=Q1, today=D(2026, 10, 14))
    assert early.exiters == 2
    # On 01/01/2027 B's 09/20 is 103 days old, and D's workshop (12/01) is past.
    late = quarterly_report(user=supervisor, quarter=Q1, today=D(2027, 1, 1))
    assert late.exiters == 5  # A, B, D, E, K


def test_a_quarter_with_nothing_in_it_is_all_zeros(dataset: dict, supervisor: User) -> None:
    report = quarterly_report(user=supervisor, quarter=Quarter(2024, 2), today=TODAY)
    assert (report.served, report.new, report.exiters, report.total_services) == (0, 0, 0, 0)
    assert report.by_service == [] and report.by_office == []


# --- visibility --------------------------------------------------------------------------


def test_the_reports_apply_visible_to_for_partner_staff(
    dataset: dict, partner: User, supervisor: User
) -> None:
    """Only supervisors read reports, but the queries still go through visible_to(user):
    partner staff would not count E, who opted out."""
    mine = quarterly_report(user=partner, quarter=Q1, today=TODAY)
    assert (mine.served, mine.new, mine.exiters) == (5, 3, 2)
    assert mine.total_services == 7  # E's 07/20 service is not counted
    credit = staff_credit_report(user=partner, start=D(2026, 7, 1), end=D(2026, 7, 1))
    everyone = staff_credit_report(user=supervisor, start=D(2026, 7, 1), end=D(2026, 7, 1))
    assert sum(r["services"] for r in everyone) - sum(r["services"] for r in credit) == 1


def test_an_inactive_user_sees_no_figures(dataset: dict, supervisor: User) -> None:
    supervisor.is_active = False
    report = quarterly_report(user=supervisor, quarter=Q1, today=TODAY)
    assert (report.served, report.total_services) == (0, 0)


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


def test_it_counts_services_credited_per_staff_member_office_and_month(
    dataset: dict, supervisor: User, casemanager: User, dvop: User, office: Office,
    other_office: Office,
) -> None:  # fmt: skip
    rows = staff_credit_report(user=supervisor, start=D(2026, 7, 1), end=D(2026, 9, 1))
    got = [
        (r["username"], r["office"], r["month"], r["services"], r["participation_services"])
        for r in rows
    ]
    names = {user.username: (user.last_name, user.first_name) for user in (casemanager, dvop)}
    expected = sorted(
        [
            ("casemanager", office.name, D(2026, 7, 1), 2, 2),  # A 07/15, E 07/20
            ("casemanager", office.name, D(2026, 8, 1), 1, 1),  # B 08/01
            ("dvop", other_office.name, D(2026, 7, 1), 3, 2),  # C 07/10 (info), D, K
            ("dvop", office.name, D(2026, 9, 1), 1, 1),  # B 09/20
        ],
        key=lambda row: (names[row[0]], row[0], row[1], row[2]),
    )
    assert got == expected  # H's self-service is credited to nobody and is left out


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


def test_staff_credit_office_filter_keeps_services_given_there(
    dataset: dict, supervisor: User, other_office: Office
) -> None:
    rows = staff_credit_report(
        user=supervisor, start=D(2026, 1, 1), end=D(2026, 12, 1), office=other_office
    )
    assert {r["office"] for r in rows} == {other_office.name}
    assert sum(r["services"] for r in rows) == 6  # C 03/01 and 07/10, D, G, K, X


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
