"""Reads of the phone registration."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone

from registration.constants import RESUME_HOURS, CallOutcome
from registration.models import ConfirmationLetter, NoticeVersion, RegistrationCall
from seekers.models import (
    DEMOGRAPHICS_QUESTIONS,
    DEMOGRAPHICS_STAFF_ONLY,
    Demographics,
    JobSeeker,
)
from workforce.models import Office, User


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


def notice_current() -> NoticeVersion:
    """What staff read on a new call: the latest published version whose effective date has
    come. A draft, or a version published for a later date, is never read to a caller."""
    version = (
        NoticeVersion.objects.filter(published_at__isnull=False,
                                     effective_date__lte=timezone.localdate())
        .order_by("-effective_date", "-number")
        .first()
    )  # fmt: skip
    if version is None:
        raise LookupError("No notice version is published; an administrator must publish one.")
    return version


def letters_list(*, user: User, office: Office, include_mailed_since: datetime.date) -> QuerySet:
    """Letters of an office the user works in: unmailed ones, and those mailed since a date.

    Letters name their seeker, so they go through the visibility rule like any other read.
    """
    if not user.offices.filter(pk=office.pk).exists():
        return ConfirmationLetter.objects.none()
    visible = JobSeeker.objects.visible_to(user).values("pk")
    return (
        ConfirmationLetter.objects.filter(office=office, seeker__in=visible)
        .filter(Q(mailed_at__isnull=True) | Q(mailed_at__date__gte=include_mailed_since))
        .select_related("seeker", "call__staff", "mailed_by")
        .order_by("mailed_at", "created_at")
    )


def _letters_visible_to(user: User) -> QuerySet:
    """Letters of the offices the user works in, of seekers they may see: the one scope."""
    visible = JobSeeker.objects.visible_to(user).values("pk")
    return ConfirmationLetter.objects.select_related("seeker", "office", "call").filter(
        office__in=user.offices.all(), seeker__in=visible
    )


def letter_get(*, user: User, letter_id: int) -> ConfirmationLetter:
    """One letter of an office the user works in, of a seeker they may see; else 404."""
    letter = _letters_visible_to(user).filter(pk=letter_id).first()
    if letter is None:
        raise Http404("No such letter.")
    return letter


def letters_to_print(*, user: User, office: Office) -> QuerySet:
    """Every letter of the office not mailed yet, oldest first: the "print all" pile."""
    return (
        _letters_visible_to(user)
        .filter(office=office, mailed_at__isnull=True)
        .order_by("created_at", "pk")
    )


def letter_overdue(letter: ConfirmationLetter) -> bool:
    """Seed 000 step 10 says "the same day": a letter not mailed on its day is overdue."""
    created = timezone.localdate(letter.created_at)
    mailed = timezone.localdate(letter.mailed_at) if letter.mailed_at else timezone.localdate()
    return mailed > created


def call_outcomes(*, start: datetime.date, end: datetime.date, office: Office | None) -> list[dict]:
    """Calls counted by day, office and staff member and by outcome, in one SQL aggregation."""
    calls = RegistrationCall.objects.filter(started_at__date__gte=start, started_at__date__lte=end)
    if office is not None:
        calls = calls.filter(office=office)
    counts = {outcome: Count("pk", filter=Q(outcome=outcome)) for outcome in CallOutcome.values}
    return list(
        calls.annotate(day=TruncDate("started_at"))
        .values("day", "office__name", "staff__username", "staff__first_name", "staff__last_name")
        .annotate(total=Count("pk"), **counts)
        .order_by("-day", "office__name", "staff__last_name", "staff__username")
    )


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
