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
