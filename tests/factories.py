"""One factory per model (factory-boy); all data synthetic (Faker)."""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from factory.django import DjangoModelFactory

from optout.models import ConsentChange, Notice, OptInRequest
from registration.models import ConfirmationLetter, GatingAnswer, RegistrationCall, SeekerAccount
from seekers.constants import (
    DocumentCategory,
    EnrollmentStatus,
    PostingStatus,
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
    OtherName,
    PlanGoal,
    PlanStep,
    Resume,
    SeekerDocument,
)
from services.models import ServiceRecord, ServiceType, Workshop, WorkshopReferral
from workforce.constants import AccessAction, OrganizationKind, PrivilegeLevel, Role
from workforce.models import AccessLog, Office, Organization, Program, ProgramPrivilege, User

TEST_PASSWORD = "correct-horse-battery"
_TEST_PASSWORD_HASH = make_password(TEST_PASSWORD)


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"State Agency {n}")
    kind = OrganizationKind.STATE_AGENCY


class PartnerOrganizationFactory(OrganizationFactory):
    name = factory.Sequence(lambda n: f"Partner Council {n}")
    kind = OrganizationKind.PARTNER


class OfficeFactory(DjangoModelFactory):
    class Meta:
        model = Office

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"American Job Center {n}")
    city = factory.Faker("city")


class UserFactory(DjangoModelFactory):
    """A state-agency case manager working in one office, unless told otherwise."""

    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = _TEST_PASSWORD_HASH
    role = Role.CASE_MANAGER
    organization = factory.SubFactory(OrganizationFactory)
    current_office = factory.LazyAttribute(
        lambda u: OfficeFactory(organization=u.organization) if u.organization else None
    )

    @factory.post_generation
    def offices(self, create: bool, extracted: list[Office] | None, **kwargs: object) -> None:
        if create:
            self.offices.set(extracted or ([self.current_office] if self.current_office else []))


class ProgramFactory(DjangoModelFactory):
    class Meta:
        model = Program
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"program-{n}")
    name = factory.Sequence(lambda n: f"Program {n}")


class ProgramPrivilegeFactory(DjangoModelFactory):
    class Meta:
        model = ProgramPrivilege

    user = factory.SubFactory(UserFactory)
    program = factory.SubFactory(ProgramFactory)
    level = PrivilegeLevel.ENROLL


class AccessLogFactory(DjangoModelFactory):
    class Meta:
        model = AccessLog

    user = factory.SubFactory(UserFactory)
    action = AccessAction.SSN_REVEAL
    seeker_id = None
    ip_address = "127.0.0.1"


def _fake_ssn(n: int) -> str:
    """A synthetic SSN that passes validation, different for every n."""
    area = 100 + n % 500
    return f"{area:03d}{10 + n % 89:02d}{1000 + n % 8999:04d}"


