"""Workshops (seed 003), the pages: what they offer whom, sign-in, roles and methods."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from services.models import ServiceRecord, WorkshopReferral
from tests.conftest import client_for
from tests.factories import WorkshopReferralFactory
from tests.services.workshops.helpers import (
    LIST,
    NEW,
    TO_RESULT,
    detail_url,
    refer_url,
    result_url,
    workshop_in,
)
from workforce.models import Office, User

pytestmark = pytest.mark.django_db


# --- workshops to result ------------------------------------------------------------------


def test_to_result_tells_a_supervisor_they_can_still_result_overdue_ones(
    supervisor_client: Client, office: Office
) -> None:
    WorkshopReferralFactory(workshop=workshop_in(office, days_ago=20))
    body = supervisor_client.get(TO_RESULT).content.decode()
    assert "you can still result it as a supervisor" in body


def test_the_workshop_page_offers_results_only_within_the_window(
    casemanager_client: Client, supervisor_client: Client, office: Office
) -> None:
    open_one = WorkshopReferralFactory(workshop=workshop_in(office, days_ago=1))
    closed = WorkshopReferralFactory(workshop=workshop_in(office, days_ago=15))
    assert result_url(open_one) in casemanager_client.get(
        detail_url(open_one.workshop)).content.decode()  # fmt: skip
    assert result_url(closed) not in casemanager_client.get(
        detail_url(closed.workshop)).content.decode()  # fmt: skip
    assert result_url(closed) in supervisor_client.get(
        detail_url(closed.workshop)).content.decode()  # fmt: skip


# --- who may, and how ---------------------------------------------------------------------


def all_urls(office: Office) -> dict[str, tuple[str, str]]:
    referral = WorkshopReferralFactory(workshop=workshop_in(office, days_ago=1))
    return {
        "list": ("get", LIST), "new": ("get", NEW), "to_result": ("get", TO_RESULT),
        "detail": ("get", detail_url(referral.workshop)),
        "refer": ("post", refer_url(referral.workshop)), "result": ("post", result_url(referral)),
    }  # fmt: skip


def test_anonymous_users_are_sent_to_sign_in(office: Office) -> None:
    for method, url in all_urls(office).values():
        response = getattr(Client(), method)(url)
        assert response.status_code == 302 and reverse("login") in response["Location"], url


def test_administrators_are_refused(admin: User, office: Office) -> None:
    client = client_for(admin)
    for method, url in all_urls(office).values():
        assert getattr(client, method)(url, {"result": "attended"}).status_code == 403, url
    assert not ServiceRecord.objects.exists()


def test_refer_and_result_are_post_only(casemanager_client: Client, office: Office) -> None:
    urls = all_urls(office)
    for name in ("refer", "result"):
        assert casemanager_client.get(urls[name][1]).status_code == 405
    assert casemanager_client.delete(LIST).status_code == 405
    assert WorkshopReferral.objects.count() == 1 and not ServiceRecord.objects.exists()


def test_the_header_links_to_workshops(casemanager_client: Client) -> None:
    assert f'href="{LIST}"' in casemanager_client.get(reverse("casework:home")).content.decode()
