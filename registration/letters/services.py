"""The same-day confirmation of a phone registration (seed 000, steps 3 and 10), and the
letters staff mail.

"Either email, or mail the information to them the same day that verifies an account has
been created on their behalf and include a copy of the Tennessee Warning Notice. We do
not include their username, password or secret question information in this
communication." An email goes through the outbox; with no real email, a letter waits in
the office's "letters to mail today" queue.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from registration.models import ConfirmationLetter, RegistrationCall
from seekers.models import JobSeeker
from seekers.selectors import seeker_casework_check
from workforce.links import links_split
from workforce.mail import outbox_enqueue
from workforce.models import User

EMAIL_SUBJECT = "Your job seeker account was created"


# How a notice's text holds a web address: a Markdown link "[text](address)", as the seed
# writes "[DEED's data privacy policies online](#)", or a bare "<address>".
def links_as_text(text: str) -> str:
    """A notice's text for paper: a link cannot be clicked, so its address follows its text.

    "[our policy](https://x/)" becomes "our policy (https://x/)", "<https://x/>" becomes
    "https://x/", and a link with no real address ("#") keeps only its text.
    """
    return "".join(
        part if isinstance(part, str)
        else f"{part.text} ({part.url})" if part.text and part.url
        else part.text or part.url
        for part in links_split(text)
    )  # fmt: skip


def has_real_email(seeker: JobSeeker) -> bool:
    """False for no email and for the placeholder entered when the caller has none."""
    email = seeker.email.strip().lower()
    return bool(email) and email != settings.REGISTRATION_PLACEHOLDER_EMAIL.lower()


def confirmation_body(*, call: RegistrationCall, seeker: JobSeeker) -> str:
    """The text of the email or letter: what happened, and the notice that was read, in full.

    Built from the seeker's name, the office, the date and the notice version only: the
    username, password, secret question and answer are never passed to the template.
    """
    context = {
        "name": seeker.full_name,
        "office": call.office.name,
        "date": timezone.localtime(call.ended_at or timezone.now()).date(),
        "notice": call.notice_version,
        "parts": [links_as_text(part["text"]) for part in call.notice_version.notice],
    }
    return render_to_string("registration/letters/confirmation.txt", context).strip() + "\n"


def confirmation_queue(*, call: RegistrationCall, seeker: JobSeeker) -> None:
    """Queue the confirmation in the caller's transaction: an email, or a letter to mail."""
    body = confirmation_body(call=call, seeker=seeker)
    if has_real_email(seeker):
        outbox_enqueue(to=seeker.email, subject=EMAIL_SUBJECT, body=body,
                       purpose="registration_confirmation")  # fmt: skip
        return
    ConfirmationLetter.objects.create(call=call, seeker=seeker, office=call.office, body=body)


@transaction.atomic
def letter_mark_mailed(*, letter: ConfirmationLetter, actor: User) -> ConfirmationLetter:
    """Staff put the printed letter in the mail; a letter is marked mailed once."""
    seeker_casework_check(seeker=letter.seeker, actor=actor)
    letter = ConfirmationLetter.objects.select_for_update().get(pk=letter.pk)
    if letter.mailed_at is None:
        letter.mailed_at, letter.mailed_by = timezone.now(), actor
        letter.save(update_fields=["mailed_at", "mailed_by"])
    return letter
