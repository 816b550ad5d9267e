"""Search finds people the way staff ask for them (seed 000 step 2, seed 002 Quick Search)."""

from __future__ import annotations

from collections.abc import Iterator

import factory.random
import pytest
from django.test import Client

from seekers.models import JobSeeker
from seekers.search import seeker_search
from tests.conftest import results_url, search
from tests.factories import JobSeekerFactory
from tests.seekers.search_population import build_population
from workforce.constants import SearchScope
from workforce.models import Office, User

# (query, expected person, must be within the first N results, a reason must contain)
CASES = [
    ("Larsen", "margaret", 10, "same last name"),
    ("larsen", "arthur", 10, "same last name"),
    ("LARSEN", "art", 10, "same last name"),
    ("Ar* Larsen", "arthur", 2, "starts with Ar"),
    ("Ar* Larsen", "art", 2, "starts with Ar"),
    ("Larsen, Arthur", "arthur", 1, "same first name"),
    ("Larsen, Margaret", "margaret", 1, "same last name"),
    ("Peggy Larson", "margaret", 3, "Peggy is a nickname of Margaret"),
    ("Peggy Larson", "margaret", 3, "sounds like Larson"),
    ("Peggy Larsen", "margaret", 1, "nickname"),
    ("Margaret Larsen", "margaret", 1, "same first name"),
    ("Ted Nguyen", "theodore", 1, "Ted is a nickname of Theodore"),
    ("Teddy Nguyen", "theodore", 1, "nickname"),
    ("Theodore Nguyen", "theodore", 1, "same last name"),
    ("Bob Williams", "robert", 1, "Bob is a nickname of Robert"),
    ("Williams, Bob", "robert", 1, "nickname"),
    ("Larsen Margaret", "margaret", 1, "swapped"),
    ("garcia jose", "jose", 1, "swapped"),
    ("smith 1980-07-15", "mary", 1, "born 07/15/1980"),
    ("3/2/1975", "margaret", 1, "born 03/02/1975"),
    ("03/02/1975", "margaret", 1, "born"),
    ("1975-03-02", "margaret", 1, "born"),
    ("Larsen 3/2/75", "margaret", 1, "born"),
    ("612-555-0100", "margaret", 1, "same phone"),
    ("(612) 555-0100", "margaret", 1, "same phone"),
    ("6125550100", "margaret", 1, "same phone"),
    ("612.555.0100", "margaret", 1, "same phone"),
    ("+1 612 555 0100", "margaret", 1, "same phone"),
    ("231-45-6789", "margaret", 1, "same SSN"),
    ("231456789", "margaret", 1, "same SSN"),
    ("*6789 larsen", "margaret", 1, "SSN ends in 6789"),
    ("*1234 smith", "mary", 1, "SSN ends in 1234"),
    ("margaret.larsen@example.com", "margaret", 1, "same email"),
    ("MARGARET.LARSEN@EXAMPLE.COM", "margaret", 1, "same email"),
    ("Larsme", "margaret", 10, "spelled like Larsme"),  # one letter wrong (typo only)
    ("Larsne", "margaret", 10, "Larsne"),  # two letters swapped
    ("Margret Larsen", "margaret", 1, "first name Margaret"),
    ("Magaret Larsen", "margaret", 1, "Margaret"),
    ("Obrien", "sean", 1, "same last name"),
    ("O'Brien", "sean", 1, "same last name"),
    ("Sean O\u2019Brien", "sean", 1, "same last name"),
    ("OBrian", "sean", 1, "O'Brien"),
    ("Smith-Jones", "maryhyphen", 1, "same last name"),
    ("Mary Smith-Jones", "maryhyphen", 1, "same first name"),
    ("Jose Garcia", "jose", 1, "same first name"),
    ("José García", "jose", 1, "same last name"),
    ("Arthur Larsen Jr", "arthur", 1, "same first name"),
    ("Arthur Larsen Jr.", "arthur", 1, "same last name"),
    ("Catherine Jonson", "catherine", 3, "sounds like Jonson"),
    ("Jonson", "kathryn", 1, "same last name"),
    ("Elizabeth Burton", "elizabeth", 1, "other name used: Elizabeth Burton"),
    ("Liz Taylor", "elizabeth", 1, "Liz is a nickname of Elizabeth"),
    ("Schmidt", "edward", 10, "sounds like Schmidt"),
    ("Chris Lee", "christopher", 1, "Chris is a nickname of Christopher"),
    ("Robert", "robert", 5, "same first name"),
    ("Robert Brown", "william", 1, "middle name"),
    ("Maria De La Cruz", "delacruz", 1, "same last name"),
    ("De La Cruz, Maria", "delacruz", 1, "same first name"),
    ("Delacruz", "delacruz", 1, "same last name"),
    ("Edwrad Smith", "edward", 3, "Edward"),
]


@pytest.fixture(scope="module")
def people(django_db_setup: None, django_db_blocker: object) -> Iterator[dict[str, JobSeeker]]:
    """Created once for the module and removed after it (the tests only read)."""
    with django_db_blocker.unblock():
        created = build_population()
        factory.random.reseed_random("search-noise")  # the same neighbours every run
        noise = JobSeekerFactory.create_batch(40)  # unrelated people around them
        yield created
        JobSeeker.objects.filter(pk__in=[p.pk for p in [*created.values(), *noise]]).delete()


