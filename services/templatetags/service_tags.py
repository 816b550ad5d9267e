"""The seeker page's services section (placeholder until manual recording lands)."""

from django import template

register = template.Library()


@register.inclusion_tag("services/includes/seeker_services.html", takes_context=True)
def seeker_services(context: dict, seeker: object) -> dict:
    return {"seeker": seeker, "request": context.get("request")}
