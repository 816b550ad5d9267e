"""The mail outbox: services write a row in their transaction; a sender delivers it later.

A rolled-back registration therefore sends nothing, and a mail server outage delays a
confirmation but never drops it (DESIGN.md, principle 5). See docs/mail.md.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from workforce.models import OutboxEmail
from workforce.ssn_text import ssn_in_text, ssn_mask

logger = logging.getLogger(__name__)

# After this many failed attempts a message is no longer tried; it stays in the admin.
MAX_ATTEMPTS = 10
MAX_BACKOFF = timedelta(hours=6)
LAST_ERROR_MAX_LENGTH = 1000
BODY_LINE_MIN_LENGTH = 20


def outbox_enqueue(*, to: str, subject: str, body: str, purpose: str) -> OutboxEmail:
    """Queue one email in the caller's transaction; refuse a subject or body holding an SSN."""
    # Anything the search would read as a full SSN (DESIGN.md, principle 2).
    if ssn_in_text(subject) or ssn_in_text(body):
        # The message names neither the text nor the number: this error may be logged.
        raise ValueError(
            f"Refusing to queue a {purpose} email: it contains what looks like an SSN."
        )
    email = OutboxEmail(to=to, subject=subject, body=body, purpose=purpose)
    email.full_clean()
    email.save()
    return email


def outbox_send(*, batch: int = 50) -> tuple[int, int]:
    """Send up to `batch` due messages, each locked in its own transaction; return (sent, failed).

    `skip_locked` lets two senders run at once without ever sending one message twice.
    One transaction per message keeps each lock short and means a crash mid-pass resends
    at most the message being sent, not the whole batch.
    """
    sent = failed = 0
    for _ in range(batch):
        with transaction.atomic():
            email = _next_due()
            if email is None:
                break
            if _deliver(email):
                sent += 1
            else:
                failed += 1
    return sent, failed


def outbox_retry(*, ids: Iterable[int]) -> int:
    """Make the unsent messages among `ids` due now; one that had given up gets one more try."""
    unsent = OutboxEmail.objects.filter(pk__in=list(ids), sent_at__isnull=True)
    with transaction.atomic():
        unsent.filter(attempts__gte=MAX_ATTEMPTS).update(attempts=MAX_ATTEMPTS - 1)
        return unsent.update(send_after=timezone.now())


def _next_due() -> OutboxEmail | None:
    return (
        OutboxEmail.objects.select_for_update(skip_locked=True)
        .filter(sent_at__isnull=True, send_after__lte=timezone.now(), attempts__lt=MAX_ATTEMPTS)
        .order_by("send_after", "pk")
        .first()
    )


def _deliver(email: OutboxEmail) -> bool:
    """Send one locked row and record the outcome on it; True if the server accepted it."""
    message = EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
    )
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # any backend failure (socket, SMTP, TLS) must not lose the row
        _record_failure(email, exc)
        return False
    email.sent_at = timezone.now()
    email.save(update_fields=["sent_at"])
    return True


def _record_failure(email: OutboxEmail, exc: Exception) -> None:
    email.attempts += 1
    email.last_error = _describe(exc, body=email.body)
    backoff = min(timedelta(minutes=2**email.attempts), MAX_BACKOFF)
    email.send_after = timezone.now() + backoff
    email.save(update_fields=["attempts", "last_error", "send_after"])
    # No address, subject or body in the log: only what identifies the row.
    log = logger.error if email.attempts >= MAX_ATTEMPTS else logger.warning
    log(
        "outbox email %s (%s) failed, attempt %s of %s: %s",
        email.pk,
        email.purpose,
        email.attempts,
        MAX_ATTEMPTS,
        type(exc).__name__,
    )


def _describe(exc: Exception, *, body: str) -> str:
    """The error's class and message, with the body or its lines (if echoed) cut out."""
    text = f"{type(exc).__name__}: {exc}"
    # Longest first, so the whole body goes before any of its lines; short lines such as
    # "Hello," are too common to be worth cutting out of an error message.
    for part in sorted({body, *body.splitlines()}, key=len, reverse=True):
        if len(part.strip()) >= BODY_LINE_MIN_LENGTH:
            text = text.replace(part, "[message text removed]")
    text = ssn_mask(text)
    return text[:LAST_ERROR_MAX_LENGTH]
