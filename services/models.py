"""The 9002 seeker-service catalog and the services recorded for job seekers (seed 003).

This is the part the phone registration needs (seed 000 step 11); the services issue
extends the catalog with every entry of seed 003, manual entry, workshops and reports.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q

from seekers.models import JobSeeker
from services.constants import CaptureMode, CreditRule, Event


class ServiceType(models.Model):
    """One entry of the service catalog; administrators edit it, recorded services keep it."""

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    capture_mode = models.CharField(max_length=20, choices=CaptureMode.choices)
    countable = models.BooleanField(
        help_text="Extends participation (a service that is not self-service or information-only)."
    )
    credit_rule = models.CharField(
        max_length=20, choices=CreditRule.choices, default=CreditRule.ACTOR
    )
    trigger_event = models.CharField(max_length=50, choices=Event.choices, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capture_mode=CaptureMode.MANUAL) | ~Q(trigger_event=""),
                name="automatic_service_has_trigger",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ServiceRecord(models.Model):
    """A service a job seeker received, on a date, credited to a staff member (or nobody).

    An automatic service carries the event and the source object that caused it; the
    unique constraint makes a retried event record nothing twice.
    """

    seeker = models.ForeignKey(JobSeeker, on_delete=models.PROTECT, related_name="services")
    service_type = models.ForeignKey(ServiceType, on_delete=models.PROTECT, related_name="+")
    service_date = models.DateField()
    credited_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    event = models.CharField(max_length=50, choices=Event.choices, blank=True)
    # "app.model:pk" of what caused an automatic service, e.g. "registration.registrationcall:7".
    source = models.CharField(max_length=100, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-service_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_type", "event", "source"],
                condition=~Q(source=""),
                name="service_once_per_event_source",
            )
        ]
        indexes = [models.Index(fields=["seeker", "service_date"], name="service_seeker_date_idx")]

    def __str__(self) -> str:
        return f"{self.service_type} for seeker {self.seeker_id} on {self.service_date}"


auditlog.register(ServiceType)
auditlog.register(ServiceRecord)
