"""An opt-in request whose client name (or reason) holds an SSN-like number: a clean
message beside the field, nothing written, and the number neither stored, shown back,
emailed nor logged (it used to reach the outbox's SSN guard and end in a 500)."""

from __future__ import annotations

import html
import logging

import pytest
from django.test import Client
from django.urls import reverse

from optout.models import Notice, OptInRequest
from seekers.models import JobSeeker
from tests.factories import JobSeekerFactory
from workforce.models import AccessLog, OutboxEmail, User

pytestmark = pytest.mark.django_db
SSN = "231-45-8274"
TYPED = "512-34-9876"  # another client's number, typed by mistake into the name
FORM = {"client_name": "Marisol Quintero", "client_phone": "360-555-0142",
        "reason": "Wants to enroll in WIOA Adult with our office."}  # fmt: skip


@pytest.fixture
def hit(partner_client: Client, supervisor: User) -> AccessLog:
    hidden: JobSeeker = JobSeekerFactory(
        first_name="Marisol", last_name="Quintero", ssn=SSN, opted_out=True
    )
    partner_client.post(reverse("optout:lookup"), {"ssn": SSN})
    return AccessLog.objects.get(seeker_id=hidden.pk)


def file(client: Client, lookup: AccessLog, **data: str) -> object:
    return client.post(reverse("optout:request-new", args=[lookup.pk]), {**FORM, **data})


def assert_nothing_kept(body: str, caplog: pytest.LogCaptureFixture) -> None:
    digits = TYPED.replace("-", "")
    for form in (TYPED, digits, f"{digits[:3]} {digits[3:5]} {digits[5:]}"):
        assert form not in body
        assert form not in caplog.text
    assert not OptInRequest.objects.exists()
    assert not Notice.objects.exists() and not OutboxEmail.objects.exists()


@pytest.mark.parametrize(
    "name",
    [f"Marisol Quintero {TYPED}", f"Marisol {TYPED.replace('-', '')}",
     f"{TYPED.replace('-', ' ')} Quintero", f"Marisol Quintero ({TYPED})"],
)  # fmt: skip
def test_it_refuses_an_ssn_in_the_client_name_beside_the_field(
    partner_client: Client, hit: AccessLog, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    response = file(partner_client, hit, client_name=name)
    body = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert 'id="id_client_name_error"' in body
    assert "Enter only the client's name" in body
    assert "Quintero, Marisol" in body  # the hit is still shown, to correct and send
    assert_nothing_kept(body, caplog)


def test_it_refuses_an_ssn_in_the_reason_beside_the_field(
    partner_client: Client, hit: AccessLog, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    response = file(partner_client, hit, reason=f"Wants WIOA Adult; SSN {TYPED}.")
    body = html.unescape(response.content.decode())
    assert response.status_code == 400 and 'id="id_reason_error"' in body
    assert "Leave the Social Security Number out" in body
    assert "Marisol Quintero" in body  # the other fields keep what was typed
    assert_nothing_kept(body, caplog)


def test_it_still_files_a_name_and_reason_without_an_ssn(
    partner_client: Client, hit: AccessLog
) -> None:
    response = file(partner_client, hit, reason="Call back at 360-555-0142 after 5 pm.")
    assert response.status_code == 302
    assert OptInRequest.objects.get().client_name == "Marisol Quintero"
