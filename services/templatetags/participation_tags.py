"""The seeker page's participation panel (placeholder until the participation work lands)."""

from django import template

register = template.Library()


@register.inclusion_tag("services/includes/participation.html", takes_context=True)
def seeker_participation(context: dict, seeker: object) -> dict:
    return {"seeker": seeker, "request": context.get("request")}
