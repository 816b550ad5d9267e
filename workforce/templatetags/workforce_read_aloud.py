"""Scripts read aloud, as pages show them (issue 12).

A web address in a script is shown as a link whose text is the address itself, without
the scheme or the angle brackets of ``<http://…>``, so staff never read "less-than http…"
to a caller. ``[text](url)`` shows its text, linked when the address is a real one.
"""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from workforce.links import links_split

register = template.Library()


def _link(url: str, text: str) -> str:
    return f'<a class="usa-link" href="{escape(url)}">{escape(text)}</a>'


@register.filter
def script_links(value: object) -> SafeString:
    """The script text, escaped, with its web addresses as links (see the module docstring)."""
    parts = [
        escape(part) if isinstance(part, str)
        else _link(part.url, part.spoken) if part.url else escape(part.spoken)
        for part in links_split(str(value))
    ]  # fmt: skip
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above
