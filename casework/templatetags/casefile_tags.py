"""Case notes, documents and resumes (seed 001): the sections of Case Details."""

from __future__ import annotations

from django import template

from casework.casefile import selectors
from casework.casefile.constants import NOTES_SHOWN
from casework.casefile.forms import CaseNoteForm
from seekers.models import JobSeeker
from workforce.constants import ROLES_SERVING_SEEKERS

register = template.Library()


def _may_edit(context: template.Context) -> bool:
    user = getattr(context.get("request"), "user", None)
    return bool(user and user.is_authenticated and user.has_role(*ROLES_SERVING_SEEKERS))


@register.inclusion_tag("casework/casefile/includes/notes_section.html", takes_context=True)
def seeker_notes(context: template.Context, seeker: JobSeeker) -> dict:
    """`{% seeker_notes seeker %}` for a seeker the page fetched through `seeker_get`.

    Three queries whatever the counts: the newest notes, their total when there are more,
    the documents (the services app's tag adds one for the service notes).
    """
    notes = list(selectors.case_note_list(seeker=seeker)[:NOTES_SHOWN])
    shown_all = len(notes) < NOTES_SHOWN
    total = len(notes) if shown_all else selectors.case_note_list(seeker=seeker).count()
    return {
        "seeker": seeker,
        "request": context.get("request"),
        "notes": notes,
        "notes_total": total,
        "documents": list(selectors.document_list(seeker=seeker)),
        "may_edit": _may_edit(context),
        "note_form": CaseNoteForm(auto_id="case_note_%s"),
    }


@register.inclusion_tag("casework/casefile/includes/resumes_section.html", takes_context=True)
def seeker_resumes(context: template.Context, seeker: JobSeeker) -> dict:
    """`{% seeker_resumes seeker %}` for a seeker the page fetched through `seeker_get`."""
    return {
        "seeker": seeker,
        "request": context.get("request"),
        "resumes": list(selectors.resume_list(seeker=seeker)),
        "may_edit": _may_edit(context),
    }
