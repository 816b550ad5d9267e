"""Detours of a phone call (issue 12): back to the search after an SSN clash with the
context kept, and a credentials step that keeps what was typed when something else is wrong."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from registration import services
from registration.constants import CallOutcome
from registration.models import RegistrationCall
from tests.conftest import client_for
from tests.factories import JobSeekerFactory, SeekerAccountFactory
from tests.registration.calls import (
    CREDENTIALS,
    DEMOGRAPHICS,
    PASSWORD,
    raw_row,
    ready_call,
    start,
    through_contact,
    to_review,
    url,
)
from workforce.models import User

pytestmark = pytest.mark.django_db

TAKEN = "231-45-6789"  # an SSN that has an account already
KEPT_BODY = "231456789"


@pytest.fixture(autouse=True)
def fast_hashes(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def clashed_from_review(client: Client) -> RegistrationCall:
    """A call at the review step whose SSN is then changed to one with an account."""
    JobSeekerFactory(ssn=TAKEN, first_name="Zelda", last_name="Quist")
    call = start(client)
    to_review(client, call, ssn={"choice": "real", "ssn": "501-22-3344"})
    response = client.post(url("ssn", call), {"choice": "real", "ssn": TAKEN})
    assert response["Location"] == url("existing", call)
    call.refresh_from_db()
    return call


def test_it_keeps_the_steps_done_marked_done_after_an_ssn_clash(
    casemanager_client: Client,
) -> None:
    call = clashed_from_review(casemanager_client)
    progress = casemanager_client.get(url("existing", call)).context["progress"]
    assert [item["state"] for item in progress] == [
        "current", "complete", "complete", "complete", "todo", "complete", "complete", "todo",
    ]  # fmt: skip


def test_it_explains_on_the_search_why_staff_are_back(casemanager_client: Client) -> None:
    call = clashed_from_review(casemanager_client)
    body = casemanager_client.get(url("existing", call)).content.decode()
    assert 'id="ssn-clash"' in body and "an account with this SSN already exists" in body
    assert "***-**-6789" in body and KEPT_BODY not in body and TAKEN not in body
    assert "you go back to the Social Security Number step" in body


def test_it_keeps_the_typed_ssn_only_encrypted_on_the_call(casemanager_client: Client) -> None:
    call = clashed_from_review(casemanager_client)
    assert call.draft_ssn == KEPT_BODY and call.draft_ssn_index == ""
    assert call.draft["ssn_clash_last4"] == "6789" and "ssn_last4" not in call.draft
    assert KEPT_BODY not in raw_row(call) and KEPT_BODY not in str(dict(casemanager_client.session))


def test_it_searches_for_the_typed_ssn_without_showing_it(casemanager_client: Client) -> None:
    call = clashed_from_review(casemanager_client)
    response = casemanager_client.post(url("existing", call), {"search_typed_ssn": "1"})
    body = response.content.decode()
    assert "Quist, Zelda" in body and "same SSN" in body
    assert KEPT_BODY not in body and TAKEN not in body
    call.refresh_from_db()
    assert call.searches[-1]["text"] == "***-**-6789"


def test_it_returns_to_the_ssn_step_after_a_clash_from_the_review(
    casemanager_client: Client,
) -> None:
    call = clashed_from_review(casemanager_client)
    casemanager_client.post(url("existing", call), {"q": "Ann Doe"})
    response = casemanager_client.post(url("existing", call), {"confirm_no_match": "1"})
    assert response["Location"] == url("ssn", call)


def test_it_returns_to_the_ssn_step_not_demographics_after_a_first_clash(
    casemanager_client: Client,
) -> None:
    JobSeekerFactory(ssn=TAKEN)
    call = start(casemanager_client)
    through_contact(casemanager_client, call)
    casemanager_client.post(url("ssn", call), {"choice": "real", "ssn": "501-22-3344"})
    casemanager_client.post(url("credentials", call), CREDENTIALS)
    casemanager_client.post(url("ssn", call), {"choice": "real", "ssn": TAKEN})
    casemanager_client.post(url("existing", call), {"q": "Ann Doe"})
    response = casemanager_client.post(url("existing", call), {"confirm_no_match": "1"})
    assert response["Location"] == url("ssn", call)


def test_it_offers_the_typed_ssn_again_masked_at_the_ssn_step(
    casemanager: User, casemanager_client: Client
) -> None:
    # Held by another unfinished call (not a seeker), which is then abandoned.
    other = ready_call(staff=casemanager, username="someone", ssn=KEPT_BODY)
    call = start(casemanager_client)
    through_contact(casemanager_client, call)
    casemanager_client.post(url("ssn", call), {"choice": "real", "ssn": TAKEN})
    casemanager_client.post(url("existing", call), {"q": "Ann Doe"})
    casemanager_client.post(url("existing", call), {"confirm_no_match": "1"})
    page = casemanager_client.get(url("ssn", call)).content.decode()
    assert "Check the SSN typed before again: ***-**-6789" in page and KEPT_BODY not in page
    services.call_abandon(call=other)
    response = casemanager_client.post(url("ssn", call), {"choice": "keep"})
    assert response["Location"] == url("credentials", call)
    call.refresh_from_db()
    assert call.draft_ssn == KEPT_BODY and call.draft["ssn_pseudo"] is False
    assert "ssn_clash_last4" not in call.draft


def test_it_tells_partners_the_same_whether_the_owner_opted_out_or_not(
    partner: User,
) -> None:
    pages = []
    for ssn, opted_out in (("231-45-6789", True), ("501-22-3344", False)):
        JobSeekerFactory(ssn=ssn, opted_out=opted_out)
        client = client_for(partner)
        call = start(client)
        through_contact(client, call)
        response = client.post(url("ssn", call), {"choice": "real", "ssn": ssn})
        assert response["Location"] == url("existing", call)
        body = client.get(url("existing", call)).content.decode()
        start_at = body.index('id="ssn-clash"')
        box = body[start_at : body.index("</section>", start_at)].replace(ssn[-4:], "####")
        pages.append(re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", box))
    assert pages[0] == pages[1]


def test_it_keeps_the_password_and_answer_typed_when_the_username_is_taken(
    casemanager_client: Client,
) -> None:
    SeekerAccountFactory(username="anndoe75")
    call = start(casemanager_client)
    through_contact(casemanager_client, call)
    casemanager_client.post(url("ssn", call), {"choice": "generate"})
    response = casemanager_client.post(url("credentials", call), CREDENTIALS)
    body = response.content.decode()
    assert response.status_code == 400 and "That username is taken" in body
    assert f'value="{PASSWORD}"' in body and 'value="  At The Lake "' in body
    assert PASSWORD not in str(dict(casemanager_client.session))
    call.refresh_from_db()
    assert PASSWORD not in raw_row(call) and not call.draft_password_hash
    assert "no-store" in response["Cache-Control"]


def test_it_offers_show_toggles_for_the_password_and_the_answer(
    casemanager_client: Client,
) -> None:
    call = start(casemanager_client)
    through_contact(casemanager_client, call)
    casemanager_client.post(url("ssn", call), {"choice": "generate"})
    body = casemanager_client.get(url("credentials", call)).content.decode()
    for control, label in (("id_password", "Show password"),
                           ("id_secret_answer", "Show secret answer")):  # fmt: skip
        assert (
            f'<button type="button" class="usa-button usa-button--unstyled wf-show-toggle '
            f'margin-top-1" data-show-toggle aria-controls="{control}" aria-pressed="false" '
            f"hidden>{label}</button>"
        ) in body


def test_it_marks_every_wizard_page_not_to_be_stored(casemanager_client: Client) -> None:
    call = start(casemanager_client)
    to_review(casemanager_client, call)
    for step in ("existing", "contact", "ssn", "credentials", "demographics", "review"):
        assert "no-store" in casemanager_client.get(url(step, call))["Cache-Control"], step
    assert casemanager_client.post(url("review", call)).status_code == 302
    call.refresh_from_db()
    assert call.outcome == CallOutcome.CREATED and DEMOGRAPHICS


def test_it_explains_a_clash_found_at_creation_the_same_way(
    casemanager: User, casemanager_client: Client
) -> None:
    call = ready_call(staff=casemanager, username="anndoe75", ssn=KEPT_BODY)
    JobSeekerFactory(ssn=TAKEN)  # another registration took the SSN meanwhile
    response = casemanager_client.post(url("review", call), follow=True)
    assert response.redirect_chain[-1][0] == url("existing", call)
    body = response.content.decode()
    assert 'id="ssn-clash"' in body and "***-**-6789" in body and KEPT_BODY not in body
    call.refresh_from_db()
    assert call.draft_ssn == KEPT_BODY and not call.draft_ssn_index
