"""Writes of the data-sharing opt-out (seed 002): consent changes, lookups, opt-in requests.

Every change of a seeker's choice goes through `consent_set`, which writes the history
row in the same transaction; the visibility rule (JobSeeker.objects.visible_to) reads
`JobSeeker.opted_out`, so a change takes effect for partner staff at once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from optout.constants import OPEN_STATUSES, ConsentChannel, RequestStatus
from optout.models import ConsentChange, Notice, OptInRequest
from seekers.models import JobSeeker, ssn_blind_index
from seekers.selectors import seeker_casework_check
from workforce.audit import access_log_hourly_quota_left, access_log_write
from workforce.constants import ROLES_SETTING_CONSENT, AccessAction, Role
from workforce.mail import outbox_enqueue
from workforce.models import AccessLog, User


def _require_state_staff(actor: User) -> None:
    if actor.is_partner_staff or not actor.has_role(*ROLES_SETTING_CONSENT):
        raise PermissionDenied("Only state-agency staff change a client's data-sharing choice.")


@transaction.atomic
def consent_set(*, seeker: JobSeeker, opted_out: bool, actor: User | None, channel: str,
                reason: str, request: OptInRequest | None = None) -> ConsentChange:  # fmt: skip
    """Record the client's choice and its history; the seeker row is locked first.

    `actor` is None only for the seeker's own self-service change. Opting a client back
    in is a supervisor's decision (seed 002); any state-agency staff member may opt a
    client out at their request.
    """
    if actor is not None:
        _require_state_staff(actor)
        seeker_casework_check(seeker=seeker, actor=actor, roles=ROLES_SETTING_CONSENT)
        if not opted_out and actor.role != Role.SUPERVISOR:
            raise PermissionDenied("Only a supervisor opts a client back in to data sharing.")
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": "Give the reason the client gave."})
    ConsentChannel(channel)
    seeker = JobSeeker.objects.select_for_update().get(pk=seeker.pk)
    if seeker.opted_out == opted_out:
        state = "opted out" if opted_out else "sharing data"
        raise ValidationError({"opted_out": f"The client is already {state}."})
    seeker.opted_out = opted_out
    seeker.save(update_fields=["opted_out", "updated_at"])
    return ConsentChange.objects.create(
        seeker=seeker, opted_out=opted_out, changed_by=actor, channel=channel, reason=reason,
        request=request,
    )  # fmt: skip


# --- Opt-Out Lookup --------------------------------------------------------------------


class LookupLimitReached(Exception):
    """The user made their allowed number of lookups in the last hour."""


@dataclass(frozen=True)
class LookupResult:
    """A hit names the seeker (last and first name only); a miss says nothing else."""

    seeker: JobSeeker | None

    @property
    def found(self) -> bool:
        return self.seeker is not None


def lookups_per_hour() -> int:
    return settings.OPTOUT_LOOKUPS_PER_HOUR


@transaction.atomic
def optout_lookup(*, request: HttpRequest, actor: User, ssn: str) -> LookupResult:
    """Seed 002 step 3: is there an opted-out seeker with this SSN? Logged, rate-limited.

    The limit counts this user's lookups in the access log over the last hour, under a
    row lock on the user, so it holds across processes and servers. The access log row
    records the outcome and, on a hit, the seeker's id; never the SSN.
    """
    left = access_log_hourly_quota_left(
        user=actor, action=AccessAction.OPTOUT_LOOKUP, per_hour=lookups_per_hour()
    )
    if not left:
        raise LookupLimitReached()
    index = ssn_blind_index(ssn)
    seeker = JobSeeker.objects.filter(ssn_index=index, opted_out=True).first()
    access_log_write(
        request=request, user=actor, action=AccessAction.OPTOUT_LOOKUP,
        seeker_id=seeker.pk if seeker else None, outcome="opted-out record found" if seeker
        else "no opted-out record",
    )  # fmt: skip
    return LookupResult(seeker=seeker)


# --- Opt-in requests (seed 002 steps 4-8) ----------------------------------------------


def _supervisors() -> list[User]:
    return list(
        User.objects.filter(role=Role.SUPERVISOR, is_active=True, organization__kind="state_agency")
    )


def _notify(*, user: User, text: str, request: OptInRequest, subject: str) -> None:
    """An in-app notice and an email (through the outbox), in the caller's transaction."""
    Notice.objects.create(user=user, text=text, request=request)
    if user.email:
        outbox_enqueue(to=user.email, subject=subject, body=f"{text}\n\nOpen Workforce to see "
                       "the request.", purpose="optin_request")  # fmt: skip


# A lookup hit may be turned into a request for this long.
LOOKUP_VALID_HOURS = 8


