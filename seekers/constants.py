"""Choices for seeker records, in the words of federal reporting (PIRL) where one applies."""

from django.db import models

# Every demographic question may be declined (seed 000's notice: "You do not need to give us
# this information"); PIRL records the answer as "did not self-identify".
DECLINED_LABEL = "Prefers not to answer"


class AccountType(models.TextChoices):
    SELF_SERVICE = "self_service", "Self-service"
    STAFF_ASSISTED = "staff_assisted", "Staff-assisted"


class YesNoDeclined(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    DECLINED = "declined", DECLINED_LABEL


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    DECLINED = "declined", DECLINED_LABEL


class Ethnicity(models.TextChoices):
    HISPANIC = "hispanic", "Hispanic or Latino"
    NOT_HISPANIC = "not_hispanic", "Not Hispanic or Latino"
    DECLINED = "declined", DECLINED_LABEL


class Race(models.TextChoices):
    AMERICAN_INDIAN = "american_indian", "American Indian or Alaska Native"
    ASIAN = "asian", "Asian"
    BLACK = "black", "Black or African American"
    PACIFIC_ISLANDER = "pacific_islander", "Native Hawaiian or Other Pacific Islander"
    WHITE = "white", "White"
    DECLINED = "declined", DECLINED_LABEL


class VeteranStatus(models.TextChoices):
    NOT_VETERAN = "not_veteran", "Not a veteran"
    VETERAN = "veteran", "Veteran"
    ELIGIBLE_SPOUSE = "eligible_spouse", "Eligible spouse of a veteran"
    DECLINED = "declined", DECLINED_LABEL


class Disability(models.TextChoices):
    YES = "yes", "Has a disability"
    NO = "no", "No disability"
    DECLINED = "declined", DECLINED_LABEL


class Education(models.TextChoices):
    NONE = "none", "No school grade completed"
    SOME_HIGH_SCHOOL = "some_high_school", "Some high school"
    HIGH_SCHOOL = "high_school", "High school diploma or equivalent"
    SOME_COLLEGE = "some_college", "Some college, no degree"
    ASSOCIATE = "associate", "Associate degree"
    BACHELOR = "bachelor", "Bachelor's degree"
    GRADUATE = "graduate", "Graduate degree"
    DECLINED = "declined", DECLINED_LABEL


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", "Employed"
    EMPLOYED_NOTICE = "employed_notice", "Employed, received notice of termination"
    UNEMPLOYED = "unemployed", "Not employed"
    DECLINED = "declined", DECLINED_LABEL


class SelectiveService(models.TextChoices):
    """Registration with the Selective Service System (WIOA sec. 189(h)), asked by staff."""

    REGISTERED = "registered", "Registered"
    NOT_REGISTERED = "not_registered", "Not registered"
    NOT_REQUIRED = "not_required", "Not required (female, born before 1960, or exempt)"


class EnrollmentStatus(models.TextChoices):
    """Seed 001: "pending, open, or closed enrollments"."""

    PENDING = "pending", "Pending"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class EnrollmentOrigin(models.TextChoices):
    STAFF = "staff", "Enrolled by staff"
    WIOA_REFERRAL = "wioa_referral", "Referred to WIOA Services (membership)"


class ClosureReason(models.TextChoices):
    COMPLETED = "completed", "Completed the program's services"
    EMPLOYED = "employed", "Entered employment"
    NOT_ELIGIBLE = "not_eligible", "Found not eligible"
    NO_CONTACT = "no_contact", "Could not be contacted"
    MOVED = "moved", "Moved out of the area"
    DECLINED = "declined", "Declined further services"
    HEALTH = "health", "Health or medical reasons"
    ENTERED_IN_ERROR = "entered_in_error", "Entered in error"
    OTHER = "other", "Other (explain in the note)"


class QuestionKind(models.TextChoices):
    YES_NO = "yes_no", "Yes or no"
    DATE = "date", "Date"
    TEXT = "text", "Short text"
    CHOICE = "choice", "One of a list"


class PlanKind(models.TextChoices):
    EMPLOYMENT_PLAN = "employment_plan", "Employment plan"
    IEP = "iep", "Individual employment plan (IEP)"


class PlanStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class GoalStatus(models.TextChoices):
    OPEN = "open", "Open"
    MET = "met", "Met"
    NOT_MET = "not_met", "Not met"


class StepKind(models.TextChoices):
    """What a plan step is; TRAINING is seed 003's "training level service" (Placed in Training)."""

    JOB_SEARCH = "job_search", "Job search"
    CAREER_SERVICE = "career_service", "Career service"
    TRAINING = "training", "Training"
    EDUCATION = "education", "Education"
    SUPPORTIVE = "supportive", "Supportive service"
    OTHER = "other", "Other"


class StepStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


class DocumentCategory(models.TextChoices):
    IDENTIFICATION = "identification", "Identification"
    WORK_AUTHORIZATION = "work_authorization", "Work authorization"
    MILITARY = "military", "Military service (DD-214)"
    LAYOFF = "layoff", "Layoff or separation notice"
    INCOME = "income", "Income or benefits"
    EDUCATION = "education", "Education or training"
    SIGNED_FORM = "signed_form", "Signed form"
    OTHER = "other", "Other"


class ResumeKind(models.TextChoices):
    WRITTEN = "written", "Written here"
    UPLOADED = "uploaded", "Uploaded file"


class PostingStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ReferralOutcome(models.TextChoices):
    PENDING = "pending", "Waiting for the employer"
    HIRED = "hired", "Hired"
    NOT_HIRED = "not_hired", "Not hired"
    DID_NOT_APPLY = "did_not_apply", "Did not apply"
