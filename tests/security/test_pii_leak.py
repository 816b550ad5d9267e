"""No SSN, password or secret answer in plaintext anywhere, after every flow (issue 14).

Design principle 2 (docs: DESIGN.md) and ASVS 5.0 V14.2 / V16.2.5: one test drives every
flow that handles personal data — sign-in, registration, search with SSNs glued to words,
Case Details, the SSN reveal, the Opt-Out Lookup, reports and exports, the batch import
and the outbox — and then searches every text, JSON and bytea column of every table, the
PostgreSQL server log, the application log, the mail sent, every page and file served, and
the cookies and session. The only place a full SSN may appear is the logged reveal.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse, StreamingHttpResponse
from django.test import Client
from django.urls import reverse

from seekers.models import JobSeeker
from tests.conftest import client_for, search
from tests.factories import TEST_PASSWORD, JobSeekerFactory
from tests.registration.calls import ANSWER, CONTACT, PASSWORD, start, to_review, url
from tests.security.test_server_log import server_log_path
from workforce.models import User

pytestmark = pytest.mark.django_db

REGISTERED = "231-45-6789"  # typed at the SSN step of the registration (tests/registration)
KNOWN = "232-45-6781"  # a seeker's SSN, searched for, revealed and imported by
HIDDEN = "233-45-6782"  # an opted-out seeker's, looked up by partner staff
UNKNOWN = "234-45-6783"  # in the batch file: rejected
GLUED = ["232456781Larsen", "ssn232456781", "Larsen 232-45-6781x"]  # as staff paste them
SSNS = [REGISTERED, KNOWN, HIDDEN, UNKNOWN]


def secrets() -> list[str]:
    """Every form of every secret the flows use: SSNs dashed and bare, passwords, answers."""
    forms = [form for ssn in SSNS for form in (ssn, ssn.replace("-", ""))]
    return [*forms, PASSWORD, ANSWER, ANSWER.lower(), TEST_PASSWORD]


class Seen:
    """What the flows put out: pages and files served, and cookies."""

    def __init__(self) -> None:
        self.texts: list[tuple[str, str]] = []
        self.reveals: list[str] = []

    def keep(self, where: str, response: HttpResponse) -> HttpResponse:
        if isinstance(response, StreamingHttpResponse):
            body = b"".join(response.streaming_content)
        else:
            body = response.content
        headers = "\n".join(f"{k}: {v}" for k, v in response.items())
        self.texts.append((where, f"{headers}\n{body.decode(errors='replace')}"))
        for redirect, _ in getattr(response, "redirect_chain", []):
            self.texts.append((f"{where} (redirect)", redirect))
        return response


def every_column() -> Iterator[tuple[str, str]]:
    """(table.column, all its values) for every text-like, JSON and bytea column."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND data_type IN "
            "('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY') "
            "AND table_name IN (SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE')"
        )
        columns = cursor.fetchall()
        for table, column, kind in columns:
            value = f'"{column}"' if kind != "bytea" else f"encode(\"{column}\", 'escape')"
            cursor.execute(f"SELECT string_agg({value}::text, E'\\n') FROM \"{table}\"")
            yield f"{table}.{column}", cursor.fetchone()[0] or ""


def hits(places: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(where, secret) for where, text in places for secret in secrets() if secret in text]


def sign_in(seen: Seen, user: User) -> Client:
    """Through the sign-in form, so the password passes through the request and the logs."""
    client = Client()
    response = seen.keep(
        "sign-in",
        client.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD}),
    )
    assert response.status_code == 302, "the sign-in did not succeed"
    return client


def register(seen: Seen, client: Client) -> None:
    call = start(client)
    to_review(client, call, contact={**CONTACT, "other_names": "Annie Smith"})
    seen.keep("registration review", client.get(url("review", call)))
    seen.keep("registration create", client.post(url("review", call), follow=True))


def search_glued(seen: Seen, client: Client) -> list[tuple[str, str]]:
    """Search with SSNs glued to words; return the pages (checked on their own, below)."""
    pages = Seen()
    for text in GLUED:
        for live in (False, True):
            response = pages.keep(f"search {text} live={live}", search(client, text, live=live))
            assert response.status_code == 200
    seen.keep("cookies after search", _cookies(client))
    return pages.texts


def case_details_and_reveal(seen: Seen, client: Client, known: JobSeeker) -> None:
    seen.keep("case details", client.get(reverse("casework:detail", args=[known.pk])))
    reveal = client.post(reverse("casework:reveal-ssn", args=[known.pk]))
    assert KNOWN in reveal.content.decode()  # the one allowed place, logged
    seen.reveals.append(reveal.content.decode())


