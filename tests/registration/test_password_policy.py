"""The credentials step reads aloud the rules its form enforces: one seeker password policy.

Seed 000, step 7 is the default; a state may switch seekers to the NIST SP 800-63B-4 policy
(`SEEKER_PASSWORD_POLICY=nist`), and then both the script and the check change together.
"""

from __future__ import annotations

import html

import pytest
from django.test import Client

from tests.registration.calls import CREDENTIALS, start, through_contact, url
from workforce.passwords import SEED_000_RULES, SEEKER_NIST_POLICY

pytestmark = pytest.mark.django_db


def at_credentials(client: Client) -> object:
    call = start(client)
    through_contact(client, call)
    response = client.post(url("ssn", call), {"choice": "real", "ssn": "231-45-6789"})
    assert response["Location"] == url("credentials", call)
    return call


def test_the_step_reads_seed_000s_rules_word_for_word(casemanager_client: Client) -> None:
    call = at_credentials(casemanager_client)
    page = html.unescape(casemanager_client.get(url("credentials", call)).content.decode())
    assert SEED_000_RULES in page
    assert "At least 6 characters; no spaces, &lt; or &gt;" in html.escape(page, quote=False)


def test_under_the_nist_policy_the_step_reads_and_enforces_fifteen_characters(
    casemanager_client: Client, settings: object
) -> None:
    settings.SEEKER_PASSWORD_POLICY = "nist"
    call = at_credentials(casemanager_client)
    page = html.unescape(casemanager_client.get(url("credentials", call)).content.decode())
    assert SEEKER_NIST_POLICY.read_aloud in page
    assert "at least 6 characters" not in page
    refused = casemanager_client.post(
        url("credentials", call), {**CREDENTIALS, "password": "Heron-Kite42"}
    )
    assert refused.status_code == 400
    assert "The password must be at least 15 characters long." in html.unescape(
        refused.content.decode()
    )
    accepted = casemanager_client.post(
        url("credentials", call), {**CREDENTIALS, "password": "blue heron lake at dawn"}
    )
    assert accepted["Location"] == url("demographics", call)
