"""Reads of the phone registration."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.db.models.fields.json import KT
from django.http import Http404
from django.utils import timezone

from registration.constants import RESUME_HOURS, CallOutcome
from registration.models import RegistrationCall
from seekers.models import (
    DEMOGRAPHICS_QUESTIONS,
    DEMOGRAPHICS_STAFF_ONLY,
    Demographics,
)
from workforce.models import User


def call_get(*, user: User, call_id: int) -> RegistrationCall:
    """A call of this staff member's own; anyone else's is 404, as if it did not exist."""
    call = (
        RegistrationCall.objects.select_related("office", "notice_version")
        .filter(pk=call_id, staff=user)
        .first()
    )
    if call is None:
        raise Http404("No such registration call.")
    return call


def review_summary(*, call: RegistrationCall) -> dict:
    """What the review step shows: every answer in words, the SSN masked, no password."""
    draft = call.draft
    demographics = []
    answers = draft["demographics"]  # jsonb keeps no key order: ask the model's order
    for name in [n for n in (*DEMOGRAPHICS_QUESTIONS, *DEMOGRAPHICS_STAFF_ONLY) if n in answers]:
        value = answers[name]
        field = Demographics._meta.get_field(name)
        choices = dict(field.base_field.choices if name == "races" else field.choices)
        shown = ", ".join(str(choices[v]) for v in value) if name == "races" else choices[value]
        demographics.append({"label": field.verbose_name, "value": shown})
    return {
        "contact": draft["contact"],
        "born": datetime.date.fromisoformat(draft["contact"]["date_of_birth"]),
        "ssn_masked": f"***-**-{draft['ssn_last4']}",
        "ssn_pseudo": draft.get("ssn_pseudo"),
        "ssn_generated": draft.get("ssn_generated"),
        "username": draft["username"],
        "secret_question": draft["secret_question"],
        "demographics": demographics,
        "placeholder": settings.REGISTRATION_PLACEHOLDER_EMAIL,
    }


def calls_unfinished(*, user: User, limit: int = 10) -> list[RegistrationCall]:
    """The user's own calls not finished: in progress, or abandoned and still resumable.

    One query on the partial index call_unfinished_idx; it runs on every page (the banner),
    so it reads only the columns the banner and the lists show.
    """
    cutoff = timezone.now() - datetime.timedelta(hours=RESUME_HOURS)
    unfinished = [CallOutcome.IN_PROGRESS, CallOutcome.ABANDONED]
    return list(
        RegistrationCall.objects.filter(staff=user, outcome__in=unfinished)
        .filter(Q(outcome=CallOutcome.IN_PROGRESS) | Q(abandoned_at__gte=cutoff))
        .annotate(
            first_name=KT("draft__contact__first_name"), last_name=KT("draft__contact__last_name")
        )
        .only("pk", "started_at", "outcome", "abandoned_at")
        .order_by("-started_at")[:limit]
    )
