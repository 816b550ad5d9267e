"""The session list (ASVS 5.0 7.4.3, 7.4.5, 7.5.2): staff see their own signed-in sessions
and sign out the others; a password or two-step sign-in change signs out the others; an
administrator signs a user out of every session, audited."""

from __future__ import annotations

import datetime
import uuid

import pytest
from auditlog.models import LogEntry
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import client_for
from tests.factories import TEST_PASSWORD
from tests.workforce.test_mfa import enrol
from workforce.mfa.constants import SESSION_AUTH_AT
from workforce.models import User, UserSession
from workforce.sessions import (
    ENDED_MESSAGE,
    SESSION_ID,
    TOUCH_EVERY,
    TOUCHED,
    browser_describe,
    key_hash,
)

pytestmark = pytest.mark.django_db

LIST = reverse("account-sessions")
END = reverse("account-session-end")
END_OTHERS = reverse("account-sessions-end-others")
HOME = reverse("casework:home")
FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)

SAFARI_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Safari/605.1.15"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36"
)


def browser(user: User, *, agent: str = "", address: str = "127.0.0.1") -> Client:
    """A browser that signed in on the sign-in page, with its own User-Agent and address."""
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    response = client.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


def signed_in(client: Client) -> bool:
    return client.get(HOME).status_code == 200


def row_of(client: Client) -> UserSession:
    return UserSession.objects.get(public_id=client.session[SESSION_ID])


def test_it_lists_my_sessions_with_browser_address_and_times(casemanager: User) -> None:
    here = browser(casemanager, agent=FIREFOX_LINUX, address="192.0.2.10")
    browser(casemanager, agent=CHROME_WINDOWS, address="198.51.100.7")
    response = here.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200 and "<h1>Your sessions</h1>" in html
    assert "Firefox on Linux" in html and "192.0.2.10" in html
    assert "Chrome on Windows" in html and "198.51.100.7" in html
    assert html.count("This session") == 1
    assert html.index("This session") > html.index("Firefox on Linux")  # on our own row
    assert html.count('name="session"') == 1  # a sign-out button for the other one only
    started = row_of(here).started_at.astimezone(timezone.get_current_timezone())
    assert started.strftime("%m/%d/%Y") in html


def test_it_never_lists_another_users_sessions(casemanager: User, supervisor: User) -> None:
    browser(supervisor, agent=CHROME_WINDOWS, address="203.0.113.99")
    html = browser(casemanager, agent=FIREFOX_LINUX).get(LIST).content.decode()
    assert "203.0.113.99" not in html and "Chrome on Windows" not in html
    assert str(UserSession.objects.get(user=supervisor).public_id) not in html


def test_it_does_not_list_an_expired_session(casemanager: User) -> None:
    here = browser(casemanager, agent=FIREFOX_LINUX)
    gone = browser(casemanager, agent=CHROME_WINDOWS)
    Session.objects.filter(session_key=gone.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(minutes=1)
    )
    html = here.get(LIST).content.decode()
    assert "Firefox on Linux" in html and "Chrome on Windows" not in html


def test_signing_out_one_other_session_really_ends_it(casemanager: User) -> None:
    here, there, third = browser(casemanager), browser(casemanager), browser(casemanager)
    response = here.post(END, {"session": str(row_of(there).public_id)}, follow=True)
    assert "That session is signed out." in response.content.decode()
    assert not signed_in(there)  # that browser now meets the sign-in page
    assert signed_in(here) and signed_in(third)
    assert not Session.objects.filter(session_key=there.session.session_key).exists()


def test_sign_out_all_other_sessions_keeps_this_one(casemanager: User, supervisor: User) -> None:
    here, others = browser(casemanager), [browser(casemanager), browser(casemanager)]
    someone_else = browser(supervisor)
    response = here.post(END_OTHERS, follow=True)
    assert "Signed out of 2 other sessions." in response.content.decode()
    assert signed_in(here) and signed_in(someone_else)
    assert not any(signed_in(other) for other in others)
    assert list(UserSession.objects.filter(user=casemanager)) == [row_of(here)]


def test_another_users_session_id_gets_the_same_answer_as_a_missing_one(
    casemanager: User, supervisor: User
) -> None:
    theirs = browser(supervisor)
    mine = browser(casemanager)
    answers = []
    for public_id in (str(row_of(theirs).public_id), str(uuid.uuid4()), "not-an-id"):
        response = mine.post(END, {"session": public_id}, follow=True)
        answers.append((response.status_code, response.redirect_chain,
                        [str(m) for m in response.context["messages"]]))  # fmt: skip
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][2] == ["That session is not signed in (any more)."]
    assert signed_in(theirs) and UserSession.objects.filter(user=supervisor).exists()


def test_this_session_cannot_be_ended_as_an_other_one(casemanager: User) -> None:
    here = browser(casemanager)
    here.post(END, {"session": str(row_of(here).public_id)})
    assert signed_in(here)


def test_the_pages_are_for_signed_in_users_and_the_buttons_post_only(
    client: Client, casemanager: User
) -> None:
    for url in (LIST, END, END_OTHERS):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    mine = client_for(casemanager)
    assert mine.get(END).status_code == 405 and mine.get(END_OTHERS).status_code == 405
    assert mine.post(LIST).status_code == 405


def test_the_account_bar_links_to_it(casemanager_client: Client) -> None:
    assert f'href="{LIST}"' in casemanager_client.get(HOME).content.decode()


