"""Printing the office's confirmation letters all at once (seed 000 step 10: the same day)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from registration import selectors
from workforce.constants import ROLES_REGISTERING
from workforce.permissions import role_required


@require_http_methods(["GET"])
@role_required(*ROLES_REGISTERING)
def letters_print_all(request: HttpRequest) -> HttpResponse:
    """Every unmailed letter of the user's current office, each on its own printed page."""
    office = request.user.current_office
    if office is None:
        messages.error(request, "Choose your current office to see its letters.")
        return redirect("home")
    letters = list(selectors.letters_to_print(user=request.user, office=office))
    return render(request, "registration/letters_print_all.html",
                  {"office": office, "letters": letters})  # fmt: skip
