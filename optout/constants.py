"""Choices of the data-sharing opt-out (seed 002)."""

from django.db import models


class ConsentChannel(models.TextChoices):
    """How the client asked to change their data-sharing choice."""

    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "By phone"
    SELF_SERVICE = "self_service", "Self-service (the seeker themselves)"
    WRITTEN = "written", "In writing"


class RequestStatus(models.TextChoices):
    """An opt-in request from partner staff (seed 002, steps 4-8)."""

    NEW = "new", "New"
    CONTACTING = "contacting", "Contacting the client"
    OPTED_IN = "opted_in", "Client opted in"
    REMAINS_OPTED_OUT = "remains_opted_out", "Client remains opted out"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN_STATUSES = (RequestStatus.NEW, RequestStatus.CONTACTING)

# Opt-Out Lookups a user may make per hour (OPTOUT_LOOKUPS_PER_HOUR overrides).
DEFAULT_LOOKUPS_PER_HOUR = 20
