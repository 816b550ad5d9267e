"""Case notes on Case Details: added by staff who serve seekers, kept as written, listed newest
first beside the notes of services and the documents."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse
from django.utils import timezone

from casework.casefile import constants, services
from seekers.models import CaseNote, JobSeeker
from services.models import ServiceType
from tests.conftest import client_for
from tests.factories import (
    CaseNoteFactory,
    JobSeekerFactory,
    ResumeFactory,
    SeekerDocumentFactory,
    ServiceRecordFactory,
    UserFactory,
)
from workforce.constants import DOUBLE_SUBMIT_WINDOW
from workforce.models import Office, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(office: Office, partner_office: Office) -> JobSeeker:
    return JobSeekerFactory(first_name="Ann", last_name="Doe", offices=[office, partner_office])


def page_url(seeker: JobSeeker) -> str:
    return reverse("casework:notes", args=[seeker.pk])


def add_url(seeker: JobSeeker) -> str:
    return reverse("casework:note-add", args=[seeker.pk])


def detail(client: Client, seeker: JobSeeker) -> str:
    return client.get(reverse("casework:detail", args=[seeker.pk])).content.decode()


# --- access ------------------------------------------------------------------------------


def test_it_sends_anonymous_visitors_to_sign_in(seeker: JobSeeker) -> None:
    for response in (Client().get(page_url(seeker)), Client().post(add_url(seeker), {"text": "x"})):
        assert response.status_code == 302 and reverse("login") in response["Location"]
    assert not CaseNote.objects.exists()


def test_it_refuses_administrators(admin: User, seeker: JobSeeker) -> None:
    client = client_for(admin)
    assert client.get(page_url(seeker)).status_code == 403
    assert client.post(add_url(seeker), {"text": "A note"}).status_code == 403
    assert not CaseNote.objects.exists()


def test_it_refuses_administrators_in_the_service_too(admin: User, seeker: JobSeeker) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.case_note_add(seeker=seeker, text="A note", actor=admin)


def test_the_add_url_is_post_only(casemanager_client: Client, seeker: JobSeeker) -> None:
    assert casemanager_client.get(add_url(seeker)).status_code == 405


def test_the_notes_page_is_get_only(casemanager_client: Client, seeker: JobSeeker) -> None:
    assert casemanager_client.post(page_url(seeker), {"text": "A note"}).status_code == 405
    assert not CaseNote.objects.exists()


def test_partner_staff_get_404_for_an_opted_out_seeker(partner: User, seeker: JobSeeker) -> None:
    CaseNoteFactory(seeker=seeker, author=partner, text="Written before the opt-out")
    seeker.opted_out = True
    seeker.save(update_fields=["opted_out"])
    client = client_for(partner)
    assert client.get(page_url(seeker)).status_code == 404
    assert client.post(add_url(seeker), {"text": "Another"}).status_code == 404
    assert CaseNote.objects.count() == 1


def test_partner_staff_add_notes_for_seekers_they_see(partner: User, seeker: JobSeeker) -> None:
    response = client_for(partner).post(add_url(seeker), {"text": "Called about the job fair."})
    assert response.status_code == 302
    assert CaseNote.objects.get().author == partner


# --- adding ------------------------------------------------------------------------------


def test_it_adds_a_note_and_goes_back_to_the_notes_section(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    response = casemanager_client.post(add_url(seeker), {"text": "  Called; left a message.  "})
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:detail", args=[seeker.pk]) + "#notes"
    note = CaseNote.objects.get()
    assert (note.seeker, note.author, note.text) == (seeker, casemanager, "Called; left a message.")


def test_it_refuses_an_empty_note_beside_the_field(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    response = casemanager_client.post(add_url(seeker), {"text": "   "})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_text_error"' in body and "Write the note before saving it." in body
    assert not CaseNote.objects.exists()


def test_it_refuses_a_note_that_is_too_long(casemanager_client: Client, seeker: JobSeeker) -> None:
    text = "x" * (constants.NOTE_MAX_LENGTH + 1)
    assert casemanager_client.post(add_url(seeker), {"text": text}).status_code == 400
    assert not CaseNote.objects.exists()


def test_a_double_submitted_note_is_recorded_once(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    for _ in range(2):
        assert (
            casemanager_client.post(add_url(seeker), {"text": "Mailed the form."}).status_code
            == 302
        )
    assert CaseNote.objects.count() == 1


def test_the_same_words_later_are_a_new_note(casemanager: User, seeker: JobSeeker) -> None:
    first, _ = services.case_note_add(seeker=seeker, text="No answer.", actor=casemanager)
    CaseNote.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - DOUBLE_SUBMIT_WINDOW - datetime.timedelta(seconds=1)
    )
    _second, created = services.case_note_add(seeker=seeker, text="No answer.", actor=casemanager)
    assert created and CaseNote.objects.count() == 2


def test_notes_have_no_edit_or_delete_url() -> None:
    names = [name for name in get_resolver().reverse_dict if isinstance(name, str)]
    assert not [name for name in names if "note" in name and ("edit" in name or "delete" in name)]


# --- listing -----------------------------------------------------------------------------


def test_it_lists_notes_newest_first_with_author_and_time(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    author = UserFactory(first_name="Rosa", last_name="Quint")
    old = CaseNoteFactory(seeker=seeker, author=author, text="First contact by phone.")
    CaseNote.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    CaseNoteFactory(seeker=seeker, author=author, text="Second call: resume review.")
    for body in (
        detail(casemanager_client, seeker),
        casemanager_client.get(page_url(seeker)).content.decode(),
    ):
        assert body.index("Second call: resume review.") < body.index("First contact by phone.")
        assert "Rosa Quint" in body and "<time datetime=" in body


def test_the_section_says_notes_are_kept_as_written(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    body = detail(casemanager_client, seeker)
    assert 'id="notes"' in body and "Notes and documents" in body
    assert "cannot be edited or deleted" in body
    assert f'action="{add_url(seeker)}"' in body


def test_the_section_offers_no_form_to_administrators(admin: User, seeker: JobSeeker) -> None:
    body = detail(client_for(admin), seeker)
    assert f'action="{add_url(seeker)}"' not in body


def test_it_links_to_all_notes_when_there_are_more_than_shown(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    CaseNoteFactory.create_batch(constants.NOTES_SHOWN + 2, seeker=seeker, author=casemanager)
    body = detail(casemanager_client, seeker)
    assert f"All {constants.NOTES_SHOWN + 2} case notes" in body


def test_it_shows_the_notes_of_services_beside_case_notes(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    development = ServiceType.objects.get(name="Job Development")
    ServiceRecordFactory(seeker=seeker, service_type=development, recorded_by=casemanager,
                         note="Secured an interview at a synthetic bakery.")  # fmt: skip
    ServiceRecordFactory(seeker=seeker, note="")
    body = detail(casemanager_client, seeker)
    notes = body[body.index('id="notes"') : body.index('id="resumes"')]
    assert "Service notes" in notes and "Job Development" in notes
    assert "Secured an interview at a synthetic bakery." in notes
    assert notes.count("border-top-1px") == 1  # the service without a note is not listed


def test_the_sections_run_a_fixed_number_of_queries(casemanager: User, seeker: JobSeeker) -> None:
    request = RequestFactory().get("/")
    request.user = casemanager
    page = Template(
        "{% load casefile_tags service_tags %}{% seeker_notes seeker %}{% seeker_resumes seeker %}"
    )

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            page.render(Context({"seeker": seeker, "request": request}))
        return len(queries)

    CaseNoteFactory(seeker=seeker, author=casemanager)
    few = count()
    CaseNoteFactory.create_batch(30, seeker=seeker)
    SeekerDocumentFactory.create_batch(8, seeker=seeker)
    ResumeFactory.create_batch(5, seeker=seeker)
    ServiceRecordFactory.create_batch(25, seeker=seeker, note="A service note")
    assert count() == few + 2  # the two totals, once there are more notes than shown
