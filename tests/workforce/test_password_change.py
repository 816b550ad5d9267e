"""Staff change their own password: current one required, staff policy, session kept, audited."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from tests.factories import TEST_PASSWORD
from workforce.models import User

pytestmark = pytest.mark.django_db

URL = reverse("password-change")
NEW = "tangerine ladder umbrella"


def change(client: Client, *, old: str = TEST_PASSWORD, new: str = NEW, again: str | None = None):
    data = {"old_password": old, "new_password1": new, "new_password2": again or new}
    return client.post(URL, data)


def test_it_sends_anonymous_visitors_to_sign_in(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_it_shows_the_form_with_labels_and_autocomplete_hints(casemanager_client: Client) -> None:
    html = casemanager_client.get(URL).content.decode()
    assert "<h1>Change password</h1>" in html
    for label in ("Current password", "New password", "New password again"):
        assert f">{label}" in html
    assert 'autocomplete="current-password"' in html and 'autocomplete="new-password"' in html
    assert "at least 12 characters" in html


def test_the_account_menu_links_to_it(casemanager_client: Client) -> None:
    html = casemanager_client.get(reverse("casework:home")).content.decode()
    assert f'href="{URL}"' in html


def test_it_changes_the_password_and_keeps_this_session(
    casemanager: User, casemanager_client: Client
) -> None:
    response = change(casemanager_client)
    assert response.status_code == 302 and response["Location"] == reverse("casework:home")
    casemanager.refresh_from_db()
    assert casemanager.check_password(NEW) and not casemanager.check_password(TEST_PASSWORD)
    # update_session_auth_hash: this browser is still signed in after the change.
    home = casemanager_client.get(reverse("casework:home"), follow=True)
    assert home.status_code == 200 and "Your password was changed." in home.content.decode()
    assert home.wsgi_request.user == casemanager


def test_it_signs_out_the_accounts_other_sessions(casemanager: User) -> None:
    here, elsewhere = Client(), Client()
    here.force_login(casemanager)
    elsewhere.force_login(casemanager)
    change(here)
    response = elsewhere.get(reverse("casework:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_it_needs_the_current_password(casemanager: User, casemanager_client: Client) -> None:
    response = change(casemanager_client, old="not-my-password")
    assert response.status_code == 400
    assert "Your old password was entered incorrectly" in response.content.decode()
    casemanager.refresh_from_db()
    assert casemanager.check_password(TEST_PASSWORD)


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("Lantern-Oak", "at least 12 characters"),
        ("Password2026!", "too common"),
    ],
)
def test_it_refuses_a_new_password_the_staff_policy_refuses(
    casemanager: User, casemanager_client: Client, new: str, message: str
) -> None:
    response = change(casemanager_client, new=new)
    assert response.status_code == 400
    # Beside the new password, where it was typed (Django's form puts it on the repeat).
    assert message in str(response.context["form"].errors["new_password1"])
    casemanager.refresh_from_db()
    assert casemanager.check_password(TEST_PASSWORD)


def test_the_change_is_in_the_change_history_without_the_password(
    casemanager: User, casemanager_client: Client
) -> None:
    change(casemanager_client)
    entry = LogEntry.objects.get_for_object(casemanager).latest("timestamp")
    assert entry.actor == casemanager
    assert entry.changes_dict["password"] == ["changed", "changed"]
    assert NEW not in str(entry.changes) and NEW not in str(entry.serialized_data)


def test_it_never_writes_a_password_back_into_the_page(casemanager_client: Client) -> None:
    response = change(casemanager_client, new=NEW, again="something different entirely")
    assert response.status_code == 400
    html = response.content.decode()
    assert TEST_PASSWORD not in html and NEW not in html


def test_it_answers_get_and_post_only(casemanager_client: Client) -> None:
    assert casemanager_client.put(URL).status_code == 405
