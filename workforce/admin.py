"""Administrators manage staff, organizations, offices and programs here, and watch the outbox."""

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.defaultfilters import pluralize
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from workforce.admin_site import RecentAuthAdminMixin
from workforce.audit import access_log_scope, change_log_scope
from workforce.mail import outbox_retry
from workforce.mfa.services import mfa_reset
from workforce.models import (
    AccessLog,
    Office,
    Organization,
    OutboxEmail,
    Program,
    ProgramPrivilege,
    SecurityAlert,
    User,
)
from workforce.sessions import user_session_end_all
from workforce.signin import signin_unlock


class ProgramPrivilegeInline(admin.TabularInline):
    model = ProgramPrivilege
    extra = 0


# Devices are managed only by their owner (setting up) and by the reset action below: the
# plugins' own pages would show a user's TOTP key, with which anyone could make their codes.
# (Staff devices are workforce.mfa.models.StaffTOTPDevice, never registered; django-otp's
# TOTPDevice table stays empty.)
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(User)
class UserAdmin(RecentAuthAdminMixin, DjangoUserAdmin):
    """Managing users needs a recent "Confirm it's you" (step-up), like the catalog."""

    list_display = ["username", "first_name", "last_name", "role", "organization", "is_active"]
    list_filter = ["role", "organization", "is_active"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        ("Workforce", {"fields": ["role", "organization", "offices", "current_office"]}),
    ]
    filter_horizontal = ["offices", "groups", "user_permissions"]
    inlines = [ProgramPrivilegeInline]
    actions = ["two_step_reset", "signin_unlock", "sessions_end_all"]

    def user_change_password(self, request: HttpRequest, *args: object,
                             **kwargs: object) -> HttpResponse:  # fmt: skip
        return self._step_up(request) or super().user_change_password(request, *args, **kwargs)

    @admin.action(
        description="Reset two-step sign-in (they set it up again when they next sign in)",
        permissions=["change"],
    )
    def two_step_reset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        """A lost phone: remove the chosen users' devices and backup codes; audited."""
        for user in queryset:
            mfa_reset(request=request, user=user, actor=request.user)
        self.message_user(request, f"Two-step sign-in reset for {queryset.count()} user(s).")

    @admin.action(description="Sign out of every session", permissions=["change"])
    def sessions_end_all(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        """A stolen laptop or a leaver: end all of the chosen users' sessions at once; audited.
        Your own current session stays, if you chose yourself."""
        ended = sum(
            user_session_end_all(request=request, user=user, actor=request.user)
            for user in queryset
        )
        users = queryset.count()
        self.message_user(
            request,
            f"{ended} session{pluralize(ended)} of {users} user{pluralize(users)} signed out.",
        )

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # Staff leave by deactivation: the append-only change history keeps its actor.
        return False

    @admin.action(description="Unlock sign-in (clear failed attempts)", permissions=["change"])
    def signin_unlock(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        count = signin_unlock(users=list(queryset), actor=request.user)
        self.message_user(request, f"Sign-in unlocked for {count} staff member(s).")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "optout_contact_name"]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "city", "phone", "is_active"]
    list_filter = ["organization", "is_active"]


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    """Programs of Program Registration; `eligibility_rule` picks the tested rule that decides
    eligibility (docs/eligibility.md), and the table lists programs by `display_order`."""

    list_display = ["name", "code", "eligibility_rule", "display_order", "is_active"]
    list_filter = ["eligibility_rule", "is_active"]
    list_editable = ["display_order"]
    fields = ["name", "code", "description", "eligibility_rule", "display_order", "is_active"]
    ordering = ["display_order", "name"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that are evidence or history: listed, never added, edited or deleted here."""

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    """Read-only: the access log is evidence, not data to edit; rows about seekers the
    reader may not see are left out, as on /audit/access/."""

    list_display = ["at", "user", "action", "seeker_id", "outcome", "ip_address"]
    list_filter = ["action"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AccessLog]:
        return access_log_scope(user=request.user, rows=super().get_queryset(request))


# django-auditlog's own admin lists every change; ours leaves out changes about seekers the
# reader may not see, as /audit/changes/ does (counts, search and history pages included).
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class ScopedLogEntryAdmin(LogEntryAdmin):
    def get_queryset(self, request: HttpRequest) -> QuerySet[LogEntry]:
        return change_log_scope(user=request.user, entries=super().get_queryset(request))


@admin.register(SecurityAlert)
class SecurityAlertAdmin(ReadOnlyAdmin):
    """Read-only: security signals (e.g. password spraying) for administrators to look into."""

    list_display = ["at", "kind", "detail", "ip_address"]
    list_filter = ["kind"]
    date_hierarchy = "at"


@admin.register(OutboxEmail)
class OutboxEmailAdmin(ReadOnlyAdmin):
    """Read-only view of the mail outbox; "Retry now" makes chosen unsent messages due again.

    The body is not shown: it may hold personal text, and nobody needs it to see why a
    message did not go out.
    """

    list_display = ["to", "subject", "purpose", "created_at", "sent_at", "attempts", "last_error"]
    list_filter = ["purpose", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    exclude = ["body"]
    actions = ["retry_now"]

    def has_retry_permission(self, request: HttpRequest) -> bool:
        # Retrying changes rows, so it needs the change right the read-only form withholds.
        return request.user.has_perm("workforce.change_outboxemail")

    @admin.action(description="Retry selected messages now", permissions=["retry"])
    def retry_now(self, request: HttpRequest, queryset: QuerySet[OutboxEmail]) -> None:
        count = outbox_retry(ids=queryset.values_list("pk", flat=True))
        self.message_user(request, f"{count} unsent message(s) will go out on the next pass.")
