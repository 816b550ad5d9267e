"""The audit pages and the Django admin keep to `visible_to` (issue 14, seed 002).

A supervisor or administrator of a partner organization (a configuration the code
allows: `User.is_partner_staff` is true for every role outside the state agency) may
read the change history and the access log, and may be given the Django admin. None of
these may show anything about a seeker who opted out: not the seeker's own changes, not
those of any record pointing at them (services, referrals, calls, consent rows, plans,
notes, files...), not entries whose record has since been deleted, not the counts.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.admin.models import CHANGE
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.test import Client, RequestFactory
from django.urls import reverse

from seekers.models import JobSeeker, OtherName
from seekers.selectors import seeker_paths
from tests.casework.casefile import crawl as crawl_casefile
from tests.casework.enrollments import crawl as crawl_enrollments
from tests.casework.jobs import crawl as crawl_jobs
from tests.casework.plans import crawl as crawl_plans
from tests.conftest import client_for
from tests.factories import (
    AccessLogFactory,
    ConfirmationLetterFactory,
    ConsentChangeFactory,
    DemographicsFactory,
    JobSeekerFactory,
    OptInRequestFactory,
    OtherNameFactory,
    RegistrationCallFactory,
    SeekerAccountFactory,
    ServiceRecordFactory,
    UserFactory,
    WorkshopReferralFactory,
)
from workforce.constants import AccessAction, Role
from workforce.models import AccessLog, Office, Organization, User
from workforce.urlids import id_encode

pytestmark = pytest.mark.django_db

HIDDEN = {"first_name": "Zebulon", "last_name": "Quillfeather", "email": "zquill@example.net",
          "phone": "6125550191"}  # fmt: skip
NEEDLES = ["Zebulon", "Quillfeather", "zquill@example.net", "6125550191", "(612) 555-0191",
           "Zebby", "Marrowgate"]  # fmt: skip
CSRF = re.compile(r'(csrfmiddlewaretoken" value="|csrf-token" content="|CSRFToken": ")[^"]*')


@pytest.fixture
def partner_supervisor(partner_org: Organization, partner_office: Office) -> User:
    return UserFactory(
        username="partnersupervisor", role=Role.SUPERVISOR, organization=partner_org,
        current_office=partner_office, offices=[partner_office],
    )  # fmt: skip


@pytest.fixture
def partner_admin(partner_org: Organization, partner_office: Office) -> User:
    """A partner organization's administrator given the Django admin (a superuser, even)."""
    return UserFactory(
        username="partneradmin", role=Role.ADMINISTRATOR, organization=partner_org,
        current_office=partner_office, offices=[partner_office], is_staff=True,
        is_superuser=True,
    )  # fmt: skip


def hidden_seeker_with_history(partner: User, casemanager: User) -> JobSeeker:
    """A seeker with a record of every kind that points at a seeker, then an opt-out."""
    seeker = JobSeekerFactory(**HIDDEN, offices=[partner.current_office], created_by=partner)
    OtherNameFactory(seeker=seeker, first_name="Zebby", last_name="Marrowgate")
    DemographicsFactory(seeker=seeker)
    SeekerAccountFactory(seeker=seeker, username="zquill")
    ServiceRecordFactory(seeker=seeker, recorded_by=partner, credited_staff=partner)
    WorkshopReferralFactory(seeker=seeker, referred_by=partner)
    call = RegistrationCallFactory(staff=partner, seeker=seeker)
    ConfirmationLetterFactory(call=call, seeker=seeker, body="Dear Zebulon Quillfeather,")
    for area in (crawl_enrollments, crawl_plans, crawl_casefile, crawl_jobs):
        area.casework_for_hidden(seeker=seeker, partner=partner, add=lambda *_: None)
    seeker.opted_out = True
    seeker.save(update_fields=["opted_out"])
    ConsentChangeFactory(seeker=seeker, changed_by=casemanager, reason="Quillfeather asked.")
    OptInRequestFactory(seeker=seeker, requested_by=partner)
    # A record deleted since: its entries stay, the row they point at is gone.
    OtherNameFactory(seeker=seeker, first_name="Zebulon", last_name="Gonequill").delete()
    AccessLogFactory(user=casemanager, action=AccessAction.SSN_REVEAL, seeker_id=seeker.pk)
    AccessLogFactory(user=partner, action=AccessAction.OPTOUT_LOOKUP, seeker_id=seeker.pk,
                     outcome="opted-out record found")  # fmt: skip
    return seeker


def test_the_hidden_history_has_an_entry_of_every_kind_about_a_seeker(
    partner: User, casemanager: User
) -> None:
    """Not vacuous: every audited record type that points at a seeker is in the population."""
    seeker = hidden_seeker_with_history(partner, casemanager)
    kinds = {entry.content_type.model_class() for entry in _about(seeker)}
    assert set(seeker_paths()) <= kinds, set(seeker_paths()) - kinds
    assert len(seeker_paths()) >= 19  # the seeker, its names, casework, services, consent...


