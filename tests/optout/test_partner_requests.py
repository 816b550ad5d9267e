"""Filing an opt-in request from a lookup hit (seed 002 step 4), My opt-in requests and
withdrawing: partner staff only, from their own recent hit, one request per double submit."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from optout.constants import RequestStatus
from optout.models import Notice, OptInRequest
from seekers.models import JobSeeker
from tests.conftest import audit_rows_backdate, client_for
from tests.factories import JobSeekerFactory, OptInRequestFactory, UserFactory
from workforce.constants import Role
from workforce.models import AccessLog, OutboxEmail, User

pytestmark = pytest.mark.django_db
SSN = "231-45-8274"
FORM = {"client_name": "Marisol Quintero", "client_phone": "360-555-0142",
        "reason": "Wants to enroll in WIOA Adult with our office."}  # fmt: skip
MINE = reverse("optout:my-requests")


@pytest.fixture
def hidden() -> JobSeeker:
    return JobSeekerFactory(first_name="Marisol", last_name="Quintero", ssn=SSN, opted_out=True)


@pytest.fixture
def hit(partner_client: Client, hidden: JobSeeker) -> AccessLog:
    partner_client.post(reverse("optout:lookup"), {"ssn": SSN})
    return AccessLog.objects.get(seeker_id=hidden.pk)


def file(client: Client, lookup: AccessLog, **data: str) -> object:
    return client.post(reverse("optout:request-new", args=[lookup.pk]), {**FORM, **data})


def test_filing_from_a_hit_creates_the_request_and_tells_the_supervisors(
    partner: User, partner_client: Client, hit: AccessLog, hidden: JobSeeker, supervisor: User
) -> None:
    response = file(partner_client, hit)
    assert response.status_code == 302 and response.url == MINE
    optin = OptInRequest.objects.get()
    assert (optin.seeker, optin.requested_by, optin.status) == (hidden, partner, RequestStatus.NEW)
    assert (optin.client_name, optin.client_phone) == ("Marisol Quintero", "3605550142")
    assert Notice.objects.filter(user=supervisor, request=optin).exists()
    assert OutboxEmail.objects.filter(to=supervisor.email).exists()
    body = partner_client.get(MINE).content.decode()
    assert "Request sent for Marisol Quintero" in body


def test_a_double_submit_files_one_request_with_a_clear_message(
    partner_client: Client, hit: AccessLog
) -> None:
    file(partner_client, hit)
    response = file(partner_client, hit)
    assert response.status_code == 302 and response.url == MINE
    assert OptInRequest.objects.count() == 1
    body = partner_client.get(MINE).content.decode()
    assert "You already have an open request for this client" in body


def test_bad_input_gets_messages_beside_the_fields_and_writes_nothing(
    partner_client: Client, hit: AccessLog
) -> None:
    response = file(partner_client, hit, client_name=" ", client_phone="12", reason="")
    body = response.content.decode()
    assert response.status_code == 400
    for field in ("client_name", "client_phone", "reason"):
        assert f'id="id_{field}_error"' in body
    assert "Enter a ten-digit US phone number" in body
    assert "Quintero, Marisol" in body  # the hit is still shown, to correct and send
    assert not OptInRequest.objects.exists() and not Notice.objects.exists()


def test_a_name_with_braces_is_filed_as_typed(partner_client: Client, hit: AccessLog) -> None:
    response = file(partner_client, hit, client_name="Ana {pk}")
    assert response.status_code == 302
    assert OptInRequest.objects.get().client_name == "Ana {pk}"


def test_filing_from_someone_elses_lookup_is_refused(partner_org: object, hit: AccessLog) -> None:
    colleague = UserFactory(role=Role.PARTNER_STAFF, organization=partner_org)
    response = file(client_for(colleague), hit)
    assert response.status_code == 403
    assert "Look the client up again" in response.content.decode()
    assert not OptInRequest.objects.exists()


def test_filing_from_a_stale_lookup_is_refused(partner_client: Client, hit: AccessLog) -> None:
    audit_rows_backdate(
        AccessLog.objects.filter(pk=hit.pk), at=timezone.now() - datetime.timedelta(hours=9)
    )
    assert file(partner_client, hit).status_code == 403
    assert not OptInRequest.objects.exists()


def test_filing_from_a_miss_is_refused(partner_client: Client) -> None:
    partner_client.post(reverse("optout:lookup"), {"ssn": "456-78-9123"})
    assert file(partner_client, AccessLog.objects.get()).status_code == 403
    assert not OptInRequest.objects.exists()


def test_filing_for_a_client_opted_in_meanwhile_files_nothing(
    partner_client: Client, hit: AccessLog, hidden: JobSeeker
) -> None:
    JobSeeker.objects.filter(pk=hidden.pk).update(opted_out=False)
    response = file(partner_client, hit)
    assert response.status_code == 302 and not OptInRequest.objects.exists()
    assert "already shares their data" in partner_client.get(MINE).content.decode()


def test_filing_is_post_only(partner_client: Client, hit: AccessLog) -> None:
    url = reverse("optout:request-new", args=[hit.pk])
    assert partner_client.get(url).status_code == 405


def test_anonymous_users_are_sent_to_sign_in(hit: AccessLog) -> None:
    for response in (file(Client(), hit), Client().get(MINE)):
        assert response.status_code == 302 and reverse("login") in response.url


@pytest.mark.parametrize("role_fixture", ["casemanager", "supervisor", "admin"])
def test_state_staff_neither_file_nor_have_my_requests(
    request: pytest.FixtureRequest, role_fixture: str, hit: AccessLog
) -> None:
    client = client_for(request.getfixturevalue(role_fixture))
    assert file(client, hit).status_code == 403
    assert client.get(MINE).status_code == 403
    assert "My opt-in requests" not in client.get(reverse("casework:home")).content.decode()


def test_my_requests_show_status_age_handler_and_the_decision_note(
    partner: User, partner_client: Client, supervisor: User
) -> None:
    supervisor.first_name, supervisor.last_name = "Grace", "Okafor"
    supervisor.save(update_fields=["first_name", "last_name"])
    OptInRequestFactory(requested_by=partner, client_name="Ana Open")
    decided = OptInRequestFactory(
        requested_by=partner, client_name="Ben Decided", status=RequestStatus.REMAINS_OPTED_OUT,
        handled_by=supervisor, decided_at=timezone.now(), decision_note="Prefers state staff.",
    )  # fmt: skip
    OptInRequest.objects.filter(pk=decided.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3, hours=2)
    )
    OptInRequestFactory(client_name="Someone Else's")
    body = partner_client.get(MINE).content.decode()
    assert "Ana Open" in body and "Ben Decided" in body and "Someone Else" not in body
    assert "3 days" in body and "under an hour" in body
    assert "Client remains opted out" in body and "Grace Okafor" in body
    assert "Prefers state staff." in body
    assert body.count(">Withdraw</button>") == 1  # the open one only
    assert "My opt-in requests" in partner_client.get(reverse("casework:home")).content.decode()


def test_withdrawing_an_open_request(partner: User, partner_client: Client) -> None:
    optin = OptInRequestFactory(requested_by=partner, client_name="Ana Open")
    response = partner_client.post(reverse("optout:request-withdraw", args=[optin.pk]))
    assert response.status_code == 302 and response.url == MINE
    optin.refresh_from_db()
    assert optin.status == RequestStatus.WITHDRAWN
    assert "Your request for Ana Open is withdrawn." in partner_client.get(MINE).content.decode()


def test_a_closed_request_cannot_be_withdrawn(partner: User, partner_client: Client) -> None:
    optin = OptInRequestFactory(requested_by=partner, status=RequestStatus.OPTED_IN)
    partner_client.post(reverse("optout:request-withdraw", args=[optin.pk]))
    optin.refresh_from_db()
    assert optin.status == RequestStatus.OPTED_IN
    assert "This request is closed already." in partner_client.get(MINE).content.decode()


def test_someone_elses_request_cannot_be_withdrawn(partner_client: Client) -> None:
    optin = OptInRequestFactory()
    response = partner_client.post(reverse("optout:request-withdraw", args=[optin.pk]))
    assert response.status_code == 404
    optin.refresh_from_db()
    assert optin.status == RequestStatus.NEW


def test_withdrawing_is_post_only(partner: User, partner_client: Client) -> None:
    optin = OptInRequestFactory(requested_by=partner)
    url = reverse("optout:request-withdraw", args=[optin.pk])
    assert partner_client.get(url).status_code == 405


def test_supervisors_do_not_withdraw_partners_requests(supervisor: User) -> None:
    optin = OptInRequestFactory()
    response = client_for(supervisor).post(reverse("optout:request-withdraw", args=[optin.pk]))
    assert response.status_code == 403
    optin.refresh_from_db()
    assert optin.status == RequestStatus.NEW