def lookup_hit_get(*, actor: User, lookup_id: int) -> AccessLog:
    """The user's own recent lookup that found an opted-out seeker, or PermissionDenied.

    Requests refer to the lookup, never to the seeker's id: partner staff never learn an
    opted-out seeker's record number.
    """
    since = timezone.now() - datetime.timedelta(hours=LOOKUP_VALID_HOURS)
    lookup = AccessLog.objects.filter(
        pk=lookup_id, user=actor, action=AccessAction.OPTOUT_LOOKUP,
        seeker_id__isnull=False, at__gte=since,
    ).first()  # fmt: skip
    if lookup is None:
        raise PermissionDenied("Look the client up again before filing a request.")
    return lookup


@transaction.atomic
def optin_request_file(*, lookup: AccessLog, actor: User, client_name: str, client_phone: str,
                       reason: str) -> OptInRequest:  # fmt: skip
    """Step 4: the case manager asks the state agency's supervisors to opt the client in.

    From a lookup hit only; one open request per seeker and staff member, enforced by
    the database, so a double submit files one.
    """
    seeker = JobSeeker.objects.get(pk=lookup.seeker_id)
    if not seeker.opted_out:
        raise ValidationError("This client already shares their data: search for them instead.")
    try:
        with transaction.atomic():
            optin = OptInRequest.objects.create(
                seeker=seeker, requested_by=actor, client_name=" ".join(client_name.split()),
                client_phone=client_phone, reason=reason.strip(),
            )  # fmt: skip
    except IntegrityError:
        raise ValidationError(
            "You already have an open request for this client; see My opt-in requests."
        ) from None
    for supervisor in _supervisors():
        _notify(
            user=supervisor, request=optin, subject="New opt-in request",
            text=f"{actor.get_full_name() or actor.username} asks to opt in "
            f"{optin.client_name} (request {optin.pk}).",
        )  # fmt: skip
    return optin


def _lock_open(optin: OptInRequest, actor: User) -> OptInRequest:
    if actor.role != Role.SUPERVISOR or actor.is_partner_staff:
        raise PermissionDenied("Only a state-agency supervisor handles opt-in requests.")
    optin = OptInRequest.objects.select_for_update().get(pk=optin.pk)
    if optin.status not in OPEN_STATUSES:
        raise ValidationError(f"This request is closed: {optin.get_status_display().lower()}.")
    return optin


@transaction.atomic
def optin_request_contacting(*, optin: OptInRequest, actor: User) -> OptInRequest:
    """The supervisor records contact with the client (seed 002 step 6)."""
    optin = _lock_open(optin, actor)
    optin.status, optin.handled_by = RequestStatus.CONTACTING, actor
    optin.client_contacted_at = optin.client_contacted_at or timezone.now()
    optin.save(update_fields=["status", "handled_by", "client_contacted_at"])
    return optin


@transaction.atomic
def optin_request_decide(*, optin: OptInRequest, actor: User, opt_in: bool, note: str,
                         channel: str = ConsentChannel.PHONE) -> OptInRequest:  # fmt: skip
    """(a) the client agrees: opt them in and tell the partner; or (b) they remain opted
    out and were offered work with state-agency staff: tell the partner that."""
    optin = _lock_open(optin, actor)
    note = " ".join(note.split())
    if not note:
        raise ValidationError({"note": "Write what the client said."})
    if opt_in:
        consent_set(seeker=optin.seeker, opted_out=False, actor=actor, channel=channel,
                    reason=note, request=optin)  # fmt: skip
        optin.status = RequestStatus.OPTED_IN
        text = (f"{optin.client_name} agreed to share their data: you can find them now and "
                f"add them to your office (request {optin.pk}).")  # fmt: skip
    else:
        optin.status = RequestStatus.REMAINS_OPTED_OUT
        text = (f"{optin.client_name} chose to remain opted out and was offered to work with "
                f"state-agency staff (request {optin.pk}).")  # fmt: skip
    optin.handled_by, optin.decided_at, optin.decision_note = actor, timezone.now(), note
    optin.client_contacted_at = optin.client_contacted_at or optin.decided_at
    optin.save(update_fields=["status", "handled_by", "decided_at", "decision_note",
                              "client_contacted_at"])  # fmt: skip
    _notify(user=optin.requested_by, request=optin, text=text,
            subject="Your opt-in request was answered")  # fmt: skip
    return optin


@transaction.atomic
def optin_request_withdraw(*, optin: OptInRequest, actor: User) -> OptInRequest:
    """The partner staff member who filed an open request takes it back."""
    optin = OptInRequest.objects.select_for_update().get(pk=optin.pk)
    if optin.requested_by_id != actor.pk:
        raise PermissionDenied("Only the staff member who filed a request withdraws it.")
    if optin.status not in OPEN_STATUSES:
        raise ValidationError("This request is closed already.")
    optin.status = RequestStatus.WITHDRAWN
    optin.save(update_fields=["status"])
    return optin


def notices_mark_read(*, user: User) -> int:
    """The user has seen their notices."""
    return Notice.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
