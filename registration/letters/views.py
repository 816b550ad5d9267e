"""The letters pages of the current office (seed 000 step 10: mailed the same day): the
letters to mail today, printing one or all of them, marking one mailed."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from registration.letters import selectors, services
from workforce.constants import ROLES_SERVING_SEEKERS
from workforce.permissions import role_required


def _current_office_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The letters pages are per office: without a current office, say so on Home."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.user.current_office is None:
            messages.error(request, "Choose your current office to see its letters.")
            return redirect("casework:home")
        return view(request, *args, **kwargs)

    return wrapper


@require_http_methods(["GET"])
@role_required(*ROLES_SERVING_SEEKERS)
@_current_office_required
def letters(request: HttpRequest) -> HttpResponse:
    """ "Letters to mail today" of the user's current office: print, mail, mark mailed."""
    office = request.user.current_office
    today = timezone.localdate()
    rows = [
        {"letter": letter, "overdue": selectors.letter_overdue(letter)}
        for letter in selectors.letters_list(user=request.user, office=office,
                                             include_mailed_since=today)
    ]  # fmt: skip
    context = {"office": office, "to_mail": [r for r in rows if r["letter"].mailed_at is None],
               "mailed": [r for r in rows if r["letter"].mailed_at is not None]}  # fmt: skip
    return render(request, "registration/letters/letters.html", context)


@require_http_methods(["GET"])
@role_required(*ROLES_SERVING_SEEKERS)
@_current_office_required
def letters_print_all(request: HttpRequest) -> HttpResponse:
    """Every unmailed letter of the user's current office, each on its own printed page
    (seed 000 step 10: mailed the same day)."""
    office = request.user.current_office
    letters = list(selectors.letters_to_print(user=request.user, office=office))
    return render(request, "registration/letters/letters_print_all.html",
                  {"office": office, "letters": letters})  # fmt: skip


@require_http_methods(["GET"])
@role_required(*ROLES_SERVING_SEEKERS)
def letter_print(request: HttpRequest, letter_id: int) -> HttpResponse:
    """One letter as it is printed: the address block and the body."""
    letter = selectors.letter_get(user=request.user, letter_id=letter_id)
    return render(request, "registration/letters/letter_print.html", {"letter": letter})


@require_POST
@role_required(*ROLES_SERVING_SEEKERS)
def letter_mailed(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = selectors.letter_get(user=request.user, letter_id=letter_id)
    services.letter_mark_mailed(letter=letter, actor=request.user)
    messages.success(request, f"The letter to {letter.seeker.full_name} is marked as mailed.")
    return redirect("registration:letters")
