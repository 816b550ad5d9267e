"""The seeker page's "Data sharing" section: state staff opt a client out at their request,
supervisors opt them back in (seed 002: "the check-box next to Opt-Out"), with history."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from optout.models import ConsentChange
from seekers.models import JobSeeker
from tests.conftest import client_for
from tests.factories import ConsentChangeFactory, JobSeekerFactory
from workforce.models import User

pytestmark = pytest.mark.django_db


def consent_url(seeker: JobSeeker) -> str:
    return reverse("casework:consent", args=[seeker.pk])


def detail_url(seeker: JobSeeker) -> str:
    return reverse("casework:detail", args=[seeker.pk])


def opt_out(client: Client, seeker: JobSeeker, **data: str) -> object:
    data = {"consent-opted_out": "1", "consent-channel": "phone",
            "consent-reason": "Does not want partners to see her record.", **data}  # fmt: skip
    return client.post(consent_url(seeker), data)


def opt_in(client: Client, seeker: JobSeeker, **data: str) -> object:
    data = {"consent-opted_out": "0", "consent-agrees": "on", "consent-channel": "phone",
            "consent-reason": "Wants the partner council's training program.", **data}  # fmt: skip
    return client.post(consent_url(seeker), data)


# --- who may reach it ---------------------------------------------------------------------


def test_anonymous_staff_are_sent_to_sign_in() -> None:
    seeker = JobSeekerFactory()
    response = opt_out(Client(), seeker)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not JobSeeker.objects.get(pk=seeker.pk).opted_out


def test_get_is_405(casemanager_client: Client) -> None:
    assert casemanager_client.get(consent_url(JobSeekerFactory())).status_code == 405


@pytest.mark.parametrize("who", ["partner", "admin"])
def test_partner_staff_and_administrators_cannot_change_the_choice(
    who: str, request: pytest.FixtureRequest
) -> None:
    seeker = JobSeekerFactory()
    assert opt_out(client_for(request.getfixturevalue(who)), seeker).status_code == 403
    assert not JobSeeker.objects.get(pk=seeker.pk).opted_out
    assert not ConsentChange.objects.exists()


def test_partner_cannot_post_for_an_opted_out_seeker_either(partner_client: Client) -> None:
    seeker = JobSeekerFactory(opted_out=True)
    assert opt_in(partner_client, seeker).status_code == 403
    assert JobSeeker.objects.get(pk=seeker.pk).opted_out


def test_case_manager_cannot_opt_a_client_in(casemanager_client: Client) -> None:
    seeker = JobSeekerFactory(opted_out=True)
    assert opt_in(casemanager_client, seeker).status_code == 403
    assert JobSeeker.objects.get(pk=seeker.pk).opted_out
    assert not ConsentChange.objects.exists()


# --- what the section shows ------------------------------------------------------------


def test_partner_sees_only_that_the_client_shares_data(partner_client: Client) -> None:
    seeker = JobSeekerFactory()
    ConsentChangeFactory(seeker=seeker, opted_out=False, reason="Secret history reason")
    html = partner_client.get(detail_url(seeker)).content.decode()
    assert "Shares data with partner organizations." in html
    assert consent_url(seeker) not in html and "Secret history reason" not in html


def test_administrator_sees_the_history_but_no_form(admin: User) -> None:
    seeker = JobSeekerFactory(opted_out=True)
    ConsentChangeFactory(seeker=seeker, reason="Asked at the front desk")
    html = client_for(admin).get(detail_url(seeker)).content.decode()
    assert "Asked at the front desk" in html
    assert consent_url(seeker) not in html


def test_state_staff_see_the_history_with_who_when_how_and_why(
    casemanager_client: Client, casemanager: User
) -> None:
    seeker = JobSeekerFactory(opted_out=True)
    ConsentChangeFactory(seeker=seeker, changed_by=casemanager, channel="in_person",
                         reason="Asked at the front desk")  # fmt: skip
    html = casemanager_client.get(detail_url(seeker)).content.decode()
    assert "Asked at the front desk" in html and "In person" in html
    assert (casemanager.get_full_name() or casemanager.username) in html
    assert "Opted out of data sharing" in html


def test_case_manager_gets_the_opt_out_form_but_not_the_opt_in_form(
    casemanager_client: Client,
) -> None:
    sharing, opted_out = JobSeekerFactory(), JobSeekerFactory(opted_out=True)
    html = casemanager_client.get(detail_url(sharing)).content.decode()
    assert consent_url(sharing) in html and "Opt out of data sharing</button>" in html
    html = casemanager_client.get(detail_url(opted_out)).content.decode()
    assert consent_url(opted_out) not in html
    assert "Only a supervisor opts a client back in" in html


def test_supervisor_gets_the_opt_in_checkbox_for_an_opted_out_client(
    supervisor_client: Client,
) -> None:
    seeker = JobSeekerFactory(opted_out=True)
    html = supervisor_client.get(detail_url(seeker)).content.decode()
    assert 'type="checkbox" name="consent-agrees"' in html
    assert "Opt in to data sharing</button>" in html


# --- changing it -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["casemanager", "dvop", "supervisor"])
def test_state_staff_opt_a_client_out_and_partners_lose_them_at_once(
    who: str, request: pytest.FixtureRequest, partner_client: Client
) -> None:
    seeker = JobSeekerFactory()
    assert partner_client.get(detail_url(seeker)).status_code == 200
    actor = request.getfixturevalue(who)
    response = opt_out(client_for(actor), seeker, **{"consent-channel": "written"})
    assert response.status_code == 302 and response["Location"] == detail_url(seeker)
    change = ConsentChange.objects.get(seeker=seeker)
    assert (change.opted_out, change.changed_by, change.channel) == (True, actor, "written")
    assert partner_client.get(detail_url(seeker)).status_code == 404


def test_opting_out_without_a_reason_is_refused_beside_the_field(
    casemanager_client: Client,
) -> None:
    seeker = JobSeekerFactory()
    response = opt_out(casemanager_client, seeker, **{"consent-reason": "  "})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Give the reason the client gave." in html
    assert 'id="id_consent-reason"' in html and "usa-form-group--error" in html
    assert not JobSeeker.objects.get(pk=seeker.pk).opted_out
    assert not ConsentChange.objects.exists()


def test_opting_out_with_an_unknown_channel_is_refused(casemanager_client: Client) -> None:
    seeker = JobSeekerFactory()
    response = opt_out(casemanager_client, seeker, **{"consent-channel": "self_service"})
    assert response.status_code == 400
    assert "Choose one of the ways listed." in response.content.decode()
    assert not ConsentChange.objects.exists()


def test_supervisor_opts_a_client_in_and_partners_find_them_at_once(
    supervisor_client: Client, supervisor: User, partner_client: Client
) -> None:
    seeker = JobSeekerFactory(opted_out=True)
    assert partner_client.get(detail_url(seeker)).status_code == 404
    assert opt_in(supervisor_client, seeker).status_code == 302
    change = ConsentChange.objects.get(seeker=seeker)
    assert (change.opted_out, change.changed_by) == (False, supervisor)
    assert partner_client.get(detail_url(seeker)).status_code == 200
    # and opting out again hides them at once
    assert opt_out(supervisor_client, seeker).status_code == 302
    assert partner_client.get(detail_url(seeker)).status_code == 404


def test_opting_in_needs_the_checkbox_and_a_reason(supervisor_client: Client) -> None:
    seeker = JobSeekerFactory(opted_out=True)
    response = opt_in(supervisor_client, seeker, **{"consent-agrees": "", "consent-reason": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Tick the box to confirm the client agrees to opt in." in html
    assert "Give the reason the client gave." in html
    assert JobSeeker.objects.get(pk=seeker.pk).opted_out


def test_a_stale_or_double_submitted_form_changes_nothing_more(
    casemanager_client: Client,
) -> None:
    seeker = JobSeekerFactory()
    assert opt_out(casemanager_client, seeker).status_code == 302
    again = opt_out(casemanager_client, seeker)
    assert again.status_code == 302
    assert ConsentChange.objects.filter(seeker=seeker).count() == 1
    page = casemanager_client.get(again["Location"]).content.decode()
    assert "already opted out" in page
