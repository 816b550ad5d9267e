"""The office's "letters to mail today" queue (seed 000 step 10: mail it the same day)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from registration.letters.services import links_as_text
from registration.models import ConfirmationLetter
from registration.notices.selectors import notice_current
from registration.notices.services import notice_parse, notice_publish
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.registration.calls import (
    ANSWER,
    MAILING,
    PASSWORD,
    letter_made,
    start,
    to_review,
    url,
)
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


# Issue 12: a Print button, "Print all of today's letters", the office's address, phone
# and date on each letter, and the notice's web address printed where the online one links.
PRINT_ALL = reverse("registration:letters-print")


@pytest.fixture
def addressed_office(office: Office) -> Office:
    office.address_line1, office.address_line2 = "402 W 1st St", "Suite 200"
    office.city, office.state, office.zip_code, office.phone = (
        "Duluth",
        "MN",
        "55802",
        "218-555-0142",
    )
    office.save()
    return office


def test_it_prints_the_office_address_phone_and_date_on_the_letter(
    addressed_office: Office, casemanager_client: Client
) -> None:
    letter = letter_for(casemanager_client)
    body = casemanager_client.get(reverse("registration:letter", args=[letter.pk])).content.decode()
    article = body[body.index("<article") :]
    day = timezone.localdate(letter.created_at).strftime("%B %-d, %Y")
    for text in ["North American Job Center", "402 W 1st St", "Suite 200", "Duluth, MN 55802",
                 "218-555-0142", day]:  # fmt: skip
        assert text in article, text


def test_it_has_a_print_button_that_runs_no_inline_script(casemanager_client: Client) -> None:
    letter = letter_for(casemanager_client)
    body = casemanager_client.get(reverse("registration:letter", args=[letter.pk])).content.decode()
    assert 'type="button" data-print' in body and "Print this letter" in body
    assert "onclick" not in body and "<script>" not in body


def test_it_prints_every_unmailed_letter_of_the_current_office_on_its_own_page(
    casemanager: User, casemanager_client: Client, other_office: Office
) -> None:
    letter_made(casemanager, first_name="Bea", ssn="231-45-6781")
    letter_made(casemanager, first_name="Cal", ssn="231-45-6782")
    letter_made(casemanager, first_name="Dee", ssn="231-45-6783", mailed=True)
    casemanager.current_office = other_office
    casemanager.save(update_fields=["current_office"])
    letter_made(casemanager, first_name="Eve", ssn="231-45-6784")  # another office's letter
    casemanager.current_office = casemanager.offices.exclude(pk=other_office.pk).get()
    casemanager.save(update_fields=["current_office"])
    response = casemanager_client.get(PRINT_ALL)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('class="wf-letter wf-letter--page"') == 2
    assert "Bea Doe" in body and "Cal Doe" in body
    assert "Dee Doe" not in body and "Eve Doe" not in body
    assert "anndoe75" not in body and "bea75" not in body and "Where did we meet?" not in body
    assert "231-45-678" not in body and "6781" not in body
    assert PASSWORD not in body and ANSWER.lower() not in body.lower()


def test_the_letters_page_offers_to_print_all_of_them(casemanager_client: Client) -> None:
    assert PRINT_ALL not in casemanager_client.get(LETTERS).content.decode()  # nothing to print
    letter_for(casemanager_client)
    body = casemanager_client.get(LETTERS).content.decode()
    assert f'href="{PRINT_ALL}"' in body and "Print all of today's letters" in body


def test_print_all_says_so_when_there_is_nothing_to_print(casemanager_client: Client) -> None:
    body = casemanager_client.get(PRINT_ALL).content.decode()
    assert "Nothing to print" in body and "wf-letter--page" not in body


def test_print_all_hides_letters_partner_staff_may_not_see(
    casemanager_client: Client, partner: User
) -> None:
    letter = letter_for(casemanager_client)
    client = client_for(partner)
    assert "Ann Doe" not in client.get(PRINT_ALL).content.decode()  # not their office
    partner.offices.add(letter.office)
    partner.current_office = letter.office
    partner.save(update_fields=["current_office"])
    assert "Ann Doe" in client.get(PRINT_ALL).content.decode()
    letter.seeker.opted_out = True
    letter.seeker.save(update_fields=["opted_out"])
    assert "Ann Doe" not in client.get(PRINT_ALL).content.decode()


def test_print_all_needs_a_registering_role_and_an_office(admin: User, casemanager: User) -> None:
    assert Client().get(PRINT_ALL)["Location"].startswith(reverse("login"))
    assert client_for(admin).get(PRINT_ALL).status_code == 403
    assert client_for(casemanager).post(PRINT_ALL).status_code == 405
    casemanager.current_office = None
    casemanager.save(update_fields=["current_office"])
    for page in (PRINT_ALL, LETTERS):  # no office: a message on Home, not a 500
        response = client_for(casemanager).get(page, follow=True)
        assert "Choose your current office" in response.content.decode()


def test_it_prints_the_notice_web_address_after_the_link_text(
    admin: User, casemanager_client: Client
) -> None:
    published = notice_publish(
        actor=admin, title="Data privacy notice",
        notice=notice_parse("We ask to serve you.\n\n[not read] Read [our privacy policy]"
                            "(https://mn.gov/deed/privacy/) online, or <https://mn.gov/deed/>."),
        questions={"a": "Understood?", "b": "Not an application?", "c": "Eligible?"},
        ssn_script="You may give it.", credentials_script=["Choose a username."],
    )  # fmt: skip
    assert notice_current() == published
    letter = letter_for(casemanager_client)
    assert (
        "Read our privacy policy (https://mn.gov/deed/privacy/) online, or https://mn.gov/deed/."
        in letter.body
    )
    assert "[our privacy policy]" not in letter.body and "<https" not in letter.body


def test_a_link_with_no_address_prints_only_its_text() -> None:
    assert links_as_text("learn more about [DEED's policies online](#)") == (
        "learn more about DEED's policies online"
    )
