"""The seeker page's services section: the Options menu and the seeker's recorded services."""

from __future__ import annotations

from django import template

from seekers.models import JobSeeker
from services import selectors
from services.models import ServiceRecord
from workforce.constants import ROLES_SERVING_SEEKERS

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
        "may_record": bool(user and user.has_role(*ROLES_SERVING_SEEKERS)),
    }


# The notes of services (Job Development must have one, seed 003) shown beside the case
# notes in Case Details' "Notes and documents"; the seekers app never imports services.
SERVICE_NOTES_SHOWN = 10


@register.inclusion_tag("services/includes/service_notes.html")
def seeker_service_notes(seeker: JobSeeker) -> dict:
    """`{% seeker_service_notes seeker %}`: the newest services recorded with a note."""
    noted = (
        ServiceRecord.objects.filter(seeker=seeker)
        .exclude(note="")
        .select_related("service_type", "credited_staff", "recorded_by")
        .order_by("-service_date", "-pk")
    )
    records = list(noted[:SERVICE_NOTES_SHOWN])
    total = len(records) if len(records) < SERVICE_NOTES_SHOWN else noted.count()
    return {"seeker": seeker, "records": records, "total": total}
