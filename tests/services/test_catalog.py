"""The seeded 9002 catalog is seed 003 entry by entry, plus the two services of seed 000;
administrators edit it in the admin, audited, and never lose a recorded service."""

from __future__ import annotations

import datetime
import re
import uuid
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from services.constants import CaptureMode, CreditRule, Event, WorkshopCategory
from services.events import record_event
from services.models import ServiceRecord, ServiceType
from services.selectors import service_type_recordable_list
from services.services import service_record
from tests.conftest import client_for
from tests.factories import JobSeekerFactory, ServiceRecordFactory
from workforce.models import User

pytestmark = pytest.mark.django_db

AUTO, MANUAL = CaptureMode.AUTOMATIC, CaptureMode.MANUAL
COUNTABLE, NOT_COUNTABLE = True, False

# Every service of seed 003, in the seed's order, classified by the seed's own section
# headings ("Countable Automatic 9002 Seeker Services", "Non-countable Manual ...", ...).
SEED_003 = [
    # Countable automatic
    ("Assessment", AUTO, COUNTABLE),
    ("AutoMoConnections", AUTO, COUNTABLE),
    ("AutoOptimalResume", AUTO, COUNTABLE),
    ("CR 101 Remediation", AUTO, COUNTABLE),
    ("Initial Assessment", AUTO, COUNTABLE),
    ("Job Referral", AUTO, COUNTABLE),
    ("JobsMoGov Self Job Search", AUTO, COUNTABLE),
    ("Placed in Training", AUTO, COUNTABLE),
    ("Referred to Other Services", AUTO, COUNTABLE),
    ("Referred to WIOA Services", AUTO, COUNTABLE),
    ("Self-Service LMI", AUTO, COUNTABLE),
    ("Staff Assisted LMI", AUTO, COUNTABLE),
    ("Testing-Assessment", AUTO, COUNTABLE),
    ("Testing-Proficiency", AUTO, COUNTABLE),
    ("Workkey Assessment", AUTO, COUNTABLE),
    ("Workshop- Career & Skills Assessment", AUTO, COUNTABLE),
    ("Workshop- Career Advancement & Enhancement", AUTO, COUNTABLE),
    ("Workshop- Educational & Personal Skills Upgrade", AUTO, COUNTABLE),
    ("Workshop- Job Search", AUTO, COUNTABLE),
    # Non-countable automatic
    ("ETT Meeting Service", AUTO, NOT_COUNTABLE),
    ("Jobs Self Registration", AUTO, NOT_COUNTABLE),
    ("Membership", AUTO, NOT_COUNTABLE),
    ("Staff-Entered Record", AUTO, NOT_COUNTABLE),
    ("UI Weekly Claim", AUTO, NOT_COUNTABLE),
    # Countable manual
    ("Career Guidance", MANUAL, COUNTABLE),
    ("DVOP IEP", MANUAL, COUNTABLE),
    ("DVOP Interview Prep", MANUAL, COUNTABLE),
    ("DVOP Resume Prep", MANUAL, COUNTABLE),
    ("Federal Bonding", MANUAL, COUNTABLE),
    ("Financial Aid Information", MANUAL, COUNTABLE),
    ("Job Development", MANUAL, COUNTABLE),
    ("Job Search Activity", MANUAL, COUNTABLE),
    ("MO Connections", MANUAL, COUNTABLE),
    ("Non-WIA Training", MANUAL, COUNTABLE),
    ("Onet", MANUAL, COUNTABLE),
    ("Optimal Resume", MANUAL, COUNTABLE),
    ("Outreach and Intake", MANUAL, COUNTABLE),
    ("Provide LMI Information", MANUAL, COUNTABLE),
    ("Referred to WIOA Services-Manual", MANUAL, COUNTABLE),
    ("Resume Assistance", MANUAL, COUNTABLE),
    ("RJS Orientation", MANUAL, COUNTABLE),
    ("RJS Assessment", MANUAL, COUNTABLE),
    ("RJS Job Search Review", MANUAL, COUNTABLE),
    ("RJS LMI Career Information", MANUAL, COUNTABLE),
    ("Unemployment Compensation Assistance", MANUAL, COUNTABLE),
    ("Workkeys Test", MANUAL, COUNTABLE),
    # Non-countable manual
    ("WIA Follow up", MANUAL, NOT_COUNTABLE),
    ("Partnership-Project Xcel", MANUAL, NOT_COUNTABLE),
]

