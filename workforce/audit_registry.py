"""Registers the core models with django-auditlog; passwords appear only as "changed"."""

from auditlog.registry import auditlog

from workforce.models import Office, Organization, Program, ProgramPrivilege, User

auditlog.register(
    User,
    mask_fields=["password"],
    exclude_fields=["last_login", "search_scope"],  # not data: a remembered preference
    m2m_fields={"offices", "groups", "user_permissions"},
)
auditlog.register(Organization)
auditlog.register(Office)
auditlog.register(Program)
auditlog.register(ProgramPrivilege)