def test_signing_out_removes_the_sessions_row(casemanager: User) -> None:
    here = browser(casemanager)
    assert UserSession.objects.filter(user=casemanager).count() == 1
    here.post(reverse("logout"))
    assert not UserSession.objects.filter(user=casemanager).exists()


def test_the_row_holds_the_hash_of_the_key_never_the_key(casemanager: User) -> None:
    here = browser(casemanager)
    here.get(HOME)
    row, key = row_of(here), here.session.session_key
    assert row.key_hash == key_hash(key) and key not in str(vars(row))


def test_the_row_follows_a_new_session_key(casemanager: User) -> None:
    """The second step and "Confirm it's you" give the session a new key (7.2.4); the row
    follows, or the session could no longer be ended."""
    here, there = browser(casemanager), browser(casemanager)
    before = there.session.session_key
    there.post(reverse("mfa:confirm"), {"password": TEST_PASSWORD})
    assert there.session.session_key != before
    assert row_of(there).key_hash == key_hash(there.session.session_key)
    here.post(END_OTHERS)
    assert not signed_in(there)


def test_a_session_whose_row_was_ended_is_signed_out_at_its_next_check(casemanager: User) -> None:
    """Belt and braces: a session that outlived its row (ended while its key changed) is
    signed out when its minute comes, with a message that says why."""
    there = browser(casemanager)
    row_of(there).delete()
    session = there.session
    session[TOUCHED] -= TOUCH_EVERY
    session.save()
    response = there.get(HOME, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert ENDED_MESSAGE in response.content.decode()


@pytest.mark.parametrize(
    ("agent", "described"),
    [
        (CHROME_WINDOWS, "Chrome on Windows"),
        (FIREFOX_LINUX, "Firefox on Linux"),
        (SAFARI_MAC, "Safari on macOS"),
        (SAFARI_IPHONE, "Safari on iPhone"),
        (CHROME_WINDOWS + " Edg/131.0.0.0", "Edge on Windows"),
        (CHROME_ANDROID, "Chrome on Android"),
        ("curl/8.5.0", "Unknown browser"),
        ("", "Unknown browser"),
    ],
)
def test_it_describes_the_browser_in_plain_words(agent: str, described: str) -> None:
    assert browser_describe(agent) == described


# --- after a password or two-step sign-in change (7.4.3) -----------------------------------


def test_new_backup_codes_sign_out_the_other_sessions(casemanager: User) -> None:
    here = client_for(casemanager)
    enrol(here)  # setting up also signs out the others; the second browser comes after it
    elsewhere = client_for(casemanager)
    response = here.post(reverse("mfa:backup-codes"))
    assert response.status_code == 200
    assert "Signed out of your 1 other session." in response.content.decode()
    assert not signed_in(elsewhere)
    assert signed_in(here)


def test_setting_up_two_step_sign_in_signs_out_the_other_sessions(casemanager: User) -> None:
    here, elsewhere = client_for(casemanager), client_for(casemanager)
    enrol(here)
    assert not signed_in(elsewhere)
    assert signed_in(here)


def test_a_password_change_removes_the_other_sessions_from_the_list(casemanager: User) -> None:
    here, elsewhere = browser(casemanager), browser(casemanager)
    here.post(reverse("password-change"), {"old_password": TEST_PASSWORD,
              "new_password1": "tangerine ladder umbrella",
              "new_password2": "tangerine ladder umbrella"})  # fmt: skip
    assert not Session.objects.filter(session_key=elsewhere.session.session_key).exists()
    assert list(UserSession.objects.filter(user=casemanager)) == [row_of(here)]


# --- the administrator (7.4.5) ----------------------------------------------------------------


def test_an_administrator_signs_a_user_out_of_every_session_audited(
    casemanager: User, supervisor: User, admin: User
) -> None:
    first, second = browser(casemanager), browser(casemanager)
    bystander = browser(supervisor)
    response = client_for(admin).post(
        reverse("admin:workforce_user_changelist"),
        {"action": "sessions_end_all", "_selected_action": [casemanager.pk]},
        follow=True,
    )
    assert "2 sessions of 1 user signed out." in response.content.decode()
    assert not signed_in(first) and not signed_in(second)
    assert signed_in(bystander)
    log = LogEntry.objects.get_for_object(casemanager).latest("timestamp")
    assert log.actor == admin
    assert log.changes == {"sessions": ["2 signed in", "signed out by an administrator"]}


def test_the_admin_action_keeps_the_administrators_own_session(admin: User) -> None:
    mine, other = client_for(admin), client_for(admin)
    mine.post(
        reverse("admin:workforce_user_changelist"),
        {"action": "sessions_end_all", "_selected_action": [admin.pk]},
    )
    assert signed_in(mine) and not signed_in(other)


def test_the_admin_action_needs_a_recent_confirm_its_you(casemanager: User, admin: User) -> None:
    target = browser(casemanager)
    mine = client_for(admin)
    session = mine.session
    session[SESSION_AUTH_AT] -= 3600  # signed in an hour ago
    session.save()
    response = mine.post(
        reverse("admin:workforce_user_changelist"),
        {"action": "sessions_end_all", "_selected_action": [casemanager.pk]},
    )
    assert response.status_code == 302 and reverse("mfa:confirm") in response["Location"]
    assert signed_in(target)
