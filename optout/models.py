"""The data-sharing choice of each seeker, with its history, and partner staff's opt-in
requests handled by supervisors (seed 002)."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q

from optout.constants import ConsentChannel, RequestStatus
from seekers.models import JobSeeker


class ConsentChange(models.Model):
    """One change of a seeker's data-sharing choice: who, when, how the client asked, why.

    `JobSeeker.opted_out` holds the current choice (the visibility rule reads it); these
    rows are its history, written in the same transaction (optout.services.consent_set),
    never changed or deleted: PostgreSQL refuses it (optout/migrations/0002).
    """

    # PROTECT: history is append-only (a database trigger refuses UPDATE and DELETE), so a
    # seeker with a consent history cannot be deleted; deleting one would cascade into it.
    seeker = models.ForeignKey(JobSeeker, on_delete=models.PROTECT, related_name="+")
    opted_out = models.BooleanField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", help_text="Empty when the seeker changed it themselves.",
    )  # fmt: skip
    changed_at = models.DateTimeField(auto_now_add=True)
    channel = models.CharField(max_length=20, choices=ConsentChannel.choices)
    reason = models.TextField()
    request = models.ForeignKey(
        "OptInRequest", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["seeker", "changed_at"], name="consent_seeker_idx")]

    def __str__(self) -> str:
        return f"Seeker {self.seeker_id} {'opted out' if self.opted_out else 'opted in'}"


class OptInRequest(models.Model):
    """Partner staff ask the state agency to opt a client in (seed 002, steps 4-8)."""

    seeker = models.ForeignKey(JobSeeker, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="optin_requests"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # What the case manager emails the supervisor in the seed: name, phone, a brief reason.
    client_name = models.CharField(max_length=200)
    client_phone = models.CharField(max_length=20)
    reason = models.TextField()
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.NEW
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    client_contacted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One open request per seeker and partner staff member; a double submit is one.
            models.UniqueConstraint(
                fields=["seeker", "requested_by"],
                condition=Q(status__in=["new", "contacting"]),
                name="optin_one_open_request",
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="optin_status_idx")]

    def __str__(self) -> str:
        return f"Opt-in request {self.pk} ({self.get_status_display()})"


class Notice(models.Model):
    """An in-app message to one staff member (the partner hears back about their request)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    text = models.CharField(max_length=500)
    request = models.ForeignKey(
        OptInRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_user_unread_idx")]

    def __str__(self) -> str:
        return f"Notice to {self.user}: {self.text[:40]}"


auditlog.register(ConsentChange)
auditlog.register(OptInRequest)
