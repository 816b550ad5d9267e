"""The office's "letters to mail today" queue (seed 000 step 10: mail it the same day)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from registration.models import ConfirmationLetter
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.registration.calls import MAILING, start, to_review, url
from workforce.constants import Role
from workforce.models import Office, User

pytestmark = pytest.mark.django_db
LETTERS = reverse("registration:letters")


def letter_for(client: Client) -> ConfirmationLetter:
    call = start(client)
    to_review(client, call, contact=MAILING)
    client.post(url("review", call))
    return ConfirmationLetter.objects.get(call=call)


def test_a_new_letter_is_listed_as_due_today(casemanager_client: Client) -> None:
    letter_for(casemanager_client)
    body = casemanager_client.get(LETTERS).content.decode()
    assert "Ann Doe" in body and "12 Lake St" in body and "Due today" in body
    assert "Overdue" not in body


def test_a_letter_not_mailed_on_its_day_is_flagged_overdue(casemanager_client: Client) -> None:
    letter = letter_for(casemanager_client)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    ConfirmationLetter.objects.filter(pk=letter.pk).update(created_at=yesterday)
    assert "Overdue" in casemanager_client.get(LETTERS).content.decode()


def test_the_printable_letter_has_the_address_and_notice_but_no_credentials(
    casemanager_client: Client,
) -> None:
    letter = letter_for(casemanager_client)
    body = casemanager_client.get(reverse("registration:letter", args=[letter.pk])).content.decode()
    assert "Duluth, MN 55802" in body and "Your private information will NOT be provided" in body
    assert "anndoe75" not in body and "Where did we meet?" not in body


def test_marking_mailed_moves_the_letter_to_mailed_today(
    casemanager: User, casemanager_client: Client
) -> None:
    letter = letter_for(casemanager_client)
    mailed = reverse("registration:letter-mailed", args=[letter.pk])
    assert casemanager_client.get(mailed).status_code == 405
    response = casemanager_client.post(mailed, follow=True)
    assert "marked as mailed" in response.content.decode()
    letter.refresh_from_db()
    assert letter.mailed_by == casemanager and letter.mailed_at is not None
    first = letter.mailed_at
    casemanager_client.post(mailed)  # a second click changes nothing
    letter.refresh_from_db()
    assert letter.mailed_at == first
    assert "Nothing to mail" in casemanager_client.get(LETTERS).content.decode()


def test_staff_of_another_office_cannot_see_the_letter(
    casemanager_client: Client, other_office: Office, state_agency: object
) -> None:
    letter = letter_for(casemanager_client)
    elsewhere = UserFactory(organization=state_agency, current_office=other_office,
                            offices=[other_office])  # fmt: skip
    client = client_for(elsewhere)
    assert "Ann Doe" not in client.get(LETTERS).content.decode()
    assert client.get(reverse("registration:letter", args=[letter.pk])).status_code == 404
    assert client.post(reverse("registration:letter-mailed", args=[letter.pk])).status_code == 404


def test_partner_staff_do_not_see_letters_of_opted_out_seekers(
    casemanager_client: Client, partner: User
) -> None:
    letter = letter_for(casemanager_client)
    partner.offices.add(letter.office)
    partner.current_office = letter.office
    partner.save(update_fields=["current_office"])
    client = client_for(partner)
    assert "Ann Doe" in client.get(LETTERS).content.decode()
    letter.seeker.opted_out = True
    letter.seeker.save(update_fields=["opted_out"])
    assert "Ann Doe" not in client.get(LETTERS).content.decode()
    assert client.get(reverse("registration:letter", args=[letter.pk])).status_code == 404


def test_letters_need_a_signed_in_registering_role(admin: User) -> None:
    assert Client().get(LETTERS)["Location"].startswith(reverse("login"))
    assert client_for(admin).get(LETTERS).status_code == 403
    assert admin.role == Role.ADMINISTRATOR
