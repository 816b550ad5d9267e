"""Deployment checks of our own, run by `manage.py check --deploy` (`make check-deploy`).

Django's deploy checks cover the HTTP side; these cover the connections the app opens
itself (ASVS 5.0 12.3.1, 12.3.2): the database and the mail server hold or carry
personal data, so off the machine they must be reached over TLS that verifies the
server's certificate. A unix socket or loopback address never leaves the host.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core import checks

LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "::1"}


def _is_local(host: str) -> bool:
    return host in LOCAL_HOSTS or host.startswith("/")


@checks.register(checks.Tags.security, deploy=True)
def database_tls_check(app_configs: Iterable | None = None, **kwargs: object) -> list:
    """W001: a database on another host reached without `sslmode=verify-full`."""
    found = []
    for alias, db in settings.DATABASES.items():
        host = str(db.get("HOST") or "")
        sslmode = db.get("OPTIONS", {}).get("sslmode", "")
        if not _is_local(host) and sslmode != "verify-full":
            found.append(checks.Warning(
                f"The database '{alias}' on {host} is reached without verified TLS "
                f"(sslmode={sslmode or 'prefer'}).",
                hint="Add ?sslmode=verify-full&sslrootcert=/path/to/ca.pem to DATABASE_URL "
                     "(docs/deployment.md, Database TLS).",
                id="workforce.W001",
            ))  # fmt: skip
    return found


@checks.register(checks.Tags.security, deploy=True)
def mail_tls_check(app_configs: Iterable | None = None, **kwargs: object) -> list:
    """W002: an SMTP server on another host reached without TLS."""
    if settings.EMAIL_BACKEND != "django.core.mail.backends.smtp.EmailBackend":
        return []
    if _is_local(settings.EMAIL_HOST) or settings.EMAIL_USE_TLS or settings.EMAIL_USE_SSL:
        return []
    return [checks.Warning(
        f"Mail to {settings.EMAIL_HOST} is sent without TLS.",
        hint="Set EMAIL_USE_TLS=true (STARTTLS, port 587).",
        id="workforce.W002",
    )]  # fmt: skip
