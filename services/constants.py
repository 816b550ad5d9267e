"""Choices of the 9002 seeker-service catalog (seed 003) and the events that trigger services."""

import re

from django.db import models

# The one-time token of a record form (a uuid4 in hex): a double-submitted form records once.
FORM_TOKEN = re.compile(r"^[0-9a-f]{32}$")
# Said above the form when a post carries no token, or a damaged one: it is refused, never
# recorded unprotected. The page shown again carries a fresh token.
FORM_EXPIRED = (
    "This form has expired or was damaged, so nothing was recorded. Check what you entered "
    "below and record the service again."
)


class CaptureMode(models.TextChoices):
    AUTOMATIC = "automatic", "Automatic"
    MANUAL = "manual", "Manual"


class CreditRule(models.TextChoices):
    """Who gets credit for a service (seed 003)."""

    ACTOR = "actor", "The staff member who did it"
    DOB_VERIFIER = "dob_verifier", "The staff member who verified the seeker's date of birth"
    WORKSHOP_REFERRER = (
        "workshop_referrer",
        "The staff member who referred the seeker to the workshop",
    )
    NONE = "none", "Nobody (the seeker's own action)"


class FederalCategory(models.TextChoices):
    """The WIOA kind of service (20 CFR 678.430, TEGL 10-16): what federal reporting counts."""

    SELF_SERVICE = "self_service", "Self-service"
    INFORMATION_ONLY = "information_only", "Information-only"
    BASIC_CAREER = "basic_career", "Basic career service"
    INDIVIDUALIZED = "individualized", "Individualized career service"
    TRAINING = "training", "Training service"
    FOLLOW_UP = "follow_up", "Follow-up service"


# Services of these kinds never make a person a participant nor extend a participation
# period (20 CFR 677.150(a)(3); TEGL 10-16), whatever the catalog's countable flag says.
NOT_PARTICIPATION = (
    FederalCategory.SELF_SERVICE,
    FederalCategory.INFORMATION_ONLY,
    FederalCategory.FOLLOW_UP,
)


class WorkshopCategory(models.TextChoices):
    """The four workshop categories of seed 003, each with its own automatic service."""

    CAREER_SKILLS_ASSESSMENT = "career_skills_assessment", "Career & Skills Assessment"
    CAREER_ADVANCEMENT = "career_advancement", "Career Advancement & Enhancement"
    EDUCATIONAL_PERSONAL_SKILLS = (
        "educational_personal_skills",
        "Educational & Personal Skills Upgrade",
    )
    JOB_SEARCH = "job_search", "Job Search"


class Event(models.TextChoices):
    """Actions that record automatic services (services.events.record_event), from seed 003."""

    STAFF_ENTERED_RECORD = "staff_entered_record", "Staff entered a seeker record"
    MEMBERSHIP_COMPLETED = "membership_completed", "Membership completed, date of birth verified"
    ASSESSMENT_SAVED = "assessment_saved", "Assessment created or edited"
    JOB_REFERRAL = "job_referral", "Referred to a job (by staff or self)"
    SELF_JOB_SEARCH = "self_job_search", "Seeker searched for jobs"
    SERVICE_REFERRAL = "service_referral", "Staff made a service referral"
    TRAINING_PLACEMENT = "training_placement", "Staff placed the seeker in training"
    LMI_STAFF = "lmi_staff", "Staff opened labor market information"
    LMI_SELF = "lmi_self", "Seeker opened labor market information (Hot Jobs)"
    KNOWLEDGE_TEST = "knowledge_test", "Knowledge test entered"
    PROFICIENCY_TEST = "proficiency_test", "Proficiency or clerical test entered"
    WORKKEYS_SCORE = "workkeys_score", "WorkKeys score uploaded"
    WORKSHOP_RESULTED = "workshop_resulted", "Workshop attendance resulted"
    UI_WEEKLY_CLAIM = "ui_weekly_claim", "Weekly unemployment claim filed"
    ETT_ATTENDED = "ett_attended", "Attended ETT changed from N to Y"
    SELF_REGISTRATION = "self_registration", "Seeker completed self-registration"
    STAFF_ASSISTED_REGISTRATION = "staff_assisted_registration", "Staff-assisted registration"
    MO_CONNECTIONS_SELF = "mo_connections_self", "Seeker opened MO Connections"
    OPTIMAL_RESUME_SELF = "optimal_resume_self", "Seeker opened Optimal Resume"
    CR101_REMEDIATION = "cr101_remediation", "Career Ready 101 remediation used (nightly batch)"
    INITIAL_ASSESSMENT = "initial_assessment", "Initial assessment completed (nightly batch)"
