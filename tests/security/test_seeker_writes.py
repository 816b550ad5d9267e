"""Every write about a seeker refuses a seeker the actor may not see (issue 13, DESIGN.md).

Visibility is the product's core rule: views fetch through `seeker_get`, and every write
function re-checks it with `seekers.selectors.seeker_casework_check` (role + visible_to),
so a new caller (the seeker side, a batch, a shell) cannot skip it.

The list is read from the code, not written by hand: every public function with an
`actor` parameter in the apps' `services.py` modules that takes a seeker, or a record
that belongs to one. Each must be called below (and refuse partner staff writing about
an opted-out seeker, with nothing written) or be exempt with its reason, so a new write
function fails `test_it_lists_every_write_function_about_a_seeker` until someone decides.
"""

from __future__ import annotations

import datetime
import importlib
import inspect
import typing
from collections.abc import Callable
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import RequestFactory

from casework import services as casework_services
from casework.casefile import services as casefile
from casework.enrollments import services as enrollments
from casework.jobs import services as jobs
from casework.plans import services as plans
from casework.plans.services import StepData
from optout import services as optout
from registration.letters import services as letters
from registration.services import call_existing_link
from seekers import services as seekers
from seekers.constants import ClosureReason, DocumentCategory, ReferralOutcome, StepKind
from seekers.models import JobSeeker
from services import services as recording
from services.models import WorkshopResult
from services.workshops import services as workshops
from tests.factories import (
    AssessmentFactory,
    ConfirmationLetterFactory,
    EmploymentPlanFactory,
    EnrollmentFactory,
    JobPostingFactory,
    JobReferralFactory,
    JobSeekerFactory,
    PlanGoalFactory,
    PlanStepFactory,
    ProgramFactory,
    ProgramPrivilegeFactory,
    RegistrationCallFactory,
    ResumeFactory,
    SeekerDocumentFactory,
    ServiceTypeFactory,
    WorkshopFactory,
    WorkshopReferralFactory,
)
from workforce.models import AccessLog, User

ROOT = Path(__file__).resolve().parents[2]
APPS = ("workforce", "seekers", "services", "optout", "registration", "casework", "reports")

# Functions that take a seeker's record and an actor but are not casework writes.
EXEMPT = {
    # Partner staff ask for an opt-in precisely about clients they cannot see (seed 002);
    # the request is scoped to its filer, and a state supervisor decides it.
    "optout.services.optin_request_contacting": "a state supervisor's queue action",
    "optout.services.optin_request_decide": "a state supervisor's decision",
    "optout.services.optin_request_withdraw": "the filer withdraws their own request",
    # Creates the seeker at the end of the staff member's own call (calls are scoped by
    # staff); linking a call to an existing seeker is checked (test below).
    "registration.services.registration_complete": "creates a new seeker",
    # Renders the email's text; writes nothing. Its one caller, posting_send, checks.
    "casework.jobs.services.posting_email_body": "renders text for posting_send",
}

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("resume.pdf", PDF, content_type="application/pdf")


