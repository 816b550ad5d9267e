"""Demographics on Case Details: every answer, the staff-only ones marked, edited by staff."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from casework.enrollments.forms import SeekerDemographicsForm
from casework.enrollments.services import demographics_update
from seekers.models import DEMOGRAPHICS_STAFF_ONLY, ELIGIBILITY_QUESTIONS, Demographics, JobSeeker
from tests.conftest import client_for
from tests.factories import DemographicsFactory, JobSeekerFactory
from workforce.models import Office, User

pytestmark = pytest.mark.django_db

STAFF_ONLY = [*DEMOGRAPHICS_STAFF_ONLY, *ELIGIBILITY_QUESTIONS]


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    seeker = JobSeekerFactory(offices=[office])
    DemographicsFactory(seeker=seeker, gender="female", homeless="no", right_to_work="")
    return seeker


def edit_url(seeker: JobSeeker) -> str:
    return reverse("casework:demographics-edit", args=[seeker.pk])


def section(client: Client, seeker: JobSeeker) -> str:
    body = client.get(reverse("casework:detail", args=[seeker.pk])).content.decode()
    return body[body.index('id="demographics"') : body.index('id="seeker-services"')]


def full_post(**answers: str) -> dict:
    """What the page posts: every question, "Not asked yet" ("") unless given."""
    data = dict.fromkeys(SeekerDemographicsForm().fields, "")
    del data["races"]
    return {**data, **answers}


def test_it_shows_every_answer_with_the_staff_only_questions_marked(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    text = section(casemanager_client, seeker)
    assert '<dd id="demographics-answer-gender">Female</dd>' in text
    assert '<dd id="demographics-answer-homeless">No</dd>' in text
    assert '<dd id="demographics-answer-right_to_work">Not asked yet</dd>' in text
    staff = text[text.index("Staff-only questions") :]
    assert 'usa-tag bg-base-darker">Staff only' in staff
    for name in STAFF_ONLY:
        assert f'id="demographics-answer-{name}"' in staff
    assert 'id="demographics-answer-gender"' not in staff


def test_it_says_when_nothing_is_recorded(casemanager_client: Client) -> None:
    text = section(casemanager_client, JobSeekerFactory())
    assert "No demographic answers recorded yet." in text


def test_the_edit_page_asks_every_question_including_the_staff_only_ones(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    body = casemanager_client.get(edit_url(seeker)).content.decode()
    for name in ["gender", "races", "ex_offender", *STAFF_ONLY]:
        assert f'name="{name}"' in body, name
    assert "Eligibility questions (staff only)" in body and "Not asked yet" in body


def test_saving_updates_the_answers_and_the_eligibility_shown(
    casemanager: User, seeker: JobSeeker
) -> None:
    client = client_for(casemanager)
    before = client.get(reverse("casework:detail", args=[seeker.pk])).content.decode()
    adult_row = before[before.index('id="program-wioa-adult"') :].split("</tr>")[0]
    assert "Undetermined" in adult_row
    data = full_post(gender="female", homeless="declined", right_to_work="yes")
    response = client.post(edit_url(seeker), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:detail", args=[seeker.pk]) + "#programs"
    demographics = Demographics.objects.get(seeker=seeker)
    assert demographics.right_to_work == "yes" and demographics.homeless == "declined"
    assert demographics.ethnicity == ""  # posted as "Not asked yet"
    after = client.get(response["Location"]).content.decode()
    adult_row = after[after.index('id="program-wioa-adult"') :].split("</tr>")[0]
    assert "Eligible" in adult_row and "Legally eligible to work in the United States: Yes." in (
        adult_row
    )


def test_saving_creates_the_answers_when_there_were_none(casemanager_client: Client) -> None:
    seeker = JobSeekerFactory()
    data = full_post(right_to_work="no", selective_service="registered", races="asian")
    assert casemanager_client.post(edit_url(seeker), data).status_code == 302
    demographics = Demographics.objects.get(seeker=seeker)
    assert demographics.right_to_work == "no" and demographics.races == ["asian"]
    assert demographics.selective_service == "registered"


def test_the_change_history_records_who_changed_what(casemanager: User, seeker: JobSeeker) -> None:
    client_for(casemanager).post(edit_url(seeker), full_post(right_to_work="yes"))
    entry = LogEntry.objects.get_for_object(Demographics.objects.get(seeker=seeker)).latest(
        "timestamp"
    )
    assert entry.actor == casemanager and "right_to_work" in entry.changes_dict


@pytest.mark.parametrize(
    ("answers", "field"),
    [({"right_to_work": "maybe"}, "right_to_work"), ({"races": ["asian", "declined"]}, "races")],
    ids=["unknown-answer", "race-and-declined"],
)
def test_it_refuses_a_bad_answer_beside_the_field_with_nothing_written(
    casemanager_client: Client, seeker: JobSeeker, answers: dict, field: str
) -> None:
    response = casemanager_client.post(edit_url(seeker), full_post(gender="male", **answers))
    assert response.status_code == 400
    assert f'id="div_id_{field}" class="usa-form-group usa-form-group--error' in (
        response.content.decode()
    )
    assert Demographics.objects.get(seeker=seeker).gender == "female"


def test_an_administrator_may_not_edit(admin: User, seeker: JobSeeker) -> None:
    client = client_for(admin)
    assert client.get(edit_url(seeker)).status_code == 403
    assert client.post(edit_url(seeker), full_post(gender="male")).status_code == 403
    assert Demographics.objects.get(seeker=seeker).gender == "female"
    assert edit_url(seeker) not in section(client, seeker)


def test_partner_staff_get_404_for_an_opted_out_seeker(partner: User) -> None:
    hidden = JobSeekerFactory(opted_out=True)
    client = client_for(partner)
    assert client.get(edit_url(hidden)).status_code == 404
    assert client.post(edit_url(hidden), full_post(gender="male")).status_code == 404
    assert not Demographics.objects.filter(seeker=hidden).exists()


def test_a_self_service_save_leaves_the_staff_only_answers_alone(
    casemanager: User, seeker: JobSeeker
) -> None:
    Demographics.objects.filter(seeker=seeker).update(right_to_work="yes", laid_off="no")
    form = SeekerDemographicsForm({"gender": "declined", "races": ["declined"]}, staff_only=False)
    assert form.is_valid(), form.errors
    demographics_update(seeker=seeker, data=form.cleaned_data, actor=casemanager)
    demographics = Demographics.objects.get(seeker=seeker)
    assert demographics.gender == "declined"
    assert demographics.right_to_work == "yes" and demographics.laid_off == "no"
