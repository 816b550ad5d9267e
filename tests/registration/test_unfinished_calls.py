"""A call is never lost (issue 12): the banner on every page, the list on Home and on
New phone registration, fed by one small query for the signed-in staff member."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from registration import services
from registration.context_processors import unfinished_calls
from registration.models import RegistrationCall
from tests.registration.calls import through_contact, through_questions
from workforce.models import User

pytestmark = pytest.mark.django_db


def request_for(user: object, path: str = "/") -> object:
    request = RequestFactory().get(path)
    request.user = user
    return request


def calls_in(context: dict) -> list[int]:
    return [call.pk for call in context["unfinished_calls"]]


def test_it_runs_no_query_for_an_anonymous_visitor() -> None:
    with CaptureQueriesContext(connection) as queries:
        context = unfinished_calls(request_for(AnonymousUser()))
        list(context.get("unfinished_calls", []))
    assert context == {} and len(queries) == 0


def test_it_lists_only_the_users_own_unfinished_calls_in_one_query(
    casemanager: User, dvop: User
) -> None:
    mine = services.call_start(staff=casemanager)
    services.call_start(staff=dvop)  # someone else's call
    with CaptureQueriesContext(connection) as queries:
        assert calls_in(unfinished_calls(request_for(casemanager))) == [mine.pk]
    assert len(queries) == 1


def test_it_leaves_out_ended_calls_and_keeps_abandoned_ones_while_resumable(
    casemanager: User,
) -> None:
    ended = services.call_start(staff=casemanager)
    ended.outcome = "declined_a"
    ended.save(update_fields=["outcome"])
    resumable = services.call_abandon(call=services.call_start(staff=casemanager))
    expired = services.call_abandon(call=services.call_start(staff=casemanager))
    expired.abandoned_at = timezone.now() - datetime.timedelta(hours=25)
    expired.save(update_fields=["abandoned_at"])
    context = unfinished_calls(request_for(casemanager))
    assert calls_in(context) == [resumable.pk]
    assert not context["call_banner"]  # an abandoned call is listed, not bannered


def test_it_banners_the_newest_call_in_progress(casemanager: User) -> None:
    services.call_start(staff=casemanager)
    newest = services.call_start(staff=casemanager)
    assert unfinished_calls(request_for(casemanager))["call_banner"].pk == newest.pk


def test_it_does_not_banner_a_call_on_its_own_wizard_page(
    casemanager: User, casemanager_client: Client
) -> None:
    call = services.call_start(staff=casemanager)
    page = casemanager_client.get(reverse("registration:existing", args=[call.pk]))
    assert 'id="call-banner"' not in page.content.decode()
    home = casemanager_client.get(reverse("casework:home")).content.decode()
    assert 'id="call-banner"' in home
    assert f"Call #{call.pk} in progress" in home


def test_it_links_the_banner_to_the_first_step_not_done(
    casemanager: User, casemanager_client: Client
) -> None:
    call = services.call_start(staff=casemanager)
    through_questions(casemanager_client, call)
    home = casemanager_client.get(reverse("casework:home")).content.decode()
    continue_url = reverse("registration:continue", args=[call.pk])
    assert f'href="{continue_url}"' in home
    response = casemanager_client.get(continue_url)
    assert response["Location"] == reverse("registration:contact", args=[call.pk])


def test_it_sends_an_ended_call_to_its_record(
    casemanager: User, casemanager_client: Client
) -> None:
    call = services.call_abandon(call=services.call_start(staff=casemanager))
    response = casemanager_client.get(reverse("registration:continue", args=[call.pk]))
    assert response["Location"] == reverse("registration:call", args=[call.pk])


def test_it_404s_another_users_call_on_continue(dvop: User, casemanager_client: Client) -> None:
    call = services.call_start(staff=dvop)
    response = casemanager_client.get(reverse("registration:continue", args=[call.pk]))
    assert response.status_code == 404


def test_it_lists_unfinished_calls_on_home_and_new_registration(
    casemanager: User, casemanager_client: Client
) -> None:
    running = services.call_start(staff=casemanager)
    abandoned = services.call_abandon(call=services.call_start(staff=casemanager))
    for name in ("casework:home", "registration:new"):
        html = casemanager_client.get(reverse(name)).content.decode()
        assert 'id="unfinished-calls"' in html, name
        assert f"Call #{running.pk}" in html and f"Call #{abandoned.pk}" in html, name
        assert reverse("registration:resume", args=[abandoned.pk]) in html, name


def test_it_shows_no_list_or_banner_without_unfinished_calls(
    casemanager_client: Client,
) -> None:
    html = casemanager_client.get(reverse("casework:home")).content.decode()
    assert 'id="unfinished-calls"' not in html and 'id="call-banner"' not in html


def test_it_uses_the_unfinished_calls_index(casemanager: User) -> None:
    services.call_start(staff=casemanager)
    with CaptureQueriesContext(connection) as queries:
        list(unfinished_calls(request_for(casemanager))["unfinished_calls"])
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("EXPLAIN " + queries[0]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    assert "call_unfinished_idx" in plan, plan
    assert RegistrationCall.objects.count() == 1


def test_it_names_the_caller_once_the_contact_step_is_done(
    casemanager: User, casemanager_client: Client
) -> None:
    call = services.call_start(staff=casemanager)
    through_contact(casemanager_client, call)
    home = casemanager_client.get(reverse("casework:home")).content.decode()
    assert f"Call #{call.pk} (Ann Doe) in progress" in home


def test_it_refuses_continue_to_anonymous_users_and_posts(
    casemanager: User, casemanager_client: Client
) -> None:
    call = services.call_start(staff=casemanager)
    continue_url = reverse("registration:continue", args=[call.pk])
    assert Client().get(continue_url)["Location"].startswith(reverse("login"))
    assert casemanager_client.post(continue_url).status_code == 405
