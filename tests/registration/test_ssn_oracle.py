"""The SSN step is no oracle for opted-out seekers (issue 14, seed 002).

Partner staff must not learn whether a number belongs to a seeker hidden from them. At the
SSN step every well-formed number they type (their caller's SSN, or a number beginning with
9 of the caller's own choosing) is counted against the hourly limit shared with the Opt-Out
Lookup and written to the access log *before* it is looked up; then the answer depends on
whether the number is in use, never on whether its owner is hidden:

- before the limit, a hidden seeker's number is answered exactly like a visible seeker's
  (an unused number goes on to the next step: that is registering);
- past the limit, every number gets the same 429 page, whoever owns it, and the refused
  check is logged too.

State staff see every seeker: their checks are neither counted nor logged (unchanged).
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.test.client import RequestFactory
from django.utils import timezone

from registration.models import RegistrationCall
from tests.conftest import audit_rows_backdate, client_for
from tests.factories import JobSeekerFactory
from tests.registration.calls import start, through_contact, url
from workforce.audit import REFUSED_OUTCOME, access_log_write
from workforce.constants import AccessAction
from workforce.models import AccessLog, User

pytestmark = pytest.mark.django_db

# One number per owner kind and per choice at the SSN step.
NUMBERS = {
    ("real", "hidden"): "231-45-6789",
    ("real", "visible"): "501-22-3344",
    ("real", "unused"): "402-11-2233",
    ("chosen", "hidden"): "912-34-5678",
    ("chosen", "visible"): "987-65-4321",
    ("chosen", "unused"): "955-55-1212",
}
KINDS = ("hidden", "visible", "unused")
LIMIT = 2


@pytest.fixture
def owners() -> dict[str, int]:
    """Seekers owning the hidden and visible numbers: the hidden ones opted out."""
    made = {}
    for (choice, kind), ssn in NUMBERS.items():
        if kind != "unused":
            made[(choice, kind)] = JobSeekerFactory(ssn=ssn, opted_out=kind == "hidden").pk
    return made


def at_ssn_step(client: Client) -> RegistrationCall:
    call = start(client)
    through_contact(client, call)
    return call


def shape(response: object, call: RegistrationCall, typed: str) -> tuple:
    """Everything the browser gets, with what legitimately differs (the call, the CSRF token,
    the number typed) blanked out: status, redirect target, page text and its length."""
    location = response.get("Location", "").replace(f"/{call.pk}/", "/<call>/")
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"', "", body)
    body = body.replace(f"/{call.pk}/", "/<call>/").replace(f"#{call.pk} ", "#<call> ")
    body = re.sub(r"\b\d\d:\d\d\b", "<time>", body)  # when the call started
    digits = typed.replace("-", "")
    for value in (typed, digits, f"***-**-{digits[-4:]}"):
        body = body.replace(value, "<typed>")
    return response.status_code, location, len(body), body


def probe(client: Client, choice: str, kind: str) -> tuple:
    call = at_ssn_step(client)
    typed = NUMBERS[(choice, kind)]
    response = client.post(url("ssn", call), {"choice": choice, "ssn": typed})
    found = shape(response, call, typed)
    call.delete()  # the next probe starts from the same state (no "call in progress" banner)
    return found


def exhaust(user: User) -> None:
    """LIMIT checks already made this hour (Opt-Out Lookups and SSN checks share the limit)."""
    request = RequestFactory().get("/")
    for _ in range(LIMIT):
        access_log_write(request=request, user=user, action=AccessAction.OPTOUT_LOOKUP,
                         seeker_id=None, outcome="no opted-out record")  # fmt: skip


@pytest.mark.parametrize("choice", ["real", "chosen"])
def test_a_hidden_seekers_number_is_answered_like_a_visible_seekers(
    partner: User, owners: dict, settings: object, choice: str
) -> None:
    settings.OPTOUT_LOOKUPS_PER_HOUR = 100
    client = client_for(partner)
    hidden, visible = probe(client, choice, "hidden"), probe(client, choice, "visible")
    assert hidden == visible
    expected = (302, "/registration/<call>/existing-account/") if choice == "real" else (400, "")
    assert hidden[:2] == expected
    if choice == "chosen":
        assert "already used by another account" in hidden[3]


@pytest.mark.parametrize("choice", ["real", "chosen"])
def test_past_the_limit_every_number_gets_the_same_429(
    partner: User, owners: dict, settings: object, choice: str
) -> None:
    settings.OPTOUT_LOOKUPS_PER_HOUR = LIMIT
    exhaust(partner)
    client = client_for(partner)
    shapes = {kind: probe(client, choice, kind) for kind in KINDS}
    assert shapes["hidden"] == shapes["visible"] == shapes["unused"]
    status, location, _, body = shapes["hidden"]
    assert status == 429 and not location and "limit of SSN checks" in body
    assert "already" not in body


@pytest.mark.parametrize("choice", ["real", "chosen"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_check_is_counted_and_logged_before_the_answer(
    partner: User, owners: dict, settings: object, choice: str, kind: str
) -> None:
    settings.OPTOUT_LOOKUPS_PER_HOUR = LIMIT
    client = client_for(partner)
    for _ in range(LIMIT):
        probe(client, choice, kind)
    rows = list(AccessLog.objects.filter(user=partner).order_by("pk"))
    assert [r.action for r in rows] == [AccessAction.OPTOUT_LOOKUP] * LIMIT
    assert {r.seeker_id for r in rows} == {owners.get((choice, kind))}
    assert all(r.outcome.startswith("registration SSN step:") for r in rows)
    refused = probe(client, choice, kind)  # the limit now holds, whatever the number
    assert refused[0] == 429
    last = AccessLog.objects.filter(user=partner).latest("pk")
    assert (last.outcome, last.seeker_id) == (REFUSED_OUTCOME, None)
    assert AccessLog.objects.filter(user=partner).count() == LIMIT + 1


def test_a_refused_check_does_not_extend_the_limit(partner: User, settings: object) -> None:
    settings.OPTOUT_LOOKUPS_PER_HOUR = LIMIT
    exhaust(partner)
    client = client_for(partner)
    for _ in range(LIMIT):  # as many refusals as the limit: they must not count
        assert probe(client, "real", "unused")[0] == 429
    an_hour_ago = timezone.now() - timezone.timedelta(hours=1, seconds=1)
    audit_rows_backdate(AccessLog.objects.exclude(outcome=REFUSED_OUTCOME), at=an_hour_ago)
    assert probe(client, "real", "unused")[:2] == (302, "/registration/<call>/credentials/")


def test_a_malformed_number_is_no_check(partner: User) -> None:
    client = client_for(partner)
    call = at_ssn_step(client)
    response = client.post(url("ssn", call), {"choice": "real", "ssn": "000-12-3456"})
    assert response.status_code == 400 and not AccessLog.objects.exists()


def test_a_generated_number_is_no_check(partner: User) -> None:
    client = client_for(partner)
    call = at_ssn_step(client)
    response = client.post(url("ssn", call), {"choice": "generate"})
    assert response["Location"] == url("credentials", call) and not AccessLog.objects.exists()


def test_state_staff_checks_are_neither_counted_nor_logged(
    casemanager: User, owners: dict, settings: object
) -> None:
    settings.OPTOUT_LOOKUPS_PER_HOUR = LIMIT
    exhaust(casemanager)
    client = client_for(casemanager)
    assert probe(client, "real", "hidden")[:2] == (302, "/registration/<call>/existing-account/")
    assert probe(client, "chosen", "hidden")[0] == 400
    assert probe(client, "real", "unused")[:2] == (302, "/registration/<call>/credentials/")
    assert AccessLog.objects.count() == LIMIT


def test_the_clash_box_points_partner_staff_to_the_optout_lookup(
    partner: User, casemanager: User, owners: dict
) -> None:
    for user, shown in ((partner, True), (casemanager, False)):
        client = client_for(user)
        call = at_ssn_step(client)
        client.post(url("ssn", call), {"choice": "real", "ssn": NUMBERS[("real", "visible")]})
        body = client.get(url("existing", call)).content.decode()
        assert ('id="ssn-clash-optout"' in body) is shown