def _calls(seeker: JobSeeker, author: User, actor: User) -> dict[str, Callable[[], object]]:
    """Each write function, called by `actor` about `seeker`'s casework written by `author`."""
    request = RequestFactory().get("/")
    request.user = actor
    program = ProgramFactory()
    ProgramPrivilegeFactory(user=actor, program=program)
    enrollment = EnrollmentFactory(seeker=seeker, program=program, created_by=author)
    plan = EmploymentPlanFactory(seeker=seeker, created_by=author)
    step_data = StepData(kind=StepKind.TRAINING, description="Welding")
    posting = JobPostingFactory()
    resume = ResumeFactory(seeker=seeker, created_by=author)
    document = SeekerDocumentFactory(seeker=seeker)
    referral = JobReferralFactory(seeker=seeker, posting=posting, referred_by=author)
    goal = PlanGoalFactory(plan=plan)
    step = PlanStepFactory(plan=plan, created_by=author)
    assessment = AssessmentFactory(seeker=seeker, created_by=author)
    letter = ConfirmationLetterFactory(seeker=seeker)
    service_type = ServiceTypeFactory()
    workshop = WorkshopFactory(office=actor.current_office, created_by=author)
    workshop_referral = WorkshopReferralFactory(
        workshop=workshop, seeker=seeker, referred_by=author
    )
    resume_text = {"title": "CV", "summary": "", "experience": "", "education": "", "skills": ""}
    today = datetime.date.today()
    names = {
        casefile.case_note_add: lambda: casefile.case_note_add(
            seeker=seeker, text="A note", actor=actor
        ),
        casefile.document_upload: lambda: casefile.document_upload(
            seeker=seeker,
            category=DocumentCategory.IDENTIFICATION,
            title="ID",
            upload=_pdf(),
            actor=actor,
        ),
        casefile.document_download: lambda: casefile.document_download(
            request=request, seeker=seeker, document=document, actor=actor
        ),
        casefile.resume_write: lambda: casefile.resume_write(
            seeker=seeker, actor=actor, **resume_text
        ),
        casefile.resume_upload: lambda: casefile.resume_upload(
            seeker=seeker, title="CV", upload=_pdf(), actor=actor
        ),
        casefile.resume_update: lambda: casefile.resume_update(
            seeker=seeker, resume=resume, actor=actor, **resume_text
        ),
        casefile.resume_file_replace: lambda: casefile.resume_file_replace(
            seeker=seeker, resume=resume, title="CV", upload=_pdf(), actor=actor
        ),
        casefile.resume_publish: lambda: casefile.resume_publish(
            seeker=seeker, resume=resume, actor=actor
        ),
        casefile.resume_unpublish: lambda: casefile.resume_unpublish(
            seeker=seeker, resume=resume, actor=actor
        ),
        casefile.resume_download: lambda: casefile.resume_download(
            request=request, seeker=seeker, resume=resume, actor=actor
        ),
        enrollments.enrollment_open: lambda: enrollments.enrollment_open(
            seeker=seeker, program=program, answers={}, attested=True, actor=actor
        ),
        enrollments.enrollment_answers_update: lambda: enrollments.enrollment_answers_update(
            enrollment=enrollment, answers={}, actor=actor
        ),
        enrollments.enrollment_close: lambda: enrollments.enrollment_close(
            enrollment=enrollment,
            closed_on=today,
            reason=ClosureReason.COMPLETED,
            note="",
            actor=actor,
        ),
        enrollments.enrollment_referral_create: lambda: enrollments.enrollment_referral_create(
            seeker=seeker, actor=actor
        ),
        enrollments.demographics_update: lambda: enrollments.demographics_update(
            seeker=seeker, data={}, actor=actor
        ),
        jobs.referral_create: lambda: jobs.referral_create(
            seeker=seeker, posting=posting, actor=actor
        ),
        jobs.referral_outcome_set: lambda: jobs.referral_outcome_set(
            referral=referral,
            outcome=ReferralOutcome.HIRED,
            outcome_on=today,
            actor=actor,
        ),
        jobs.posting_send: lambda: jobs.posting_send(
            seeker=seeker,
            posting=posting,
            actor=actor,
            form_token=jobs.send_token(seeker=seeker, posting=posting),
        ),
        plans.plan_create: lambda: plans.plan_create(seeker=seeker, actor=actor),
        plans.plan_close: lambda: plans.plan_close(plan=plan, actor=actor),
        plans.plan_goal_add: lambda: plans.plan_goal_add(
            plan=plan, description="A goal", target_date=None, actor=actor
        ),
        plans.plan_goal_update: lambda: plans.plan_goal_update(
            goal=goal,
            description="Changed",
            target_date=None,
            status="met",
            actor=actor,
        ),
        plans.plan_step_add: lambda: plans.plan_step_add(plan=plan, data=step_data, actor=actor),
        plans.plan_step_update: lambda: plans.plan_step_update(
            step=step, data=step_data, actor=actor
        ),
        plans.assessment_create: lambda: plans.assessment_create(
            seeker=seeker, actor=actor, desired_occupation="Welder"
        ),
        plans.assessment_update: lambda: plans.assessment_update(
            assessment=assessment,
            actor=actor,
            desired_occupation="Welder",
        ),
        plans.lmi_open: lambda: plans.lmi_open(seeker=seeker, source=plan, actor=actor),
        casework_services.seeker_dob_verify: lambda: casework_services.seeker_dob_verify(
            seeker=seeker, actor=actor
        ),
        optout.consent_set: lambda: optout.consent_set(
            seeker=seeker, opted_out=False, actor=actor, channel="phone", reason="Asked to"
        ),
        letters.letter_mark_mailed: lambda: letters.letter_mark_mailed(letter=letter, actor=actor),
        recording.service_record: lambda: recording.service_record(
            seeker=seeker,
            service_type=service_type,
            service_date=today,
            credited_staff=actor,
            note="",
            actor=actor,
            form_token="0" * 32,
        ),
        workshops.workshop_refer: lambda: workshops.workshop_refer(
            workshop=workshop, seeker=seeker, actor=actor
        ),
        workshops.workshop_result: lambda: workshops.workshop_result(
            referral=workshop_referral, result=WorkshopResult.ATTENDED, actor=actor
        ),
        seekers.seeker_ssn_reveal: lambda: seekers.seeker_ssn_reveal(
            request=request, seeker=seeker, actor=actor
        ),
        seekers.seeker_office_add: lambda: seekers.seeker_office_add(
            seeker=seeker, office=actor.current_office, actor=actor
        ),
        seekers.seeker_dob_mark: lambda: seekers.seeker_dob_mark(seeker=seeker, actor=actor),
        seekers.seeker_account_convert: lambda: seekers.seeker_account_convert(
            seeker=seeker, actor=actor
        ),
    }
    return {f"{function.__module__}.{function.__name__}": call for function, call in names.items()}