@pytest.fixture
def state_user(casemanager: User) -> User:
    return casemanager


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(("text", "who", "within", "reason"), CASES)
def test_it_finds_the_person_staff_ask_for(
    people: dict[str, JobSeeker], state_user: User, text: str, who: str, within: int, reason: str
) -> None:
    result = seeker_search(user=state_user, text=text, scope=SearchScope.ALL)
    found = [hit.seeker.pk for hit in result.hits]
    assert people[who].pk in found[:within], (text, [h.seeker.full_name for h in result.hits[:5]])
    hit = result.hits[found.index(people[who].pk)]
    assert any(reason in r for r in hit.reasons), (text, hit.reasons)


def test_it_finds_a_seeker_by_id(people: dict[str, JobSeeker], state_user: User) -> None:
    text = people["sean"].public_id  # the id shown on their page, never the key
    result = seeker_search(user=state_user, text=text, scope=SearchScope.ALL)
    assert [h.seeker for h in result.hits] == [people["sean"]] and result.hits[0].reasons == [
        "seeker id"
    ]


def test_exact_ranks_above_nickname_above_sound_alike(
    people: dict[str, JobSeeker], state_user: User
) -> None:
    """Peggy Larson: nobody is called that, so nickname + sound-alike wins over weaker readings."""
    exact = JobSeekerFactory(first_name="Peggy", last_name="Larson")
    try:
        result = seeker_search(user=state_user, text="Peggy Larson", scope=SearchScope.ALL)
        order = [h.seeker.pk for h in result.hits]
        assert order.index(exact.pk) < order.index(people["margaret"].pk)
        assert result.hits[0].seeker == exact
    finally:
        exact.delete()


def test_every_part_of_the_query_must_match(people: dict[str, JobSeeker], state_user: User) -> None:
    result = seeker_search(user=state_user, text="Larsen 1980-07-15", scope=SearchScope.ALL)
    assert result.total == 0


def test_a_wildcard_needs_two_letters(people: dict[str, JobSeeker], state_user: User) -> None:
    result = seeker_search(user=state_user, text="A* Larsen", scope=SearchScope.ALL)
    assert "at least two letters" in result.problems[0]
    # the rest of the query still runs: the Larsens first, not every "A..." name
    larsens = {people[k].pk for k in ("margaret", "arthur", "art", "patricia")}
    assert {h.seeker.pk for h in result.hits[:4]} == larsens


def test_state_staff_see_opted_out_seekers(people: dict[str, JobSeeker], state_user: User) -> None:
    result = seeker_search(user=state_user, text="256-78-4321", scope=SearchScope.ALL)
    assert [h.seeker for h in result.hits] == [people["patricia"]]


def test_partners_never_find_an_opted_out_seeker(
    people: dict[str, JobSeeker], partner: User, casemanager: User
) -> None:
    patricia = people["patricia"]
    queries = ["Patricia Larsen", "Larsen", "256-78-4321", "*4321 larsen", "6515550199",
               "pat.larsen@example.com", "1974-04-14", "Pat Larsen", str(patricia.pk)]  # fmt: skip
    for text in queries:
        result = seeker_search(user=partner, text=text, scope=SearchScope.ALL)
        assert patricia not in [h.seeker for h in result.hits], text
    for_partner = seeker_search(user=partner, text="Larsen", scope=SearchScope.ALL).total
    for_state = seeker_search(user=casemanager, text="Larsen", scope=SearchScope.ALL).total
    assert for_state == for_partner + 1  # the count leaves her out too


def test_my_office_scope_limits_results(
    people: dict[str, JobSeeker], state_user: User, office: Office
) -> None:
    people["arthur"].offices.add(office)
    try:
        mine = seeker_search(user=state_user, text="Larsen", scope=SearchScope.OFFICE)
        assert [h.seeker for h in mine.hits] == [people["arthur"]]
        everywhere = seeker_search(user=state_user, text="Larsen", scope=SearchScope.ALL)
        assert everywhere.total > 1
    finally:
        people["arthur"].offices.remove(office)


def test_results_are_paged(people: dict[str, JobSeeker], state_user: User) -> None:
    first = seeker_search(user=state_user, text="Larsen", scope=SearchScope.ALL, page_size=2)
    second = seeker_search(
        user=state_user, text="Larsen", scope=SearchScope.ALL, page=2, page_size=2
    )
    assert len(first.hits) == 2 and len(second.hits) == 2
    assert {h.seeker.pk for h in first.hits}.isdisjoint({h.seeker.pk for h in second.hits})
    assert first.total == second.total and first.pages == -(-first.total // 2)


def test_the_search_page_runs_a_bounded_number_of_queries(
    people: dict[str, JobSeeker],
    casemanager_client: Client,
    casemanager: User,
    django_assert_max_num_queries: object,
) -> None:
    search(casemanager_client, "warm up", "all")
    counts = []
    for text in ["Larsen", "Peggy Larson", "Obrien", "Zzyzx"]:  # many, some, one, no matches
        url = results_url(casemanager, text, "all")
        # 21: issue 14 reads the search link (query, scope, user) from its row.
        with django_assert_max_num_queries(21) as captured:
            response = casemanager_client.get(url)
        assert response.status_code == 200
        counts.append(len(captured))
    many, some, one, none = counts
    assert many == some == one, counts  # the same work whether one or many people match
    assert none <= one
