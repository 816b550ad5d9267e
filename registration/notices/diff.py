"""The word diff an administrator reads before publishing a notice version (difflib only).

Each part of a version (title, notice, the three questions, the two scripts) is compared
word by word with the version in effect; whitespace is kept so paragraphs stay apart.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from registration.models import NoticeVersion
from registration.notices.services import notice_format

WORDS = re.compile(r"\S+|\s+")


@dataclass(frozen=True)
class Segment:
    """A run of text that is the same ("equal"), added ("insert") or removed ("delete")."""

    op: str
    text: str


@dataclass(frozen=True)
class SectionDiff:
    """One part of the version with its diff; `changed` is false when the words are the same."""

    label: str
    segments: list[Segment]
    changed: bool


def version_sections(version: NoticeVersion | None) -> list[tuple[str, str]]:
    """The parts of a version as text, in the order staff meet them on a call."""
    if version is None:
        return []
    questions = [(f"Question {key}", text) for key, text in sorted(version.questions.items())]
    return [
        ("Title", version.title),
        ("Notice", notice_format(version.notice)),
        *questions,
        ("SSN script", version.ssn_script),
        ("Username and password script", "\n\n".join(version.credentials_script)),
    ]


def word_diff(old: str, new: str) -> list[Segment]:
    """The words of `new` against `old`: a replaced run is shown removed, then added."""
    before, after = WORDS.findall(old), WORDS.findall(new)
    segments = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            segments.append(Segment("delete", "".join(before[a1:a2])))
        if op in ("insert", "replace"):
            segments.append(Segment("insert", "".join(after[b1:b2])))
        if op == "equal":
            segments.append(Segment("equal", "".join(after[b1:b2])))
    return segments


def notice_diff(*, current: NoticeVersion | None, draft: NoticeVersion) -> list[SectionDiff]:
    """Every part of the draft with its word diff against the version in effect."""
    old = dict(version_sections(current))
    diffs = []
    for label, text in version_sections(draft):
        segments = word_diff(old.get(label, ""), text)
        changed = any(segment.op != "equal" for segment in segments)
        diffs.append(SectionDiff(label, segments, changed))
    return diffs