class JobSeekerFactory(DjangoModelFactory):
    class Meta:
        model = JobSeeker
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    date_of_birth = factory.Faker(
        "date_between", start_date=datetime.date(1950, 1, 1), end_date=datetime.date(2006, 1, 1)
    )
    phone = factory.Sequence(lambda n: f"612555{n % 10000:04d}")
    email = factory.LazyAttribute(lambda s: f"{s.first_name}.{s.last_name}@example.com".lower())
    address_line1 = factory.Faker("street_address")
    city = factory.Faker("city")
    state = "MN"
    zip_code = factory.Faker("zipcode")

    @factory.post_generation
    def ssn(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        """Pass ssn="231-45-6789", or ssn=False for none; by default a unique synthetic one."""
        if extracted is False:
            return
        value = extracted or _fake_ssn(JobSeekerFactory._next_ssn())
        self.set_ssn(value, pseudo=value.replace("-", "").startswith("9"))
        if create:
            self.save()

    @factory.post_generation
    def offices(self, create: bool, extracted: list[Office] | None, **kwargs: object) -> None:
        if create and extracted:
            self.offices.set(extracted)

    _ssn_counter = 0

    @classmethod
    def _next_ssn(cls) -> int:
        JobSeekerFactory._ssn_counter += 1
        return JobSeekerFactory._ssn_counter


class OtherNameFactory(DjangoModelFactory):
    class Meta:
        model = OtherName

    seeker = factory.SubFactory(JobSeekerFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.LazyAttribute(lambda o: o.seeker.last_name)


class DemographicsFactory(DjangoModelFactory):
    class Meta:
        model = Demographics

    seeker = factory.SubFactory(JobSeekerFactory)
    gender = "female"
    ethnicity = "not_hispanic"
    races = factory.LazyFunction(lambda: ["white"])
    veteran_status = "not_veteran"
    disability = "no"


class RegistrationCallFactory(DjangoModelFactory):
    """A phone registration call; its outcome is whatever the test says."""

    class Meta:
        model = RegistrationCall

    staff = factory.SubFactory(UserFactory)
    office = factory.LazyAttribute(lambda c: c.staff.current_office or OfficeFactory())


class GatingAnswerFactory(DjangoModelFactory):
    class Meta:
        model = GatingAnswer

    call = factory.SubFactory(RegistrationCallFactory)
    question = "a"
    answer = True


class SeekerAccountFactory(DjangoModelFactory):
    class Meta:
        model = SeekerAccount

    seeker = factory.SubFactory(JobSeekerFactory)
    username = factory.Sequence(lambda n: f"seeker{n:04d}")
    password = _TEST_PASSWORD_HASH
    secret_question = "What was the name of your first pet?"
    secret_answer = _TEST_PASSWORD_HASH


class ConfirmationLetterFactory(DjangoModelFactory):
    class Meta:
        model = ConfirmationLetter

    call = factory.SubFactory(RegistrationCallFactory)
    seeker = factory.SubFactory(JobSeekerFactory)
    office = factory.LazyAttribute(lambda letter: letter.call.office)
    body = factory.Faker("paragraph")


class ServiceTypeFactory(DjangoModelFactory):
    class Meta:
        model = ServiceType
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Test service {n}")
    capture_mode = "manual"
    countable = True


class ServiceRecordFactory(DjangoModelFactory):
    class Meta:
        model = ServiceRecord

    seeker = factory.SubFactory(JobSeekerFactory)
    service_type = factory.SubFactory(ServiceTypeFactory)
    service_date = factory.LazyFunction(datetime.date.today)


class WorkshopFactory(DjangoModelFactory):
    class Meta:
        model = Workshop

    title = factory.Sequence(lambda n: f"Resume workshop {n}")
    category = "job_search"
    office = factory.SubFactory(OfficeFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    seats = 20
    created_by = factory.SubFactory(UserFactory)


class WorkshopReferralFactory(DjangoModelFactory):
    class Meta:
        model = WorkshopReferral

    workshop = factory.SubFactory(WorkshopFactory)
    seeker = factory.SubFactory(JobSeekerFactory)
    referred_by = factory.SubFactory(UserFactory)


class OptInRequestFactory(DjangoModelFactory):
    class Meta:
        model = OptInRequest

    seeker = factory.SubFactory(JobSeekerFactory, opted_out=True)
    requested_by = factory.SubFactory(UserFactory)
    client_name = factory.LazyAttribute(lambda r: f"{r.seeker.first_name} {r.seeker.last_name}")
    client_phone = "6125550142"
    reason = "Wants to enroll in WIOA Adult with our office."


class ConsentChangeFactory(DjangoModelFactory):
    class Meta:
        model = ConsentChange

    seeker = factory.SubFactory(JobSeekerFactory)
    opted_out = True
    channel = "phone"
    reason = "The client asked not to share their data."


class NoticeFactory(DjangoModelFactory):
    class Meta:
        model = Notice

    user = factory.SubFactory(UserFactory)
    text = factory.Faker("sentence")


class EnrollmentFactory(DjangoModelFactory):
    """A pending enrollment; pass status/opened_on/attested_at for an open one."""

    class Meta:
        model = Enrollment

    seeker = factory.SubFactory(JobSeekerFactory)
    program = factory.LazyFunction(lambda: Program.objects.get(code="wioa-adult"))
    status = EnrollmentStatus.PENDING
    created_by = factory.SubFactory(UserFactory)


class EmploymentPlanFactory(DjangoModelFactory):
    class Meta:
        model = EmploymentPlan

    seeker = factory.SubFactory(JobSeekerFactory)
    created_by = factory.SubFactory(UserFactory)


class PlanGoalFactory(DjangoModelFactory):
    class Meta:
        model = PlanGoal

    plan = factory.SubFactory(EmploymentPlanFactory)
    description = factory.Faker("sentence", nb_words=6)


class PlanStepFactory(DjangoModelFactory):
    class Meta:
        model = PlanStep

    plan = factory.SubFactory(EmploymentPlanFactory)
    kind = StepKind.JOB_SEARCH
    description = factory.Faker("sentence", nb_words=6)
    created_by = factory.LazyAttribute(lambda s: s.plan.created_by)


class AssessmentFactory(DjangoModelFactory):
    class Meta:
        model = Assessment

    seeker = factory.SubFactory(JobSeekerFactory)
    desired_occupation = "Customer service representative"
    occupation_code = "43-4051.00"
    created_by = factory.SubFactory(UserFactory)
    updated_by = factory.LazyAttribute(lambda a: a.created_by)


class CaseNoteFactory(DjangoModelFactory):
    class Meta:
        model = CaseNote

    seeker = factory.SubFactory(JobSeekerFactory)
    text = factory.Faker("paragraph")
    author = factory.SubFactory(UserFactory)


class SeekerDocumentFactory(DjangoModelFactory):
    """Columns only; tests that download a file upload it through the service instead."""

    class Meta:
        model = SeekerDocument

    seeker = factory.SubFactory(JobSeekerFactory)
    category = DocumentCategory.OTHER
    title = factory.Faker("sentence", nb_words=3)
    original_name = "document.pdf"
    content_type = "application/pdf"
    size = 1000
    storage_name = factory.Sequence(lambda n: f"factory-{n:08d}")
    uploaded_by = factory.SubFactory(UserFactory)


class ResumeFactory(DjangoModelFactory):
    class Meta:
        model = Resume

    seeker = factory.SubFactory(JobSeekerFactory)
    title = "Resume"
    kind = ResumeKind.WRITTEN
    summary = factory.Faker("paragraph")
    created_by = factory.SubFactory(UserFactory)
    updated_by = factory.LazyAttribute(lambda r: r.created_by)


class EmployerFactory(DjangoModelFactory):
    class Meta:
        model = Employer

    name = factory.Faker("company")
    city = factory.Faker("city")
    state = "MN"
    contact_name = factory.Faker("name")
    contact_email = factory.Sequence(lambda n: f"hiring{n}@example.com")


class JobPostingFactory(DjangoModelFactory):
    class Meta:
        model = JobPosting

    employer = factory.SubFactory(EmployerFactory)
    title = "Customer Service Representative"
    occupation_code = "43-4051.00"
    occupation_title = "Customer Service Representatives"
    city = factory.Faker("city")
    state = "MN"
    description = factory.Faker("paragraph")
    status = PostingStatus.OPEN
    posted_on = factory.LazyFunction(timezone.localdate)


class JobReferralFactory(DjangoModelFactory):
    class Meta:
        model = JobReferral

    seeker = factory.SubFactory(JobSeekerFactory)
    posting = factory.SubFactory(JobPostingFactory)
    referred_by = factory.SubFactory(UserFactory)
