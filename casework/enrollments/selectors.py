"""Reads of Program Registration: programs with eligibility, privileges and enrollments."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from casework.enrollments.constants import ACTIVE_STATUSES
from casework.enrollments.eligibility import (
    ALL_QUESTIONS,
    EligibilityResult,
    EligibilityStatus,
    answer_display,
    answers_snapshot,
    program_eligibility,
    question_label,
)
from casework.enrollments.eligibility.answers import DATE_OF_BIRTH
from seekers.constants import EnrollmentStatus, QuestionKind
from seekers.models import (
    DEMOGRAPHICS_QUESTIONS,
    DEMOGRAPHICS_STAFF_ONLY,
    ELIGIBILITY_QUESTIONS,
    Demographics,
    Enrollment,
    EnrollmentQuestion,
    JobSeeker,
)
from workforce.constants import ROLES_SERVING_SEEKERS, EligibilityRule, PrivilegeLevel
from workforce.models import Program, User

VIEWING_LEVELS = (PrivilegeLevel.VIEW, PrivilegeLevel.ENROLL)
NOT_ANSWERED = "Not asked yet"
STATUS_VALUES = {status.value for status in EligibilityStatus}
# The Demographics section: the registration questions, then the staff-only ones (seed 001).
DEMOGRAPHICS_SECTIONS = [
    ("Registration questions", False, DEMOGRAPHICS_QUESTIONS),
    ("Staff-only questions", True, [*DEMOGRAPHICS_STAFF_ONLY, *ELIGIBILITY_QUESTIONS]),
]


def seeker_demographics(seeker: JobSeeker) -> Demographics | None:
    """The seeker's answers, or None; one query at most per seeker object (Django caches it)."""
    try:
        return seeker.demographics
    except Demographics.DoesNotExist:
        return None


def demographics_sections(demographics: Demographics | None) -> list[dict]:
    """Every question with its answer in words ("Not asked yet" when blank), by section."""
    sections = []
    for heading, staff_only, names in DEMOGRAPHICS_SECTIONS:
        rows = []
        for name in names:
            value = getattr(demographics, name, "") if demographics is not None else ""
            shown = answer_display(name, value) if value else NOT_ANSWERED
            rows.append({"name": name, "label": question_label(name), "answer": shown})
        sections.append({"heading": heading, "staff_only": staff_only, "rows": rows})
    return sections


def level_may_enroll(user: User, level: str | None) -> bool:
    """ENROLL privilege, held by staff who serve seekers (administrators edit catalogs only)."""
    return level == PrivilegeLevel.ENROLL and user.has_role(*ROLES_SERVING_SEEKERS)


def level_may_view(user: User, level: str | None) -> bool:
    return user.is_active and level in VIEWING_LEVELS


def program_level(*, user: User, program: Program) -> str | None:
    """The user's privilege level in one program (VIEW, ENROLL) or None."""
    if not (user.is_authenticated and user.is_active):
        return None
    return user.program_privileges.filter(program=program).values_list("level", flat=True).first()


def program_may_enroll(*, user: User, program: Program) -> bool:
    return level_may_enroll(user, program_level(user=user, program=program))


def program_may_view(*, user: User, program: Program) -> bool:
    return level_may_view(user, program_level(user=user, program=program))


def program_eligibility_now(
    *, seeker: JobSeeker, program: Program, on: datetime.date | None = None
) -> EligibilityResult:
    """Eligibility from the answers as they are in the database now (never a cached copy)."""
    demographics = Demographics.objects.filter(seeker=seeker).first()
    on = on or timezone.localdate()
    answers = answers_snapshot(seeker=seeker, demographics=demographics, on=on)
    return program_eligibility(program=program, answers=answers)


@dataclass
class ProgramRow:
    """One row of the Program Registration table."""

    program: Program
    result: EligibilityResult
    may_view: bool
    may_enroll: bool
    enrollments: list[Enrollment] = field(default_factory=list)  # newest first

    @property
    def active(self) -> Enrollment | None:
        """The pending or open enrollment (at most one: a database constraint)."""
        return next((e for e in self.enrollments if e.status in ACTIVE_STATUSES), None)

    @property
    def show_enroll(self) -> bool:
        return self.result.is_eligible and self.may_enroll and self.active is None

    @property
    def show_complete(self) -> bool:
        active = self.active
        return self.may_enroll and active is not None and active.status == EnrollmentStatus.PENDING


