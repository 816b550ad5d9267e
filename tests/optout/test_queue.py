"""The supervisors' side of opt-in requests (seed 002, supervisor steps a-h): the queue,
the request page, recording contact and the two outcomes, and who may reach them."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from optout import services
from optout.constants import RequestStatus
from optout.models import ConsentChange, Notice, OptInRequest
from seekers.models import JobSeeker
from seekers.search import seeker_search
from seekers.selectors import seeker_get
from tests.conftest import client_for
from tests.factories import JobSeekerFactory, OptInRequestFactory, UserFactory
from workforce.constants import Role
from workforce.models import AccessLog, Organization, OutboxEmail, User

pytestmark = pytest.mark.django_db
SSN = "231-45-8172"


@pytest.fixture
def seeker() -> JobSeeker:
    return JobSeekerFactory(first_name="Rosalind", last_name="Quarterman", ssn=SSN, opted_out=True)


@pytest.fixture
def optin(seeker: JobSeeker, partner: User) -> OptInRequest:
    return OptInRequestFactory(
        seeker=seeker, requested_by=partner, client_name="Rosalind Quarterman"
    )


def decide(client: Client, optin: OptInRequest, **data: str) -> object:
    data = {"decision": "opt_in", "note": "Agreed on the phone.", "channel": "phone", **data}
    return client.post(reverse("optout:request-decide", args=[optin.pk]), data)


# --- who may reach what ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "method"),
    [("queue", "get"), ("request", "get"), ("request-contacting", "post"),
     ("request-decide", "post")],
)  # fmt: skip
def test_anonymous_staff_are_sent_to_sign_in(optin: OptInRequest, name: str, method: str) -> None:
    url = reverse(f"optout:{name}", args=[] if name == "queue" else [optin.pk])
    response = getattr(Client(), method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", ["partner", "casemanager", "dvop", "admin"])
def test_only_supervisors_reach_the_queue(who: str, request: pytest.FixtureRequest) -> None:
    user = request.getfixturevalue(who)
    assert client_for(user).get(reverse("optout:queue")).status_code == 403


def test_a_supervisor_role_in_a_partner_organization_is_refused(partner_org: Organization) -> None:
    odd = UserFactory(username="partnersup", role=Role.SUPERVISOR, organization=partner_org)
    assert client_for(odd).get(reverse("optout:queue")).status_code == 403


def test_partner_cannot_open_another_partners_request(
    optin: OptInRequest, partner_org: Organization
) -> None:
    other = UserFactory(username="otherpartner", role=Role.PARTNER_STAFF, organization=partner_org)
    response = client_for(other).get(reverse("optout:request", args=[optin.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["request-contacting", "request-decide"])
def test_partner_cannot_handle_their_own_request(
    optin: OptInRequest, partner_client: Client, name: str
) -> None:
    data = {"decision": "opt_in", "note": "x", "channel": "phone"}
    response = partner_client.post(reverse(f"optout:{name}", args=[optin.pk]), data)
    assert response.status_code == 403
    optin.refresh_from_db()
    assert optin.status == RequestStatus.NEW
    assert JobSeeker.objects.get(pk=optin.seeker_id).opted_out


def test_case_manager_cannot_decide_a_request(
    optin: OptInRequest, casemanager_client: Client
) -> None:
    assert decide(casemanager_client, optin).status_code == 403
    assert not ConsentChange.objects.exists()


@pytest.mark.parametrize("name", ["request-contacting", "request-decide"])
def test_get_on_a_post_only_view_is_405(
    optin: OptInRequest, supervisor_client: Client, name: str
) -> None:
    assert supervisor_client.get(reverse(f"optout:{name}", args=[optin.pk])).status_code == 405


def test_partner_reads_their_own_request_without_the_seekers_id_or_ssn(
    optin: OptInRequest, partner_client: Client, seeker: JobSeeker
) -> None:
    response = partner_client.get(reverse("optout:request", args=[optin.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rosalind Quarterman" in html  # what they typed themselves
    assert reverse("casework:detail", args=[seeker.pk]) not in html
    assert "8172" not in html and "Seeker id" not in html
    assert "Record the decision" not in html and "Client contacted</button>" not in html


# --- the queue --------------------------------------------------------------------------


def test_queue_lists_open_requests_oldest_first_with_who_asked(
    supervisor_client: Client, partner: User
) -> None:
    newer = OptInRequestFactory(requested_by=partner, client_name="Newer Client")
    older = OptInRequestFactory(requested_by=partner, client_name="Older Client")
    OptInRequest.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    closed = OptInRequestFactory(
        requested_by=partner, client_name="Closed Client", status=RequestStatus.WITHDRAWN
    )
    html = supervisor_client.get(reverse("optout:queue")).content.decode()
    assert html.index("Older Client") < html.index("Newer Client")
    assert "Closed Client" not in html
    assert "Partner Workforce Council" in html and "3\xa0days" in html
    assert "(612) 555-0142" in html or "612-555-0142" in html
    every = supervisor_client.get(reverse("optout:queue"), {"closed": "1"}).content.decode()
    assert "Closed Client" in every and f"Request {closed.pk}" in every
    assert f"Request {newer.pk}" in every


def test_header_shows_supervisors_the_open_count_and_not_administrators(
    optin: OptInRequest, supervisor_client: Client, admin: User
) -> None:
    html = supervisor_client.get(reverse("casework:home")).content.decode()
    assert reverse("optout:queue") in html
    assert 'id="optin-open-count">1<' in html
    assert (
        reverse("optout:queue")
        not in client_for(admin).get(reverse("casework:home")).content.decode()
    )


# --- handling a request -----------------------------------------------------------------


def test_recording_contact_moves_the_request_to_contacting(
    optin: OptInRequest, supervisor_client: Client, supervisor: User
) -> None:
    response = supervisor_client.post(reverse("optout:request-contacting", args=[optin.pk]))
    assert response.status_code == 302
    optin.refresh_from_db()
    assert (optin.status, optin.handled_by) == (RequestStatus.CONTACTING, supervisor)
    assert optin.client_contacted_at is not None
    page = supervisor_client.get(reverse("optout:request", args=[optin.pk])).content.decode()
    assert "status Contacting the client" in page  # the audit trail, from auditlog


def test_opting_in_notifies_the_partner_and_shows_the_seeker_to_partners_at_once(
    optin: OptInRequest, supervisor_client: Client, partner: User, seeker: JobSeeker
) -> None:
    response = decide(supervisor_client, optin, channel="phone")
    assert response.status_code == 302
    optin.refresh_from_db()
    assert optin.status == RequestStatus.OPTED_IN
    assert Notice.objects.filter(user=partner, request=optin).count() == 1
    mail = OutboxEmail.objects.get(to=partner.email)
    assert "Rosalind Quarterman" in mail.body and "agreed" in mail.body
    assert seeker_get(user=partner, seeker_id=seeker.pk) == seeker
    found = seeker_search(user=partner, text="Rosalind Quarterman")
    assert [hit.seeker.pk for hit in found.hits] == [seeker.pk]
    change = ConsentChange.objects.get(seeker=seeker)
    assert (change.opted_out, change.request) == (False, optin)
    assert change.reason == "Agreed on the phone."


def test_remaining_opted_out_notifies_the_partner_and_keeps_the_seeker_hidden(
    optin: OptInRequest, supervisor_client: Client, partner: User, seeker: JobSeeker
) -> None:
    note = "Prefers to work with state staff; offered an ESD WIOA case manager."
    response = decide(supervisor_client, optin, decision="remain", note=note)
    assert response.status_code == 302
    optin.refresh_from_db()
    assert (optin.status, optin.decision_note) == (RequestStatus.REMAINS_OPTED_OUT, note)
    notice = Notice.objects.get(user=partner, request=optin)
    assert "remain opted out" in notice.text
    assert "remain opted out" in OutboxEmail.objects.get(to=partner.email).body
    assert not JobSeeker.objects.visible_to(partner).filter(pk=seeker.pk).exists()
    assert not ConsentChange.objects.exists()


def test_a_decision_without_a_note_is_refused_beside_the_field(
    optin: OptInRequest, supervisor_client: Client
) -> None:
    response = decide(supervisor_client, optin, note="   ")
    assert response.status_code == 400
    assert "Write what the client said." in response.content.decode()
    assert 'id="id_note"' in response.content.decode()
    optin.refresh_from_db()
    assert optin.status == RequestStatus.NEW
    assert not Notice.objects.exists() and not OutboxEmail.objects.exists()


def test_a_decision_without_a_choice_is_refused(
    optin: OptInRequest, supervisor_client: Client
) -> None:
    response = decide(supervisor_client, optin, decision="")
    assert response.status_code == 400
    assert "Choose what the client decided." in response.content.decode()


def test_a_closed_request_cannot_be_decided_twice(
    optin: OptInRequest, supervisor_client: Client, partner: User
) -> None:
    assert decide(supervisor_client, optin).status_code == 302
    again = decide(supervisor_client, optin, decision="remain")
    assert again.status_code == 409
    assert "This request is closed" in again.content.decode()
    contact = supervisor_client.post(reverse("optout:request-contacting", args=[optin.pk]))
    assert contact.status_code == 409
    optin.refresh_from_db()
    assert optin.status == RequestStatus.OPTED_IN
    assert ConsentChange.objects.count() == 1
    assert Notice.objects.filter(user=partner).count() == 1


def test_partner_sees_the_outcome_on_their_request_page(
    optin: OptInRequest, supervisor_client: Client, partner_client: Client
) -> None:
    decide(supervisor_client, optin)
    html = partner_client.get(reverse("optout:request", args=[optin.pk])).content.decode()
    assert "Client opted in" in html and "Agreed on the phone." in html
    assert "find them with the quick search" in html


# --- filing a request reaches the supervisors -------------------------------------------


def test_filing_a_request_notifies_every_supervisor_in_the_app_and_by_email(
    partner: User, supervisor: User, seeker: JobSeeker, state_agency: Organization
) -> None:
    second = UserFactory(username="supervisor2", role=Role.SUPERVISOR, organization=state_agency)
    services.optout_lookup(request=RequestFactory().post("/"), actor=partner, ssn=SSN)
    lookup = AccessLog.objects.get(user=partner)
    optin = services.optin_request_file(
        lookup=lookup, actor=partner, client_name="Rosalind Quarterman",
        client_phone="6125550142", reason="Wants WIOA Adult training.",
    )  # fmt: skip
    for user in (supervisor, second):
        assert Notice.objects.filter(user=user, request=optin).exists()
        assert OutboxEmail.objects.filter(to=user.email, subject="New opt-in request").exists()
    html = client_for(supervisor).get(reverse("optout:queue")).content.decode()
    assert "Rosalind Quarterman" in html and "Wants WIOA Adult training." in html
