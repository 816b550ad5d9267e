"""The seeker page's participation panel: dates of entry and exit, and why (issue 5)."""

from __future__ import annotations

import datetime
from typing import Any

from django import template

from seekers.models import JobSeeker
from services.participation import EXIT_GAP_DAYS, participation_summary

register = template.Library()


@register.inclusion_tag("services/includes/participation.html", takes_context=True)
def seeker_participation(context: template.Context, seeker: JobSeeker,
                         today: datetime.date | None = None) -> dict[str, Any]:  # fmt: skip
    """Render the panel for a seeker the page's view has already checked the user may see."""
    return {
        "seeker": seeker,
        "summary": participation_summary(seeker=seeker, today=today),
        "gap_days": EXIT_GAP_DAYS,
        "request": context.get("request"),
    }
