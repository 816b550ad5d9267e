"""Case notes, documents and resumes (seed 001)."""

from __future__ import annotations

from django import template

from seekers import casefile
from seekers.forms_casefile import CaseNoteForm
from seekers.models import JobSeeker

register = template.Library()


def _may_edit(context: template.Context) -> bool:
    user = getattr(context.get("request"), "user", None)
    return bool(user and user.is_authenticated and user.has_role(*casefile.ROLES_CASEWORK))


@register.inclusion_tag("seekers/casefile/notes_section.html", takes_context=True)
def seeker_notes(context: template.Context, seeker: JobSeeker) -> dict:
    """`{% seeker_notes seeker %}` for a seeker the page fetched through `seeker_get`.

    Three queries whatever the counts: the newest notes, their total when there are more,
    the documents (the services app's tag adds one for the service notes).
    """
    notes = list(casefile.case_note_list(seeker=seeker)[: casefile.NOTES_SHOWN])
    shown_all = len(notes) < casefile.NOTES_SHOWN
    total = len(notes) if shown_all else casefile.case_note_list(seeker=seeker).count()
    return {
        "seeker": seeker,
        "request": context.get("request"),
        "notes": notes,
        "notes_total": total,
        "documents": list(casefile.document_list(seeker=seeker)),
        "may_edit": _may_edit(context),
        "note_form": CaseNoteForm(auto_id="case_note_%s"),
    }


@register.inclusion_tag("seekers/casefile/resumes_section.html", takes_context=True)
def seeker_resumes(context: template.Context, seeker: JobSeeker) -> dict:
    """`{% seeker_resumes seeker %}` for a seeker the page fetched through `seeker_get`."""
    return {
        "seeker": seeker,
        "request": context.get("request"),
        "resumes": list(casefile.resume_list(seeker=seeker)),
        "may_edit": _may_edit(context),
    }
