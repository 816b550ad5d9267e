"""Drafting and publishing notice versions from plain text (the administrator's admin pages).

A version is stored as data (parts with a kind and a "not read" flag); administrators
write it as text: paragraphs separated by a blank line, a heading starts with "# ",
and a paragraph printed in the email and letter but not read aloud starts with
"[not read] ".
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from registration.models import NoticeVersion
from workforce.constants import Role
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
def notice_draft_save(*, actor: User, draft: NoticeVersion | None, title: str,
                      notice: list[dict], questions: dict[str, str], ssn_script: str,
                      credentials_script: list[str]) -> NoticeVersion:  # fmt: skip
    """Save a draft: a new one takes the next number; no call reads a draft."""
    if draft is None:
        # Lock the newest row so two administrators drafting at once get two numbers.
        latest = NoticeVersion.objects.select_for_update().order_by("-number").first()
        draft = NoticeVersion(number=(latest.number if latest else 0) + 1)
    else:
        draft = NoticeVersion.objects.select_for_update().get(pk=draft.pk)
        if not draft.is_draft:
            raise ValidationError("A published version cannot be changed; draft a new one.")
    draft.title, draft.notice, draft.questions = title, notice, questions
    draft.ssn_script, draft.credentials_script = ssn_script, credentials_script
    draft.full_clean()
    draft.save()
    return draft


@transaction.atomic
def notice_version_publish(*, version: NoticeVersion, actor: User, effective_date: datetime.date,
                           confirmed: bool) -> NoticeVersion:  # fmt: skip
    """Publish a draft from its effective date on; only an administrator, only when confirmed.

    Publishing an already published version changes nothing (a double submit is harmless).
    """
    if not (actor.is_active and actor.role == Role.ADMINISTRATOR):
        raise PermissionDenied("Only an administrator may publish a notice version.")
    version = NoticeVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_draft:
        return version
    if not confirmed:
        raise ValidationError({"confirmed": "Tick the box once you have read the preview."})
    if effective_date < timezone.localdate():
        raise ValidationError({"effective_date": "The effective date cannot be in the past."})
    version.published_at, version.published_by = timezone.now(), actor
    version.effective_date = effective_date
    version.full_clean()
    version.save(update_fields=["published_at", "published_by", "effective_date"])
    return version


def notice_publish(*, actor: User, title: str, notice: list[dict], questions: dict[str, str],
                   ssn_script: str, credentials_script: list[str]) -> NoticeVersion:  # fmt: skip
    """Draft and publish a version in effect today, in one step: for scripts and tests only.

    Administrators go through the preview (admin), which calls the two steps apart.
    """
    draft = notice_draft_save(
        actor=actor, draft=None, title=title, notice=notice, questions=questions,
        ssn_script=ssn_script, credentials_script=credentials_script,
    )  # fmt: skip
    return notice_version_publish(version=draft, actor=actor, effective_date=timezone.localdate(),
                                  confirmed=True)  # fmt: skip
