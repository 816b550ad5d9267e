"""The mail outbox: queued in the caller's transaction, sent once, kept through an outage."""

from __future__ import annotations

import datetime
import io
import os
import signal
import smtplib
import threading
import time
from collections.abc import Sequence

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.db import connections, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from workforce.mail import MAX_ATTEMPTS, outbox_enqueue, outbox_send
from workforce.management.commands import send_outbox
from workforce.models import OutboxEmail, User

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
BODY = "Welcome, Ada. Your job seeker account is ready; call us with any question."


class DownBackend(BaseEmailBackend):
    """A mail server that drops the connection, echoing the message as some servers do."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise smtplib.SMTPServerDisconnected(
            f"lost connection while sending: {email_messages[0].body}"
        )


class SlowBackend(LocmemBackend):
    """Locmem, but slow enough that two senders overlap."""

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        time.sleep(0.02)
        return super().send_messages(messages)


@pytest.fixture
def locmem(settings: Settings) -> None:
    settings.EMAIL_BACKEND = LOCMEM
    settings.DEFAULT_FROM_EMAIL = "workforce@example.org"
    mail.outbox = []


def enqueue(to: str = "ada@example.com", body: str = BODY) -> OutboxEmail:
    return outbox_enqueue(
        to=to, subject="Your registration", body=body, purpose="registration_confirmation"
    )


def move_clock(monkeypatch: pytest.MonkeyPatch, delta: datetime.timedelta) -> None:
    later = timezone.now() + delta
    monkeypatch.setattr(timezone, "now", lambda: later)


def test_it_sends_nothing_for_a_rolled_back_transaction(db: None, locmem: None) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue()
        raise RuntimeError("the registration failed after queueing its confirmation")
    assert not OutboxEmail.objects.exists()
    assert outbox_send() == (0, 0)
    assert mail.outbox == []


def test_it_sends_a_due_message_once_and_marks_it(db: None, locmem: None) -> None:
    email = enqueue()
    assert outbox_send() == (1, 0)
    [sent] = mail.outbox
    assert sent.to == ["ada@example.com"]
    assert sent.subject == "Your registration"
    assert sent.body == BODY
    assert sent.from_email == "workforce@example.org"
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.attempts == 0


def test_it_does_not_resend_on_a_second_pass(db: None, locmem: None) -> None:
    enqueue()
    outbox_send()
    assert outbox_send() == (0, 0)
    assert len(mail.outbox) == 1


def test_it_waits_until_send_after(db: None, locmem: None) -> None:
    email = enqueue()
    OutboxEmail.objects.filter(pk=email.pk).update(
        send_after=timezone.now() + datetime.timedelta(minutes=5)
    )
    assert outbox_send() == (0, 0)
    assert mail.outbox == []


def test_it_keeps_the_message_through_an_outage_without_storing_the_body(
    db: None, locmem: None, settings: Settings
) -> None:
    email = enqueue()
    settings.EMAIL_BACKEND = "tests.workforce.test_mail.DownBackend"
    before = timezone.now()
    assert outbox_send() == (0, 1)
    email.refresh_from_db()
    assert email.sent_at is None
    assert email.attempts == 1
    assert email.send_after >= before + datetime.timedelta(minutes=2)
    assert email.last_error.startswith("SMTPServerDisconnected: lost connection")
    assert BODY not in email.last_error
    assert "Ada" not in email.last_error
    # Backing off: the next pass does not hammer the server.
    assert outbox_send() == (0, 0)


def test_it_sends_the_message_once_the_outage_ends(
    db: None, locmem: None, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    email = enqueue()
    settings.EMAIL_BACKEND = "tests.workforce.test_mail.DownBackend"
    outbox_send()
    settings.EMAIL_BACKEND = LOCMEM
    move_clock(monkeypatch, datetime.timedelta(minutes=3))
    assert outbox_send() == (1, 0)
    assert [m.body for m in mail.outbox] == [BODY]
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.attempts == 1


def test_it_caps_the_backoff_and_gives_up_after_ten_attempts(
    db: None, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    email = enqueue()
    OutboxEmail.objects.filter(pk=email.pk).update(attempts=MAX_ATTEMPTS - 1)
    settings.EMAIL_BACKEND = "tests.workforce.test_mail.DownBackend"
    before = timezone.now()
    assert outbox_send() == (0, 1)
    email.refresh_from_db()
    assert email.attempts == MAX_ATTEMPTS
    assert email.send_after <= before + datetime.timedelta(hours=6, seconds=5)
    move_clock(monkeypatch, datetime.timedelta(days=1))
    assert outbox_send() == (0, 0)  # given up: kept for the admin, never tried again
    assert OutboxEmail.objects.filter(pk=email.pk, sent_at__isnull=True).exists()


@pytest.mark.parametrize(
    "text", ["Your SSN is 231-45-6789.", "Your SSN is 231456789.", "SSN 231-456789"]
)
@pytest.mark.parametrize("field", ["subject", "body"])
def test_it_refuses_a_message_that_looks_like_it_holds_an_ssn(
    db: None, field: str, text: str
) -> None:
    fields = {"subject": "Your registration", "body": BODY, field: text}
    with pytest.raises(ValueError, match="looks like an SSN") as raised:
        outbox_enqueue(to="ada@example.com", purpose="registration_confirmation", **fields)
    assert "6789" not in str(raised.value)
    assert not OutboxEmail.objects.exists()


def test_it_allows_phone_numbers_and_last_four(db: None) -> None:
    enqueue(body="Call 612-555-1234 or (612) 555-1234; your SSN ends in 6789.")
    assert OutboxEmail.objects.count() == 1


def test_it_sends_each_message_exactly_once_with_two_concurrent_senders(
    transactional_db: None, settings: Settings
) -> None:
    settings.EMAIL_BACKEND = "tests.workforce.test_mail.SlowBackend"
    mail.outbox = []
    for n in range(20):
        enqueue(to=f"seeker{n}@example.com")
    start = threading.Barrier(2)
    results: list[tuple[int, int]] = []

    def sender() -> None:
        try:
            start.wait()
            results.append(outbox_send())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(sent for sent, _ in results) == 20
    recipients = [m.to[0] for m in mail.outbox]
    assert sorted(recipients) == sorted(f"seeker{n}@example.com" for n in range(20))
    assert not OutboxEmail.objects.filter(sent_at__isnull=True).exists()


def test_it_runs_one_pass_from_the_command(db: None, locmem: None) -> None:
    enqueue()
    out = io.StringIO()
    call_command("send_outbox", stdout=out)
    assert out.getvalue() == "outbox: 1 sent, 0 failed\n"
    assert len(mail.outbox) == 1


def test_it_loops_until_told_to_stop(
    db: None, locmem: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    enqueue()
    # The test's transaction must survive: no connection recycling between passes here.
    monkeypatch.setattr(send_outbox, "close_old_connections", lambda: None)

    def send_then_stop(*, batch: int) -> tuple[int, int]:
        result = outbox_send(batch=batch)
        os.kill(os.getpid(), signal.SIGTERM)  # as systemd does on `systemctl stop`
        return result

    monkeypatch.setattr(send_outbox, "outbox_send", send_then_stop)
    before = signal.getsignal(signal.SIGTERM)
    out = io.StringIO()
    call_command("send_outbox", "--loop", "--interval", "60", stdout=out)
    assert out.getvalue() == "outbox: 1 sent, 0 failed\noutbox: stopped\n"
    assert signal.getsignal(signal.SIGTERM) == before


def test_it_lets_an_administrator_retry_a_message_now(db: None, admin: User) -> None:
    email = enqueue()
    later = timezone.now() + datetime.timedelta(hours=1)
    OutboxEmail.objects.filter(pk=email.pk).update(send_after=later, attempts=MAX_ATTEMPTS)
    client = Client()
    client.force_login(admin)
    url = reverse("admin:workforce_outboxemail_changelist")
    page = client.get(url)
    assert page.status_code == 200
    assert "Retry selected messages now" in page.content.decode()
    detail = client.get(reverse("admin:workforce_outboxemail_change", args=[email.pk]))
    assert detail.status_code == 200
    assert "ada@example.com" in detail.content.decode()
    assert BODY not in detail.content.decode()
    response = client.post(url, {"action": "retry_now", "_selected_action": [email.pk]})
    assert response.status_code == 302
    email.refresh_from_db()
    assert email.send_after <= timezone.now()
    assert email.attempts == MAX_ATTEMPTS - 1
    assert client.get(reverse("admin:workforce_outboxemail_add")).status_code == 403