def program_registration_list(
    *, user: User, seeker: JobSeeker, on: datetime.date | None = None
) -> list[ProgramRow]:
    """Every active program with the seeker's eligibility and enrollments: four queries."""
    programs = list(Program.objects.filter(is_active=True).order_by("display_order", "name"))
    levels = user.program_levels() if user.is_authenticated and user.is_active else {}
    by_program: dict[int, list[Enrollment]] = {}
    for enrollment in Enrollment.objects.filter(seeker=seeker).order_by("-created_at", "-id"):
        by_program.setdefault(enrollment.program_id, []).append(enrollment)
    answers = answers_snapshot(
        seeker=seeker, demographics=seeker_demographics(seeker), on=on or timezone.localdate()
    )
    return [
        ProgramRow(
            program=program,
            result=program_eligibility(program=program, answers=answers),
            may_view=level_may_view(user, levels.get(program.pk)),
            may_enroll=level_may_enroll(user, levels.get(program.pk)),
            enrollments=by_program.get(program.pk, []),
        )
        for program in programs
    ]


def enrollment_get(*, seeker: JobSeeker, enrollment_id: int) -> Enrollment:
    """One enrollment of this seeker (404 for another seeker's, as for none)."""
    enrollment = (
        Enrollment.objects.select_related(
            "program", "created_by", "attested_by", "opened_by", "closed_by"
        )
        .filter(seeker=seeker, pk=enrollment_id)
        .first()
    )
    if enrollment is None:
        raise Http404("No such enrollment.")
    return enrollment


def enrollment_active_get(*, seeker: JobSeeker, program: Program) -> Enrollment | None:
    """The pending or open enrollment of the seeker in the program, if any."""
    return Enrollment.objects.filter(
        seeker=seeker, program=program, status__in=ACTIVE_STATUSES
    ).first()


def enrollment_question_list(*, program: Program) -> QuerySet[EnrollmentQuestion]:
    """The questions the program asks now, in order."""
    return EnrollmentQuestion.objects.filter(program=program, is_active=True).order_by(
        "display_order", "id"
    )


def _answer_display(question: EnrollmentQuestion | None, value: object) -> str:
    text = str(value)
    if question is not None and question.kind == QuestionKind.YES_NO:
        return {"yes": "Yes", "no": "No"}.get(text, text)
    if question is not None and question.kind == QuestionKind.DATE:
        try:
            return f"{datetime.date.fromisoformat(text):%m/%d/%Y}"
        except ValueError:
            return text
    return text


def enrollment_answer_rows(*, enrollment: Enrollment) -> list[tuple[str, str]]:
    """(question, answer) for every answer stored, and for each active question not answered."""
    questions = list(
        EnrollmentQuestion.objects.filter(program_id=enrollment.program_id).order_by(
            "display_order", "id"
        )
    )
    answers = enrollment.answers or {}
    rows = [
        (q.label, _answer_display(q, answers[q.key]) if q.key in answers else "Not answered")
        for q in questions
        if q.key in answers or q.is_active
    ]
    known = {q.key for q in questions}
    rows += [(key, str(value)) for key, value in answers.items() if key not in known]
    return rows


def enrollment_snapshot_rows(*, enrollment: Enrollment) -> dict:
    """The eligibility decision stored with the enrollment, in words."""
    snapshot = enrollment.eligibility_snapshot or {}
    rows = []
    for name, value in (snapshot.get("answers") or {}).items():
        if name == "age":
            rows.append(("Age", "—" if value is None else str(value)))
        elif name == DATE_OF_BIRTH:
            born = datetime.date.fromisoformat(value) if value else None
            rows.append((question_label(name), f"{born:%m/%d/%Y}" if born else "—"))
        elif name in ALL_QUESTIONS:
            shown = answer_display(name, value) if value else NOT_ANSWERED
            rows.append((question_label(name), shown))
    status = snapshot.get("status", "")
    determined = snapshot.get("determined_on")
    return {
        "status": EligibilityStatus(status).label if status in STATUS_VALUES else "",
        "reasons": snapshot.get("reasons") or [],
        "rule": EligibilityRule(snapshot["rule"]).label
        if snapshot.get("rule") in EligibilityRule.values
        else "",
        "determined_on": datetime.date.fromisoformat(determined) if determined else None,
        "answers": rows,
    }
