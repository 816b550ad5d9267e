"""The Activity section of Case Details: the audit trail of one seeker."""

from __future__ import annotations

from django import template

from casework.selectors import seeker_activity_get
from seekers.models import JobSeeker

register = template.Library()


@register.inclusion_tag("casework/includes/activity.html", takes_context=True)
def seeker_activity(context: template.Context, seeker: JobSeeker) -> dict:
    """`{% seeker_activity seeker %}` for a seeker the page fetched through `seeker_get`."""
    request = context.get("request")
    activity = seeker_activity_get(seeker=seeker, user=request.user)
    return {"seeker": seeker, "request": request, "activity": activity}
