"""Seeker models: the record itself, and the casework kept about it (Case Details, seed 001)."""

from auditlog.registry import auditlog

from seekers.models.casefile import CaseNote, Resume, SeekerDocument
from seekers.models.enrollment import Enrollment, EnrollmentQuestion
from seekers.models.jobs import Employer, JobPosting, JobPostingSent, JobReferral
from seekers.models.plan import Assessment, EmploymentPlan, PlanGoal, PlanStep
from seekers.models.search import SearchLink
from seekers.models.seeker import (
    DEMOGRAPHICS_QUESTIONS,
    DEMOGRAPHICS_STAFF_ONLY,
    ELIGIBILITY_QUESTIONS,
    SEEKER_MASKED_FIELDS,
    Demographics,
    JobSeeker,
    JobSeekerQuerySet,
    NameTerm,
    OtherName,
    name_key,
    ssn_blind_index,
    yes_no_declined,
)

# Casework changes are audited like the seeker; stored-file names are never shown.
for model in [Enrollment, EmploymentPlan, PlanGoal, PlanStep, Assessment, CaseNote, JobReferral,
              JobPostingSent]:  # fmt: skip
    auditlog.register(model)
auditlog.register(SeekerDocument, exclude_fields=["storage_name", "sha256"])
auditlog.register(Resume, exclude_fields=["storage_name", "sha256"])
auditlog.register(EnrollmentQuestion)
auditlog.register(Employer)
auditlog.register(JobPosting)

__all__ = [
    "DEMOGRAPHICS_QUESTIONS", "DEMOGRAPHICS_STAFF_ONLY", "ELIGIBILITY_QUESTIONS",
    "SEEKER_MASKED_FIELDS", "Assessment", "CaseNote", "Demographics", "Employer",
    "EmploymentPlan", "Enrollment", "EnrollmentQuestion", "JobPosting", "JobPostingSent",
    "JobReferral", "JobSeeker", "JobSeekerQuerySet", "NameTerm", "OtherName", "PlanGoal",
    "PlanStep", "Resume", "SearchLink", "SeekerDocument", "name_key", "ssn_blind_index",
    "yes_no_declined",
]  # fmt: skip
