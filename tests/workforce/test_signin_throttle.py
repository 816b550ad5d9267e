"""Sign-in throttling (django-axes, `workforce.signin`): per account, per address, spraying alert.

A call centre signs in from one address, so the address limit is far above the account
limit: 20 staff each mistyping once or twice are not locked out, while one password tried
across many accounts from one address is stopped. docs/security.md, "Sign-in throttling".

These tests make many failed sign-ins; each one runs the password hasher (also for unknown
usernames, which Django hashes to keep the timing even). The hasher is not under test, so
they use Django's fast MD5 hasher and give their users MD5 hashes.
"""

from __future__ import annotations

import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from workforce.constants import AlertKind
from workforce.models import SecurityAlert, User

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
WRONG = "Autumn2026!"
CALL_CENTRE = "203.0.113.10"


@pytest.fixture(autouse=True)
def _fast_hasher(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def staff(username: str) -> User:
    return UserFactory(username=username, password=make_password(PASSWORD))


def sign_in(username: str, password: str, address: str) -> object:
    return Client().post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(response: object) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("casework:home")


def locked(response: object) -> bool:
    return response.status_code == 429


def test_the_limits_are_five_per_account_and_fifty_per_address() -> None:
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.SIGNIN_ADDRESS_FAILURE_LIMIT == 50
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]


def test_it_locks_an_account_after_five_wrong_passwords_from_any_address() -> None:
    staff("rivera")
    for n in range(5):
        sign_in("rivera", WRONG, f"198.51.100.{n + 1}")
    assert locked(sign_in("rivera", PASSWORD, "198.51.100.200"))
    # Only that account: another account at the same addresses still signs in.
    staff("nguyen")
    assert signed_in(sign_in("nguyen", PASSWORD, "198.51.100.1"))


def test_four_wrong_passwords_do_not_lock_the_account() -> None:
    staff("rivera")
    for n in range(4):
        sign_in("rivera", WRONG, f"198.51.100.{n + 1}")
    assert signed_in(sign_in("rivera", PASSWORD, "198.51.100.200"))


def test_twenty_staff_behind_one_address_each_mistyping_once_or_twice_are_not_locked() -> None:
    names = [f"agent{n:02d}" for n in range(20)]
    for name in names:
        staff(name)
    # The worst morning: everyone mistypes before anyone gets in (30 failures in all).
    for n, name in enumerate(names):
        for _ in range(1 + n % 2):
            assert not locked(sign_in(name, WRONG, CALL_CENTRE))
    assert all(signed_in(sign_in(name, PASSWORD, CALL_CENTRE)) for name in names)


def test_spraying_one_password_over_many_accounts_from_one_address_is_stopped() -> None:
    staff("rivera")
    limit = settings.SIGNIN_ADDRESS_FAILURE_LIMIT
    answers = [sign_in(f"user{n:03d}", WRONG, "192.0.2.66") for n in range(limit + 5)]
    assert not any(locked(answer) for answer in answers[: limit - 1])
    assert all(locked(answer) for answer in answers[limit:])
    # Even a right password is refused from that address for the cool-off ...
    assert locked(sign_in("rivera", PASSWORD, "192.0.2.66"))
    # ... while the account itself is not locked: its owner signs in from elsewhere.
    assert signed_in(sign_in("rivera", PASSWORD, CALL_CENTRE))


def test_a_successful_sign_in_does_not_clear_its_address_failures() -> None:
    """An insider cannot reset the spraying count by signing in with their own account."""
    staff("insider")
    limit = settings.SIGNIN_ADDRESS_FAILURE_LIMIT
    for n in range(limit - 1):
        sign_in(f"user{n:03d}", WRONG, "192.0.2.66")
    assert signed_in(sign_in("insider", PASSWORD, "192.0.2.66"))
    assert locked(sign_in("user999", WRONG, "192.0.2.66"))


def test_a_successful_sign_in_clears_that_accounts_own_failures() -> None:
    staff("rivera")
    for _ in range(4):
        sign_in("rivera", WRONG, CALL_CENTRE)
    assert signed_in(sign_in("rivera", PASSWORD, CALL_CENTRE))
    assert not AccessAttempt.objects.filter(username="rivera").exists()
    for _ in range(4):
        sign_in("rivera", WRONG, CALL_CENTRE)
    assert signed_in(sign_in("rivera", PASSWORD, CALL_CENTRE))


