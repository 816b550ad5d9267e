"""The phone registration wizard, steps 1-6 (seed 000 steps 2-7)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from registration.constants import CallOutcome
from registration.models import GatingAnswer
from tests.conftest import client_for
from tests.factories import JobSeekerFactory
from tests.registration.calls import YES, raw_row, start, through_contact, through_questions, url
from workforce.models import User

pytestmark = pytest.mark.django_db


def test_starting_opens_a_call_record_of_who_and_where(
    casemanager: User, casemanager_client: Client
) -> None:
    call = start(casemanager_client)
    assert call.staff == casemanager and call.office == casemanager.current_office
    assert call.outcome == CallOutcome.IN_PROGRESS


@pytest.mark.parametrize(
    "step", ["notice", "questions", "contact", "ssn", "credentials", "demographics", "review"]
)
def test_a_later_step_cannot_be_reached_directly(casemanager_client: Client, step: str) -> None:
    call = start(casemanager_client)
    response = casemanager_client.get(url(step, call))
    assert response.status_code == 302 and response["Location"] == url("existing", call)


def test_no_match_cannot_be_confirmed_before_a_search(casemanager_client: Client) -> None:
    call = start(casemanager_client)
    response = casemanager_client.post(
        url("existing", call), {"confirm_no_match": "1"}, follow=True
    )
    assert "Search for an existing account first" in response.content.decode()
    call.refresh_from_db()
    assert call.no_match_confirmed_at is None


def test_searches_are_kept_on_the_call_with_ssns_masked(casemanager_client: Client) -> None:
    call = start(casemanager_client)
    casemanager_client.post(url("existing", call), {"q": "Peggy Larson"})
    casemanager_client.post(url("existing", call), {"q": "231-45-6789"})
    call.refresh_from_db()
    assert [s["text"] for s in call.searches] == ["Peggy Larson", "***-**-6789"]


def test_an_existing_account_ends_the_call_linked_to_it(casemanager_client: Client) -> None:
    margaret = JobSeekerFactory(first_name="Margaret", last_name="Larsen")
    call = start(casemanager_client)
    body = casemanager_client.post(url("existing", call), {"q": "Peggy Larson"}).content.decode()
    assert "Peggy is a nickname of Margaret" in body and "This is the caller" in body
    response = casemanager_client.post(url("existing", call), {"seeker": margaret.public_id})
    assert response["Location"] == reverse("casework:detail", args=[margaret.pk])
    call.refresh_from_db()
    assert call.outcome == CallOutcome.EXISTING_FOUND and call.seeker == margaret


def test_partners_cannot_pick_an_opted_out_seeker(partner: User) -> None:
    client = client_for(partner)
    hidden = JobSeekerFactory(opted_out=True)
    call = start(client)
    client.post(url("existing", call), {"q": hidden.last_name})
    assert client.post(url("existing", call), {"seeker": hidden.public_id}).status_code == 404


def test_the_notice_is_shown_verbatim_and_must_be_confirmed(casemanager_client: Client) -> None:
    call = start(casemanager_client)
    casemanager_client.post(url("existing", call), {"q": "x y"})
    casemanager_client.post(url("existing", call), {"confirm_no_match": "1"})
    page = casemanager_client.get(url("notice", call)).content.decode()
    assert "Your private information will NOT be provided to employers." in page
    assert "Do not read" in page
    refused = casemanager_client.post(url("notice", call), {})
    assert "Read the whole notice aloud" in refused.content.decode()
    casemanager_client.post(url("notice", call), {"read_aloud": "on"})
    call.refresh_from_db()
    assert call.notice_version.number == 1 and call.notice_read_at is not None


@pytest.mark.parametrize("question", ["a", "b", "c"])
def test_a_no_blocks_the_registration_and_can_end_the_call(
    casemanager_client: Client, question: str
) -> None:
    call = start(casemanager_client)
    casemanager_client.post(url("existing", call), {"q": "x y"})
    casemanager_client.post(url("existing", call), {"confirm_no_match": "1"})
    casemanager_client.post(url("notice", call), {"read_aloud": "on"})
    page = casemanager_client.post(url("questions", call), {**YES, question: "no"}).content.decode()
    assert "we cannot proceed with creating an account" in page
    assert casemanager_client.get(url("contact", call))["Location"] == url("questions", call)
    casemanager_client.post(url("decline", call), {"question": question})
    call.refresh_from_db()
    assert call.outcome == f"declined_{question}"


def test_asking_again_after_a_no_proceeds_and_keeps_every_answer(
    casemanager_client: Client,
) -> None:
    call = start(casemanager_client)
    casemanager_client.post(url("existing", call), {"q": "x y"})
    casemanager_client.post(url("existing", call), {"confirm_no_match": "1"})
    casemanager_client.post(url("notice", call), {"read_aloud": "on"})
    casemanager_client.post(url("questions", call), {**YES, "b": "no"})
    response = casemanager_client.post(url("questions", call), YES)
    assert response["Location"] == url("contact", call)
    answers = list(GatingAnswer.objects.filter(call=call).values_list("question", "answer"))
    assert answers == [
        ("a", True),
        ("b", False),
        ("c", True),
        ("a", True),
        ("b", True),
        ("c", True),
    ]


def test_with_no_email_the_placeholder_is_used_and_an_address_required(
    casemanager_client: Client,
) -> None:
    call = start(casemanager_client)
    through_questions(casemanager_client, call)
    data = {
        "first_name": "Ann",
        "last_name": "Doe",
        "date_of_birth": "03/02/1975",
        "no_email": "on",
    }
    refused = casemanager_client.post(url("contact", call), data)
    assert refused.status_code == 400
    assert "Required when the caller has no email" in refused.content.decode()
    assert 'value="Ann"' in refused.content.decode()  # what was typed is kept
    address = {
        "address_line1": "1 Main St",
        "city": "Saint Paul",
        "state": "mn",
        "zip_code": "55101",
    }
    casemanager_client.post(url("contact", call), {**data, **address})
    call.refresh_from_db()
    assert call.draft["contact"]["email"] == "job.seeker@state.mn.us"
    assert (
        call.draft["contact"]["state"] == "MN"
        and call.draft["contact"]["date_of_birth"] == "1975-03-02"
    )


def test_contact_errors_name_the_rule(casemanager_client: Client) -> None:
    call = start(casemanager_client)
    through_questions(casemanager_client, call)
    body = casemanager_client.post(
        url("contact", call),
        {
            "first_name": "Ann",
            "last_name": "Doe",
            "date_of_birth": "03/02/2999",
            "phone": "12",
            "email": "",
        },
    ).content.decode()
    assert "cannot be in the future" in body and "ten-digit US phone number" in body
    assert "tick “The caller has no email address”" in body


def test_someone_elses_call_is_404(casemanager_client: Client, dvop: User) -> None:
    call = start(casemanager_client)
    assert client_for(dvop).get(url("existing", call)).status_code == 404


def test_administrators_do_not_register_callers(admin: User) -> None:
    assert client_for(admin).post(reverse("registration:new")).status_code == 403


def test_a_real_ssn_is_kept_only_encrypted_on_the_call(casemanager_client: Client) -> None:
    call = start(casemanager_client)
    through_contact(casemanager_client, call)
    response = casemanager_client.post(url("ssn", call), {"choice": "real", "ssn": "231-45-6789"})
    assert response["Location"] == url("credentials", call)
    call.refresh_from_db()
    assert call.draft_ssn == "231456789" and call.draft["ssn_pseudo"] is False
    row = raw_row(call)
    assert "231456789" not in row and "231-45-6789" not in row
    assert "231456789" not in str(dict(casemanager_client.session))


def test_an_ssn_with_an_account_sends_staff_back_to_the_search(casemanager_client: Client) -> None:
    JobSeekerFactory(ssn="231-45-6789", first_name="Zelda")
    call = start(casemanager_client)
    through_contact(casemanager_client, call)
    response = casemanager_client.post(
        url("ssn", call), {"choice": "real", "ssn": "231-45-6789"}, follow=True
    )
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == url("existing", call)
    assert "already exists" in body and "Zelda" not in body
    call.refresh_from_db()
    assert call.no_match_confirmed_at is None and not call.draft_ssn_index


def test_a_caller_who_declines_gets_a_generated_number_beginning_with_9(
    casemanager_client: Client,
) -> None:
    call = start(casemanager_client)
    through_contact(casemanager_client, call)
    casemanager_client.post(url("ssn", call), {"choice": "generate"})
    call.refresh_from_db()
    assert call.draft_ssn.startswith("9") and len(call.draft_ssn) == 9 and call.draft["ssn_pseudo"]


def test_an_invalid_ssn_is_explained_beside_the_field(casemanager_client: Client) -> None:
    call = start(casemanager_client)
    through_contact(casemanager_client, call)
    response = casemanager_client.post(url("ssn", call), {"choice": "real", "ssn": "666-12-3456"})
    assert (
        response.status_code == 400
        and "cannot begin with 000, 666 or 9" in response.content.decode()
    )


def test_credentials_are_hashed_at_once_and_never_shown_again(casemanager_client: Client) -> None:
    call = start(casemanager_client)
    through_contact(casemanager_client, call)
    casemanager_client.post(url("ssn", call), {"choice": "generate"})
    data = {"username": "anndoe75", "password": "Blue-Heron-Lake", "secret_question": "custom",
            "custom_question": "Where did we meet?", "secret_answer": "  At The Lake "}  # fmt: skip
    response = casemanager_client.post(url("credentials", call), data)
    assert response.status_code == 302
    call.refresh_from_db()
    row = raw_row(call)
    assert "Blue-Heron-Lake" not in row and "at the lake" not in row.lower()
    from django.contrib.auth.hashers import check_password

    assert check_password("Blue-Heron-Lake", call.draft_password_hash)
    assert check_password("at the lake", call.draft_secret_answer_hash)
    assert call.draft["secret_question"] == "Where did we meet?"


def test_credential_errors_name_the_rule_and_drop_the_password(casemanager_client: Client) -> None:
    call = start(casemanager_client)
    through_contact(casemanager_client, call)
    casemanager_client.post(url("ssn", call), {"choice": "generate"})
    data = {
        "username": "ann doe",
        "password": "Ann<Doe",
        "secret_question": "",
        "secret_answer": "",
    }
    response = casemanager_client.post(url("credentials", call), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert 'value="Ann&lt;Doe"' not in body and "Ann<Doe" not in body
    assert "The username cannot contain spaces." in body
    assert "The password cannot contain the characters &lt; or &gt;." in body
    assert "Choose a secret question, or let the caller write their own." in body


def test_the_call_page_offers_the_next_step_to_continue(casemanager_client: Client) -> None:
    call = start(casemanager_client)
    through_questions(casemanager_client, call)
    body = casemanager_client.get(url("call", call)).content.decode()
    assert f'href="{url("contact", call)}"' in body and "Continue the call: Contact" in body


def test_a_call_page_hides_a_linked_seeker_who_opted_out_since(partner: User) -> None:
    client = client_for(partner)
    seeker = JobSeekerFactory(first_name="Quentin", last_name="Zamora")
    call = start(client)
    client.post(url("existing", call), {"q": "Quentin Zamora"})
    client.post(url("existing", call), {"seeker": seeker.public_id})
    assert "Quentin" in client.get(url("call", call)).content.decode()
    seeker.opted_out = True
    seeker.save(update_fields=["opted_out"])
    assert "Quentin" not in client.get(url("call", call)).content.decode()


def test_after_an_ssn_clash_the_search_leads_back_to_the_ssn_step(
    casemanager_client: Client,
) -> None:
    JobSeekerFactory(ssn="231-45-6789")
    call = start(casemanager_client)
    through_contact(casemanager_client, call)
    casemanager_client.post(url("ssn", call), {"choice": "real", "ssn": "231-45-6789"})
    casemanager_client.post(url("existing", call), {"q": "Ann Doe"})
    response = casemanager_client.post(url("existing", call), {"confirm_no_match": "1"})
    assert response["Location"] == url("ssn", call)  # the notice is not read twice


def test_a_partners_ssn_clash_with_an_opted_out_seeker_counts_as_a_lookup(
    partner: User, settings: object
) -> None:
    from workforce.models import AccessLog

    settings.OPTOUT_LOOKUPS_PER_HOUR = 1
    hidden = JobSeekerFactory(ssn="231-45-6789", opted_out=True)
    client = client_for(partner)
    call = start(client)
    through_contact(client, call)
    first = client.post(url("ssn", call), {"choice": "real", "ssn": "231-45-6789"})
    assert first["Location"] == url("existing", call)  # the clash is told, and logged
    assert list(AccessLog.objects.values_list("user", "action", "seeker_id")) == [
        (partner.pk, "optout_lookup", hidden.pk)
    ]
    call.refresh_from_db()
    client.post(url("existing", call), {"q": "Ann Doe"})
    client.post(url("existing", call), {"confirm_no_match": "1"})
    second = client.post(url("ssn", call), {"choice": "real", "ssn": "231-45-6789"})
    body = second.content.decode()
    assert second.status_code == 429 and "limit of SSN checks" in body
    assert "already exists" not in body
    assert AccessLog.objects.latest("pk").outcome == "refused: hourly limit reached"
    assert AccessLog.objects.count() == 2  # the refused check is logged, not looked up


def test_a_state_staff_ssn_clash_is_not_a_lookup(casemanager_client: Client) -> None:
    from workforce.models import AccessLog

    JobSeekerFactory(ssn="231-45-6789", opted_out=True)
    call = start(casemanager_client)
    through_contact(casemanager_client, call)
    casemanager_client.post(url("ssn", call), {"choice": "real", "ssn": "231-45-6789"})
    assert not AccessLog.objects.exists()
