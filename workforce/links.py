"""The one grammar of web addresses in the texts staff read aloud and the letters print.

Notice versions write a link as ``[text](url)``, ``<http://…>`` or a bare ``http://…``
address (seed 000 has the first two). Pages show them as links (never as "less-than
http…", `workforce_read_aloud.script_links`); paper prints the address after the text
(`registration.letters.services.links_as_text`). Both read the text through `links_split`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINKS = re.compile(
    r"\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]*)\)"  # [text](url)
    r"|<(?P<auto>https?://[^\s<>\"]+)>"  # <http://...>
    r"|(?P<bare>https?://[^\s<>\"]+[^\s<>\".,;:!?)])"  # a bare address
)


@dataclass(frozen=True)
class Link:
    """One link of a text: its words (empty for a bare address) and its address, or ""
    when it has no real one (seed 000's privacy policy link points at "#")."""

    text: str
    url: str

    @property
    def spoken(self) -> str:
        """What staff see and say: the words, or the address without scheme and www."""
        return self.text or re.sub(r"^https?://(www\.)?", "", self.url).rstrip("/")


def links_split(text: str) -> list[str | Link]:
    """The text as plain pieces and `Link`s, in order."""
    parts: list[str | Link] = []
    last = 0
    for match in _LINKS.finditer(text):
        if match.start() > last:
            parts.append(text[last : match.start()])
        if match["text"] is not None:
            target = match["target"]
            real = target.startswith(("http://", "https://"))
            parts.append(Link(text=match["text"], url=target if real else ""))
        else:
            parts.append(Link(text="", url=match["auto"] or match["bare"]))
        last = match.end()
    if last < len(text):
        parts.append(text[last:])
    return parts
