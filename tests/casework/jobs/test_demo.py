"""seed_jobs: synthetic Minnesota employers and postings over real O*NET-SOC occupations."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from casework.jobs import demo
from casework.jobs.selectors import posting_search
from seekers.constants import PostingStatus
from seekers.models import Employer, JobPosting

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 2)


def snapshot() -> list[tuple]:
    return list(
        JobPosting.objects.order_by("pk").values_list(
            "employer__name", "title", "occupation_code", "city", "wage", "status", "posted_on",
            "description",
        )
    )  # fmt: skip


def test_it_creates_about_25_employers_and_120_postings() -> None:
    out = StringIO()
    call_command("seed_jobs", stdout=out)
    assert Employer.objects.count() == 25 and JobPosting.objects.count() == 120
    assert "Created 25 demo employers and 120 job postings." in out.getvalue()


def test_the_postings_use_the_listed_real_occupations_all_of_them() -> None:
    demo.jobs_demo_create()
    listed = {o.code: o.title for o in demo.OCCUPATIONS}
    assert len(listed) >= 25
    assert listed["43-4051.00"] == "Customer Service Representatives"
    assert listed["53-3032.00"] == "Heavy and Tractor-Trailer Truck Drivers"
    used = set(JobPosting.objects.values_list("occupation_code", "occupation_title"))
    assert used == set(listed.items())
    for posting in JobPosting.objects.all():
        posting.full_clean()  # valid codes, choices, lengths


def test_the_employers_are_in_minnesota_with_fictional_contacts() -> None:
    demo.jobs_demo_create()
    for employer in Employer.objects.all():
        assert employer.state == "MN" and employer.city in demo.MINNESOTA_CITIES
        assert employer.contact_email.endswith(".example.com")
        assert employer.contact_phone.startswith("612-555-01")
    assert Employer.objects.values("name").distinct().count() == Employer.objects.count()


def test_most_postings_are_open_some_closed_with_wages_and_descriptions() -> None:
    demo.jobs_demo_create(today=TODAY)
    closed = JobPosting.objects.filter(status=PostingStatus.CLOSED)
    assert 5 <= closed.count() <= 35
    assert all(p.closes_on and p.closes_on < TODAY for p in closed)
    for posting in JobPosting.objects.all():
        assert posting.wage.startswith("$") and (
            "an hour" in posting.wage or "a year" in posting.wage
        )
        assert (
            posting.employer.name in posting.description and "What you need:" in posting.description
        )
        assert posting.posted_on <= TODAY


def test_the_same_seed_makes_the_same_postings() -> None:
    demo.jobs_demo_create(seed=7, today=TODAY)
    first = snapshot()
    JobPosting.objects.all().delete()
    Employer.objects.all().delete()
    demo.jobs_demo_create(seed=7, today=TODAY)
    assert snapshot() == first
    JobPosting.objects.all().delete()
    Employer.objects.all().delete()
    demo.jobs_demo_create(seed=8, today=TODAY)
    assert snapshot() != first


def test_if_empty_skips_when_postings_exist() -> None:
    call_command("seed_jobs", "--postings", "10", stdout=StringIO())
    assert JobPosting.objects.count() == 10
    out = StringIO()
    call_command("seed_jobs", "--if-empty", stdout=out)
    assert JobPosting.objects.count() == 10 and "already present" in out.getvalue()


def test_if_empty_seeds_an_empty_database() -> None:
    call_command("seed_jobs", "--if-empty", "--postings", "30", stdout=StringIO())
    assert JobPosting.objects.count() == 30


def test_the_demo_postings_are_found_by_the_job_search() -> None:
    demo.jobs_demo_create()
    assert posting_search(occupation="43-4051").exists()
    assert posting_search(occupation="truck drivers").exists()
    assert posting_search(keywords="forklift").exists()


def test_it_refuses_bad_numbers_and_production() -> None:
    with pytest.raises(CommandError):
        call_command("seed_jobs", "--postings", "-1", stdout=StringIO())
    with override_settings(PRODUCTION=True), pytest.raises(CommandError):
        call_command("seed_jobs", stdout=StringIO())
    assert not JobPosting.objects.exists()
