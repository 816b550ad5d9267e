"""Step-up (issue 14; OWASP ASVS 5.0 V7, re-authentication before sensitive actions): revealing
an SSN, changing opt-out, editing the catalog and managing users need the password (and a
code when the user has a device) within `STEP_UP_MINUTES`; "Confirm it's you" gives it."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from optout.constants import RequestStatus
from optout.models import ConsentChange, OptInRequest
from seekers.models import JobSeeker
from services.models import ServiceType
from tests.conftest import client_for
from tests.factories import TEST_PASSWORD, JobSeekerFactory, OptInRequestFactory
from tests.workforce.test_mfa import backoff_passes, device_for, totp_code, wrong_code
from workforce.constants import AccessAction
from workforce.mfa.constants import SESSION_AUTH_AT
from workforce.models import AccessLog, Office, User

pytestmark = pytest.mark.django_db
SSN = "231-45-6789"


def age_the_sign_in(client: Client, *, seconds: int) -> None:
    """The user last proved who they are `seconds` ago."""
    session = client.session
    session[SESSION_AUTH_AT] -= seconds
    session.save()


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return JobSeekerFactory(first_name="Arthur", last_name="Larsen", ssn=SSN, offices=[office])


# Each guarded action: who does it, the request, and whether it took effect.
def reveal(request: pytest.FixtureRequest) -> tuple[User, Callable, Callable]:
    seeker = request.getfixturevalue("seeker")
    return (
        request.getfixturevalue("casemanager"),
        lambda client: client.post(reverse("casework:reveal-ssn", args=[seeker.pk])),
        lambda response: (
            SSN in response.content.decode()
            and AccessLog.objects.filter(action=AccessAction.SSN_REVEAL).exists()
        ),
    )


def consent(request: pytest.FixtureRequest) -> tuple[User, Callable, Callable]:
    seeker = request.getfixturevalue("seeker")
    data = {"consent-opted_out": "1", "consent-channel": "phone",
            "consent-reason": "Does not want partners to see her record."}  # fmt: skip
    return (
        request.getfixturevalue("casemanager"),
        lambda client: client.post(reverse("casework:consent", args=[seeker.pk]), data),
        lambda response: ConsentChange.objects.filter(seeker=seeker).exists(),
    )


def optin_decide(request: pytest.FixtureRequest) -> tuple[User, Callable, Callable]:
    optin = OptInRequestFactory(requested_by=request.getfixturevalue("partner"))
    data = {"decision": "opt_in", "note": "Agreed on the phone.", "channel": "phone"}
    return (
        request.getfixturevalue("supervisor"),
        lambda client: client.post(reverse("optout:request-decide", args=[optin.pk]), data),
        lambda response: OptInRequest.objects.get(pk=optin.pk).status == RequestStatus.OPTED_IN,
    )


def catalog_edit(request: pytest.FixtureRequest) -> tuple[User, Callable, Callable]:
    entry = ServiceType.objects.get(name="Job Development")
    url = reverse("admin:services_servicetype_change", args=[entry.pk])
    return (
        request.getfixturevalue("admin"),
        lambda client: client.get(url),
        lambda response: (
            response.status_code == 200 and 'name="capture_mode"' in (response.content.decode())
        ),
    )


def user_edit(request: pytest.FixtureRequest) -> tuple[User, Callable, Callable]:
    other = request.getfixturevalue("casemanager")
    url = reverse("admin:workforce_user_change", args=[other.pk])
    return (
        request.getfixturevalue("admin"),
        lambda client: client.get(url),
        lambda response: (
            response.status_code == 200 and 'name="role"' in (response.content.decode())
        ),
    )


def user_password_set(request: pytest.FixtureRequest) -> tuple[User, Callable, Callable]:
    """Setting another staff member's password in the admin (staff are never deleted: the
    append-only change history keeps its actors)."""
    other = request.getfixturevalue("dvop")
    url = reverse("admin:auth_user_password_change", args=[other.pk])
    password = "a fresh admin-set passphrase 77"
    return (
        request.getfixturevalue("admin"),
        lambda client: client.post(
            url, {"password1": password, "password2": password, "usable_password": "true"}
        ),
        lambda response: User.objects.get(pk=other.pk).check_password(password),
    )


GUARDED = [reveal, consent, optin_decide, catalog_edit, user_edit, user_password_set]


@pytest.mark.parametrize("action", GUARDED, ids=lambda f: f.__name__)
def test_it_takes_effect_within_the_step_up_window(
    action: Callable, request: pytest.FixtureRequest
) -> None:
    user, send, took_effect = action(request)
    client = client_for(user)
    age_the_sign_in(client, seconds=django_settings.STEP_UP_MINUTES * 60 - 60)
    assert took_effect(send(client))


@pytest.mark.parametrize("action", GUARDED, ids=lambda f: f.__name__)
def test_it_asks_to_confirm_after_the_step_up_window_and_does_nothing(
    action: Callable, request: pytest.FixtureRequest
) -> None:
    user, send, took_effect = action(request)
    client = client_for(user)
    age_the_sign_in(client, seconds=django_settings.STEP_UP_MINUTES * 60 + 1)
    response = send(client)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa:confirm") + "?next=")
    assert not took_effect(response)


def test_the_window_is_a_setting(casemanager: User, seeker: JobSeeker, settings: object) -> None:
    settings.STEP_UP_MINUTES = 1
    client = client_for(casemanager)
    age_the_sign_in(client, seconds=90)
    response = client.post(reverse("casework:reveal-ssn", args=[seeker.pk]))
    assert response["Location"].startswith(reverse("mfa:confirm"))


def test_a_stale_htmx_reveal_sends_the_whole_page_to_confirm_and_back(
    casemanager: User, seeker: JobSeeker
) -> None:
    client = client_for(casemanager)
    age_the_sign_in(client, seconds=django_settings.STEP_UP_MINUTES * 60 + 1)
    path = reverse("casework:detail", args=[seeker.pk])
    page = f"http://testserver{path}"
    response = client.post(reverse("casework:reveal-ssn", args=[seeker.pk]),
                           HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=page)  # fmt: skip
    assert response.status_code == 200 and SSN not in response.content.decode()
    assert response["HX-Redirect"] == f"{reverse('mfa:confirm')}?next={quote(path, safe='')}"


def test_a_partner_gets_the_same_answer_for_a_hidden_and_a_missing_seeker(
    partner: User,
) -> None:
    hidden = JobSeekerFactory(opted_out=True)
    client = client_for(partner)
    age_the_sign_in(client, seconds=django_settings.STEP_UP_MINUTES * 60 + 1)
    answers = [
        client.post(reverse("casework:reveal-ssn", args=[pk]), HTTP_REFERER="http://testserver/")
        for pk in (hidden.pk, hidden.pk + 10_000)
    ]
    assert [(r.status_code, r["Location"]) for r in answers] == [(302, answers[0]["Location"])] * 2


# --- "Confirm it's you" ----------------------------------------------------------------------


def confirm_url(next_path: str) -> str:
    return f"{reverse('mfa:confirm')}?next={next_path}"


def test_confirm_page_has_a_labelled_password_field_with_focus_and_a_safe_next(
    casemanager: User,
) -> None:
    client = client_for(casemanager)
    html = client.get(confirm_url("/seekers/12/")).content.decode()
    assert '<label class="usa-label" for="id_password"' in html
    assert 'autocomplete="current-password"' in html and "data-autofocus" in html
    assert 'name="next" value="/seekers/12/"' in html
    assert "id_code" not in html  # no device, no code
    html = client.get(confirm_url("https://evil.example/")).content.decode()
    assert 'name="next" value="/"' in html


def test_confirming_with_the_password_renews_the_window_and_goes_back(
    casemanager: User, seeker: JobSeeker
) -> None:
    client = client_for(casemanager)
    age_the_sign_in(client, seconds=django_settings.STEP_UP_MINUTES * 60 + 1)
    back = reverse("casework:detail", args=[seeker.pk])
    response = client.post(reverse("mfa:confirm"), {"password": "wrong", "next": back})
    assert response.status_code == 400 and "That password is not right." in (
        response.content.decode()
    )
    response = client.post(reverse("mfa:confirm"), {"password": TEST_PASSWORD, "next": back})
    assert response.status_code == 302 and response["Location"] == back
    response = client.post(reverse("casework:reveal-ssn", args=[seeker.pk]))
    assert SSN in response.content.decode()


def test_confirming_ignores_a_next_off_the_site(casemanager: User) -> None:
    client = client_for(casemanager)
    response = client.post(
        reverse("mfa:confirm"), {"password": TEST_PASSWORD, "next": "//evil.example/"}
    )
    assert response["Location"] == reverse("casework:home")


def test_a_user_with_a_device_confirms_with_a_code_too(
    casemanager: User, seeker: JobSeeker
) -> None:
    device = device_for(casemanager)
    client = client_for(casemanager)
    client.post(reverse("mfa:verify"), {"code": totp_code(device, steps_ahead=-1)})
    html = client.get(confirm_url("/")).content.decode()
    assert '<label class="usa-label" for="id_code"' in html
    response = client.post(reverse("mfa:confirm"),
                           {"password": TEST_PASSWORD, "code": wrong_code(device)})  # fmt: skip
    assert response.status_code == 400
    age_the_sign_in(client, seconds=django_settings.STEP_UP_MINUTES * 60 + 1)
    assert client.post(reverse("casework:reveal-ssn", args=[seeker.pk])).status_code == 302
    backoff_passes(casemanager)
    response = client.post(reverse("mfa:confirm"),
                           {"password": TEST_PASSWORD, "code": totp_code(device)})  # fmt: skip
    assert response.status_code == 302
    assert SSN in client.post(reverse("casework:reveal-ssn", args=[seeker.pk])).content.decode()


def test_confirming_who_you_are_gives_the_session_a_new_id(casemanager: User) -> None:
    """ASVS 5.0 7.2.4: a new session token on (re-)authentication."""
    client = client_for(casemanager)
    age_the_sign_in(client, seconds=django_settings.STEP_UP_MINUTES * 60 + 60)
    before = client.session.session_key
    response = client.post(confirm_url("/"), {"password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.session.session_key != before
    assert client.session[SESSION_AUTH_AT] >= int(time.time()) - 5
