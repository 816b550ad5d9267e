"""What a step accepts fits its column (issue 12): one value over each limit is refused
beside its field, and the exact limit goes through to "Create the account"."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.auth.hashers import check_password
from django.test import Client

from registration.models import RegistrationCall
from seekers.models import JobSeeker
from tests.registration.calls import (
    CREDENTIALS,
    DEMOGRAPHICS,
    MAILING,
    start,
    through_contact,
    through_questions,
    url,
)

pytestmark = pytest.mark.django_db

EMAIL_254 = "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 57 + ".com"
EMAIL_255 = "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 58 + ".com"
EMAIL_320 = "a" * 64 + "@" + ".".join(["b" * 63] * 4) + ".com"

# field, a value over its limit, the value at its limit, the message beside the field
CONTACT_LIMITS = [
    ("first_name", "A" * 101, "A" * 100, "at most 100 characters"),
    ("first_name", "ß" * 51, "ß" * 50, "too long once its special letters are spelled out"),
    ("middle_name", "M" * 101, "M" * 100, "at most 100 characters"),
    ("middle_name", "Æ" * 51, "Æ" * 50, "too long once its special letters are spelled out"),
    ("last_name", "L" * 101, "L" * 100, "at most 100 characters"),
    ("last_name", "ß" * 51, "ß" * 50, "too long once its special letters are spelled out"),
    ("suffix", "S" * 21, "S" * 20, "at most 20 characters"),
    ("other_names", "Ann " + "B" * 101, "Ann " + "B" * 100, "at most 100 characters"),
    ("other_names", "A" * 50 + " " + "A" * 50 + " Smith", "A" * 49 + " " + "A" * 50 + " Smith",
     "at most 100 characters"),
    ("other_names", "Ann " + "ß" * 51, "Ann " + "ß" * 50, "too long once its special letters"),
    ("email", EMAIL_255, EMAIL_254, "at most 254 characters"),
    ("email", EMAIL_320, EMAIL_254, "at most 254 characters"),
    ("address_line1", "1" * 201, "1" * 200, "at most 200 characters"),
    ("address_line2", "2" * 201, "2" * 200, "at most 200 characters"),
    ("city", "C" * 101, "C" * 100, "at most 100 characters"),
    ("state", "ßß", "mn", "Enter the state&#x27;s two letters"),
    ("state", "MNN", "MN", "at most 2 characters"),
]  # fmt: skip

CREDENTIAL_LIMITS = [
    ("username", "u" * 151, "u" * 150, "at most 150 characters"),
    ("password", "P-" * 64 + "x", "P-" * 64, "at most 128 characters"),
    ("custom_question", "W" * 196 + "here?", "W" * 195 + "here?", "at most 200 characters"),
    ("secret_answer", "z" * 201, "z" * 200, "at most 200 characters"),
]


@pytest.fixture(autouse=True)
def fast_hashes(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def error_beside(response: object, field: str) -> str:
    """The error message crispy renders beside a field (empty when there is none)."""
    found = re.search(rf'id="id_{field}_error"[^>]*>(.*?)</span>', response.content.decode(), re.S)
    return found.group(1) if found else ""


def create(
    client: Client, call: RegistrationCall, *, contact: dict, credentials: dict
) -> JobSeeker:
    through_contact(client, call, contact)
    assert client.post(url("ssn", call), {"choice": "generate"}).status_code == 302
    response = client.post(url("credentials", call), credentials)
    assert response.status_code == 302, error_beside(response, "password")
    assert client.post(url("demographics", call), DEMOGRAPHICS).status_code == 302
    response = client.post(url("review", call))
    assert response["Location"] == url("call", call)
    call.refresh_from_db()
    return call.seeker


@pytest.mark.parametrize(("field", "too_long", "exact", "message"), CONTACT_LIMITS)
def test_it_refuses_a_contact_value_over_its_column_beside_the_field(
    casemanager_client: Client, field: str, too_long: str, exact: str, message: str
) -> None:
    call = start(casemanager_client)
    through_questions(casemanager_client, call)
    data = {**MAILING, field: too_long}
    if field == "email":
        data.pop("no_email")
    response = casemanager_client.post(url("contact", call), data)
    assert response.status_code == 400
    assert message in error_beside(response, field)
    call.refresh_from_db()
    assert "contact" not in call.draft


@pytest.mark.parametrize(("field", "too_long", "exact", "message"), CONTACT_LIMITS)
def test_it_creates_the_account_with_a_contact_value_at_its_column_limit(
    casemanager_client: Client, field: str, too_long: str, exact: str, message: str
) -> None:
    call = start(casemanager_client)
    contact = {**MAILING, field: exact}
    if field == "email":
        contact.pop("no_email")
    seeker = create(casemanager_client, call, contact=contact, credentials=CREDENTIALS)
    if field == "other_names":
        *first, last = exact.split()
        assert [(o.first_name, o.last_name) for o in seeker.other_names.all()] == [
            (" ".join(first), last)
        ]
    else:
        assert getattr(seeker, field) == (exact.upper() if field == "state" else exact)


@pytest.mark.parametrize(("field", "too_long", "exact", "message"), CREDENTIAL_LIMITS)
def test_it_refuses_a_credential_over_its_column_beside_the_field(
    casemanager_client: Client, field: str, too_long: str, exact: str, message: str
) -> None:
    call = start(casemanager_client)
    through_contact(casemanager_client, call, MAILING)
    casemanager_client.post(url("ssn", call), {"choice": "generate"})
    response = casemanager_client.post(url("credentials", call), {**CREDENTIALS, field: too_long})
    assert response.status_code == 400
    assert message in html.unescape(error_beside(response, field))


@pytest.mark.parametrize(("field", "too_long", "exact", "message"), CREDENTIAL_LIMITS)
def test_it_creates_the_account_with_a_credential_at_its_column_limit(
    casemanager_client: Client, field: str, too_long: str, exact: str, message: str
) -> None:
    call = start(casemanager_client)
    seeker = create(casemanager_client, call, contact=MAILING,
                    credentials={**CREDENTIALS, field: exact})  # fmt: skip
    account = seeker.account
    if field == "username":
        assert account.username == exact
    elif field == "custom_question":
        assert account.secret_question == exact
    elif field == "password":
        assert check_password(exact, account.password)
    else:
        assert check_password(exact, account.secret_answer)
