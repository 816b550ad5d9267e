"""Partner staff's path of seed 002: a search that finds nobody offers the Opt-Out Lookup
right there (step 3), whoever was searched for; a lookup hit says whom to contact (steps
4-5), from the partner organization's settings or, when none is set, the office phone."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from seekers.models import JobSeeker
from tests.conftest import client_for, search
from tests.factories import JobSeekerFactory
from workforce.models import AccessLog, Office, Organization, User

pytestmark = pytest.mark.django_db
SSN = "231-45-8274"
LOOKUP = reverse("optout:lookup")
OFFER = "may have opted out of sharing their data"


@pytest.fixture
def hidden(partner_office: Office, office: Office) -> JobSeeker:
    return JobSeekerFactory(
        first_name="Marisol", last_name="Quintero", ssn=SSN, opted_out=True,
        offices=[partner_office, office],
    )  # fmt: skip


def neutral(body: str, typed: str) -> str:
    """The page without what differs from one request to the next or was typed."""
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    body = re.sub(r'"X-CSRFToken": "[^"]+"', "", body)
    body = re.sub(r"qt=[\w%.:-]+", "qt=", body)
    return html.unescape(body).replace(typed, "TYPED")


# --- step 3 from the search: zero results offer the lookup ------------------------------


@pytest.mark.parametrize("live", [False, True])
@pytest.mark.parametrize("scope", ["all", "office"])
def test_it_offers_the_lookup_when_a_partner_search_finds_nobody(
    partner_client: Client, live: bool, scope: str
) -> None:
    body = search(partner_client, "Nobody Likethem", scope, live=live).content.decode()
    assert OFFER in body and f'href="{LOOKUP}"' in body


@pytest.mark.parametrize("live", [False, True])
@pytest.mark.parametrize("scope", ["all", "office"])
def test_it_offers_the_same_for_an_opted_out_seeker_and_a_missing_one(
    partner_client: Client, hidden: JobSeeker, live: bool, scope: str
) -> None:
    pages = {}
    for typed in ("Marisol Quintero", "Anneliese Vorwerk"):
        response = search(partner_client, typed, scope, live=live)
        assert response.status_code == 200
        pages[typed] = neutral(response.content.decode(), typed)
    assert OFFER in pages["Marisol Quintero"]
    assert pages["Marisol Quintero"] == pages["Anneliese Vorwerk"]


@pytest.mark.parametrize("live", [False, True])
def test_it_does_not_offer_the_lookup_when_someone_is_found(
    partner_client: Client, partner_office: Office, live: bool
) -> None:
    JobSeekerFactory(first_name="Dana", last_name="Sharing", offices=[partner_office])
    body = search(partner_client, "Dana Sharing", "all", live=live).content.decode()
    assert "Sharing" in body and OFFER not in body


@pytest.mark.parametrize("live", [False, True])
def test_it_does_not_offer_the_lookup_to_state_staff(
    casemanager_client: Client, live: bool
) -> None:
    body = search(casemanager_client, "Nobody Likethem", "all", live=live).content.decode()
    assert OFFER not in body and LOOKUP not in body


def test_the_lookup_page_opens_empty_for_partner_staff(partner_client: Client) -> None:
    response = partner_client.get(LOOKUP)
    body = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert 'name="ssn"' in body and 'action="' + LOOKUP + '"' in body
    assert 'id="lookup-miss"' not in body and not AccessLog.objects.exists()


def test_a_get_never_looks_up_or_echoes_an_ssn(partner_client: Client, hidden: JobSeeker) -> None:
    response = partner_client.get(LOOKUP, {"ssn": SSN})
    body = response.content.decode()
    assert response.status_code == 200 and "Quintero" not in body
    assert SSN not in body and "231458274" not in body
    assert not AccessLog.objects.exists()


def test_state_staff_may_not_open_the_lookup_page(casemanager_client: Client) -> None:
    assert casemanager_client.get(LOOKUP).status_code == 403


# --- steps 4-5: whom to contact about an opted-out client --------------------------------


def test_a_hit_names_the_contact_the_administrator_set_with_a_mailto_link(
    partner_client: Client, partner_org: Organization, hidden: JobSeeker
) -> None:
    partner_org.optout_contact_name = "Pat Lee, ESD WIOA Supervisor"
    partner_org.optout_contact_email = "pat.lee@esd.example.gov"
    partner_org.optout_contact_phone = "3605550177"
    partner_org.save()
    body = html.unescape(partner_client.post(LOOKUP, {"ssn": SSN}).content.decode())
    assert "Quintero, Marisol" in body
    contact = body[body.index('id="optout-contact"') :]
    assert "Pat Lee, ESD WIOA Supervisor" in contact
    assert 'href="mailto:pat.lee@esd.example.gov"' in contact
    assert "(360) 555-0177" in contact
    assert "has not set" not in body


def test_a_hit_without_a_contact_falls_back_to_the_office_phone_and_says_so(
    partner: User, partner_client: Client, partner_office: Office, hidden: JobSeeker
) -> None:
    partner_office.phone = "3605550111"
    partner_office.save()
    body = html.unescape(partner_client.post(LOOKUP, {"ssn": SSN}).content.decode())
    contact = body[body.index('id="optout-contact"') :]
    assert "administrator has not set an opt-out contact" in contact
    assert "Partner Office" in contact and "(360) 555-0111" in contact
    assert "mailto:" not in body


def test_a_hit_without_any_contact_or_office_phone_says_whom_to_ask(
    partner_client: Client, hidden: JobSeeker
) -> None:
    body = html.unescape(partner_client.post(LOOKUP, {"ssn": SSN}).content.decode())
    contact = body[body.index('id="optout-contact"') :]
    assert "administrator has not set an opt-out contact" in contact
    assert "Ask your administrator" in contact


def test_the_contact_stays_on_the_hit_page_after_a_bad_request_form(
    partner_client: Client, partner_org: Organization, hidden: JobSeeker
) -> None:
    partner_org.optout_contact_name = "Pat Lee"
    partner_org.save()
    partner_client.post(LOOKUP, {"ssn": SSN})
    lookup = AccessLog.objects.get()
    url = reverse("optout:request-new", args=[lookup.pk])
    response = partner_client.post(url, {"client_name": "", "client_phone": "", "reason": ""})
    assert response.status_code == 400 and "Pat Lee" in response.content.decode()


def test_a_miss_stays_neutral_and_names_no_contact(
    partner_client: Client, partner_org: Organization, partner_office: Office
) -> None:
    partner_org.optout_contact_name = "Pat Lee, ESD WIOA Supervisor"
    partner_org.optout_contact_email = "pat.lee@esd.example.gov"
    partner_org.save()
    partner_office.phone = "3605550111"
    partner_office.save()
    JobSeekerFactory(first_name="Dana", last_name="Sharing", ssn="345-67-8912")
    sharing = partner_client.post(LOOKUP, {"ssn": "345-67-8912"}).content.decode()
    unknown = partner_client.post(LOOKUP, {"ssn": "456-78-9123"}).content.decode()
    assert neutral(sharing, "") == neutral(unknown, "")
    assert "No opted-out record for this number." in sharing
    for text in ("Pat Lee", "pat.lee@", "555-0111", "optout-contact", "has not set"):
        assert text not in sharing


def test_the_partner_sees_only_their_own_organizations_contact(
    partner_org: Organization, hidden: JobSeeker
) -> None:
    from tests.factories import OfficeFactory, PartnerOrganizationFactory, UserFactory
    from workforce.constants import Role

    other_org = PartnerOrganizationFactory(optout_contact_name="Robin Other")
    other_office = OfficeFactory(organization=other_org)
    other = UserFactory(
        role=Role.PARTNER_STAFF, organization=other_org, current_office=other_office,
        offices=[other_office],
    )  # fmt: skip
    partner_org.optout_contact_name = "Pat Lee"
    partner_org.save()
    body = client_for(other).post(LOOKUP, {"ssn": SSN}).content.decode()
    assert "Robin Other" in body and "Pat Lee" not in body
