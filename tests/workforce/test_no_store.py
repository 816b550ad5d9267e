"""No PII in caches (issue 14, ASVS 5.0 V14.3.2): every response the app makes is
`Cache-Control: no-store`; static files keep their caching. Job-centre PCs are shared."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import JobSeekerFactory
from tests.workforce.test_access import all_url_paths, sample_path
from workforce.models import Office

pytestmark = pytest.mark.django_db

# Every URL pattern of the project, enumerated from the resolver: a new page is covered.
EVERY_PATTERN = all_url_paths()


def _no_store(response: object) -> bool:
    return response["Cache-Control"] == "no-store" and response["Pragma"] == "no-cache"


@pytest.mark.parametrize(("name", "route"), EVERY_PATTERN)
def test_every_url_pattern_answers_no_store(
    casemanager_client: Client, client: Client, name: str, route: str
) -> None:
    path = sample_path(route)
    for who in (casemanager_client, client):  # signed in, and not
        for method in (who.get, who.post):
            response = method(path)
            assert _no_store(response), (name, path, response.status_code)


@pytest.mark.parametrize(("name", "route"), EVERY_PATTERN)
def test_every_url_pattern_says_its_content_type_and_charset(
    casemanager_client: Client, client: Client, name: str, route: str
) -> None:
    """ASVS 5.0 4.1.1: a browser never guesses the type or the encoding of an answer."""
    path = sample_path(route)
    for who in (casemanager_client, client):
        response = who.get(path)
        if response.status_code in (301, 302, 303, 304):
            continue
        kind = response["Content-Type"]
        if kind.startswith("text/"):
            assert kind.endswith("; charset=utf-8"), (name, path, kind)
        else:
            assert kind in ("application/json",) or kind.startswith(("application/", "image/")), (
                name,
                path,
                kind,
            )


def test_a_seeker_page_with_personal_data_is_no_store(
    casemanager_client: Client, office: Office
) -> None:
    seeker = JobSeekerFactory(first_name="Philippa", last_name="Quenneville", offices=[office])
    response = casemanager_client.get(reverse("casework:detail", args=[seeker.pk]))
    assert response.status_code == 200 and "Quenneville" in response.content.decode()
    assert _no_store(response)
    assert not response.has_header("ETag") and not response.has_header("Last-Modified")


def test_static_files_keep_their_caching(client: Client) -> None:
    response = client.get("/static/css/workforce.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/static/css/workforce.css", "/static/js/workforce.js",
                                  "/static/vendor/uswds/img/file-pdf.svg"])  # fmt: skip
def test_static_files_carry_a_policy_that_runs_nothing_when_opened_alone(
    client: Client, path: str
) -> None:
    """ASVS 5.0 3.4.3: whitenoise answers before django-csp; an SVG opened in a tab runs nothing."""
    response = client.get(path)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy
    assert "script-src" not in policy
