"""An SSN inside free text: the one pattern, and the one helper that masks it (issue 14).

The seeker search finds a full SSN in what staff type with `SSN_IN_TEXT`, after
`text_clean`; everything that must keep SSNs out of what it stores, sends or shows
(a call's searches and so the change log, the outbox, the batch reject file, opt-in
requests) uses the same two, so whatever the search recognises as an SSN is masked:
an SSN glued to a word (`123456789Larsen`, `ssn123456789`, `Larsen 123-45-6789x`),
with dashes, dots or spaces between its groups, or split by an invisible character.
"""

from __future__ import annotations

import re
import unicodedata

# Nine digits as 3-2-4, with any dashes, dots or spaces (or nothing) between the groups,
# not part of a longer run of digits. Letters around it do not matter: no word boundary.
SSN_IN_TEXT = re.compile(r"(?<!\d)\d{3}[\s.\-]*\d{2}[\s.\-]*\d{4}(?!\d)")


def text_clean(raw: str) -> str:
    """Drop control and formatting characters (pasted tabs, zero-width spaces) and extra
    spaces, so an SSN split by one reads as the number it is."""
    kept = (" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in raw)
    return " ".join("".join(kept).split())


def ssn_in_text(text: str) -> bool:
    """True if the text holds what the search would read as a full SSN."""
    return SSN_IN_TEXT.search(text_clean(text or "")) is not None


def ssn_mask(text: str) -> str:
    """The text, cleaned, with every SSN in it reduced to its last four (***-**-1234); a text
    holding none comes back unchanged (cleaning never hides one: it only makes spaces)."""
    cleaned = text_clean(text or "")
    if SSN_IN_TEXT.search(cleaned) is None:
        return text
    return SSN_IN_TEXT.sub(_last_four, cleaned)


_NON_DIGIT = re.compile(r"\D")


def _last_four(match: re.Match) -> str:
    digits = _NON_DIGIT.sub("", match.group(0))
    return f"***-**-{digits[-4:]}"


def ssn_as_last4(text: str) -> str:
    """The text as a page may show it back: every full SSN in it written as the search's
    last-four form (`*6789`), a word of its own. Searching the shown text again asks for
    the last four with the same names, so the box stays usable while no full SSN reaches
    the page (shared job-centre screens, caches, screenshots)."""
    cleaned = text_clean(text or "")
    if SSN_IN_TEXT.search(cleaned) is None:
        return text or ""
    shown = SSN_IN_TEXT.sub(lambda m: f" *{_NON_DIGIT.sub('', m.group(0))[-4:]} ", cleaned)
    return " ".join(shown.split())
