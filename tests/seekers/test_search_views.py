"""Search pages over HTTP: bad input never fails, scope is remembered, Add Seeker to Office."""

from __future__ import annotations

import datetime
import re

import pytest
from auditlog.models import LogEntry
from cryptography.fernet import Fernet
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seekers.models import JobSeeker, SearchLink
from tests.conftest import client_for, search
from tests.factories import JobSeekerFactory
from workforce.models import Office, User
from workforce.urlids import id_encode

pytestmark = pytest.mark.django_db

BAD_INPUT = [
    "", "   ", "*", "**", "a*", "x" * 500, "Robert'); DROP TABLE seekers_jobseeker;--",
    "' OR 1=1 --", "%", "_", "\\", "\x00\x01\x02", "\u202e\u200b", "😀", "👩‍👩‍👧 Larsen",
    "%%%%", "Larsen\x00", "1" * 40, "9/99/9999", "<script>alert(1)</script>",
]  # fmt: skip


@pytest.mark.parametrize("live", [False, True])
@pytest.mark.parametrize("text", BAD_INPUT)
def test_bad_input_never_fails(casemanager_client: Client, live: bool, text: str) -> None:
    JobSeekerFactory(last_name="Larsen")
    response = search(casemanager_client, text, "all", live=live)
    assert response.status_code in (200, 400)
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert JobSeeker.objects.filter(last_name="Larsen").exists()


def test_a_lone_star_explains_the_wildcard_rule(casemanager_client: Client) -> None:
    body = search(casemanager_client, "*").content.decode()
    assert "Type at least two letters before a *." in body


def test_a_bad_scope_is_refused_with_a_message_not_a_500(casemanager_client: Client) -> None:
    response = search(casemanager_client, "Larsen", "moon")
    assert response.status_code == 400 and "moon is not one of the available choices" in (
        response.content.decode()
    )


def test_the_scope_defaults_to_my_office_and_is_remembered(
    casemanager: User, casemanager_client: Client, office: Office
) -> None:
    assert casemanager.search_scope == "office"
    JobSeekerFactory(first_name="Inside", last_name="Larsen", offices=[office])
    JobSeekerFactory(first_name="Outside", last_name="Larsen")
    mine = search(casemanager_client, "Larsen").content.decode()
    assert "Inside" in mine and "Outside" not in mine
    search(casemanager_client, "Larsen", "all")
    casemanager.refresh_from_db()
    assert casemanager.search_scope == "all"
    later = search(casemanager_client, "Larsen").content.decode()
    assert "Inside" in later and "Outside" in later


def test_live_results_are_a_listbox_of_options_with_reasons(casemanager_client: Client) -> None:
    margaret = JobSeekerFactory(first_name="Margaret", last_name="Larsen")
    body = search(casemanager_client, "Peggy Larson", "all", live=True).content.decode()
    assert 'role="option"' in body and f"/seekers/{id_encode(margaret.pk)}/" in body
    assert "Peggy is a nickname of Margaret" in body and "<html" not in body


def test_add_seeker_to_office_enrols_and_audits(
    casemanager: User, casemanager_client: Client, office: Office
) -> None:
    seeker = JobSeekerFactory(last_name="Larsen")
    response = casemanager_client.post(reverse("casework:add-to-office", args=[seeker.pk]))
    assert response.status_code == 302
    assert list(seeker.offices.all()) == [office]
    entry = LogEntry.objects.get_for_object(seeker).latest("timestamp")
    assert entry.actor == casemanager and "offices" in entry.changes


def test_add_seeker_to_office_twice_says_so(casemanager_client: Client, office: Office) -> None:
    seeker = JobSeekerFactory(offices=[office])
    response = casemanager_client.post(
        reverse("casework:add-to-office", args=[seeker.pk]), follow=True
    )
    assert "already enrolled" in response.content.decode()


def test_add_seeker_to_office_is_post_only(casemanager_client: Client) -> None:
    seeker = JobSeekerFactory()
    assert (
        casemanager_client.get(reverse("casework:add-to-office", args=[seeker.pk])).status_code
        == 405
    )
    assert not seeker.offices.exists()


def test_partners_cannot_add_an_opted_out_seeker(partner: User) -> None:
    hidden = JobSeekerFactory(opted_out=True)
    response = client_for(partner).post(reverse("casework:add-to-office", args=[hidden.pk]))
    assert response.status_code == 404 and not hidden.offices.exists()


