"""The development error page shows no SSN (issue 14, ASVS 5.0 V13.4.2 / V16.5): in DEBUG the
server answers only this computer, and the error report hides SSN-shaped values from local
variables and posted fields whatever they are named."""

from __future__ import annotations

import pytest
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from seekers.models import JobSeeker
from tests.factories import JobSeekerFactory
from workforce import urls as project_urls

pytestmark = pytest.mark.django_db

SSN = "231-45-6789"


def _fails_with_an_ssn_in_locals(request: HttpRequest) -> HttpResponse:
    seeker = JobSeeker.objects.get(last_name="Quenneville")
    number = seeker.ssn  # decrypted, under a name the name filter does not know
    glued = f"ssn{number.replace('-', '')}"  # as a search box may receive it
    found = {"typed": request.POST.get("q"), "hits": [number]}
    raise RuntimeError(f"failed for seeker {seeker.pk} ({len(glued)}, {len(found)})")


urlpatterns = [path("boom/", login_not_required(_fails_with_an_ssn_in_locals)),
               *project_urls.urlpatterns]  # fmt: skip


@pytest.fixture
def debug_client(settings) -> Client:
    settings.DEBUG = True
    settings.ROOT_URLCONF = __name__
    JobSeekerFactory(last_name="Quenneville", ssn=SSN)
    return Client(raise_request_exception=False)


def test_the_debug_page_hides_ssns_in_locals_and_posted_fields(debug_client: Client) -> None:
    response = debug_client.post("/boom/", {"q": f"Quenneville {SSN}"}, REMOTE_ADDR="127.0.0.1")
    body = response.content.decode()
    assert response.status_code == 500 and "RuntimeError" in body  # the technical page
    assert "_fails_with_an_ssn_in_locals" in body and "number" in body  # locals are listed
    for shown in (SSN, SSN.replace("-", ""), "45-6789"):
        assert shown not in body


def test_the_debug_server_refuses_other_computers(debug_client: Client) -> None:
    for address in ("10.0.0.7", "192.168.1.20", "2001:db8::1", ""):
        response = debug_client.post("/boom/", {"q": SSN}, REMOTE_ADDR=address)
        assert response.status_code == 403, address
        assert SSN not in response.content.decode()
    # A header naming a loopback address changes nothing: only the socket's address counts.
    forwarded = debug_client.get("/boom/", REMOTE_ADDR="10.0.0.7", HTTP_X_FORWARDED_FOR="127.0.0.1")
    assert forwarded.status_code == 403


def test_this_computer_still_gets_the_debug_page(debug_client: Client) -> None:
    for address in ("127.0.0.1", "::1"):
        assert debug_client.get("/boom/", REMOTE_ADDR=address).status_code == 500


def test_without_debug_other_computers_are_served(client: Client) -> None:
    assert client.get("/sign-in/", REMOTE_ADDR="10.0.0.7").status_code == 200
