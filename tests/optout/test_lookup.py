"""The Opt-Out Lookup (seed 002 step 3): names only on a hit, nothing on a miss, logged
without the SSN, limited per user per hour across processes."""

from __future__ import annotations

import datetime
import logging
import re

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from seekers.models import JobSeeker
from tests.conftest import audit_rows_backdate, client_for
from tests.factories import AccessLogFactory, JobSeekerFactory
from workforce.constants import AccessAction
from workforce.models import AccessLog, User

pytestmark = pytest.mark.django_db
SSN = "231-45-8274"
SSN_SHAPES = ("231-45-8274", "231458274", "231 45 8274", "45-8274", "458274")
LOOKUP = reverse("optout:lookup")


@pytest.fixture
def hidden(office: object) -> JobSeeker:
    return JobSeekerFactory(
        id=908172, first_name="Marisol", last_name="Quintero", ssn=SSN, opted_out=True,
        date_of_birth=datetime.date(1981, 7, 14), offices=[office],
    )  # fmt: skip


def look_up(client: Client, ssn: str = SSN) -> object:
    return client.post(LOOKUP, {"ssn": ssn})


def without_csrf(body: str) -> str:
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", body)


def test_it_shows_only_last_and_first_name_on_a_hit(partner_client: Client, hidden: JobSeeker):
    response = look_up(partner_client)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Quintero, Marisol" in body and "This client has opted out of data sharing" in body
    assert "07/14/1981" not in body and "1981" not in body  # no date of birth
    assert "***-**-8274" not in body and "8274" not in body  # no masked SSN
    assert reverse("casework:detail", args=[hidden.pk]) not in body  # no link, no id
    assert "908172" not in body


def test_it_shows_the_next_steps_and_a_prefilled_request_form(
    partner_client: Client, hidden: JobSeeker
) -> None:
    body = look_up(partner_client).content.decode()
    lookup = AccessLog.objects.get()
    assert "brief reason" in body and "ask for assistance to opt in to data sharing" in body
    assert reverse("optout:request-new", args=[lookup.pk]) in body
    assert 'value="Marisol Quintero"' in body


def test_a_miss_says_only_that_there_is_no_opted_out_record(
    partner_client: Client, hidden: JobSeeker
) -> None:
    JobSeekerFactory(first_name="Dana", last_name="Sharing", ssn="345-67-8912")
    sharing = without_csrf(look_up(partner_client, "345-67-8912").content.decode())
    unknown = without_csrf(look_up(partner_client, "456-78-9123").content.decode())
    assert "No opted-out record for this number." in sharing
    # A seeker who shares data and a number nobody has give the same page.
    assert sharing == unknown
    assert "Dana" not in sharing and "Sharing" not in sharing and "Quintero" not in sharing


def test_the_ssn_is_never_echoed_in_the_page(partner_client: Client, hidden: JobSeeker) -> None:
    for ssn in (SSN, "456-78-9123"):
        response = look_up(partner_client, ssn)
        assert response["Cache-Control"] == "no-store"
        body = response.content.decode()
        assert not any(shape in body for shape in SSN_SHAPES[:3])
        assert ssn not in body


def test_an_invalid_ssn_gets_a_message_beside_the_field_and_is_not_logged(
    partner_client: Client,
) -> None:
    response = look_up(partner_client, "12345")
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_ssn_error"' in body and "Enter nine digits" in body
    assert 'value="12345"' not in body
    assert not AccessLog.objects.exists()


def test_an_empty_ssn_asks_for_one(partner_client: Client) -> None:
    response = look_up(partner_client, "  ")
    assert response.status_code == 400
    assert "Enter the client&#x27;s Social Security Number." in response.content.decode()


def test_every_lookup_is_logged_with_user_time_and_outcome(
    partner: User, partner_client: Client, hidden: JobSeeker
) -> None:
    before = timezone.now()
    look_up(partner_client)
    look_up(partner_client, "456-78-9123")
    hit, miss = AccessLog.objects.order_by("at", "pk")
    assert (hit.user, hit.action, hit.seeker_id) == (partner, AccessAction.OPTOUT_LOOKUP, hidden.pk)
    assert hit.outcome == "opted-out record found" and hit.at >= before
    assert (miss.user, miss.seeker_id, miss.outcome) == (partner, None, "no opted-out record")