def _owns_a_seeker(annotation: object, depth: int = 2) -> bool:
    """A seeker, or a record pointing at one (directly, or through its parent: a plan's goal)."""
    if not (isinstance(annotation, type) and issubclass(annotation, models.Model)):
        return False
    if annotation is JobSeeker:
        return True
    parents = [field.related_model for field in annotation._meta.fields if field.many_to_one]
    return any(
        parent is JobSeeker or (depth > 1 and _owns_a_seeker(parent, depth - 1))
        for parent in parents
    )


def write_functions() -> set[str]:
    """Public functions of every services.py taking an actor and a seeker (or their record)."""
    found = set()
    for app in APPS:
        for path in sorted((ROOT / app).rglob("services.py")):
            module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
            for name, function in inspect.getmembers(module, inspect.isfunction):
                if name.startswith("_") or function.__module__ != module.__name__:
                    continue
                hints = typing.get_type_hints(function)
                hints.pop("return", None)
                if "actor" in hints and any(_owns_a_seeker(hint) for hint in hints.values()):
                    found.add(f"{module.__name__}.{name}")
    return found


def _rows() -> dict[str, int]:
    """Row counts of every table a casework write may touch, and the logs."""
    counted = [m for m in apps.get_models() if m._meta.app_label in APPS]
    return {m._meta.label: m.objects.count() for m in [*counted, LogEntry, AccessLog]}


def test_it_finds_the_write_functions_of_every_part() -> None:
    found = write_functions()
    assert "casework.plans.services.plan_create" in found
    assert "seekers.services.seeker_office_add" in found
    assert "registration.notices.services.notice_publish" not in found  # no seeker


def test_it_lists_every_write_function_about_a_seeker(partner: User, casemanager: User) -> None:
    listed = set(_calls(_hidden(), casemanager, partner)) | set(EXEMPT)
    assert write_functions() == listed, "add the new write function to _calls or EXEMPT"


def _hidden() -> JobSeeker:
    return JobSeekerFactory(opted_out=True)


@pytest.mark.parametrize("name", sorted(write_functions() - set(EXEMPT)))
def test_it_refuses_every_write_about_a_seeker_the_actor_may_not_see(
    name: str, partner: User, casemanager: User
) -> None:
    call = _calls(_hidden(), casemanager, partner)[name]
    before = _rows()
    with pytest.raises(PermissionDenied):
        call()
    assert _rows() == before


def test_it_links_a_call_only_to_a_seeker_the_staff_may_see(partner: User) -> None:
    call = RegistrationCallFactory(staff=partner, searches=[{"text": "Larsen"}])
    outcome = call.outcome
    with pytest.raises(PermissionDenied):
        call_existing_link(call=call, seeker=_hidden())
    call.refresh_from_db()
    assert call.seeker_id is None and call.outcome == outcome
