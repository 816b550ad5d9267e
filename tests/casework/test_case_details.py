"""Case Details: the header, converting a self-service account, and the Activity section."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from seekers.constants import AccountType
from seekers.models import JobSeeker
from tests.conftest import client_for
from tests.factories import AccessLogFactory, DemographicsFactory, JobSeekerFactory
from workforce.constants import AccessAction
from workforce.models import Office, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return JobSeekerFactory(
        first_name="Ines", last_name="Quarrington", ssn="231-45-6789", offices=[office],
        account_type=AccountType.SELF_SERVICE,
    )  # fmt: skip


def _detail(client: Client, seeker: JobSeeker) -> str:
    response = client.get(reverse("casework:detail", args=[seeker.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_case_header(casemanager_client: Client, seeker: JobSeeker) -> None:
    body = _detail(casemanager_client, seeker)
    assert "Case Details" in body and "Ines Quarrington" in body
    assert f"<dd>{seeker.public_id}</dd>" in body and "***-**-6789" in body
    assert "Self-service" in body and "Convert to staff-assisted" in body
    assert seeker.offices.get().name in body
    assert "Shares data with partner staff" in body


def test_it_marks_an_opted_out_seeker(casemanager_client: Client, office: Office) -> None:
    hidden = JobSeekerFactory(opted_out=True, offices=[office])
    body = _detail(casemanager_client, hidden)
    assert "Opted out of data sharing" in body and "partner staff cannot see this record" in body


def test_it_links_every_section_from_the_page_navigation(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    body = _detail(casemanager_client, seeker)
    for anchor in ["programs", "demographics", "seeker-services", "plans", "notes", "resumes",
                   "jobs", "data-sharing", "activity"]:  # fmt: skip
        assert f'href="#{anchor}"' in body and f'id="{anchor}"' in body, anchor


def test_it_converts_a_self_service_account_to_staff_assisted(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    url = reverse("casework:convert-account", args=[seeker.pk])
    response = casemanager_client.post(url, follow=True)
    seeker.refresh_from_db()
    assert seeker.account_type == AccountType.STAFF_ASSISTED
    body = response.content.decode()
    assert "now has a staff-assisted account" in body and "Convert to staff-assisted" not in body


def test_it_changes_nothing_when_the_account_is_already_staff_assisted(
    casemanager_client: Client, office: Office
) -> None:
    seeker = JobSeekerFactory(offices=[office], account_type=AccountType.STAFF_ASSISTED)
    response = casemanager_client.post(
        reverse("casework:convert-account", args=[seeker.pk]), follow=True
    )
    assert "already staff-assisted" in response.content.decode()


def test_it_refuses_conversion_to_administrators_and_on_get(admin: User, seeker: JobSeeker) -> None:
    url = reverse("casework:convert-account", args=[seeker.pk])
    assert client_for(admin).post(url).status_code == 403
    assert client_for(admin).get(url).status_code == 405
    seeker.refresh_from_db()
    assert seeker.account_type == AccountType.SELF_SERVICE


def test_it_hides_conversion_of_an_opted_out_seeker_from_partners(
    partner: User, office: Office
) -> None:
    hidden = JobSeekerFactory(opted_out=True, account_type=AccountType.SELF_SERVICE)
    response = client_for(partner).post(reverse("casework:convert-account", args=[hidden.pk]))
    assert response.status_code == 404
    hidden.refresh_from_db()
    assert hidden.account_type == AccountType.SELF_SERVICE


def test_it_lists_changes_to_the_seekers_records_in_activity(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    casemanager_client.post(reverse("casework:convert-account", args=[seeker.pk]))
    body = _detail(casemanager_client, seeker)
    activity = body[body.index('id="activity"') :]
    assert "account_type" in activity and "Job seeker" in activity
    # Case managers see what changed, not the values (supervisors read values).
    assert "staff_assisted" not in activity


def test_it_shows_values_and_sensitive_reads_to_supervisors_only(
    casemanager: User, supervisor: User, seeker: JobSeeker
) -> None:
    client_for(casemanager).post(reverse("casework:convert-account", args=[seeker.pk]))
    AccessLogFactory(user=casemanager, action=AccessAction.SSN_REVEAL, seeker_id=seeker.pk)
    supervisor_view = _detail(client_for(supervisor), seeker)
    assert "staff_assisted" in supervisor_view and "SSN revealed" in supervisor_view
    assert "SSN revealed" not in _detail(client_for(casemanager), seeker)


def test_it_finds_changes_of_related_records_by_their_seeker(
    casemanager_client: Client, seeker: JobSeeker, office: Office
) -> None:
    other = JobSeekerFactory(offices=[office])
    DemographicsFactory(seeker=seeker)
    DemographicsFactory(seeker=other)
    body = _detail(casemanager_client, seeker)
    activity = body[body.index('id="activity"') :]
    assert activity.count("Demographics") == 1


def test_the_activity_page_pages_every_change(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    for n in range(60):
        seeker.phone = f"61255500{n:02d}"
        seeker.save(update_fields=["phone"])
    detail = _detail(casemanager_client, seeker)
    assert reverse("casework:activity", args=[seeker.pk]) in detail  # more than the section shows
    first = casemanager_client.get(reverse("casework:activity", args=[seeker.pk]))
    second = casemanager_client.get(reverse("casework:activity", args=[seeker.pk]) + "?page=2")
    assert first.status_code == second.status_code == 200
    assert "Page 1 of 2" in first.content.decode() and "Page 2 of 2" in second.content.decode()


def test_the_activity_page_is_hidden_like_the_seeker(partner: User) -> None:
    hidden = JobSeekerFactory(opted_out=True)
    assert (
        client_for(partner).get(reverse("casework:activity", args=[hidden.pk])).status_code == 404
    )
