"""Send the due messages of the mail outbox: one pass, or `--loop` for a worker process.

Run it from cron or a systemd timer (one pass each time), or as a long-running service
with `--loop`. Several senders may run at once; none sends a message twice. See docs/mail.md.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, close_old_connections

from workforce.mail import outbox_send


class Command(BaseCommand):
    help = "Send the due emails of the outbox (one pass, or --loop to keep sending)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--loop", action="store_true", help="Keep running, one pass every --interval seconds."
        )
        parser.add_argument(
            "--interval", type=int, default=30, help="Seconds between passes with --loop (30)."
        )
        parser.add_argument(
            "--batch", type=int, default=50, help="Most messages sent in one pass (50)."
        )

    def handle(
        self, *args: object, loop: bool, interval: int, batch: int, **options: object
    ) -> None:
        if interval < 1 or batch < 1:
            raise CommandError("--interval and --batch must be at least 1.")
        if not loop:
            self._pass(batch)
            return
        stop = threading.Event()

        def request_stop(signum: int, frame: FrameType | None) -> None:
            # Finish the message being sent rather than die holding its lock.
            stop.set()

        previous = {
            sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            while not stop.is_set():
                # A long-running process gets no request cycle: drop a broken or old
                # connection here, as Django does between requests.
                close_old_connections()
                try:
                    full = self._pass(batch) == batch
                except DatabaseError as exc:
                    self.stderr.write(f"outbox: pass failed ({type(exc).__name__}); will retry")
                    full = False
                if not full:  # a full pass means more may be due: go again at once
                    stop.wait(interval)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        self.stdout.write("outbox: stopped")

    def _pass(self, batch: int) -> int:
        sent, failed = outbox_send(batch=batch)
        self.stdout.write(f"outbox: {sent} sent, {failed} failed")
        return sent + failed
