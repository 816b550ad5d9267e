"""Choices shared across apps."""

from django.db import models


class OrganizationKind(models.TextChoices):
    STATE_AGENCY = "state_agency", "State workforce agency"
    PARTNER = "partner", "Partner organization (subrecipient)"


class Role(models.TextChoices):
    CASE_MANAGER = "case_manager", "Case manager"
    PARTNER_STAFF = "partner_staff", "Partner staff"
    DVOP = "dvop", "DVOP (veterans specialist)"
    SUPERVISOR = "supervisor", "Supervisor"
    ADMINISTRATOR = "administrator", "Administrator"


# Who may do what, by role; program privileges are separate data (ProgramPrivilege).
# Everyone who serves seekers may reveal an SSN (logged); administrators edit catalogs only.
ROLES_REVEALING_SSN = (Role.CASE_MANAGER, Role.PARTNER_STAFF, Role.DVOP, Role.SUPERVISOR)
ROLES_READING_AUDIT = (Role.SUPERVISOR, Role.ADMINISTRATOR)
# Who registers callers over the phone (seed 000): everyone who serves seekers.
ROLES_REGISTERING = (Role.CASE_MANAGER, Role.PARTNER_STAFF, Role.DVOP, Role.SUPERVISOR)


# The programs every state runs (seeded by migration; administrators add others).
DEFAULT_PROGRAMS = [
    ("wioa-adult", "WIOA Adult"),
    ("wioa-dislocated-worker", "WIOA Dislocated Worker"),
    ("wioa-youth", "WIOA Youth"),
    ("wagner-peyser", "Wagner-Peyser Employment Service"),
    ("jvsg", "Jobs for Veterans State Grant (DVOP)"),
    ("resea", "Reemployment Services and Eligibility Assessment (RESEA)"),
    ("taa", "Trade Adjustment Assistance"),
]


class SearchScope(models.TextChoices):
    """The seed's "in" field beside Quick Search (seed 002, step 2.a.i)."""

    OFFICE = "office", "My office"
    ALL = "all", "All offices"


class PrivilegeLevel(models.TextChoices):
    VIEW = "view", "View enrollments"
    ENROLL = "enroll", "Create and edit enrollments"


class AccessAction(models.TextChoices):
    SSN_REVEAL = "ssn_reveal", "SSN revealed"
    OPTOUT_LOOKUP = "optout_lookup", "Opt-Out Lookup"
