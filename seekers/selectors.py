"""Reads of seekers; every one starts from `JobSeeker.objects.visible_to(user)`."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import BigIntegerField, Exists, Model, OuterRef, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.http import Http404

from seekers.models import JobSeeker
from workforce.constants import ROLES_SERVING_SEEKERS
from workforce.models import AccessLog, Office, User

RECENT_COUNT = 10
HOME_COUNT_CAP = 1000  # Home says "more than 1,000" past it


def seeker_get(*, user: User, seeker_id: int) -> JobSeeker:
    """The seeker if this user may see them; otherwise 404, as for a seeker that does not exist."""
    seeker = (
        JobSeeker.objects.visible_to(user)
        .select_related("created_by")
        .prefetch_related("offices", "other_names")
        .filter(pk=seeker_id)
        .first()
    )
    if seeker is None:
        raise Http404("No such job seeker.")
    return seeker


def seeker_casework_check(
    *,
    seeker: JobSeeker,
    actor: User,
    refusal: str = "",
    roles: tuple[str, ...] | None = ROLES_SERVING_SEEKERS,
) -> None:
    """Refuse a write about a seeker by someone whose role does not serve seekers, or who
    may not see this one: services re-check what the view's `seeker_get` already did."""
    if roles is not None and not actor.has_role(*roles):
        raise PermissionDenied(refusal or "Your role does not work with job seekers.")
    if not JobSeeker.objects.visible_to(actor).filter(pk=seeker.pk).exists():
        raise PermissionDenied("You may not see this job seeker.")


def seeker_recent_list(*, user: User, office: Office | None) -> QuerySet[JobSeeker]:
    """The seekers most recently registered in an office (the home page's list), newest first.

    By seeker id, which the database hands out in registration order, so that the office's
    members can be read backwards through the (office, seeker) index (see `office_home`).
    """
    if office is None:
        return JobSeeker.objects.none()
    return JobSeeker.objects.visible_to(user).filter(offices=office).order_by("-id")[:RECENT_COUNT]


def seeker_count(*, user: User, office: Office | None = None, cap: int | None = None) -> int:
    """How many seekers the user may see (in `office`); with `cap`, at most cap + 1.

    A capped count stops reading after cap + 1 visible rows, so Home can say "more than
    1,000" at the cost of reading 1,001 index entries, not the whole office.
    """
    seekers = JobSeeker.objects.visible_to(user)
    if office is not None:
        seekers = seekers.filter(offices=office)
    if cap is not None:
        seekers = seekers.order_by()[: cap + 1]  # no ORDER BY: any cap + 1 rows will do
    return seekers.count()


@dataclass(frozen=True)
class OfficeHome:
    """What Home shows of the user's current office: the newest seekers and a capped count."""

    recent: list[JobSeeker]
    count: int
    capped: bool  # more than `count` seekers: Home says "more than 1,000"


# For this transaction only: index scans and nested loops, so both reads start from the
# office's own entries in the (office, seeker) index and stop at their LIMIT. A merge
# join (over the seeker index) or a sequential scan (of the link table) would read from
# one end until it met the office's members: the whole state for an office whose members
# sit at the other end (a new office has only new seekers); the planner cannot tell.
_OFFICE_READS = """SELECT set_config('enable_mergejoin', 'off', true),
    set_config('enable_hashjoin', 'off', true), set_config('enable_seqscan', 'off', true)"""


def office_home(*, user: User, office: Office | None) -> OfficeHome:
    """Home's reads, each bounded whatever the state's size (docs/performance.md, Home)."""
    if office is None:
        return OfficeHome(recent=[], count=0, capped=False)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_OFFICE_READS)
        recent = list(seeker_recent_list(user=user, office=office))
        count = seeker_count(user=user, office=office, cap=HOME_COUNT_CAP)
    capped = count > HOME_COUNT_CAP
    return OfficeHome(recent=recent, count=min(count, HOME_COUNT_CAP), capped=capped)


# --- The audit pages: history and reads about seekers the user may see -------------------


@functools.cache
def seeker_paths() -> dict[type[Model], str]:
    """Every audited model whose rows are about a seeker, with the lookup path to that seeker.

    Found by following foreign keys (at most three hops, such as a plan goal's plan's
    seeker), so a record type added later is covered without anyone listing it here.
    """
    paths: dict[type[Model], str] = {}
    for model in auditlog.get_models():
        path = _path_to_seeker(model, hops=3)
        if path is not None:
            paths[model] = path
    return paths


def _path_to_seeker(model: type[Model], *, hops: int) -> str | None:
    if model is JobSeeker:
        return "pk"
    links = [f for f in model._meta.get_fields() if f.concrete and (f.many_to_one or f.one_to_one)]
    for link in links:
        if link.related_model is JobSeeker:
            return link.name
    for link in links if hops > 1 else []:
        # The core's models (staff, offices) never lead to a seeker: the core imports no app.
        if link.related_model is not None and link.related_model._meta.app_label != "workforce":
            rest = _path_to_seeker(link.related_model, hops=hops - 1)
            if rest is not None and rest != "pk":
                return f"{link.name}__{rest}"
    return None


def seeker_change_log_scope(user: User, entries: QuerySet) -> QuerySet:
    """Change-history entries about seekers this user may not see are left out.

    An entry is about a seeker if it carries the seeker's id (`additional_data`, written
    by the casework records) or if its record points at a seeker (`seeker_paths`). An entry
    whose record no longer exists cannot be placed, so only those who see every seeker
    read it.
    """
    if JobSeeker.objects.sees_everyone(user):
        return entries
    visible = JobSeeker.objects.visible_to(user).values("pk")
    keyed = Cast(KeyTextTransform("seeker_id", "additional_data"), BigIntegerField())
    untagged = Q(additional_data__isnull=True) | ~Q(additional_data__has_key="seeker_id")
    paths = seeker_paths()
    types = ContentType.objects.get_for_models(*paths, for_concrete_models=False)
    record_ok = ~Q(content_type__in=list(types.values()))
    for model, path in paths.items():
        seen = Q(**{f"{path}__in": visible})
        if path != "pk" and model._meta.get_field(path.split("__")[0]).null:
            seen |= Q(**{f"{path}__isnull": True})  # e.g. a call before its seeker exists
        exists = Exists(model._default_manager.filter(seen, pk=OuterRef("object_id")))
        record_ok |= Q(content_type=types[model]) & exists
    return entries.alias(entry_seeker=keyed).filter(
        untagged | Q(entry_seeker__in=visible), record_ok
    )


def seeker_access_log_scope(user: User, rows: QuerySet[AccessLog]) -> QuerySet[AccessLog]:
    """Access-log rows about seekers this user may not see (or who are gone) are left out."""
    if JobSeeker.objects.sees_everyone(user):
        return rows
    visible = JobSeeker.objects.visible_to(user).values("pk")
    return rows.filter(Q(seeker_id__isnull=True) | Q(seeker_id__in=visible))


def seeker_linked_list(*, user: User, rows: QuerySet, path: str = "seeker") -> QuerySet:
    """Rows of records about seekers (services, calls...) narrowed to seekers the user sees.

    For lists outside a seeker's page, such as the Django admin's; a record whose seeker
    link is empty (a call before its seeker exists) stays.
    """
    seen = Q(**{f"{path}__in": JobSeeker.objects.visible_to(user)})
    if rows.model._meta.get_field(path.split("__")[0]).null:
        seen |= Q(**{f"{path}__isnull": True})
    return rows.filter(seen)
