"""In-app notices: every signed-in user's list, the unread count in the header, and
"Mark all read" (a POST: viewing the list changes nothing)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from optout.models import Notice
from tests.conftest import client_for
from tests.factories import NoticeFactory, OptInRequestFactory
from workforce.models import User

pytestmark = pytest.mark.django_db
NOTICES = reverse("optout:notices")
READ = reverse("optout:notices-read")


def test_it_lists_the_users_own_notices_newest_first(partner: User, partner_client: Client):
    old = NoticeFactory(user=partner, text="Older notice about Ana.")
    Notice.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=1))
    NoticeFactory(user=partner, text="Newer notice about Ben.")
    NoticeFactory(text="Someone else's notice.")
    body = partner_client.get(NOTICES).content.decode()
    assert body.index("Newer notice about Ben.") < body.index("Older notice about Ana.")
    assert "Someone else" not in body


def test_a_notice_about_a_request_links_partners_to_my_requests(
    partner: User, partner_client: Client
) -> None:
    optin = OptInRequestFactory(requested_by=partner)
    NoticeFactory(user=partner, request=optin, text="Ana agreed to share their data.")
    body = partner_client.get(NOTICES).content.decode()
    assert f'href="{reverse("optout:my-requests")}#request-{optin.pk}"' in body


def test_the_header_shows_the_unread_count(partner: User, partner_client: Client) -> None:
    NoticeFactory.create_batch(2, user=partner)
    NoticeFactory(user=partner, read_at=timezone.now())
    body = partner_client.get(reverse("casework:home")).content.decode()
    assert 'Notices <span class="usa-tag">2</span><span class="usa-sr-only"> unread</span>' in body


def test_the_header_shows_no_count_without_unread_notices(partner_client: Client) -> None:
    body = partner_client.get(reverse("casework:home")).content.decode()
    assert f'href="{NOTICES}"><span>Notices</span>' in body


def test_viewing_does_not_mark_notices_read(partner: User, partner_client: Client) -> None:
    NoticeFactory(user=partner)
    partner_client.get(NOTICES)
    assert Notice.objects.filter(read_at__isnull=True).count() == 1


def test_mark_all_read_clears_the_count_of_this_user_only(
    partner: User, partner_client: Client
) -> None:
    NoticeFactory.create_batch(2, user=partner)
    other = NoticeFactory()
    response = partner_client.post(READ)
    assert response.status_code == 302 and response.url == NOTICES
    assert not Notice.objects.filter(user=partner, read_at__isnull=True).exists()
    assert Notice.objects.get(pk=other.pk).read_at is None
    body = partner_client.get(NOTICES).content.decode()
    assert "2 notices marked read." in body and "Mark all read" not in body


def test_mark_all_read_is_post_only(partner: User, partner_client: Client) -> None:
    NoticeFactory(user=partner)
    assert partner_client.get(READ).status_code == 405
    assert Notice.objects.filter(read_at__isnull=True).count() == 1


def test_anonymous_users_are_sent_to_sign_in() -> None:
    for response in (Client().get(NOTICES), Client().post(READ)):
        assert response.status_code == 302 and reverse("login") in response.url


@pytest.mark.parametrize("role_fixture", ["casemanager", "supervisor", "dvop", "admin"])
def test_every_signed_in_user_has_notices(
    request: pytest.FixtureRequest, role_fixture: str
) -> None:
    user = request.getfixturevalue(role_fixture)
    NoticeFactory(user=user, text="New opt-in request from partner staff.")
    body = client_for(user).get(NOTICES).content.decode()
    assert "New opt-in request from partner staff." in body
