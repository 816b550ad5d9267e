"""The Seeker Services table of the seeker's page (service_tags.seeker_services): newest first,
the latest few with the count, this seeker's services only."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from seekers.models import JobSeeker
from services.models import ServiceRecord
from tests.factories import JobSeekerFactory, OfficeFactory, ServiceRecordFactory
from tests.services.helpers import entry, today
from workforce.models import Office, Organization, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return JobSeekerFactory(first_name="Ann", last_name="Doe", offices=[office])


# --- the seeker page's table -------------------------------------------------------------


def test_the_seeker_page_lists_services_newest_first(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    ServiceRecordFactory(seeker=seeker, service_type=entry("Onet"),
                         service_date=today() - datetime.timedelta(days=5))  # fmt: skip
    ServiceRecordFactory(seeker=seeker, service_type=entry("Job Development"),
                         service_date=today(), credited_staff=casemanager, note="Acme")  # fmt: skip
    body = casemanager_client.get(reverse("casework:detail", args=[seeker.pk])).content.decode()
    assert body.index("Job Development") < body.index("Onet")
    assert "2 services, newest first" in body
    assert '<span class="usa-tag">Note</span>' in body
    assert casemanager.get_full_name() in body


def test_the_seeker_page_shows_the_latest_services_with_the_count(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    onet = entry("Onet")
    ServiceRecord.objects.bulk_create(
        ServiceRecord(seeker=seeker, service_type=onet,
                      service_date=today() - datetime.timedelta(days=n))
        for n in range(55)
    )  # fmt: skip
    response = casemanager_client.get(reverse("casework:detail", args=[seeker.pk]))
    body = response.content.decode()
    from services.selectors import SEEKER_SERVICES_SHOWN

    shown = SEEKER_SERVICES_SHOWN
    assert shown < 55
    assert f"The latest {shown} of 55 services, newest first" in body
    assert body.count('<th scope="row">Onet</th>') == shown


def test_another_seekers_services_are_not_listed(
    casemanager_client: Client, seeker: JobSeeker, state_agency: Organization
) -> None:
    other = JobSeekerFactory(offices=[OfficeFactory(organization=state_agency)])
    ServiceRecordFactory(seeker=other, service_type=entry("Onet"))
    body = casemanager_client.get(reverse("casework:detail", args=[seeker.pk])).content.decode()
    assert "No services recorded yet." in body