# Seed 000 step 11: the two services a staff-assisted phone registration records.
SEED_000 = [
    ("Staff Assisted Registration", AUTO, NOT_COUNTABLE),
    ("Job Search Assistance", AUTO, COUNTABLE),
]

SEED_003_FILE = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
SEED_003_FILE = SEED_003_FILE / "003_785e31ae5689d0ad.txt"


def catalog() -> dict[str, ServiceType]:
    return {entry.name: entry for entry in ServiceType.objects.prefetch_related("designated_staff")}


def names_where(**filters: object) -> set[str]:
    return set(ServiceType.objects.filter(**filters).values_list("name", flat=True))


def test_the_table_lists_48_services_of_seed_003_and_2_of_seed_000() -> None:
    assert len(SEED_003) == 48 and len({name for name, _, _ in SEED_003}) == 48
    assert len(SEED_000) == 2


def test_the_catalog_holds_exactly_the_seeded_entries() -> None:
    assert set(catalog()) == {name for name, _, _ in SEED_003 + SEED_000}


@pytest.mark.parametrize(("name", "mode", "countable"), SEED_003 + SEED_000)
def test_each_entry_is_classified_as_its_seed_says(name: str, mode: str, countable: bool) -> None:
    entry = ServiceType.objects.get(name=name)
    assert (entry.capture_mode, entry.countable) == (mode, countable)


def test_each_entry_carries_a_description() -> None:
    assert names_where(description="") == set()
    assert "onetonline.org" in ServiceType.objects.get(name="Onet").description


def test_only_the_three_dvop_services_are_dvop_only() -> None:
    dvop_only = {name for name, entry in catalog().items() if entry.roles_allowed == ["dvop"]}
    assert dvop_only == {"DVOP IEP", "DVOP Interview Prep", "DVOP Resume Prep"}
    restricted = {name for name, entry in catalog().items() if entry.roles_allowed}
    assert restricted == dvop_only


def test_only_job_development_requires_a_note() -> None:
    assert names_where(note_required=True) == {"Job Development"}


def test_referred_to_wioa_services_manual_waits_for_the_state_office() -> None:
    entry = ServiceType.objects.get(name="Referred to WIOA Services-Manual")
    assert entry.state_office_only and not entry.active
    assert names_where(state_office_only=True) == {"Referred to WIOA Services-Manual"}
    assert names_where(active=False) == {"Referred to WIOA Services-Manual"}


def test_partnership_project_xcel_is_for_designated_staff_only() -> None:
    assert names_where(designated_staff_only=True) == {"Partnership-Project Xcel"}


def test_the_four_workshop_services_credit_the_referring_staff_by_category() -> None:
    workshops = {
        entry.name: (entry.workshop_category, entry.credit_rule, entry.trigger_event)
        for entry in ServiceType.objects.exclude(workshop_category="")
    }
    resulted = Event.WORKSHOP_RESULTED
    assert workshops == {
        "Workshop- Career & Skills Assessment": (
            WorkshopCategory.CAREER_SKILLS_ASSESSMENT, CreditRule.WORKSHOP_REFERRER, resulted,
        ),
        "Workshop- Career Advancement & Enhancement": (
            WorkshopCategory.CAREER_ADVANCEMENT, CreditRule.WORKSHOP_REFERRER, resulted,
        ),
        "Workshop- Educational & Personal Skills Upgrade": (
            WorkshopCategory.EDUCATIONAL_PERSONAL_SKILLS, CreditRule.WORKSHOP_REFERRER, resulted,
        ),
        "Workshop- Job Search": (
            WorkshopCategory.JOB_SEARCH, CreditRule.WORKSHOP_REFERRER, resulted,
        ),
    }  # fmt: skip
    assert names_where(credit_rule=CreditRule.WORKSHOP_REFERRER) == set(workshops)


def test_the_date_of_birth_verifier_gets_credit_where_the_seed_says() -> None:
    # Seed 003 names CR 101 Remediation, Initial Assessment and Membership. Referred to
    # WIOA Services is created by the same action as Membership (DOB verified), so the
    # catalog credits it the same way.
    named_by_seed = {"CR 101 Remediation", "Initial Assessment", "Membership"}
    assert names_where(credit_rule=CreditRule.DOB_VERIFIER) == named_by_seed | {
        "Referred to WIOA Services"
    }


def test_the_seekers_own_actions_credit_nobody() -> None:
    assert names_where(credit_rule=CreditRule.NONE) == {
        "AutoMoConnections", "AutoOptimalResume", "JobsMoGov Self Job Search",
        "Self-Service LMI", "Jobs Self Registration", "UI Weekly Claim",
    }  # fmt: skip


