"""The Demographics step read aloud (issue 12): scripted lines kept as data, grouped
questions, and the same answers saved as before."""

from __future__ import annotations

import pytest
from django.test import Client

from registration import services
from registration.constants import DEMOGRAPHICS_GROUPS, DEMOGRAPHICS_INTRO, DEMOGRAPHICS_SCRIPT
from registration.forms import DemographicsForm
from seekers.models import DEMOGRAPHICS_QUESTIONS, DEMOGRAPHICS_STAFF_ONLY
from tests.registration.calls import CREDENTIALS, DEMOGRAPHICS, through_contact, url
from workforce.models import User

pytestmark = pytest.mark.django_db


def test_it_has_a_scripted_line_for_every_question_and_groups_them_all() -> None:
    asked = [*DEMOGRAPHICS_QUESTIONS, *DEMOGRAPHICS_STAFF_ONLY]
    assert set(DEMOGRAPHICS_SCRIPT) == set(asked)
    grouped = [name for _, names in DEMOGRAPHICS_GROUPS for name in names]
    assert sorted(grouped) == sorted(asked)
    assert all(len(line) < 100 for line in DEMOGRAPHICS_SCRIPT.values())  # short lines


def test_it_keeps_declining_at_the_end_of_radios_and_first_in_races() -> None:
    form = DemographicsForm()
    assert [c[1] for c in form.fields["gender"].choices][-1] == "Prefers not to answer"
    assert form.fields["races"].choices[0][1] == "Prefers not to answer"


def test_it_cleans_the_same_answers_as_before() -> None:
    form = DemographicsForm(DEMOGRAPHICS)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["races"] == ["asian", "white"]
    assert form.cleaned_data["gender"] == "female"


def test_it_shows_the_script_in_three_fieldsets(
    casemanager: User, casemanager_client: Client
) -> None:
    call = services.call_start(staff=casemanager)
    through_contact(casemanager_client, call)
    casemanager_client.post(url("ssn", call), {"choice": "real", "ssn": "231-45-6789"})
    casemanager_client.post(url("credentials", call), CREDENTIALS)
    html = casemanager_client.get(url("demographics", call)).content.decode()
    assert html.count('class="usa-fieldset wf-demographics__group"') == 3
    for title, _ in DEMOGRAPHICS_GROUPS:
        assert f'<legend class="usa-legend usa-legend--large">{title}</legend>' in html
    assert DEMOGRAPHICS_INTRO[0] in html
    assert 'id="id_gender_hint">What is your gender?</div>' in html
    assert "data-autofocus" in html
