"""The seeker page's services section: the Options menu and the seeker's recorded services."""

from __future__ import annotations

from django import template

from seekers.models import JobSeeker
from services import selectors

register = template.Library()


@register.inclusion_tag("services/includes/seeker_services.html", takes_context=True)
def seeker_services(context: template.Context, seeker: JobSeeker) -> dict:
    """`{% seeker_services seeker %}` for a seeker the page fetched through `seeker_get`."""
    request = context.get("request")
    user = getattr(request, "user", None)
    records = selectors.service_record_list(seeker=seeker)
    shown_all = len(records) < selectors.SEEKER_SERVICES_SHOWN
    total = len(records) if shown_all else selectors.service_record_count(seeker=seeker)
    return {
        "seeker": seeker,
        "request": request,
        "records": records,
        "total": total,
        "may_record": bool(user and user.has_role(*selectors.ROLES_RECORDING_SERVICES)),
    }
