"""Reads of the letters: an office's letters, each of a seeker the user may see."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from registration.models import ConfirmationLetter
from seekers.models import JobSeeker
from workforce.models import Office, User


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
