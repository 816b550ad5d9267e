"""Choices of the phone registration."""

from django.db import models


class CallOutcome(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    CREATED = "created", "Account created"
    EXISTING_FOUND = "existing_found", "Existing account found"
    DECLINED_A = "declined_a", "Declined at question a"
    DECLINED_B = "declined_b", "Declined at question b"
    DECLINED_C = "declined_c", "Declined at question c"
    ABANDONED = "abandoned", "Abandoned"


class GatingQuestion(models.TextChoices):
    """Seed 000, step 4: the three questions asked after the notice."""

    A = "a", "Question a"
    B = "b", "Question b"
    C = "c", "Question c"


DECLINED_OUTCOME = {
    GatingQuestion.A: CallOutcome.DECLINED_A,
    GatingQuestion.B: CallOutcome.DECLINED_B,
    GatingQuestion.C: CallOutcome.DECLINED_C,
}

# How long an abandoned call may be resumed by its staff member before its draft is purged.
RESUME_HOURS = 24

# issue 12: the Demographics step read aloud. What staff say, as short scripted lines (the
# field labels stay the short names the review and the reports show), and how the page
# groups them. Data, not template text, like the notice's scripts.
DEMOGRAPHICS_INTRO = [
    "Next I have some questions the federal government asks us to report on. Your answers "
    "also help us find services for you. You may choose not to answer any of them.",
]
DEMOGRAPHICS_SCRIPT = {
    "gender": "What is your gender?",
    "ethnicity": "Are you Hispanic or Latino?",
    "races": "What is your race? You may choose more than one.",
    "veteran_status": "Have you served in the U.S. military, or are you the spouse of a veteran?",
    "disability": "Do you have a disability?",
    "education": "What is the highest level of school you have finished?",
    "employment_status": "Are you working right now?",
    "low_income": "Is your household income at or below the low-income level?",
    "ui_claimant": "Are you receiving unemployment insurance benefits?",
    "tanf": "Are you receiving TANF, Temporary Assistance for Needy Families?",
    "snap": "Are you receiving SNAP food support?",
    "ex_offender": "Have you ever been convicted of a crime, or arrested, as an adult or a "
    "juvenile?",
    "homeless": "Are you homeless, or without a fixed, regular place to stay at night?",
    "english_learner": "Are you learning English?",
    "single_parent": "Are you a single parent?",
    "long_term_unemployed": "Have you been out of work for 27 weeks or more in a row?",
    "displaced_homemaker": "Did you keep house for your family, and lose the income that "
    "supported you?",
}
DEMOGRAPHICS_GROUPS = [
    ("About you", ["gender", "ethnicity", "races", "veteran_status", "disability", "education"]),
    ("Work, income and benefits",
     ["employment_status", "low_income", "ui_claimant", "tanf", "snap", "ex_offender"]),
    ("Staff-only questions",
     ["homeless", "english_learner", "single_parent", "long_term_unemployed",
      "displaced_homemaker"]),
]  # fmt: skip
