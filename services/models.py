"""The 9002 seeker-service catalog, the services recorded for job seekers, workshops, and
the participation periods those services make (seed 003, seed 000 step 11)."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q

from seekers.models import JobSeeker
from services.constants import (
    CaptureMode,
    CreditRule,
    Event,
    FederalCategory,
    WorkshopCategory,
)
from workforce.constants import Role
from workforce.models import Office


class ServiceType(models.Model):
    """One entry of the service catalog; administrators edit it, recorded services keep it.

    Deactivating an entry hides it from new entry and from automatic triggering; services
    already recorded with it are never touched (PROTECT, and no delete in the admin).
    """

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    capture_mode = models.CharField(max_length=20, choices=CaptureMode.choices)
    countable = models.BooleanField(
        help_text="Extends participation in common-measures programs (seed 003's 'countable')."
    )
    federal_category = models.CharField(
        max_length=30, choices=FederalCategory.choices, blank=True,
        help_text="The WIOA kind of service; blank when it is not a WIOA service or not known.",
    )  # fmt: skip
    roles_allowed = ArrayField(
        models.CharField(max_length=20, choices=Role.choices), default=list, blank=True,
        help_text="Roles that may record it by hand; empty means every staff role (DVOP-only "
        "entries list DVOP).",
    )  # fmt: skip
    designated_staff_only = models.BooleanField(
        default=False, help_text="Only the staff listed under Designated staff may record it."
    )
    designated_staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="designated_services"
    )
    note_required = models.BooleanField(
        default=False, help_text="A service note must be entered with it (Job Development)."
    )
    credit_rule = models.CharField(
        max_length=20, choices=CreditRule.choices, default=CreditRule.ACTOR
    )
    trigger_event = models.CharField(max_length=50, choices=Event.choices, blank=True)
    workshop_category = models.CharField(
        max_length=40, choices=WorkshopCategory.choices, blank=True,
        help_text="For the four workshop services: the category whose attendance records it.",
    )  # fmt: skip
    state_office_only = models.BooleanField(
        default=False,
        help_text="Only when directed by the state office: stays inactive until an "
        "administrator enables it.",
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capture_mode=CaptureMode.MANUAL) | ~Q(trigger_event=""),
                name="automatic_service_has_trigger",
            ),
            models.CheckConstraint(
                condition=Q(workshop_category="") | Q(trigger_event=Event.WORKSHOP_RESULTED),
                name="workshop_service_is_triggered_by_results",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def extends_participation(self) -> bool:
        """Countable and not self-service, information-only or follow-up (docs/participation.md)."""
        from services.constants import NOT_PARTICIPATION

        return self.countable and self.federal_category not in NOT_PARTICIPATION

    @property
    def is_dvop_only(self) -> bool:
        """Only DVOPs record it (roles_allowed lists DVOP alone): a service for veterans."""
        return bool(self.roles_allowed) and set(self.roles_allowed) == {Role.DVOP}


class ServiceRecord(models.Model):
    """A service a job seeker received, on a date, credited to a staff member (or nobody).

    An automatic service carries the event and the source that caused it; the unique
    constraint makes a retried event, or a re-run batch file, record nothing twice.
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
    # Where the service was given: the recording staff member's current office, else the
    # seeker's first office. Reports count services by it.
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    event = models.CharField(max_length=50, choices=Event.choices, blank=True)
    # What caused it: "registration.registrationcall:7", "batch:cr101:<row digest>", or
    # "manual-entry:<form token>" for one recorded by hand (a double submit records once).
    # Manual and automatic services are told apart by `event` (blank when manual).
    source = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-service_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_type", "event", "source"],
                condition=~Q(source=""),
                name="service_once_per_event_source",
            ),
            # A manual service's form token (its page, "manual-entry:<token>") records one
            # service whatever was chosen on it: the double-submit guard, decided here.
            models.UniqueConstraint(
                fields=["source"],
                condition=Q(event="") & ~Q(source=""),
                name="service_manual_form_once",
            ),
        ]
        indexes = [
            models.Index(fields=["seeker", "service_date"], name="service_seeker_date_idx"),
            models.Index(fields=["service_date"], name="service_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.service_type} for seeker {self.seeker_id} on {self.service_date}"


class Workshop(models.Model):
    """A workshop of one of seed 003's four categories, held by an office on a date."""

    title = models.CharField(max_length=200)
    category = models.CharField(max_length=40, choices=WorkshopCategory.choices)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="workshops")
    starts_at = models.DateTimeField()
    seats = models.PositiveIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "title"]
        indexes = [models.Index(fields=["office", "starts_at"], name="workshop_office_start_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%m/%d/%Y})"


class WorkshopResult(models.TextChoices):
    PENDING = "pending", "Not resulted yet"
    ATTENDED = "attended", "Attended"
    NO_SHOW = "no_show", "No-show"


class WorkshopReferral(models.Model):
    """Staff referred a seeker to a workshop; its result decides the workshop's service.

    The referring staff member gets the credit (seed 003). A pending referral to a future
    workshop is a scheduled service: it keeps a participation period open.
    """

    workshop = models.ForeignKey(Workshop, on_delete=models.PROTECT, related_name="referrals")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.PROTECT, related_name="+")
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    referred_at = models.DateTimeField(auto_now_add=True)
    result = models.CharField(
        max_length=20, choices=WorkshopResult.choices, default=WorkshopResult.PENDING
    )
    resulted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resulted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["workshop", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "seeker"], name="workshop_seeker_once"),
            models.CheckConstraint(
                condition=Q(result=WorkshopResult.PENDING)
                | (Q(resulted_by__isnull=False) & Q(resulted_at__isnull=False)),
                name="workshop_result_has_who_and_when",
            ),
        ]

    def __str__(self) -> str:
        return f"Seeker {self.seeker_id} at {self.workshop}"


class ParticipationPeriod(models.Model):
    """One period of participation, derived from the seeker's services (docs/participation.md).

    Rebuilt for a seeker whenever their services change (services.participation); never
    edited by hand. The period starts on its first participation service and its exit
    date is its last one, once 90 days have passed with no such service and none scheduled.
    """

    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="+")
    start_date = models.DateField()
    last_service_date = models.DateField()
    # "Why": the services that set the two dates.
    start_service = models.ForeignKey(ServiceRecord, on_delete=models.CASCADE, related_name="+")
    last_service = models.ForeignKey(ServiceRecord, on_delete=models.CASCADE, related_name="+")
    service_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["seeker", "start_date"]
        constraints = [
            models.UniqueConstraint(fields=["seeker", "start_date"], name="period_seeker_start"),
            models.CheckConstraint(
                condition=Q(last_service_date__gte=models.F("start_date")),
                name="period_dates_in_order",
            ),
        ]
        indexes = [
            models.Index(fields=["start_date"], name="period_start_idx"),
            models.Index(fields=["last_service_date"], name="period_last_idx"),
        ]

    def __str__(self) -> str:
        return f"Seeker {self.seeker_id}: {self.start_date} to {self.last_service_date}"


auditlog.register(ServiceType, m2m_fields={"designated_staff"})
auditlog.register(ServiceRecord)
auditlog.register(Workshop)
auditlog.register(WorkshopReferral)