def test_manual_entries_credit_the_staff_member_and_have_no_trigger() -> None:
    manual = ServiceType.objects.filter(capture_mode=MANUAL)
    assert {(e.credit_rule, e.trigger_event, e.workshop_category) for e in manual} == {
        (CreditRule.ACTOR, "", "")
    }


def test_every_automatic_entry_has_a_trigger_and_every_event_triggers_an_entry() -> None:
    assert names_where(capture_mode=AUTO, trigger_event="") == set()
    triggered = set(
        ServiceType.objects.filter(capture_mode=AUTO).values_list("trigger_event", flat=True)
    )
    assert triggered == set(Event.values)


def test_non_countable_entries_never_extend_participation() -> None:
    for entry in ServiceType.objects.filter(countable=False):
        assert not entry.extends_participation, entry.name


# --- the seed file itself ----------------------------------------------------------------

_SECTION = re.compile(r"^(Countable|Non-countable) (Automatic|Manual) 9002 Seeker", re.IGNORECASE)
_BOLD = re.compile(r"^- \*\*(.+?)\*\*")
_PLAIN = re.compile(r"^- (.+?)- ")


def services_in_seed_file(text: str) -> dict[str, tuple[str, bool]]:
    """Each bulleted service name under a section heading, with the section's classification."""
    found: dict[str, tuple[str, bool]] = {}
    section: tuple[str, bool] | None = None
    for line in text.splitlines():
        line = line.strip()
        heading = _SECTION.match(line)
        if heading:
            section = (heading[2].lower(), heading[1].lower() == "countable")
            continue
        if section is None or not line.startswith("- ") or line.startswith("- These are"):
            continue
        match = _BOLD.match(line) or _PLAIN.match(line)
        if match:
            found[match[1].strip().rstrip("-").strip()] = section
    return found


@pytest.fixture
def seed_text() -> str:
    if not SEED_003_FILE.exists():
        pytest.skip(f"the seed folder is not beside the checkout ({SEED_003_FILE.parent})")
    return SEED_003_FILE.read_text(encoding="utf-8")


def test_every_service_named_in_the_seed_file_is_in_the_catalog(seed_text: str) -> None:
    in_seed = services_in_seed_file(seed_text)
    assert len(in_seed) == 48
    assert set(in_seed) - set(catalog()) == set()


def test_the_seed_files_sections_agree_with_the_table_and_the_catalog(seed_text: str) -> None:
    in_seed = services_in_seed_file(seed_text)
    assert in_seed == {name: (mode, countable) for name, mode, countable in SEED_003}
    entries = catalog()
    assert {name: (entries[name].capture_mode, entries[name].countable) for name in in_seed} == (
        in_seed
    )


# --- the admin: administrators edit the catalog ----------------------------------------------


def admin_data(entry: ServiceType, **changes: object) -> dict:
    """The change form as an administrator would send it back, with some fields changed."""
    values = {
        field: getattr(entry, field)
        for field in ["name", "description", "active", "state_office_only", "capture_mode",
                      "countable", "federal_category", "roles_allowed", "designated_staff_only",
                      "note_required", "credit_rule", "trigger_event", "workshop_category"]
    }  # fmt: skip
    values["designated_staff"] = [user.pk for user in entry.designated_staff.all()]
    values.update(changes)
    return {key: value for key, value in values.items() if value is not False}


def change_url(entry: ServiceType) -> str:
    return reverse("admin:services_servicetype_change", args=[entry.pk])


def test_the_admin_lists_filters_and_searches_the_catalog(admin: User) -> None:
    client = client_for(admin)
    url = reverse("admin:services_servicetype_changelist")
    assert client.get(url, {"capture_mode__exact": "manual", "active__exact": "1"}).status_code == (
        200
    )
    response = client.get(url, {"q": "onetonline"})
    assert [entry.name for entry in response.context["cl"].result_list] == ["Onet"]


def test_an_administrators_edit_is_audited(admin: User) -> None:
    entry = ServiceType.objects.get(name="Job Development")
    response = client_for(admin).post(change_url(entry), admin_data(entry, note_required=False))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert not entry.note_required
    log = LogEntry.objects.get_for_object(entry).latest("timestamp")
    assert log.actor == admin
    assert log.changes["note_required"] == ["True", "False"]


