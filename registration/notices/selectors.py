"""Reads of the notice versions."""

from __future__ import annotations

from django.utils import timezone

from registration.models import NoticeVersion


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
