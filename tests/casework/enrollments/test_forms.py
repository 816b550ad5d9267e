"""Forms of Program Registration: what each asks, and what a self-service form leaves out."""

from __future__ import annotations

from casework.enrollments.forms import SeekerDemographicsForm
from seekers.models import DEMOGRAPHICS_STAFF_ONLY, ELIGIBILITY_QUESTIONS

STAFF_ONLY = [*DEMOGRAPHICS_STAFF_ONLY, *ELIGIBILITY_QUESTIONS]


def test_a_self_service_form_never_contains_the_staff_only_questions() -> None:
    form = SeekerDemographicsForm(staff_only=False)
    assert not set(STAFF_ONLY) & set(form.fields)
    html = str(form) + "".join(str(field) for group in form.groups() for field in group["fields"])
    for name in STAFF_ONLY:
        assert f'name="{name}"' not in html
    assert all(not group["staff_only"] for group in form.groups())
    assert "gender" in form.fields and "ex_offender" in form.fields
