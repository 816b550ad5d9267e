"""Core pages: office switch, health check, error pages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import OfficeFactory
from workforce.models import Office, User

pytestmark = pytest.mark.django_db


def test_a_user_switches_to_another_of_their_offices(
    casemanager: User, casemanager_client: Client, other_office: Office
) -> None:
    response = casemanager_client.post(
        reverse("office-switch"), {"office": other_office.pk, "next": "/"}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    casemanager.refresh_from_db()
    assert casemanager.current_office == other_office


def test_a_user_cannot_switch_to_an_office_they_do_not_work_in(
    casemanager: User, casemanager_client: Client, office: Office
) -> None:
    foreign = OfficeFactory()
    response = casemanager_client.post(
        reverse("office-switch"), {"office": foreign.pk}, follow=True
    )
    assert response.status_code == 200
    assert "Choose one of your offices." in response.content.decode()
    casemanager.refresh_from_db()
    assert casemanager.current_office == office


def test_office_switch_is_post_only(casemanager_client: Client) -> None:
    assert casemanager_client.get(reverse("office-switch")).status_code == 405


def test_office_switch_never_redirects_off_site(
    casemanager_client: Client, other_office: Office
) -> None:
    response = casemanager_client.post(
        reverse("office-switch"), {"office": other_office.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("casework:home")


def test_healthz_answers_without_login(client: Client) -> None:
    response = client.get(reverse("healthz"))
    assert response.status_code == 200 and response.content == b"ok"


def test_the_header_shows_user_role_and_office(casemanager_client: Client, office: Office) -> None:
    body = casemanager_client.get(reverse("casework:home")).content.decode()
    assert "Case manager" in body and office.name in body and 'id="quick-search"' in body


def test_an_unknown_page_is_a_plain_404(casemanager_client: Client) -> None:
    response = casemanager_client.get("/no-such-page/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


def test_pages_carry_a_content_security_policy_without_inline_script(
    casemanager_client: Client,
) -> None:
    response = casemanager_client.get(reverse("casework:home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "base-uri 'none'" in policy and "object-src 'none'" in policy  # ASVS 5.0 3.4.3
    assert "<script>" not in response.content.decode()