def _about(seeker: JobSeeker) -> list[LogEntry]:
    """Every change entry about the seeker, found from outside the code under test."""
    found = []
    for entry in LogEntry.objects.select_related("content_type"):
        model = entry.content_type.model_class()
        if model is JobSeeker:
            mine = entry.object_id == seeker.pk
        else:
            row = model._default_manager.filter(pk=entry.object_id).first()
            text = f"{entry.changes} {entry.additional_data}"
            mine = (
                _points_at(row, seeker)
                or f"'{seeker.pk}'" in text
                or (entry.additional_data or {}).get("seeker_id") == seeker.pk
            )
        if mine:
            found.append(entry)
    return found


def _points_at(row: object, seeker: JobSeeker) -> bool:
    if row is None:
        return False
    for attr in ("seeker", "plan"):
        target = getattr(row, attr, None)
        if target == seeker or getattr(target, "seeker", None) == seeker:
            return True
    return False


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return CSRF.sub("", response.content.decode())


def _rows(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr>.*?</tr>", body, flags=re.S)


@pytest.mark.parametrize("name", ["audit-changes", "audit-access"])
def test_a_partner_supervisor_reads_the_audit_pages_as_if_the_hidden_seeker_did_not_exist(
    name: str, partner: User, casemanager: User, partner_supervisor: User
) -> None:
    """The rows shown before the hidden seeker's history are the rows shown after it, apart
    from changes to records that are about no seeker (a job posting, a privilege)."""
    visible = JobSeekerFactory(offices=[partner.current_office], created_by=partner)
    ServiceRecordFactory(seeker=visible, recorded_by=partner, credited_staff=partner)
    AccessLogFactory(user=partner, action=AccessAction.SSN_REVEAL, seeker_id=visible.pk)
    client = client_for(partner_supervisor)
    before = _rows(_page(client, reverse(name)))
    seeker = hidden_seeker_with_history(partner, casemanager)
    after_page = _page(client, reverse(name))
    after = _rows(after_page)
    assert [row for row in after if row in before] == before
    added = [row for row in after if row not in before]
    unrelated = ("Employer #", "Job posting #", "Program privilege #")
    assert all(any(kind in row for kind in unrelated) for row in added), added
    for needle in [*NEEDLES, f"Job seeker #{seeker.pk}<", f">{seeker.pk}</a>"]:
        assert needle not in after_page, needle


@pytest.mark.parametrize("name", ["audit-changes", "audit-access"])
def test_a_state_supervisor_reads_the_hidden_seekers_history(
    name: str, partner: User, casemanager: User, supervisor: User
) -> None:
    """The control: the same pages show the history to the state agency."""
    seeker = hidden_seeker_with_history(partner, casemanager)
    page = _page(client_for(supervisor), reverse(name))
    if name == "audit-changes":
        assert "Quillfeather" in page and "zquill@example.net" in page
        deleted = LogEntry.objects.filter(
            action=LogEntry.Action.DELETE, content_type__model="othername"
        ).get()
        assert f"Other name #{deleted.object_pk}<" in page  # the record is gone, not its history
        assert not OtherName.objects.filter(pk=deleted.object_pk).exists()
    else:
        assert f">{id_encode(seeker.pk)}</a>" in page


def test_a_partner_supervisor_does_not_read_entries_of_deleted_records_of_anyone(
    partner: User, casemanager: User, partner_supervisor: User
) -> None:
    """An entry whose record is gone cannot be placed, so only those who see everyone read it
    (the deleted row here belonged to a visible seeker: hiding it is the safe side)."""
    visible = JobSeekerFactory()
    name = OtherNameFactory(seeker=visible, first_name="Once", last_name="Knownas")
    pk = name.pk
    name.delete()
    page = _page(client_for(partner_supervisor), reverse("audit-changes"))
    assert f"Other name #{pk}<" not in page
    assert f"Other name #{pk}<" in _page(client_for(casemanager_supervisor(casemanager)),
                                               reverse("audit-changes"))  # fmt: skip


def casemanager_supervisor(casemanager: User) -> User:
    return UserFactory(username="statesup", role=Role.SUPERVISOR,
                       organization=casemanager.organization)  # fmt: skip


# --- The Django admin ------------------------------------------------------------------


def _admins_about_seekers() -> list[tuple[type, admin.ModelAdmin]]:
    from seekers.selectors import _path_to_seeker

    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if _path_to_seeker(model, hops=3) is not None or model in (LogEntry, AccessLog)
    ]


