"""Assessments and employment plans (seed 001, and seed 003's automatic services they record)."""

from __future__ import annotations

from django import template

from casework.plans.constants import EARLIER_ASSESSMENTS_SHOWN
from casework.plans.selectors import assessment_list, plan_kind_for, plan_section_list
from seekers.constants import PlanStatus
from seekers.models import JobSeeker
from workforce.constants import ROLES_SERVING_SEEKERS

register = template.Library()


@register.inclusion_tag("casework/plans/includes/plans_section.html", takes_context=True)
def seeker_plans(context: template.Context, seeker: JobSeeker) -> dict:
    """`{% seeker_plans seeker %}` for a seeker the page fetched through `seeker_get`.

    Two queries whatever the record counts: the latest assessments, and every plan with its
    goal and step counts and next target date annotated.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    assessments = assessment_list(seeker=seeker)
    all_plans = plan_section_list(seeker=seeker)
    return {
        "seeker": seeker,
        "request": request,
        "latest": assessments[0] if assessments else None,
        "earlier": assessments[1 : EARLIER_ASSESSMENTS_SHOWN + 1],
        "active_plans": [p for p in all_plans if p.status == PlanStatus.ACTIVE],
        "closed_plans": [p for p in all_plans if p.status == PlanStatus.CLOSED],
        "may_write": bool(user and user.has_role(*ROLES_SERVING_SEEKERS)),
        "new_kind": plan_kind_for(user) if user and user.is_authenticated else "",
    }
