"""Time the Case Details page of a busy seeker (issue 7: p95 under 100 ms with 500 services).

    python manage.py bench_case_details [--services 500] [--runs 200]

Inside one transaction that is rolled back at the end (nothing stays in the database),
it builds a seeker with `--services` services and a full case file (enrollments, plans
with goals and steps, assessments, notes, documents, resumes, job referrals, a hundred
audited changes; `--services-only` leaves the case file out), signs in as the first
active case manager, fetches the page once to warm up, then `--runs` times through
Django's test client (middleware, SQL, templates).
Prints p50, p95 and max in milliseconds and the page's SQL query count; figures go into
docs/performance.md.
"""

from __future__ import annotations

import datetime
import random

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from seekers.constants import (
    ClosureReason,
    DocumentCategory,
    EnrollmentStatus,
    ResumeKind,
    StepKind,
)
from seekers.models import (
    Assessment,
    CaseNote,
    Demographics,
    Employer,
    EmploymentPlan,
    Enrollment,
    JobPosting,
    JobReferral,
    JobSeeker,
    PlanGoal,
    PlanStep,
    Resume,
    SeekerDocument,
)
from workforce.bench import page_time
from workforce.constants import Role
from workforce.models import Program, User


class Rollback(Exception):
    """Raised at the end of the benchmark to undo everything it created."""


class Command(BaseCommand):
    help = "Time the Case Details page of a seeker with many records; prints p50/p95/max."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--services", type=int, default=500)
        parser.add_argument("--runs", type=int, default=200)
        parser.add_argument(
            "--services-only",
            action="store_true",
            help="Only the services: no enrollments, plans, notes, files, referrals, changes.",
        )

    def handle(self, *args: object, services: int, runs: int, services_only: bool,
               **options: object) -> None:  # fmt: skip
        if runs < 1 or services < 0:
            raise CommandError("--runs must be 1 or more and --services 0 or more.")
        user = User.objects.filter(role=Role.CASE_MANAGER, is_active=True).order_by("pk").first()
        if user is None:
            raise CommandError("No case manager: run seed_demo first.")
        try:
            with transaction.atomic():
                seeker = _busy_seeker(user=user, services=services, case_file=not services_only)
                self._time(user, seeker, runs)
                raise Rollback
        except Rollback:
            pass

    def _time(self, user: User, seeker: JobSeeker, runs: int) -> None:
        client = Client()
        client.force_login(user)
        url = reverse("casework:detail", args=[seeker.pk])
        timings = page_time(client=client, url=url, runs=runs)
        self.stdout.write(
            f"Case Details of a seeker with {seeker.services.count()} services, "
            f"{len(timings.first.content):,} bytes, {len(timings.queries)} SQL queries, "
            f"{runs} runs:\n{timings.summary()}"
        )


def _busy_seeker(*, user: User, services: int, case_file: bool = True) -> JobSeeker:
    """A seeker with `services` services and (unless told not to) a full case file."""
    from services.models import ServiceRecord, ServiceType  # services imports seekers, not back
    from services.participation import participation_rebuild

    rng = random.Random(7)  # noqa: S311 (synthetic data, not secrets)
    today = timezone.localdate()
    seeker = JobSeeker.objects.create(
        first_name="Bench", last_name="Marker", date_of_birth=datetime.date(1980, 5, 1),
        created_by=user,
    )  # fmt: skip
    seeker.offices.add(*user.offices.all())
    Demographics.objects.create(seeker=seeker, gender="female", right_to_work="yes",
                                selective_service="not_required", low_income="yes")  # fmt: skip
    entries = list(ServiceType.objects.filter(active=True))
    ServiceRecord.objects.bulk_create(
        ServiceRecord(
            seeker=seeker,
            service_type=rng.choice(entries),
            credited_staff=user,
            recorded_by=user,
            office=user.current_office,
            service_date=today - datetime.timedelta(days=rng.randrange(0, 1500)),
        )
        for _ in range(services)
    )
    participation_rebuild(seeker_ids=[seeker.pk])
    if case_file:
        _case_file(seeker=seeker, user=user, today=today)
    return seeker


def _case_file(*, seeker: JobSeeker, user: User, today: datetime.date) -> None:
    """Closed enrollments in every program, an open one, plans, notes, files, referrals."""
    for program in Program.objects.all():
        Enrollment.objects.create(
            seeker=seeker, program=program, status=EnrollmentStatus.CLOSED, created_by=user,
            attested_by=user, attested_at=timezone.now(), opened_on=today, opened_by=user,
            closed_on=today, closed_by=user, closure_reason=ClosureReason.COMPLETED,
        )  # fmt: skip
    open_enrollment = Enrollment.objects.create(
        seeker=seeker, program=Program.objects.order_by("pk").first(), created_by=user,
        status=EnrollmentStatus.OPEN, attested_by=user, attested_at=timezone.now(),
        opened_on=today, opened_by=user,
    )  # fmt: skip
    for _ in range(5):
        plan = EmploymentPlan.objects.create(seeker=seeker, created_by=user,
                                             enrollment=open_enrollment)  # fmt: skip
        goals = [PlanGoal.objects.create(plan=plan, description=f"Goal {n}") for n in range(5)]
        for n in range(10):
            PlanStep.objects.create(plan=plan, goal=goals[n % 5], kind=StepKind.JOB_SEARCH,
                                    description=f"Step {n}", created_by=user)  # fmt: skip
    for _ in range(3):
        Assessment.objects.create(seeker=seeker, desired_occupation="Cook",
                                  occupation_code="35-2014.00", created_by=user,
                                  updated_by=user)  # fmt: skip
    CaseNote.objects.bulk_create(
        CaseNote(seeker=seeker, author=user, text=f"Called about step {n}.") for n in range(50)
    )
    SeekerDocument.objects.bulk_create(
        SeekerDocument(
            seeker=seeker,
            category=DocumentCategory.OTHER,
            title=f"Document {n}",
            original_name="d.pdf",
            content_type="application/pdf",
            size=1000,
            storage_name=f"bench-{seeker.pk}-{n}",
            uploaded_by=user,
        )
        for n in range(20)
    )
    for n in range(5):
        Resume.objects.create(seeker=seeker, title=f"Resume {n}", kind=ResumeKind.WRITTEN,
                              is_published=n == 0, summary="Cook.", created_by=user,
                              updated_by=user)  # fmt: skip
    employer = Employer.objects.create(name="Bench Foods")
    for n in range(30):
        posting = JobPosting.objects.create(employer=employer, title=f"Cook {n}",
                                            occupation_code="35-2014.00", description="Cook.",
                                            posted_on=today)  # fmt: skip
        JobReferral.objects.create(seeker=seeker, posting=posting, referred_by=user)
    for n in range(100):  # audited changes for the Activity section
        seeker.phone = f"612555{n:04d}"
        seeker.save(update_fields=["phone"])
