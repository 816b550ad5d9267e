"""Login is required everywhere but the sign-in page; sessions expire when idle."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from workforce.models import User
from workforce.urlids import id_encode

pytestmark = pytest.mark.django_db

# The session endpoints answer a signed-out page with 401 (tests/workforce/test_sessions.py).
PUBLIC = {"login", "healthz", "session-status", "session-keep-alive"}


def all_url_paths() -> list[tuple[str, str]]:
    """Every URL pattern of the project, with sample arguments; new pages are covered by default."""
    found: list[tuple[str, str]] = []

    def walk(patterns: list, prefix: str, namespace: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = entry.namespace or namespace
                walk(entry.url_patterns, prefix + str(entry.pattern), ns)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
                route = prefix + str(entry.pattern)
                found.append((name or route, route))

    walk(get_resolver().url_patterns, "", "")
    return found


def sample_path(route: str) -> str:
    """Turn a route into a concrete path: path converters become 1 or 'x', regex becomes literal."""
    import re

    path = re.sub(r"<int:[^>]+>", "1", route)
    path = re.sub(r"<seeker:[^>]+>", id_encode(1), path)  # seeker ids are URL tokens
    path = re.sub(r"<(?:str|slug|path|uuid):?[^>]*>", "x", path)
    path = re.sub(r"<[^>]+>", "x", path)
    path = re.sub(r"\(\?P<[^>]+>[^)]*\)", "1", path)
    path = path.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
    return "/" + path


PROTECTED = [
    (name, route)
    for name, route in all_url_paths()
    if name not in PUBLIC and not route.startswith("admin/")  # the admin has its own login
]


@pytest.mark.parametrize(("name", "route"), PROTECTED)
def test_anonymous_requests_to_every_url_go_to_sign_in(
    client: Client, name: str, route: str
) -> None:
    for method in (client.get, client.post):
        response = method(sample_path(route))
        assert response.status_code == 302, (route, response.status_code)
        assert response["Location"].startswith(reverse("login")), route


def test_the_admin_sends_anonymous_users_to_its_login(client: Client) -> None:
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_sign_in_page_is_public(client: Client) -> None:
    assert client.get(reverse("login")).status_code == 200


def test_every_url_pattern_is_listed() -> None:
    names = {name for name, _ in all_url_paths()}
    assert {
        "casework:home",
        "login",
        "casework:detail",
        "casework:reveal-ssn",
        "audit-access",
    } <= names


def test_a_session_expires_after_the_idle_timeout(casemanager: User) -> None:
    client = Client()
    client.force_login(casemanager)
    assert client.get(reverse("casework:home")).status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    assert session.expire_date > timezone.now() + timedelta(
        minutes=settings.SESSION_IDLE_MINUTES - 1
    )
    session.expire_date = timezone.now() - timedelta(seconds=1)
    session.save()
    response = client.get(reverse("casework:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_activity_pushes_the_idle_timeout_forward(casemanager: User) -> None:
    client = Client()
    client.force_login(casemanager)
    session = Session.objects.get(session_key=client.session.session_key)
    session.expire_date = timezone.now() + timedelta(minutes=1)
    session.save()
    assert client.get(reverse("casework:home")).status_code == 200
    refreshed = Session.objects.get(session_key=session.session_key)
    assert refreshed.expire_date > timezone.now() + timedelta(
        minutes=settings.SESSION_IDLE_MINUTES - 1
    )


def test_the_idle_timeout_defaults_to_thirty_minutes() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST


def test_repeated_failed_sign_ins_lock_the_account(client: Client, casemanager: User) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "casemanager", "password": "wrong-password"})
    response = client.post(
        reverse("login"), {"username": "casemanager", "password": "correct-horse-battery"}
    )
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()


def test_a_staff_member_signs_in_with_the_right_password(client: Client, casemanager: User) -> None:
    response = client.post(
        reverse("login"), {"username": "casemanager", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("casework:home")
