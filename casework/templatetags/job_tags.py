"""Job search and referrals (seed 001; seed 003's Job Referral)."""

from __future__ import annotations

from django import template
from django.db.models import QuerySet

from casework.jobs.constants import SECTION_SHOWN
from casework.jobs.selectors import posting_sent_list, referral_list
from seekers.models import JobPostingSent, JobReferral, JobSeeker
from workforce.constants import ROLES_SERVING_SEEKERS

register = template.Library()


@register.inclusion_tag("casework/jobs/jobs_section.html", takes_context=True)
def seeker_jobs(context: template.Context, seeker: JobSeeker) -> dict:
    """`{% seeker_jobs seeker %}` for a seeker the page fetched through `seeker_get`.

    At most four queries whatever the counts: the latest referrals and postings sent,
    and their totals only when there are more than shown.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    referrals = referral_list(seeker=seeker)
    sent = posting_sent_list(seeker=seeker)
    return {
        "seeker": seeker,
        "request": request,
        "referrals": referrals,
        "referral_total": _total(referrals, JobReferral.objects.filter(seeker=seeker)),
        "sent": sent,
        "sent_total": _total(sent, JobPostingSent.objects.filter(seeker=seeker)),
        "may_search": bool(user and user.has_role(*ROLES_SERVING_SEEKERS)),
    }


def _total(shown: list, everything: QuerySet) -> int:
    return len(shown) if len(shown) < SECTION_SHOWN else everything.count()
