"""Opt-out parts of shared pages: the Opt-Out Lookup widget (home) and the seeker's
data-sharing section (Case Details), and the header's count of open opt-in requests."""

from django import template

from optout.forms import ConsentForm, LookupForm
from optout.selectors import consent_history, is_state_supervisor, may_look_up, optin_request_queue
from workforce.constants import ROLES_SETTING_CONSENT

register = template.Library()


@register.inclusion_tag("optout/includes/lookup_widget.html", takes_context=True)
def optout_lookup_widget(context: dict) -> dict:
    """Seed 002 step 3: the Opt-Out Lookup, for partner staff only (state staff see
    opted-out seekers in search already)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    show = user is not None and may_look_up(user)
    return {"request": request, "show": show, "form": LookupForm() if show else None}


@register.inclusion_tag("optout/includes/seeker_consent.html", takes_context=True)
def seeker_consent(context: dict, seeker: object) -> dict:
    """The seeker page's "Data sharing" section: state, history and, for state staff, the
    form that changes it (opt out: any state staff; opt back in: supervisors only).

    Partner staff only ever see seekers who share data; they get that one line, no form.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    result = {"seeker": seeker, "request": request, "partner": True}
    if user is None or not user.is_authenticated or user.is_partner_staff:
        return result
    wanted = not seeker.opted_out  # the only change the form can ask for
    may_change = user.has_role(*ROLES_SETTING_CONSENT) and (wanted or is_state_supervisor(user))
    form = context.get("consent_form")  # the view's form with errors, after a bad post
    if form is None or form.cleaned_data.get("opted_out") != wanted:
        form = ConsentForm(opted_out=wanted)
    history = list(consent_history(user=user, seeker=seeker))
    may_serve = user.has_role(*ROLES_SETTING_CONSENT)
    return {**result, "partner": False, "history": history, "may_serve": may_serve,
            "form": form if may_change else None}  # fmt: skip


@register.simple_tag(takes_context=True)
def optin_open_count(context: dict) -> int:
    """Open opt-in requests, for the header link of state-agency supervisors."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return optin_request_queue(user=user).count()
