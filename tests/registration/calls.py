"""Helpers that walk a registration call through its steps, by HTTP or by services."""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import Client
from django.urls import reverse

from registration import services
from registration.letters.services import letter_mark_mailed
from registration.models import ConfirmationLetter, RegistrationCall
from registration.notices.selectors import notice_current
from workforce.models import User

YES = {"a": "yes", "b": "yes", "c": "yes"}
CONTACT = {"first_name": "Ann", "last_name": "Doe", "date_of_birth": "03/02/1975",
           "email": "ann.doe@example.com"}  # fmt: skip
MAILING = {"first_name": "Ann", "last_name": "Doe", "date_of_birth": "03/02/1975",
           "no_email": "on", "address_line1": "12 Lake St", "city": "Duluth", "state": "mn",
           "zip_code": "55802", "other_names": "Annie Smith"}  # fmt: skip
PASSWORD = "Blue-Heron-Lake"
ANSWER = "At The Lake"
CREDENTIALS = {
    "username": "anndoe75", "password": PASSWORD, "secret_question": "custom",
    "custom_question": "Where did we meet?", "secret_answer": f"  {ANSWER} ",
}  # fmt: skip
DEMOGRAPHICS = {
    "gender": "female", "ethnicity": "declined", "races": ["asian", "white"],
    "veteran_status": "not_veteran", "disability": "declined", "employment_status": "unemployed",
    "low_income": "yes", "ui_claimant": "yes", "tanf": "no", "snap": "declined",
    "ex_offender": "declined", "education": "high_school", "homeless": "no",
    "english_learner": "no", "single_parent": "declined", "long_term_unemployed": "no",
    "displaced_homemaker": "no",
}  # fmt: skip


def start(client: Client) -> RegistrationCall:
    response = client.post(reverse("registration:new"))
    assert response.status_code == 302
    return RegistrationCall.objects.latest("pk")


def url(name: str, call: RegistrationCall) -> str:
    return reverse(f"registration:{name}", args=[call.pk])


def through_questions(client: Client, call: RegistrationCall) -> None:
    client.post(url("existing", call), {"q": "Nobody Like-Them"})
    client.post(url("existing", call), {"confirm_no_match": "1"})
    client.post(url("notice", call), {"read_aloud": "on"})
    assert client.post(url("questions", call), YES).status_code == 302


def through_contact(client: Client, call: RegistrationCall, contact: dict = CONTACT) -> None:
    through_questions(client, call)
    assert client.post(url("contact", call), contact)["Location"] == url("ssn", call)


def to_review(client: Client, call: RegistrationCall, *, contact: dict = CONTACT,
              ssn: dict | None = None) -> None:  # fmt: skip
    """Every step done by HTTP, as staff would, up to the review step."""
    through_contact(client, call, contact)
    response = client.post(url("ssn", call), ssn or {"choice": "real", "ssn": "231-45-6789"})
    assert response["Location"] == url("credentials", call)
    assert client.post(url("credentials", call), CREDENTIALS)["Location"] == url(
        "demographics", call
    )
    assert client.post(url("demographics", call), DEMOGRAPHICS)["Location"] == url("review", call)


def ready_call(*, staff: User, username: str, ssn: str, generated: bool = False,
               email: str = "ann.doe@example.com") -> RegistrationCall:  # fmt: skip
    """A call with every step done through the services (no HTTP), ready to complete."""
    call = services.call_start(staff=staff)
    services.call_search_record(call=call, text="Nobody")
    services.call_no_match_confirm(call=call)
    services.call_notice_read(call=call, version=notice_current())
    services.call_answers_record(call=call, answers={"a": True, "b": True, "c": True})
    services.call_contact_save(call=call, contact={**CONTACT, "email": email,
                                                   "date_of_birth": "1975-03-02"})  # fmt: skip
    services.call_ssn_save(call=call, digits=ssn, pseudo=ssn.startswith("9"), generated=generated)
    # What call_credentials_save stores, with the hashes computed once: hashing is slow on
    # purpose, and the concurrency tests prepare dozens of calls.
    call.draft_password_hash, call.draft_secret_answer_hash = _hashes()
    call.draft = {**call.draft, "username": username, "secret_question": "Where did we meet?"}
    call.save(update_fields=["draft", "draft_password_hash", "draft_secret_answer_hash"])
    services.call_demographics_save(call=call, answers=DEMOGRAPHICS)
    return call


@functools.cache
def _hashes() -> tuple[str, str]:
    return make_password(PASSWORD), make_password(ANSWER.lower())


def raw_row(call: RegistrationCall) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT row_to_json(c)::text FROM registration_registrationcall c WHERE id = %s",
            [call.pk],
        )
        return cursor.fetchone()[0]


def every_row() -> str:
    """Every row of every table in the database as JSON text: what a leak test searches."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT quote_ident(table_name) FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        tables = [row[0] for row in cursor.fetchall()]
        dumps = []
        for table in tables:
            cursor.execute(f"SELECT coalesce(json_agg(t)::text, '') FROM {table} t")
            dumps.append(cursor.fetchone()[0])
    return "\n".join(dumps)


def letter_made(
    staff: User, *, first_name: str, ssn: str, mailed: bool = False
) -> ConfirmationLetter:
    """A confirmation letter made through the services: a caller with no email."""
    call = ready_call(staff=staff, username=f"{first_name.lower()}75", ssn=ssn,
                      email=settings.REGISTRATION_PLACEHOLDER_EMAIL)  # fmt: skip
    contact = {**call.draft["contact"], "first_name": first_name, "address_line1": "12 Lake St",
               "city": "Duluth", "state": "MN", "zip_code": "55802"}  # fmt: skip
    services.call_contact_save(call=call, contact=contact)
    services.registration_complete(call=call, actor=staff)
    letter = ConfirmationLetter.objects.get(call=call)
    if mailed:
        letter_mark_mailed(letter=letter, actor=staff)
    return letter
