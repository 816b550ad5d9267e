"""Going back in the phone registration (issue 12): a step revisited shows what the caller
said, and saving it unchanged changes nothing, down to the account created."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from registration.models import RegistrationCall
from tests.registration.calls import (
    ANSWER,
    CONTACT,
    CREDENTIALS,
    DEMOGRAPHICS,
    MAILING,
    PASSWORD,
    start,
    to_review,
    url,
)
from tests.registration.roundtrip import created_then_undone, resave, shown

pytestmark = pytest.mark.django_db

SECRETS = {"password": PASSWORD, "answer": ANSWER}
REVISITED = ["existing", "notice", "questions", "contact", "ssn", "credentials", "demographics"]


@pytest.fixture(autouse=True)
def fast_hashes(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def draft_of(call: RegistrationCall) -> tuple:
    call.refresh_from_db()
    return (call.draft, call.draft_ssn, call.draft_ssn_index, call.draft_password_hash,
            call.draft_secret_answer_hash)  # fmt: skip


def reviewed(client: Client, **kwargs: object) -> RegistrationCall:
    call = start(client)
    to_review(client, call, **kwargs)
    return call


def test_it_shows_other_names_as_typed_when_contact_is_revisited(
    casemanager_client: Client,
) -> None:
    call = reviewed(
        casemanager_client, contact={**MAILING, "other_names": "Annie Smith; Ann Marie Jones"}
    )
    form = shown(casemanager_client.get(url("contact", call)).content.decode())
    assert form["other_names"] == ["Annie Smith; Ann Marie Jones"]


def test_it_keeps_other_names_through_repeated_round_trips(casemanager_client: Client) -> None:
    call = reviewed(casemanager_client, contact=MAILING)
    for _ in range(4):
        assert resave(casemanager_client, call, "contact") == url("review", call)
    call.refresh_from_db()
    assert call.draft["contact"]["other_names"] == [{"first_name": "Annie", "last_name": "Smith"}]
    created = created_then_undone(casemanager_client, call, **SECRETS)
    assert created["other_names"] == [("Annie", "Smith")]


def test_it_stores_no_other_name_when_none_was_given_and_contact_is_resaved(
    casemanager_client: Client,
) -> None:
    call = reviewed(casemanager_client)
    resave(casemanager_client, call, "contact")
    call.refresh_from_db()
    assert call.draft["contact"]["other_names"] == []
    assert created_then_undone(casemanager_client, call, **SECRETS)["other_names"] == []


def test_it_shows_the_date_phone_email_and_state_as_the_caller_said_them(
    casemanager_client: Client,
) -> None:
    contact = {**MAILING, "phone": "(612) 555-0100", "email": ""}
    call = reviewed(casemanager_client, contact=contact)
    form = shown(casemanager_client.get(url("contact", call)).content.decode())
    assert form["date_of_birth"] == ["03/02/1975"] and form["phone"] == ["612-555-0100"]
    assert form["no_email"] == ["on"] and form.get("email", [""]) == [""]  # not the placeholder
    assert form["state"] == ["MN"] and form["zip_code"] == ["55802"]


def test_it_keeps_a_generated_number_and_never_shows_it_when_the_ssn_step_is_revisited(
    casemanager_client: Client,
) -> None:
    call = reviewed(casemanager_client, ssn={"choice": "generate"})
    before = draft_of(call)
    page = casemanager_client.get(url("ssn", call)).content.decode()
    digits = call.draft_ssn
    assert digits not in page and f"{digits[:3]}-{digits[3:5]}-{digits[5:]}" not in page
    assert f"***-**-{digits[-4:]}" in page and "made up for the caller" in page
    assert shown(page)["choice"] == ["keep"]
    resave(casemanager_client, call, "ssn")
    assert draft_of(call) == before


def test_it_keeps_a_real_ssn_when_the_ssn_step_is_resaved(casemanager_client: Client) -> None:
    call = reviewed(casemanager_client)
    before = draft_of(call)
    page = casemanager_client.get(url("ssn", call)).content.decode()
    assert "231456789" not in page and "231-45-6789" not in page and "***-**-6789" in page
    assert resave(casemanager_client, call, "ssn") == url("review", call)
    assert draft_of(call) == before


def test_it_keeps_the_password_and_answer_when_credentials_are_resaved(
    casemanager_client: Client,
) -> None:
    call = reviewed(casemanager_client)
    before = draft_of(call)
    page = casemanager_client.get(url("credentials", call)).content.decode()
    form = shown(page)
    assert form["username"] == ["anndoe75"] and form["secret_question"] == ["custom"]
    assert form["custom_question"] == ["Where did we meet?"]
    assert form.get("password", [""]) == [""] and form.get("secret_answer", [""]) == [""]
    assert "Leave it blank to keep the password already recorded." in page
    assert resave(casemanager_client, call, "credentials") == url("review", call)
    assert draft_of(call) == before  # the very same hashes


def test_it_asks_for_the_password_again_when_the_username_changes(
    casemanager_client: Client,
) -> None:
    call = reviewed(casemanager_client)
    data = {**CREDENTIALS, "username": "anndoe1975", "password": "", "secret_answer": ""}
    response = casemanager_client.post(url("credentials", call), data)
    assert response.status_code == 400
    assert "The username changed: enter the password again" in response.content.decode()


def test_it_changes_only_the_password_when_a_new_one_is_typed(casemanager_client: Client) -> None:
    call = reviewed(casemanager_client)
    draft, _, _, old_password, old_answer = draft_of(call)
    data = {**CREDENTIALS, "password": "Green-Pine-Forest", "secret_answer": ""}
    assert casemanager_client.post(url("credentials", call), data).status_code == 302
    new = draft_of(call)
    assert new[3] != old_password and new[4] == old_answer and new[0] == draft


def test_it_shows_the_answers_given_when_questions_and_demographics_are_revisited(
    casemanager_client: Client,
) -> None:
    call = reviewed(casemanager_client)
    questions = shown(casemanager_client.get(url("questions", call)).content.decode())
    assert {key: questions[key] for key in "abc"} == {"a": ["yes"], "b": ["yes"], "c": ["yes"]}
    form = shown(casemanager_client.get(url("demographics", call)).content.decode())
    expected = {key: value if isinstance(value, list) else [value]
                for key, value in DEMOGRAPHICS.items()}  # fmt: skip
    assert form == expected


@pytest.mark.parametrize(
    ("contact", "ssn"),
    [
        (CONTACT, {"choice": "real", "ssn": "231-45-6789"}),
        ({**MAILING, "other_names": "Annie Smith; Ann Marie Jones", "phone": "612.555.0100"},
         {"choice": "generate"}),
        ({**MAILING, "middle_name": "Lee", "suffix": "Jr.", "address_line2": "Apt 2"},
         {"choice": "chosen", "ssn": "999-12-3456"}),
    ],
)  # fmt: skip
def test_it_creates_the_same_seeker_after_every_step_is_revisited_and_resaved(
    casemanager_client: Client, contact: dict, ssn: dict
) -> None:
    call = reviewed(casemanager_client, contact=contact, ssn=ssn)
    recorded = draft_of(call)
    for step in REVISITED:
        resave(casemanager_client, call, step)
        assert casemanager_client.get(url("review", call)).status_code == 200  # all still done
    assert draft_of(call) == recorded
    wandering = created_then_undone(casemanager_client, call, **SECRETS)
    straight = reviewed(casemanager_client, contact=contact, ssn=ssn)
    reference = created_then_undone(casemanager_client, straight, **SECRETS)
    if ssn["choice"] == "generate":  # a new draw for the second call; the first kept its own
        assert wandering.pop("ssn") == recorded[1] and re.fullmatch(r"9\d{8}", reference.pop("ssn"))
    assert wandering == reference
    assert wandering["password_checks"] and wandering["answer_checks"]
