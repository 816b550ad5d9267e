"""Scripts read aloud, as pages show them (issue 12).

A web address in a script is shown as a link whose text is the address itself, without
the scheme or the angle brackets of ``<http://…>``, so staff never read "less-than http…"
to a caller. ``[text](url)`` shows its text, linked when the address is a real one.
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_LINKS = re.compile(
    r"\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]*)\)"  # [text](url)
    r"|<(?P<auto>https?://[^\s<>\"]+)>"  # <http://...>
    r"|(?P<bare>https?://[^\s<>\"]+[^\s<>\".,;:!?)])"  # a bare address
)


def _readable(url: str) -> str:
    """The address as said aloud: no scheme, no leading www., no trailing slash."""
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def _link(url: str, text: str) -> str:
    return f'<a class="usa-link" href="{escape(url)}">{escape(text)}</a>'


@register.filter
def script_links(value: object) -> SafeString:
    """The script text, escaped, with its web addresses as links (see the module docstring)."""
    text, parts, last = str(value), [], 0
    for match in _LINKS.finditer(text):
        parts.append(escape(text[last : match.start()]))
        if match["text"] is not None:
            target = match["target"]
            linked = target.startswith(("http://", "https://"))
            parts.append(_link(target, match["text"]) if linked else escape(match["text"]))
        else:
            url = match["auto"] or match["bare"]
            parts.append(_link(url, _readable(url)))
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above
