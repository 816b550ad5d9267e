"""Publishing a new notice version from plain text (the administrator's form in the admin).

A version is stored as data (parts with a kind and a "not read" flag); administrators
write it as text: paragraphs separated by a blank line, a heading starts with "# ",
and a paragraph printed in the email and letter but not read aloud starts with
"[not read] ".
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from registration.models import NoticeVersion
from workforce.models import User

HEADING, NOT_READ = "# ", "[not read] "


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a text separated by blank lines, each on one line."""
    blocks = [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def notice_parse(text: str) -> list[dict]:
    """The parts of a notice written as text; refuses a notice with nothing to read."""
    parts = []
    for block in paragraphs(text):
        if block.startswith(HEADING):
            parts.append({"kind": "heading", "text": block[len(HEADING) :], "not_read": False})
        elif block.startswith(NOT_READ):
            parts.append({"kind": "text", "text": block[len(NOT_READ) :], "not_read": True})
        else:
            parts.append({"kind": "text", "text": block, "not_read": False})
    if not any(part["kind"] == "text" and not part["not_read"] for part in parts):
        raise ValidationError("The notice needs at least one paragraph to read aloud.")
    return parts


def notice_format(parts: list[dict]) -> str:
    """The text an administrator edits, from a version's parts (the inverse of notice_parse)."""
    lines = []
    for part in parts:
        prefix = HEADING if part["kind"] == "heading" else NOT_READ if part["not_read"] else ""
        lines.append(prefix + part["text"])
    return "\n\n".join(lines)


@transaction.atomic
def notice_publish(*, actor: User, title: str, notice: list[dict], questions: dict[str, str],
                   ssn_script: str, credentials_script: list[str]) -> NoticeVersion:  # fmt: skip
    """Publish the next version; calls started from now on read it, earlier calls keep theirs."""
    # Lock the table's newest row so two administrators publishing at once get two numbers.
    latest = NoticeVersion.objects.select_for_update().order_by("-number").first()
    number = (latest.number if latest else 0) + 1
    version = NoticeVersion(
        number=number, title=title, notice=notice, questions=questions, ssn_script=ssn_script,
        credentials_script=credentials_script, published_at=timezone.now(), published_by=actor,
    )  # fmt: skip
    version.full_clean()
    version.save()
    return version