def test_designated_staff_are_edited_in_the_admin_and_audited(
    admin: User, casemanager: User
) -> None:
    entry = ServiceType.objects.get(name="Partnership-Project Xcel")
    response = client_for(admin).post(
        change_url(entry), admin_data(entry, designated_staff=[casemanager.pk])
    )
    assert response.status_code == 302
    assert list(entry.designated_staff.all()) == [casemanager]
    assert LogEntry.objects.get_for_object(entry).filter(actor=admin).exists()


def test_roles_are_ticked_as_checkboxes(admin: User) -> None:
    entry = ServiceType.objects.get(name="Onet")
    client_for(admin).post(change_url(entry), admin_data(entry, roles_allowed=["dvop"]))
    entry.refresh_from_db()
    assert entry.roles_allowed == ["dvop"]
    body = client_for(admin).get(change_url(entry)).content.decode()
    assert 'type="checkbox" name="roles_allowed" value="dvop"' in body


def test_an_invalid_edit_is_refused_with_a_message(admin: User) -> None:
    entry = ServiceType.objects.get(name="Assessment")
    response = client_for(admin).post(change_url(entry), admin_data(entry, trigger_event=""))
    assert response.status_code == 200  # the form again, with its errors
    assert response.context["adminform"].form.errors
    entry.refresh_from_db()
    assert entry.trigger_event == Event.ASSESSMENT_SAVED


def test_catalog_entries_cannot_be_deleted(admin: User) -> None:
    entry = ServiceType.objects.get(name="Onet")
    client = client_for(admin)
    url = reverse("admin:services_servicetype_delete", args=[entry.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert ServiceType.objects.filter(pk=entry.pk).exists()
    changelist = client.get(reverse("admin:services_servicetype_changelist"))
    assert "delete_selected" not in changelist.content.decode()  # no bulk delete action


def test_other_staff_cannot_reach_the_catalog_admin(casemanager: User) -> None:
    response = client_for(casemanager).get(reverse("admin:services_servicetype_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_deactivating_an_entry_hides_it_but_keeps_recorded_services(
    admin: User, casemanager: User
) -> None:
    seeker = JobSeekerFactory()
    onet = ServiceType.objects.get(name="Onet")
    manual = ServiceRecordFactory(seeker=seeker, service_type=onet, credited_staff=casemanager)
    referral = ServiceType.objects.get(name="Job Referral")
    automatic = record_event(Event.JOB_REFERRAL, seeker=seeker, actor=casemanager)[0]
    before = list(ServiceRecord.objects.order_by("pk").values())
    client = client_for(admin)
    for entry in (onet, referral):
        assert client.post(change_url(entry), admin_data(entry, active=False)).status_code == 302

    assert onet not in service_type_recordable_list(user=casemanager)
    page = client_for(casemanager).get(reverse("services:record", args=[seeker.pk]))
    assert "Onet" not in {e.name for e in page.context["form"].entries}
    with pytest.raises(ValidationError):
        service_record(seeker=seeker, service_type=onet, service_date=manual.service_date,
                       credited_staff=casemanager, note="", actor=casemanager,
                       form_token=uuid.uuid4().hex)  # fmt: skip
    assert record_event(Event.JOB_REFERRAL, seeker=seeker, actor=casemanager) == []
    assert list(ServiceRecord.objects.order_by("pk").values()) == before
    assert {manual.pk, automatic.pk} <= set(ServiceRecord.objects.values_list("pk", flat=True))


# --- the admin: recorded services are read-mostly ------------------------------------------


def test_recorded_services_cannot_be_added_or_deleted_in_the_admin(admin: User) -> None:
    record = ServiceRecordFactory(service_type=ServiceType.objects.get(name="Onet"))
    client = client_for(admin)
    assert client.get(reverse("admin:services_servicerecord_add")).status_code == 403
    delete = reverse("admin:services_servicerecord_delete", args=[record.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert ServiceRecord.objects.filter(pk=record.pk).exists()


def test_only_a_recorded_services_note_can_be_corrected_in_the_admin(admin: User) -> None:
    record = ServiceRecordFactory(service_type=ServiceType.objects.get(name="Onet"), note="typo")
    url = reverse("admin:services_servicerecord_change", args=[record.pk])
    client = client_for(admin)
    assert client.get(url).status_code == 200
    other = ServiceType.objects.get(name="Career Guidance")
    response = client.post(url, {"note": "fixed", "service_type": other.pk,
                                 "service_date": "2001-01-01"})  # fmt: skip
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.note, record.service_type.name) == ("fixed", "Onet")
    assert record.service_date != datetime.date(2001, 1, 1)
