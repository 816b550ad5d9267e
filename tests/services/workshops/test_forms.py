"""Workshops (seed 003): what the new-workshop, refer and result forms refuse, beside the field."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from services.models import Workshop, WorkshopReferral
from tests.conftest import client_for
from tests.factories import JobSeekerFactory, WorkshopReferralFactory
from tests.services.workshops.helpers import (
    NEW,
    new_workshop_data,
    refer_url,
    result_url,
    workshop_in,
)
from workforce.models import Office, User

pytestmark = pytest.mark.django_db


# --- creating ---------------------------------------------------------------------------


def test_an_office_the_user_does_not_work_in_is_refused_beside_the_field(
    casemanager_client: Client, partner_office: Office
) -> None:
    response = casemanager_client.post(NEW, new_workshop_data(partner_office))
    assert response.status_code == 400
    assert response.context["form"].errors["office"]
    assert not Workshop.objects.exists()


def test_bad_input_gets_a_message_beside_each_field_and_nothing_is_written(
    casemanager_client: Client, office: Office
) -> None:
    data = new_workshop_data(office, title="", category="cooking", date="13/45/2025",
                             start_time="noonish", seats="0")  # fmt: skip
    response = casemanager_client.post(NEW, data)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "category", "date", "start_time",
                                                    "seats"}  # fmt: skip
    assert 'class="usa-error-message"' in response.content.decode()
    assert not Workshop.objects.exists()


def test_a_date_before_the_result_window_is_refused(
    casemanager_client: Client, office: Office
) -> None:
    long_ago = (timezone.localdate() - datetime.timedelta(days=15)).strftime("%m/%d/%Y")
    response = casemanager_client.post(NEW, new_workshop_data(office, date=long_ago))
    assert response.status_code == 400
    assert "can no longer be resulted" in response.context["form"].errors["date"][0]
    assert not Workshop.objects.exists()


# --- referring ---------------------------------------------------------------------------


def test_an_unknown_seeker_id_is_refused_beside_the_field(
    casemanager_client: Client, office: Office
) -> None:
    workshop = workshop_in(office)
    response = casemanager_client.post(refer_url(workshop), {"seeker": "999999"})
    assert response.status_code == 400
    assert response.context["refer_form"].errors["seeker"] == ["No job seeker has the id 999999."]
    response = casemanager_client.post(refer_url(workshop), {"seeker": "ann"})
    assert response.status_code == 400 and not WorkshopReferral.objects.exists()


def test_partner_staff_cannot_refer_a_seeker_who_opted_out(
    partner: User, partner_office: Office
) -> None:
    workshop = workshop_in(partner_office)
    hidden = JobSeekerFactory(opted_out=True)
    response = client_for(partner).post(refer_url(workshop), {"seeker": hidden.public_id})
    assert response.status_code == 400
    assert response.context["refer_form"].errors["seeker"] == [
        f"No job seeker has the id {hidden.public_id}."
    ]
    assert not WorkshopReferral.objects.exists()


# --- results -----------------------------------------------------------------------------


def test_an_unknown_result_is_refused(casemanager_client: Client, office: Office) -> None:
    referral = WorkshopReferralFactory(workshop=workshop_in(office, days_ago=1))
    response = casemanager_client.post(result_url(referral), {"result": "maybe"})
    assert (
        response.status_code == 400 and "Choose attended or no-show." in response.content.decode()
    )
    referral.refresh_from_db()
    assert referral.result == "pending"