def test_the_results_page_offers_add_to_office_for_seekers_elsewhere(
    casemanager_client: Client, office: Office
) -> None:
    JobSeekerFactory(first_name="Here", last_name="Larsen", offices=[office])
    elsewhere = JobSeekerFactory(first_name="There", last_name="Larsen")
    body = search(casemanager_client, "Larsen", "all").content.decode()
    assert body.count("Add to North American Job Center") == 1
    assert reverse("casework:add-to-office", args=[elsewhere.pk]) in body


# --- partners and opted-out seekers, for any query --------------------------------------------

HIDDEN = {
    "first": "Ophelia", "middle": "Quinn", "last": "Privatson", "dob": "1974-04-14",
    "ssn": "256-78-4321", "phone": "6515550199", "email": "ophelia.privatson@example.com",
}  # fmt: skip


def _forms_of(hidden: JobSeeker) -> st.SearchStrategy[str]:
    name_part = st.sampled_from(
        [HIDDEN["first"], HIDDEN["last"], HIDDEN["middle"], "Phelia", "Privatsen"]
    )
    typo = name_part.flatmap(
        lambda n: st.integers(0, len(n) - 1).map(lambda i: n[:i] + n[i + 1 :] if len(n) > 3 else n)
    )
    exact = st.sampled_from([
        "Ophelia Privatson", "Privatson, Ophelia", "Op* Privatson", "Privatson 1974-04-14",
        "4/14/1974", "256-78-4321", "256784321", "*4321 privatson", "(651) 555-0199",
        HIDDEN["email"], str(hidden.pk), f"#{hidden.pk}", "Privatson Ophelia", "Quinn Privatson",
    ])  # fmt: skip
    mixed = st.lists(st.one_of(name_part, typo, exact), min_size=1, max_size=3).map(" ".join)
    noise = st.text(max_size=30)
    return st.one_of(
        exact, mixed, noise, name_part.map(str.upper), name_part.map(lambda n: n[:3] + "*")
    )


def _echoes(text: str) -> set[str]:
    from urllib.parse import quote, quote_plus

    from django.template.defaultfilters import urlencode
    from django.utils.html import escape

    from seekers.search.query import clean_text

    forms = {text, clean_text(text), text.strip()}
    return {v for f in forms for v in (f, escape(f), quote(f), quote_plus(f), urlencode(f))} - {""}


@pytest.fixture
def hidden_seeker(office: Office, partner_office: Office) -> JobSeeker:
    from datetime import date

    return JobSeekerFactory(
        first_name=HIDDEN["first"], middle_name=HIDDEN["middle"], last_name=HIDDEN["last"],
        date_of_birth=date.fromisoformat(HIDDEN["dob"]), ssn=HIDDEN["ssn"], phone=HIDDEN["phone"],
        email=HIDDEN["email"], opted_out=True, offices=[office, partner_office],
    )  # fmt: skip