def optout_lookup(seen: Seen, partner: User) -> None:
    client = client_for(partner)
    for ssn in (HIDDEN, UNKNOWN):
        response = seen.keep(f"lookup {ssn}", client.post(reverse("optout:lookup"), {"ssn": ssn}))
        assert response.status_code == 200
    seen.keep("cookies of partner", _cookies(client))


def reports(seen: Seen, client: Client) -> None:
    for name, params in [
        ("reports:reports-quarterly", {}),
        ("reports:reports-quarterly", {"format": "csv"}),
        ("reports:reports-staff-credit", {}),
        ("reports:reports-staff-credit", {"format": "csv"}),
        ("reports:reports-pirl", {"start": "2025-01-01", "end": "2026-12-31"}),
    ]:
        response = seen.keep(f"{name} {params}", client.get(reverse(name), params))
        assert response.status_code == 200, name


def batch(seen: Seen, tmp_path: Path, known: JobSeeker) -> None:
    path = tmp_path / "cr101.csv"
    path.write_text(
        "ssn,date,detail\n"
        f"{KNOWN},01/15/2025,called back re {KNOWN.replace('-', '')}Larsen\n"
        f"{UNKNOWN},01/15/2025,no such seeker\n"
        f"{KNOWN},13/13/2025,bad date\n"
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("import_service_batch", str(path), "--source", "cr101", stdout=out, stderr=err)
    seen.texts += [("batch output", out.getvalue() + err.getvalue()),
                   ("batch reject file", Path(f"{path}.rejects.csv").read_text())]  # fmt: skip


def _cookies(client: Client) -> HttpResponse:
    """The client's cookies and decoded session, as a page to scan."""
    session = Session.objects.filter(session_key=client.cookies.get("sessionid").value).first()
    decoded = session.get_decoded() if session else {}
    return HttpResponse(f"{client.cookies.output()}\n{decoded}")


@pytest.fixture
def server_log() -> Callable[[], str]:
    try:
        path = server_log_path()
    except pytest.skip.Exception:
        return lambda: ""  # another server: the other places are still searched
    start_at = path.stat().st_size
    return lambda: path.read_bytes()[start_at:].decode(errors="replace")


def test_no_flow_leaves_an_ssn_password_or_secret_answer_anywhere(
    casemanager: User,
    partner: User,
    supervisor: User,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    server_log: Callable[[], str],
    settings: object,
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    seen = Seen()
    known = JobSeekerFactory(ssn=KNOWN, last_name="Larsen", email="larsen@example.com")
    JobSeekerFactory(ssn=HIDDEN, opted_out=True)
    caplog.set_level(logging.DEBUG)
    caplog.clear()  # from here on: what the application logs (factory_boy logs its arguments)

    staff = sign_in(seen, casemanager)
    register(seen, staff)
    search_glued(seen, staff)  # its pages: test_search_pages_do_not_echo_a_typed_ssn
    case_details_and_reveal(seen, staff, known)
    seen.keep("cookies of case manager", _cookies(staff))
    optout_lookup(seen, partner)
    reports(seen, client_for(supervisor))
    batch(seen, tmp_path, known)
    call_command("send_outbox", stdout=io.StringIO())
    assert mail.outbox, "the registration's confirmation was sent"

    places = [
        *every_column(),
        *seen.texts,
        ("server log", server_log()),
        ("app log", caplog.text),
        *((f"mail {m.subject}", f"{m.subject}\n{m.body}\n{m.message()}") for m in mail.outbox),
    ]
    found = hits(places)
    assert not found, found
    assert len(seen.reveals) == 1  # the reveal is the one exception, and it was logged


def test_search_pages_do_not_echo_a_typed_ssn(casemanager_client: Client) -> None:
    JobSeekerFactory(ssn=KNOWN, last_name="Larsen")
    assert hits(search_glued(Seen(), casemanager_client)) == []


def test_glued_ssns_typed_at_the_registration_search_are_stored_masked(
    casemanager_client: Client,
) -> None:
    call = start(casemanager_client)
    for text in GLUED:
        casemanager_client.post(url("existing", call), {"q": text})
    places = list(every_column())
    assert [(where, s) for where, s in hits(places) if s.startswith("232")] == []


def test_the_scan_finds_a_plaintext_ssn_where_one_is_written(casemanager: User) -> None:
    """The scan can see a leak: an SSN written into an ordinary text column is found."""
    JobSeekerFactory(ssn=False, address_line2=f"apt {KNOWN}")
    assert ("seekers_jobseeker.address_line2", KNOWN) in hits(list(every_column()))