def test_every_admin_list_about_seekers_leaves_out_the_hidden_seeker(
    partner: User, casemanager: User, partner_admin: User
) -> None:
    """Each registered admin whose rows point at a seeker (and the two logs) narrows its
    queryset, which its changelist, counts, search, change form and history all use."""
    seeker = hidden_seeker_with_history(partner, casemanager)
    request = RequestFactory().get("/admin/")
    request.user = partner_admin
    state_request = RequestFactory().get("/admin/")
    state_request.user = casemanager_supervisor(casemanager)
    checked = set()
    for model, model_admin in _admins_about_seekers():
        about: Callable = _admin_rows_about(model, seeker)
        assert about(model_admin.get_queryset(state_request)), model  # control: rows exist
        assert not about(model_admin.get_queryset(request)), model
        checked.add(model.__name__)
    assert {"JobSeeker", "ServiceRecord", "RegistrationCall", "LogEntry", "AccessLog"} <= checked


def _admin_rows_about(model: type, seeker: JobSeeker) -> Callable:
    from seekers.selectors import _path_to_seeker

    if model is AccessLog:
        return lambda rows: rows.filter(seeker_id=seeker.pk).exists()
    if model is LogEntry:
        ids = {entry.pk for entry in _about(seeker)}
        return lambda rows: rows.filter(pk__in=ids).exists()
    path = _path_to_seeker(model, hops=3)
    return lambda rows: rows.filter(**{path: seeker.pk}).exists()


ADMIN_PAGES = ["{changelist}", "{changelist}?o=-1", "{changelist}?_facets=1", "/admin/"]
NOBODY = "Yzzyzxwood"


def _typed_out(response: object, typed: str) -> tuple[int, str]:
    """The search answer with what was typed taken out, to compare with a search for nobody."""
    text = CSRF.sub("", response.content.decode()).replace(typed, "<typed>")
    for encoded in ("%40", "%2540"):  # the query string, and the query string in a query string
        text = text.replace(typed.replace("@", encoded), "<typed>")
    return response.status_code, text


OBJECT_PAGES = ["change/", "history/", "delete/"]


def test_the_admin_pages_answer_a_partner_administrator_without_the_hidden_seeker(
    partner: User, casemanager: User, partner_admin: User
) -> None:
    """Changelists (with their counts, search and facets), change forms, history and delete
    pages of every admin about seekers: nothing of the hidden seeker, and a hidden
    seeker's object pages answer like a missing object's."""
    seeker = hidden_seeker_with_history(partner, casemanager)
    client = client_for(partner_admin)
    client.raise_request_exception = False  # a read-only admin's delete page is a 403
    for model, _ in _admins_about_seekers():
        info = (model._meta.app_label, model._meta.model_name)
        changelist = reverse("admin:{}_{}_changelist".format(*info))
        for page in ADMIN_PAGES:
            response = client.get(page.format(changelist=changelist))
            assert response.status_code == 200, (page, model)
            text = response.content.decode()
            for needle in NEEDLES:
                assert needle not in text, (page.format(changelist=changelist), needle)
        for typed in ("Quillfeather", "zquill@example.net"):
            answers = [_typed_out(client.get(changelist, {"q": q}), q) for q in (typed, NOBODY)]
            diff = "\n".join(
                difflib.unified_diff(*(a[1].splitlines() for a in answers), lineterm="")
            )
            assert answers[0] == answers[1], (changelist, typed, diff)
        for pk in _hidden_object_ids(model, seeker):
            for suffix in OBJECT_PAGES:
                hidden = client.get(f"{changelist}{pk}/{suffix}")
                missing = client.get(f"{changelist}987654/{suffix}")
                assert hidden.status_code == missing.status_code, (model, suffix)
                assert hidden.get("Location") == missing.get("Location"), (model, suffix)


def _hidden_object_ids(model: type, seeker: JobSeeker) -> list[int]:
    if model is AccessLog:
        return list(model.objects.filter(seeker_id=seeker.pk).values_list("pk", flat=True))
    if model is LogEntry:
        return [entry.pk for entry in _about(seeker)][:5]
    from seekers.selectors import _path_to_seeker

    path = _path_to_seeker(model, hops=3)
    return list(model._default_manager.filter(**{path: seeker.pk}).values_list("pk", flat=True))


def test_the_admin_index_names_no_record_a_partner_administrator_once_edited(
    partner: User, casemanager: User, partner_admin: User
) -> None:
    """Django's "Recent actions" lists the admin's own edits by the record's text; a seeker
    edited there who later opts out must not be named on the admin's front page."""
    seeker = JobSeekerFactory(**HIDDEN)
    client = client_for(partner_admin)
    url = reverse("admin:seekers_jobseeker_history", args=[seeker.pk])
    assert client.get(url).status_code == 200
    AdminLogEntry.objects.log_actions(
        user_id=partner_admin.pk, queryset=JobSeeker.objects.filter(pk=seeker.pk),
        action_flag=CHANGE, change_message="Changed phone.",
    )  # fmt: skip
    seeker.opted_out = True
    seeker.save(update_fields=["opted_out"])
    page = client.get("/admin/").content.decode()
    assert "Quillfeather" not in page
    assert client.get(url).status_code == 302  # its history now answers like a missing one
