"""`next=` on the office switch (and on sign-in, Django's own check): only a local path
is followed, anything else goes Home, and a tampered value never turns a done switch into
a 500 page."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from workforce.models import Office, User
from workforce.redirects import safe_next_url

pytestmark = pytest.mark.django_db

# Values a tampered or odd form may carry: URL names, other sites, schemes, control
# characters, a path that does not start with a slash, an enormous value.
NOT_LOCAL_PATHS = [
    "foo", "casework:detail", "home", "logout", "https://evil.example/", "//evil.example/",
    "/\\evil.example", "\\\\evil.example", "javascript:alert(1)", "data:text/html,hi",
    "mailto:a@example.com", " /", "\x00/", "/\x00", "/ok\r\nSet-Cookie: a=1", "/ok\n",
    "http:/evil.example", "///evil.example", "/" + "a" * 5000, "../etc/passwd", "?next=/",
]  # fmt: skip


@pytest.mark.parametrize("value", NOT_LOCAL_PATHS)
def test_it_switches_and_goes_home_for_a_next_that_is_not_a_local_path(
    casemanager: User, casemanager_client: Client, other_office: Office, value: str
) -> None:
    response = casemanager_client.post(
        reverse("office-switch"), {"office": other_office.pk, "next": value}
    )
    assert response.status_code == 302 and response["Location"] == reverse("casework:home")
    casemanager.refresh_from_db()
    assert casemanager.current_office == other_office
    page = casemanager_client.get(response["Location"])
    assert f"You are now working in {other_office.name}." in page.content.decode()


def test_it_follows_a_local_path_with_its_query(
    casemanager_client: Client, other_office: Office
) -> None:
    local = "/seekers/search/?qt=abc-DEF_1%3D&page=2"
    response = casemanager_client.post(
        reverse("office-switch"), {"office": other_office.pk, "next": local}
    )
    assert response.status_code == 302 and response["Location"] == local


@pytest.mark.parametrize("value", NOT_LOCAL_PATHS)
def test_it_gives_the_default_for_anything_but_a_local_path(value: str) -> None:
    request = RequestFactory().post("/", {"next": value})
    assert safe_next_url(request, default="/fallback/") == "/fallback/"


def test_it_keeps_a_local_path() -> None:
    request = RequestFactory().post("/", {"next": "/seekers/12/#seeker-services"})
    assert safe_next_url(request, default="/fallback/") == "/seekers/12/#seeker-services"


@pytest.mark.parametrize("value", ["foo", "home", "//evil.example/", "/ok\r\nSet-Cookie: a=1"])
def test_it_signs_in_and_stays_on_the_site_for_any_next(casemanager: User, value: str) -> None:
    casemanager.set_password("a long enough passphrase")
    casemanager.save(update_fields=["password"])
    response = Client().post(
        reverse("login"),
        {"username": "casemanager", "password": "a long enough passphrase", "next": value},
    )
    assert response.status_code == 302
    location = response["Location"]
    assert "evil.example" not in location and ":" not in location.split("/")[0]
