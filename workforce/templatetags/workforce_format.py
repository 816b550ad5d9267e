"""Display formats: phone numbers as (612) 555-0100, seeker ids as their public token."""

from __future__ import annotations

from django import template

from workforce.ssn_text import ssn_as_last4
from workforce.urlids import id_encode

register = template.Library()


@register.filter
def phone(value: str | None) -> str:
    """A ten-digit US number as (612) 555-0100; anything else unchanged."""
    digits = "".join(ch for ch in (value or "") if ch.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        return value or ""
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"


@register.inclusion_tag("includes/breadcrumb.html")
def breadcrumb(current: str, *links: object) -> dict:
    """`{% breadcrumb "Edit" seeker_url seeker.full_name plan_url plan_label %}`: links as
    href/label pairs (build hrefs with `{% url … as name %}`); a pair with an empty href
    is left out, so optional parents need no `{% if %}`."""
    pairs = zip(links[0::2], links[1::2], strict=True)
    return {"current": current, "crumbs": [(href, label) for href, label in pairs if href]}


@register.filter
def ssn_shown(value: str | None) -> str:
    """Typed search text as a page shows it back: a full SSN only as its last four."""
    return ssn_as_last4(value or "")


@register.filter
def seeker_public_id(pk: int | None) -> str:
    """A seeker's id as staff see it everywhere (the URL token), from a plain id column."""
    return id_encode(pk) if pk else ""


@register.filter
def audit_object_id(entry: object) -> str:
    """The id a change-history row shows: a job seeker's public token, any other record's key."""
    if entry.content_type.model == "jobseeker" and str(entry.object_pk).isdigit():
        return id_encode(int(entry.object_pk))
    return str(entry.object_pk)