def test_the_ssn_is_stored_nowhere_in_the_log_the_session_or_the_server_log(
    partner_client: Client, hidden: JobSeeker, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    look_up(partner_client)
    look_up(partner_client, "456-78-9123")
    look_up(partner_client, "1234")
    rows = " ".join(str(list(row)) for row in AccessLog.objects.values_list())
    sessions = " ".join(str(s.get_decoded()) + s.session_data for s in Session.objects.all())
    for text in (rows, sessions, caplog.text):
        for ssn in (*SSN_SHAPES[:3], "456789123", "456-78-9123"):
            assert ssn not in text


def test_a_lookup_is_only_ever_posted(partner_client: Client, hidden: JobSeeker) -> None:
    # A GET shows the empty form (the link a search with no results offers), never a lookup.
    response = partner_client.get(LOOKUP, {"ssn": SSN})
    assert response.status_code == 200 and "Quintero" not in response.content.decode()
    assert not AccessLog.objects.exists()


def test_anonymous_users_are_sent_to_sign_in() -> None:
    response = Client().post(LOOKUP, {"ssn": SSN})
    assert response.status_code == 302 and reverse("login") in response.url
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("role_fixture", ["casemanager", "supervisor", "dvop", "admin"])
def test_state_staff_may_not_use_the_lookup(
    request: pytest.FixtureRequest, role_fixture: str, hidden: JobSeeker
) -> None:
    response = look_up(client_for(request.getfixturevalue(role_fixture)))
    assert response.status_code == 403
    assert "Quintero" not in response.content.decode()
    assert not AccessLog.objects.exists()


def test_the_21st_lookup_in_an_hour_is_refused_with_when_to_try_again(
    partner_client: Client, hidden: JobSeeker
) -> None:
    for _ in range(20):
        assert look_up(partner_client, "456-78-9123").status_code == 200
    response = look_up(partner_client)
    body = response.content.decode()
    assert response.status_code == 429
    assert "Lookup limit reached" in body and "You may look up again at" in body
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "Quintero" not in body
    assert AccessLog.objects.count() == 20


def test_the_limit_comes_from_the_setting(
    partner_client: Client, settings: object, hidden: JobSeeker
) -> None:
    settings.OPTOUT_LOOKUPS_PER_HOUR = 2
    assert [look_up(partner_client).status_code for _ in range(3)] == [200, 200, 429]


def test_lookups_older_than_an_hour_do_not_count(
    partner: User, partner_client: Client, settings: object
) -> None:
    settings.OPTOUT_LOOKUPS_PER_HOUR = 2
    for _ in range(2):
        AccessLogFactory(user=partner, action=AccessAction.OPTOUT_LOOKUP)
    audit_rows_backdate(AccessLog.objects.all(), at=timezone.now() - datetime.timedelta(minutes=61))
    assert look_up(partner_client).status_code == 200


def test_the_limit_counts_across_two_clients(
    partner: User, settings: object, hidden: JobSeeker
) -> None:
    """Two browsers (or two server processes) share one count: it lives in the database."""
    settings.OPTOUT_LOOKUPS_PER_HOUR = 4
    first, second = client_for(partner), client_for(partner)
    codes = [look_up(client).status_code for client in (first, second, first, second, first)]
    assert codes == [200, 200, 200, 200, 429]
    assert look_up(second).status_code == 429


def test_the_limit_is_per_user(partner: User, partner_org: object, settings: object) -> None:
    from tests.factories import UserFactory
    from workforce.constants import Role

    settings.OPTOUT_LOOKUPS_PER_HOUR = 1
    colleague = UserFactory(role=Role.PARTNER_STAFF, organization=partner_org)
    assert look_up(client_for(partner)).status_code == 200
    assert look_up(client_for(colleague)).status_code == 200


def test_partner_staff_see_the_widget_on_the_home_page(partner_client: Client) -> None:
    body = partner_client.get(reverse("casework:home")).content.decode()
    assert "Opt-Out Lookup" in body and f'action="{LOOKUP}"' in body


@pytest.mark.parametrize("role_fixture", ["casemanager", "supervisor", "dvop", "admin"])
def test_state_staff_do_not_see_the_widget(
    request: pytest.FixtureRequest, role_fixture: str
) -> None:
    body = (
        client_for(request.getfixturevalue(role_fixture))
        .get(reverse("casework:home"))
        .content.decode()
    )
    assert "Opt-Out Lookup" not in body and LOOKUP not in body
