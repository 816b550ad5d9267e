"""Assessments and employment plans (seed 001, and seed 003's automatic services they record)."""

from __future__ import annotations

from django import template

from seekers import plans
from seekers.constants import PlanStatus
from seekers.models import JobSeeker

register = template.Library()


@register.inclusion_tag("seekers/plans/plans_section.html", takes_context=True)
def seeker_plans(context: template.Context, seeker: JobSeeker) -> dict:
    """`{% seeker_plans seeker %}` for a seeker the page fetched through `seeker_get`.

    Two queries whatever the record counts: the latest assessments, and every plan with its
    goal and step counts and next target date annotated.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    assessments = plans.assessment_list(seeker=seeker)
    all_plans = plans.plan_section_list(seeker=seeker)
    return {
        "seeker": seeker,
        "request": request,
        "latest": assessments[0] if assessments else None,
        "earlier": assessments[1 : plans.EARLIER_ASSESSMENTS_SHOWN + 1],
        "active_plans": [p for p in all_plans if p.status == PlanStatus.ACTIVE],
        "closed_plans": [p for p in all_plans if p.status == PlanStatus.CLOSED],
        "may_write": bool(user and user.has_role(*plans.ROLES_PLANNING)),
        "new_kind": plans.plan_kind_for(user) if user and user.is_authenticated else "",
    }
