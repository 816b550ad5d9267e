"""Programs, eligibility, enrollments and staff-only demographics (seed 001)."""

from __future__ import annotations

from django import template

from casework.enrollments import selectors
from seekers.models import JobSeeker
from workforce.constants import ROLES_SERVING_SEEKERS

register = template.Library()


@register.inclusion_tag("casework/enrollments/includes/programs_section.html", takes_context=True)
def seeker_programs(context: template.Context, seeker: JobSeeker) -> dict:
    """`{% seeker_programs seeker %}` for a seeker the page fetched through `seeker_get`.

    Four queries whatever the counts: programs, the user's privileges, the seeker's
    enrollments, their demographics (shared with the Demographics section).
    """
    request = context.get("request")
    user = request.user
    return {
        "seeker": seeker,
        "request": request,
        "rows": selectors.program_registration_list(user=user, seeker=seeker),
        "may_edit_demographics": user.has_role(*ROLES_SERVING_SEEKERS),
    }


@register.inclusion_tag(
    "casework/enrollments/includes/demographics_section.html", takes_context=True
)
def seeker_demographics(context: template.Context, seeker: JobSeeker) -> dict:
    """`{% seeker_demographics seeker %}` for a seeker the page fetched through `seeker_get`."""
    request = context.get("request")
    demographics = selectors.seeker_demographics(seeker)
    return {
        "seeker": seeker,
        "request": request,
        "recorded": demographics is not None,
        "sections": selectors.demographics_sections(demographics),
        "may_edit": request.user.has_role(*ROLES_SERVING_SEEKERS),
    }


@register.filter
def staff_name(user: object) -> str:
    """A staff member's full name, else their username; "someone" when nobody is recorded."""
    if user is None:
        return "someone"
    return user.get_full_name() or user.username
