"""Administrators keep programs (rule, order) and their enrollment questions in the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casework.enrollments.admin import EnrollmentQuestionForm
from seekers.models import EnrollmentQuestion
from tests.conftest import client_for
from workforce.constants import WIOA_ADULT
from workforce.models import Program, User

pytestmark = pytest.mark.django_db


def test_the_program_admin_shows_the_rule_description_and_order(admin: User) -> None:
    client = client_for(admin)
    listing = client.get(reverse("admin:workforce_program_changelist")).content.decode()
    assert "Eligibility rule" in listing and "Display order" in listing
    adult = Program.objects.get(code=WIOA_ADULT)
    change = client.get(reverse("admin:workforce_program_change", args=[adult.pk]))
    body = change.content.decode()
    assert 'name="eligibility_rule"' in body and 'name="description"' in body


def test_the_question_admin_lists_the_seeded_questions(admin: User) -> None:
    response = client_for(admin).get(reverse("admin:seekers_enrollmentquestion_changelist"))
    assert response.status_code == 200
    assert "Priority of service group" in response.content.decode()


@pytest.mark.parametrize(
    ("kind", "choices", "valid"),
    [("choice", "Only one", False), ("choice", "One\nTwo", True), ("yes_no", "Yes\nNo", False),
     ("date", "", True)],
    ids=["one-choice", "two-choices", "yes-no-with-choices", "date"],
)  # fmt: skip
def test_it_checks_the_choices_of_a_question(kind: str, choices: str, valid: bool) -> None:
    adult = Program.objects.get(code=WIOA_ADULT)
    form = EnrollmentQuestionForm(
        {"program": adult.pk, "key": "new_question", "label": "A question", "kind": kind,
         "choices": choices, "required": "on", "display_order": 5, "is_active": "on"}
    )  # fmt: skip
    assert form.is_valid() is valid, form.errors


def test_a_question_in_use_is_retired_never_deleted(admin: User) -> None:
    question = EnrollmentQuestion.objects.filter(program__code=WIOA_ADULT).first()
    url = reverse("admin:seekers_enrollmentquestion_delete", args=[question.pk])
    assert client_for(admin).post(url, {"post": "yes"}).status_code == 403
    assert EnrollmentQuestion.objects.filter(pk=question.pk).exists()
