"""Choices of the 9002 seeker-service catalog (seed 003) and the events that trigger services."""

from django.db import models


class CaptureMode(models.TextChoices):
    AUTOMATIC = "automatic", "Automatic"
    MANUAL = "manual", "Manual"


class CreditRule(models.TextChoices):
    """Who gets credit for a service (seed 003)."""

    ACTOR = "actor", "The staff member who did it"
    NONE = "none", "Nobody (the seeker's own action)"


class Event(models.TextChoices):
    """Actions in the product that record automatic services (services.events.record_event)."""

    STAFF_ASSISTED_REGISTRATION = "staff_assisted_registration", "Staff-assisted registration"