def test_many_usernames_failing_across_the_site_write_one_alert() -> None:
    threshold = settings.SIGNIN_SPRAY_ALERT_USERNAMES
    # Spread over many addresses, so no address limit is reached: only the site-wide signal.
    for n in range(threshold - 1):
        sign_in(f"user{n:03d}", WRONG, f"198.51.100.{n % 200 + 1}")
    assert not SecurityAlert.objects.exists()
    for n in range(threshold - 1, threshold + 10):
        sign_in(f"user{n:03d}", WRONG, f"198.51.100.{n % 200 + 1}")
    alert = SecurityAlert.objects.get()
    assert alert.kind == AlertKind.SIGNIN_SPRAYING
    assert f"{threshold} different usernames" in alert.detail
    assert "user0" not in alert.detail  # usernames are not repeated (one may be a password)


def test_the_same_username_failing_many_times_is_no_spraying_alert() -> None:
    for n in range(settings.SIGNIN_SPRAY_ALERT_USERNAMES + 5):
        sign_in("rivera", WRONG, f"198.51.100.{n + 1}")
    assert not SecurityAlert.objects.exists()


def test_the_alert_is_listed_for_administrators(admin: User) -> None:
    SecurityAlert.objects.create(kind=AlertKind.SIGNIN_SPRAYING, detail="30 different usernames")
    client = Client()
    client.force_login(admin)
    page = client.get(reverse("admin:workforce_securityalert_changelist"))
    assert page.status_code == 200 and "30 different usernames" in page.content.decode()


# --- the lock-out page ---------------------------------------------------------------------


def lock_out(username: str, address: str) -> object:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(username, WRONG, address)
    return sign_in(username, WRONG, address)


def test_the_lockout_page_says_what_happened_how_long_and_who_to_call(settings: object) -> None:
    settings.SIGNIN_HELP_CONTACT = "the State Workforce help desk at 651-555-0100"
    staff("rivera")
    text = lock_out("rivera", CALL_CENTRE).content.decode()
    assert "Too many failed sign-ins" in text
    assert "15 minutes" in text
    assert "the State Workforce help desk at 651-555-0100" in text


def test_the_lockout_page_is_the_same_for_existing_and_unknown_usernames() -> None:
    staff("rivera")
    existing = lock_out("rivera", "198.51.100.1")
    unknown = lock_out("nobody-by-this-name", "198.51.100.2")
    assert existing.status_code == unknown.status_code == 429

    def shape(response: object) -> str:
        # Only the per-request CSRF token (in htmx's headers) may differ.
        return re.sub(r"[A-Za-z0-9]{64}", "<token>", response.content.decode())

    assert shape(existing) == shape(unknown)
    assert sorted(existing.headers) == sorted(unknown.headers)
    assert "rivera" not in existing.content.decode()


# --- unlocking -------------------------------------------------------------------------------


def test_axes_reset_username_unlocks_an_account() -> None:
    staff("rivera")
    lock_out("rivera", CALL_CENTRE)
    call_command("axes_reset_username", "rivera")
    assert signed_in(sign_in("rivera", PASSWORD, CALL_CENTRE))


def test_axes_reset_ip_unlocks_an_address() -> None:
    staff("rivera")
    for n in range(settings.SIGNIN_ADDRESS_FAILURE_LIMIT):
        sign_in(f"user{n:03d}", WRONG, "192.0.2.66")
    assert locked(sign_in("rivera", PASSWORD, "192.0.2.66"))
    call_command("axes_reset_ip", "192.0.2.66")
    assert signed_in(sign_in("rivera", PASSWORD, "192.0.2.66"))


def test_an_administrator_unlocks_an_account_from_the_staff_list(admin: User) -> None:
    rivera = staff("rivera")
    lock_out("rivera", CALL_CENTRE)
    client = Client()
    client.force_login(admin)
    response = client.post(
        reverse("admin:workforce_user_changelist"),
        {"action": "signin_unlock", "_selected_action": [rivera.pk]},
        follow=True,
    )
    assert "Sign-in unlocked for 1 staff member" in response.content.decode()
    assert signed_in(sign_in("rivera", PASSWORD, CALL_CENTRE))


def test_the_unlock_is_in_the_change_history(admin: User) -> None:
    from auditlog.models import LogEntry

    rivera = staff("rivera")
    lock_out("rivera", CALL_CENTRE)
    client = Client()
    client.force_login(admin)
    client.post(
        reverse("admin:workforce_user_changelist"),
        {"action": "signin_unlock", "_selected_action": [rivera.pk]},
    )
    entry = LogEntry.objects.get_for_object(rivera).latest("timestamp")
    assert entry.actor == admin
    assert entry.changes_dict == {"sign-in lock": ["locked", "unlocked"]}


def test_the_axes_attempt_list_is_reachable_for_administrators(admin: User) -> None:
    staff("rivera")
    lock_out("rivera", CALL_CENTRE)
    client = Client()
    client.force_login(admin)
    page = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert page.status_code == 200 and "rivera" in page.content.decode()
