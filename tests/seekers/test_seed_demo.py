"""seed_demo: one login per role with the documented password, and a realistic population."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse

from seekers import demo
from seekers.models import JobSeeker, OtherName
from workforce.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded() -> str:
    out = StringIO()
    call_command("seed_demo", "--seekers", "600", stdout=out)
    return out.getvalue()


def test_it_creates_one_user_per_role_who_can_sign_in_with_the_demo_password(seeded: str) -> None:
    for spec in demo.DEMO_USERS:
        user = User.objects.get(username=spec.username)
        assert user.role == spec.role
        client = Client()
        response = client.post(
            reverse("login"), {"username": spec.username, "password": "workforce-demo"}
        )
        assert response.status_code == 302, spec.username
        assert client.get(reverse("casework:home")).status_code == 200
        assert spec.username in seeded


def test_partner_staff_belong_to_the_partner_organization(seeded: str) -> None:
    assert not User.objects.get(username="partner").organization.is_state_agency
    assert User.objects.get(username="casemanager").organization.is_state_agency


def test_the_population_is_varied_like_real_caseloads(seeded: str) -> None:
    seekers = JobSeeker.objects.all()
    assert seekers.count() == 600 + len(demo.DEMO_PEOPLE)
    assert seekers.filter(ssn_is_pseudo=True).exists()
    assert seekers.filter(ssn__isnull=True).exists()
    assert seekers.filter(opted_out=True).exists()
    assert OtherName.objects.exists()
    assert seekers.values("last_name").distinct().count() > 100
    pseudo = seekers.filter(ssn_is_pseudo=True).first()
    assert pseudo.ssn.startswith("9")


def test_the_population_is_registered_in_id_order(seeded: str) -> None:
    """As in a live system: Home lists an office's newest seekers by id (issue 12)."""
    population = JobSeeker.objects.order_by("pk")[len(demo.DEMO_PEOPLE) :]
    registered = list(population.values_list("created_at", flat=True))
    assert len(registered) == 600 and registered == sorted(registered)
    assert (registered[-1] - registered[0]).days > 2 * 365


def test_it_runs_once_with_if_empty(seeded: str) -> None:
    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert JobSeeker.objects.count() == 600 + len(demo.DEMO_PEOPLE)
    assert "already present" in out.getvalue()


def test_adding_seekers_later_never_reuses_an_ssn(seeded: str) -> None:
    call_command("seed_demo", "--seekers", "600", stdout=StringIO())
    indexes = JobSeeker.objects.exclude(ssn_index=None).values_list("ssn_index", flat=True)
    assert len(indexes) == len(set(indexes))
    assert JobSeeker.objects.count() == 1200 + len(demo.DEMO_PEOPLE)


def test_it_never_runs_in_production() -> None:
    with (
        override_settings(PRODUCTION=True),
        pytest.raises(CommandError, match="never runs in production"),
    ):
        call_command("seed_demo", "--seekers", "1", stdout=StringIO())
    assert not User.objects.exists()


def test_peggy_larson_finds_the_seeded_margaret_larsen_with_the_reason(seeded: str) -> None:
    from seekers.search import seeker_search

    casemanager = User.objects.get(username="casemanager")
    result = seeker_search(user=casemanager, text="Peggy Larson", scope="all")
    top = result.hits[:3]
    margaret = next(h for h in top if h.seeker.full_name == "Margaret Larsen")
    assert "Peggy is a nickname of Margaret" in margaret.reasons


def test_the_opted_out_demo_seeker_is_hidden_from_the_demo_partner(seeded: str) -> None:
    from seekers.search import seeker_search

    partner = User.objects.get(username="partner")
    casemanager = User.objects.get(username="casemanager")
    text = "Patricia Larsen 1974-04-14"
    assert seeker_search(user=casemanager, text=text, scope="all").total == 1
    assert seeker_search(user=partner, text=text, scope="all").total == 0
