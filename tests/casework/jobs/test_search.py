"""Job search from Case Details (seed 001): keywords, occupation, open only, prefilled."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from casework.jobs.selectors import posting_search, search_prefill
from seekers.constants import PostingStatus
from seekers.models import JobSeeker
from tests.conftest import client_for
from tests.factories import (
    AssessmentFactory,
    JobPostingFactory,
    JobReferralFactory,
    JobSeekerFactory,
)
from workforce.models import User

pytestmark = pytest.mark.django_db


def search_url(seeker: JobSeeker) -> str:
    return reverse("casework:job-search", args=[seeker.pk])


def titles(postings: object) -> set[str]:
    return {p.title for p in postings}


@pytest.fixture
def postings() -> dict[str, object]:
    return {
        "forklift": JobPostingFactory(
            title="Forklift Operator", occupation_code="53-7051.00",
            occupation_title="Industrial Truck and Tractor Operators",
            description="Move pallets with a reach truck on second shift in our warehouse.",
        ),
        "driver": JobPostingFactory(
            title="CDL-A Truck Driver", occupation_code="53-3032.00",
            occupation_title="Heavy and Tractor-Trailer Truck Drivers",
            description="Drive regional routes; home every weekend. Clean driving record.",
        ),
        "csr": JobPostingFactory(
            title="Call Center Representative", occupation_code="43-4051.00",
            occupation_title="Customer Service Representatives",
            description="Answer customer calls about billing. Day shift, no nights.",
        ),
        "closed": JobPostingFactory(
            title="Night Warehouse Loader", occupation_code="53-7062.00",
            occupation_title="Laborers and Freight, Stock, and Material Movers, Hand",
            description="Load trucks in the warehouse overnight.", status=PostingStatus.CLOSED,
        ),
    }  # fmt: skip


# --- The selector ---------------------------------------------------------------------------


def test_it_finds_postings_by_keywords_in_title_or_description_with_stemming(
    postings: dict,
) -> None:
    assert titles(posting_search(keywords="pallets")) == {"Forklift Operator"}
    assert titles(posting_search(keywords="driving")) == {"CDL-A Truck Driver"}
    assert titles(posting_search(keywords="warehouse")) == {"Forklift Operator"}


def test_it_understands_web_search_syntax(postings: dict) -> None:
    assert titles(posting_search(keywords='"customer calls"')) == {"Call Center Representative"}
    assert titles(posting_search(keywords="pallets or billing")) == {
        "Forklift Operator", "Call Center Representative",
    }  # fmt: skip
    assert titles(posting_search(keywords="shift -second")) == {"Call Center Representative"}


def test_it_searches_open_postings_only_unless_closed_ones_are_asked_for(postings: dict) -> None:
    assert "Night Warehouse Loader" not in titles(posting_search(keywords="warehouse"))
    found = posting_search(keywords="warehouse", include_closed=True)
    assert titles(found) == {"Forklift Operator", "Night Warehouse Loader"}


def test_it_finds_postings_by_occupation_code_prefix(postings: dict) -> None:
    assert titles(posting_search(occupation="53-", include_closed=True)) == {
        "Forklift Operator", "CDL-A Truck Driver", "Night Warehouse Loader",
    }  # fmt: skip
    assert titles(posting_search(occupation="53-3032")) == {"CDL-A Truck Driver"}
    assert titles(posting_search(occupation="43-4051.00")) == {"Call Center Representative"}


def test_it_finds_postings_by_words_of_the_occupation_title(postings: dict) -> None:
    assert titles(posting_search(occupation="truck drivers")) == {"CDL-A Truck Driver"}
    assert titles(posting_search(occupation="Customer service representative")) == {
        "Call Center Representative"
    }
    assert titles(posting_search(occupation="truck")) == {
        "Forklift Operator", "CDL-A Truck Driver",
    }  # fmt: skip


def test_it_combines_keywords_and_occupation(postings: dict) -> None:
    assert titles(posting_search(keywords="shift", occupation="53-")) == {"Forklift Operator"}


def test_the_keyword_filter_is_the_indexed_expression_and_uses_the_index(postings: dict) -> None:
    JobPostingFactory.create_batch(30)
    found = posting_search(keywords="pallets", include_closed=True)
    with connection.cursor() as cursor:
        # A table this small is cheaper to scan whole; make the planner show the index path.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'posting_search_idx'")
        indexed = cursor.fetchone()[0].split("gin (", 1)[1].rsplit(")", 1)[0]
    plan = found.explain()
    assert "posting_search_idx" in plan
    assert indexed in plan  # the very expression of the index, not a look-alike
    assert titles(found) == {"Forklift Operator"}


def test_it_ranks_the_best_match_first() -> None:
    JobPostingFactory(title="Cook", description="Grill and fry. Dishes sometimes.")
    JobPostingFactory(title="Dishwasher", description="Wash dishes, pots and dishes again.")
    assert [p.title for p in posting_search(keywords="dishes")] == ["Dishwasher", "Cook"]


def test_it_prefills_the_occupation_from_the_latest_assessment() -> None:
    seeker = JobSeekerFactory()
    assert search_prefill(seeker=seeker).occupation == ""
    AssessmentFactory(seeker=seeker, desired_occupation="Truck driver", occupation_code="")
    assert search_prefill(seeker=seeker).occupation == "Truck driver"
    AssessmentFactory(seeker=seeker, occupation_code="43-4051.00")
    assert search_prefill(seeker=seeker).occupation == "43-4051"


# --- The page -------------------------------------------------------------------------------


def test_it_runs_the_desired_occupations_search_on_arrival(
    casemanager_client: Client, postings: dict
) -> None:
    seeker = JobSeekerFactory()
    AssessmentFactory(
        seeker=seeker, desired_occupation="Truck driver", occupation_code="53-3032.00"
    )
    response = casemanager_client.get(search_url(seeker))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="53-3032"' in body and "Truck driver (53-3032.00)" in body
    assert "CDL-A Truck Driver" in body and "Forklift Operator" not in body


def test_it_shows_each_result_with_its_details_and_both_buttons(
    casemanager_client: Client, postings: dict
) -> None:
    seeker = JobSeekerFactory()
    body = casemanager_client.get(search_url(seeker), {"keywords": "pallets"}).content.decode()
    forklift = postings["forklift"]
    for text in ("Forklift Operator", forklift.employer.name, forklift.city,
                 "Industrial Truck and Tractor Operators", forklift.posted_on.strftime("%m/%d/%Y"),
                 reverse("casework:job-refer", args=[seeker.pk, forklift.pk]),
                 reverse("casework:job-send", args=[seeker.pk, forklift.pk]),
                 ">Refer<", ">Send to seeker<", "1 posting found"):  # fmt: skip
        assert text in body, text


def test_it_marks_postings_already_referred_instead_of_offering_refer(
    casemanager_client: Client, postings: dict
) -> None:
    seeker = JobSeekerFactory()
    JobReferralFactory(seeker=seeker, posting=postings["forklift"])
    body = casemanager_client.get(search_url(seeker), {"keywords": "pallets"}).content.decode()
    assert "Referred " in body
    assert reverse("casework:job-refer", args=[seeker.pk, postings["forklift"].pk]) not in body


def test_it_includes_closed_postings_when_the_box_is_ticked(
    casemanager_client: Client, postings: dict
) -> None:
    seeker = JobSeekerFactory()
    url = search_url(seeker)
    assert (
        "Night Warehouse Loader"
        not in casemanager_client.get(url, {"keywords": "trucks"}).content.decode()
    )
    body = casemanager_client.get(
        url, {"keywords": "trucks", "include_closed": "on"}
    ).content.decode()
    assert "Night Warehouse Loader" in body and "Closed" in body
    assert reverse("casework:job-refer", args=[seeker.pk, postings["closed"].pk]) not in body


def test_it_pages_results_twenty_at_a_time_keeping_the_search(casemanager_client: Client) -> None:
    JobPostingFactory.create_batch(25, title="Barista", description="Espresso drinks.")
    seeker = JobSeekerFactory()
    first = casemanager_client.get(search_url(seeker), {"keywords": "espresso"})
    assert first.content.decode().count(">Barista</a>") == 20
    assert "keywords=espresso&amp;page=2" in first.content.decode()
    second = casemanager_client.get(search_url(seeker), {"keywords": "espresso", "page": "2"})
    assert second.content.decode().count(">Barista</a>") == 5


@pytest.mark.parametrize(
    "params, field_error",
    [
        ({"keywords": "x" * 201}, "Use at most 200 characters of keywords."),
        ({"occupation": "y" * 101}, "Use at most 100 characters for the occupation."),
        ({"occupation": "43-40511"}, "Enter an occupation code like 43-"),
        ({"occupation": "4-3"}, "Enter an occupation code like 43-"),
        ({"occupation": "nurse 2"}, "Enter an occupation code like 43-"),
    ],
)
def test_bad_input_is_explained_beside_the_field_with_a_400(
    casemanager_client: Client, params: dict, field_error: str
) -> None:
    response = casemanager_client.get(search_url(JobSeekerFactory()), params)
    body = response.content.decode()
    assert response.status_code == 400
    assert field_error in body and "usa-error-message" in body and 'aria-invalid="true"' in body


def test_odd_keywords_never_fail(casemanager_client: Client, postings: dict) -> None:
    seeker = JobSeekerFactory()
    for text in ['"', "-", "or or", "(a & b) | !c", "the", "'; drop table", "ünïcödé ✓"]:
        assert casemanager_client.get(search_url(seeker), {"keywords": text}).status_code == 200


def test_a_nul_character_is_refused_not_a_500(casemanager_client: Client) -> None:
    response = casemanager_client.get(search_url(JobSeekerFactory()), {"keywords": "a\x00b"})
    assert response.status_code == 400


def test_anonymous_users_are_sent_to_sign_in() -> None:
    response = Client().get(search_url(JobSeekerFactory()))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_administrators_do_not_search_jobs_for_seekers(admin: User) -> None:
    assert client_for(admin).get(search_url(JobSeekerFactory())).status_code == 403


def test_partner_staff_get_404_for_an_opted_out_seeker(partner: User) -> None:
    seeker = JobSeekerFactory(opted_out=True)
    assert client_for(partner).get(search_url(seeker)).status_code == 404
    assert client_for(partner).get(search_url(JobSeekerFactory())).status_code == 200


def test_the_search_is_get_only(casemanager_client: Client) -> None:
    assert casemanager_client.post(search_url(JobSeekerFactory())).status_code == 405


def test_the_page_runs_a_fixed_number_of_queries(
    casemanager_client: Client, django_assert_max_num_queries: object
) -> None:
    seeker = JobSeekerFactory()
    JobPostingFactory.create_batch(20, title="Barista", description="Espresso drinks.")
    for posting in posting_search(keywords="espresso")[:5]:
        JobReferralFactory(seeker=seeker, posting=posting)
    # 16: every staff page also asks once for the user's unfinished calls (the call banner).
    with django_assert_max_num_queries(16):
        response = casemanager_client.get(search_url(seeker), {"keywords": "espresso"})
    assert response.status_code == 200
