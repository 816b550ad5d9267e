"""The core every app shares: staff, organizations, offices, programs, access log, mail outbox."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone

from workforce.constants import (
    ROLES_READING_AUDIT,
    ROLES_REVEALING_SSN,
    ROLES_SERVING_SEEKERS,
    AccessAction,
    AlertKind,
    EligibilityRule,
    OrganizationKind,
    PrivilegeLevel,
    Role,
    SearchScope,
)


class Organization(models.Model):
    """The state workforce agency, or a partner (subrecipient) organization sharing its system."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=OrganizationKind.choices)
    # Whom this organization's staff contact about a client who opted out of data sharing
    # (seed 002 steps 4-5: "Email ESD WIOA Supervisor"); set by an administrator.
    optout_contact_name = models.CharField(
        "opt-out contact", max_length=200, blank=True,
        help_text="Who partner staff contact about a client who opted out, e.g. "
        "“Pat Lee, ESD WIOA Supervisor”.",
    )  # fmt: skip
    optout_contact_email = models.EmailField("opt-out contact email", blank=True)
    optout_contact_phone = models.CharField("opt-out contact phone", max_length=30, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_state_agency(self) -> bool:
        return self.kind == OrganizationKind.STATE_AGENCY


class Office(models.Model):
    """An American Job Center or partner office; seekers and staff are enrolled in offices."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="offices")
    name = models.CharField(max_length=200)
    # The office's postal address and phone: printed on its letters, shown to callers.
    address_line1 = models.CharField("street address", max_length=200, blank=True)
    address_line2 = models.CharField("apartment, suite, etc.", max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, blank=True)
    zip_code = models.CharField("ZIP code", max_length=10, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="office_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff member. Job seekers never sign in with this model (see DESIGN.md, roadmap)."""

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CASE_MANAGER)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="staff", null=True, blank=True
    )
    offices = models.ManyToManyField(Office, related_name="staff", blank=True)
    current_office = models.ForeignKey(
        Office, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    search_scope = models.CharField(
        max_length=10,
        choices=SearchScope.choices,
        default=SearchScope.OFFICE,
        help_text="Where quick search looks by default; remembered from the last search.",
    )

    class Meta:
        ordering = ["username"]
        constraints = [
            # Partner staff always belong to an organization, so that the opt-out
            # rule can never be skipped for lack of one.
            models.CheckConstraint(
                condition=~Q(role=Role.PARTNER_STAFF) | Q(organization__isnull=False),
                name="user_partner_has_organization",
            )
        ]

    @property
    def is_partner_staff(self) -> bool:
        """True unless the user is known to be state-agency staff: the opt-out rule fails closed."""
        if self.role == Role.PARTNER_STAFF:
            return True
        return self.organization is None or not self.organization.is_state_agency

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.role in roles

    @property
    def may_reveal_ssn(self) -> bool:
        return self.has_role(*ROLES_REVEALING_SSN)

    @property
    def may_register(self) -> bool:
        return self.has_role(*ROLES_SERVING_SEEKERS)

    @property
    def may_read_audit(self) -> bool:
        return self.has_role(*ROLES_READING_AUDIT)

    def may_enroll_in(self, program_code: str) -> bool:
        return self.program_privileges.filter(
            program__code=program_code, level=PrivilegeLevel.ENROLL
        ).exists()

    def program_levels(self) -> dict[int, str]:
        """{program id: privilege level} in one query, for pages that show every program."""
        return dict(self.program_privileges.values_list("program_id", "level"))


class Program(models.Model):
    """A workforce program staff may enroll seekers into; eligibility rules live in
    `casework.enrollments.eligibility`."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True, help_text="Shown to staff beside the program.")
    eligibility_rule = models.CharField(
        max_length=40,
        choices=EligibilityRule.choices,
        default=EligibilityRule.STAFF_DECIDES,
        help_text="The rule that decides eligibility (docs/eligibility.md).",
    )
    display_order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.name


class ProgramPrivilege(models.Model):
    """What one staff member may do in one program: data on the staff member, apart from role."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="program_privileges"
    )
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="privileges")
    level = models.CharField(max_length=10, choices=PrivilegeLevel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "program"], name="privilege_unique_per_program")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.program} · {self.get_level_display()}"


class AccessLog(models.Model):
    """One sensitive read (SSN reveal, Opt-Out Lookup): who, when, which seeker, what, from where.

    Rows are written by `workforce.audit.access_log_write` only and never hold the
    value that was read.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_logs"
    )
    action = models.CharField(max_length=30, choices=AccessAction.choices)
    # A plain id rather than a foreign key: `workforce` imports no app (DESIGN.md).
    seeker_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    outcome = models.CharField(max_length=100, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_action_display()}"


class SecurityAlert(models.Model):
    """A security signal for administrators (e.g. password spraying): what, when, from where.

    Written by `workforce.audit.security_alert_write` only; `detail` is plain words and
    never holds a username, password or other personal data.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=30, choices=AlertKind.choices)
    detail = models.CharField(max_length=300)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"


class OutboxEmail(models.Model):
    """One email waiting to be sent, or sent: written in the caller's transaction, sent later.

    Rows are written by `workforce.mail.outbox_enqueue` and sent by `outbox_send`
    (`manage.py send_outbox`), so a mail server outage delays a message but never
    drops it. Not audited: the body may hold personal text. `last_error` never
    holds the body.
    """

    to = models.EmailField()
    subject = models.CharField(max_length=255)
    body = models.TextField()
    purpose = models.CharField(
        max_length=50, help_text="What the message is for, e.g. registration_confirmation."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    send_after = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["sent_at", "send_after"], name="outbox_due_idx")]
        verbose_name = "outbox email"

    def __str__(self) -> str:
        return f"{self.purpose} to {self.to}"


class UserSession(models.Model):
    """One signed-in session of a staff member, so they can see and end it (ASVS 5.0 7.5.2).

    Django's `django_session` row stays the session; this row only describes it: when it
    began, when it was last active, from where and in what browser. It holds the SHA-256
    of the session key, never the key: a copy of this table (a report, a dump) gives no
    way into anyone's session. Ending a session deletes its `django_session` row, found by
    the same hash computed in PostgreSQL (`workforce.sessions`). `public_id` is what pages
    and forms name a session by. Written by `workforce.sessions` only.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signed_in_sessions"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    browser = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return (
            f"{self.user} · {self.browser or 'unknown browser'} · {self.started_at:%Y-%m-%d %H:%M}"
        )


# Models of sub-packages, imported here so that Django registers them with this app.
from workforce.mfa.models import StaffTOTPDevice  # noqa: E402, F401