def test_partners_never_reach_an_opted_out_seeker_through_any_query(
    partner: User, casemanager: User, hidden_seeker: JobSeeker
) -> None:
    partner_client, state_client = client_for(partner), client_for(casemanager)
    marks = [HIDDEN["first"], hidden_seeker.masked_ssn, f"/seekers/{id_encode(hidden_seeker.pk)}/"]
    state_body = search(state_client, "Ophelia Privatson", "all")
    assert all(mark in state_body.content.decode() for mark in marks)  # the seeker is findable

    @settings(
        max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(text=_forms_of(hidden_seeker), scope=st.sampled_from(["office", "all"]),
           live=st.booleans())  # fmt: skip
    def check(text: str, scope: str, live: bool) -> None:
        response = search(partner_client, text, scope, live=live)
        # A NUL character is refused beside the box (Django's form validation): a 400.
        assert response.status_code == (400 if "\x00" in text and not live else 200)
        body = response.content.decode()
        for echo in sorted(_echoes(text), key=len, reverse=True):  # the query shown back
            body = body.replace(echo, "")
        assert HIDDEN["first"] not in body and HIDDEN["last"] not in body
        assert (
            hidden_seeker.masked_ssn not in body
            and f"/seekers/{id_encode(hidden_seeker.pk)}/" not in body
        )

    check()


# --- what staff type never enters a URL ------------------------------------------------------


def test_a_searched_ssn_never_appears_in_a_url_or_title(casemanager_client: Client) -> None:
    seeker = JobSeekerFactory(ssn="231-45-6789")
    posted = casemanager_client.post(
        reverse("seekers:search"), {"q": "231-45-6789", "scope": "all"}
    )
    assert posted.status_code == 302
    assert "231" not in posted["Location"] and "6789" not in posted["Location"]
    page = casemanager_client.get(posted["Location"])
    body = page.content.decode()
    assert f"/seekers/{id_encode(seeker.pk)}/" in body  # found
    head = body.split("</title>")[0]
    urls = [part.split('"')[0] for part in body.split('href="')[1:]]
    assert "231-45-6789" not in head and not any("231" in url for url in urls)


def test_live_search_is_post_only(casemanager_client: Client) -> None:
    response = casemanager_client.get(reverse("seekers:search-live"), {"q": "231-45-6789"})
    assert response.status_code == 405


def test_a_damaged_results_link_is_refused_with_a_message(casemanager_client: Client) -> None:
    response = casemanager_client.get(reverse("seekers:search"), {"qt": "not-a-token"})
    assert response.status_code == 400
    assert "expired or its link is damaged" in response.content.decode()


def _posted(client: Client, text: str) -> object:
    """POST a search and return the redirect to its results page (not followed)."""
    response = client.post(reverse("seekers:search"), {"q": text, "scope": "all"})
    assert response.status_code == 302
    return response


def test_an_old_results_link_expires(casemanager_client: Client) -> None:
    JobSeekerFactory(last_name="Larsen")
    posted = _posted(casemanager_client, "Larsen")
    assert casemanager_client.get(posted["Location"]).status_code == 200
    SearchLink.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = casemanager_client.get(posted["Location"])
    assert response.status_code == 400
    assert "expired or its link is damaged" in response.content.decode()


def test_another_users_results_link_fails_like_a_missing_one(
    casemanager_client: Client, dvop: User
) -> None:
    """Issue 14: a link is bound to who made it; passed to a colleague it opens nothing."""
    JobSeekerFactory(last_name="Larsen")
    posted = _posted(casemanager_client, "Larsen")
    other = client_for(dvop)
    theirs = other.get(posted["Location"])
    missing = other.get(reverse("seekers:search"), {"qt": "missing"})
    assert theirs.status_code == missing.status_code == 400
    assert _without_csrf(theirs) == _without_csrf(missing)


def _without_csrf(response: object) -> str:
    """The page without its CSRF tokens, which differ on every render."""
    return re.sub(
        r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', "", response.content.decode()
    )


def test_the_results_link_keeps_the_query_server_side(casemanager_client: Client) -> None:
    """Issue 14: the URL carries a random signed token; the row holds the query, encrypted."""
    posted = _posted(casemanager_client, "Larsen 231-45-6789")
    url = posted["Location"]
    assert "Larsen" not in url and "231" not in url and "6789" not in url
    link = SearchLink.objects.get()
    assert link.query == "Larsen 231-45-6789"
    with connection.cursor() as cursor:
        cursor.execute("SELECT query FROM seekers_searchlink")
        stored = cursor.fetchone()[0]
    assert "231" not in stored and "Larsen" not in stored
    token = url.split("qt=")[1]
    assert link.token_digest not in token  # the row is keyed by the token's HMAC, not the token


def test_a_forged_results_link_is_refused(casemanager_client: Client) -> None:
    posted = _posted(casemanager_client, "Larsen")
    nonce, signature = posted["Location"].split("qt=")[1].rsplit("%3A", 1)
    forged = casemanager_client.get(reverse("seekers:search"), {"qt": f"{nonce}:{signature[::-1]}"})
    assert forged.status_code == 400


def test_the_results_link_is_signed_with_its_own_key(casemanager_client: Client) -> None:
    """Issue 14: a key of its own: a new SEARCH_LINK_KEY voids links, new PII keys do not."""
    JobSeekerFactory(last_name="Larsen")
    posted = _posted(casemanager_client, "Larsen")
    assert django_settings.SEARCH_LINK_KEY not in django_settings.PII_ENCRYPTION_KEYS
    assert django_settings.SEARCH_LINK_KEY != django_settings.PII_HMAC_KEY
    with override_settings(PII_ENCRYPTION_KEYS=[Fernet.generate_key().decode(),
                                                *django_settings.PII_ENCRYPTION_KEYS]):  # fmt: skip
        assert casemanager_client.get(posted["Location"]).status_code == 200
    with override_settings(SEARCH_LINK_KEY="another-key"):
        assert casemanager_client.get(posted["Location"]).status_code == 400


def test_paging_links_carry_the_token_not_the_text(casemanager_client: Client) -> None:
    JobSeekerFactory.create_batch(30, last_name="Larsen")
    body = search(casemanager_client, "Larsen", "all").content.decode()
    assert "Page 1 of 2" in body and "page=2" in body and "q=Larsen" not in body
