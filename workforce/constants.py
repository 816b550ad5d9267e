"""Choices and policies shared across apps: roles, who may do what, time windows."""

import datetime

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
# Everyone who serves seekers: registers callers over the phone (seed 000), works their
# case (services, enrollments, plans, notes, jobs, workshops). The one name for it.
ROLES_SERVING_SEEKERS = (Role.CASE_MANAGER, Role.PARTNER_STAFF, Role.DVOP, Role.SUPERVISOR)
# Setting a seeker's data-sharing choice is state staff's (seed 002): never partner staff.
ROLES_SETTING_CONSENT = (Role.CASE_MANAGER, Role.DVOP, Role.SUPERVISOR)

# A form submitted again with the same content within this window is the same submission
# (a double click, a resend after Back) and creates nothing new.
DOUBLE_SUBMIT_WINDOW = datetime.timedelta(minutes=5)


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
# The eligibility rule of each default program (Program.eligibility_rule).
DEFAULT_PROGRAM_RULES = {
    "wioa-adult": "wioa_adult",
    "wioa-dislocated-worker": "wioa_dislocated_worker",
    "wioa-youth": "wioa_youth",
    "wagner-peyser": "wagner_peyser",
    "jvsg": "jvsg",
    "resea": "resea",
    "taa": "taa",
}
# The program "Referred to WIOA Services" opens a pending enrollment in (seed 003).
WIOA_ADULT = "wioa-adult"


class AlertKind(models.TextChoices):
    """Security signals an administrator should look at (`SecurityAlert`)."""

    SIGNIN_SPRAYING = "signin_spraying", "Many usernames failing to sign in"


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
    DOCUMENT_DOWNLOAD = "document_download", "Document downloaded"
    RESUME_DOWNLOAD = "resume_download", "Resume file downloaded"
    # issue 14 (sessions): an alert, not a read: the user hit an hourly limit and was refused.
    LIMIT_REACHED = "limit_reached", "ALERT: hourly limit reached, refused"


# issue 14 (sessions): reads limited per user per hour, each kind counted together.
ACCESS_ALERT_ACTIONS = (AccessAction.LIMIT_REACHED,)
FILE_DOWNLOAD_ACTIONS = (AccessAction.DOCUMENT_DOWNLOAD, AccessAction.RESUME_DOWNLOAD)


class EligibilityRule(models.TextChoices):
    """Which tested Python rule decides a program's eligibility
    (casework/enrollments/eligibility).

    The rules are law, so they are code (DESIGN.md, principle 7); which rule a
    program uses is data an administrator sets, so a state's own program can reuse one.
    """

    WIOA_ADULT = "wioa_adult", "WIOA Adult (WIOA sec. 3(2))"
    WIOA_DISLOCATED_WORKER = "wioa_dislocated_worker", "WIOA Dislocated Worker (WIOA sec. 3(15))"
    WIOA_YOUTH = "wioa_youth", "WIOA Youth (WIOA sec. 129(a))"
    WAGNER_PEYSER = "wagner_peyser", "Wagner-Peyser (anyone legally able to work)"
    JVSG = "jvsg", "JVSG: veteran or eligible spouse with a significant barrier"
    RESEA = "resea", "RESEA: UI claimant selected by the state"
    TAA = "taa", "Trade Adjustment Assistance: worker of a certified group"
    STAFF_DECIDES = "staff_decides", "No rule: staff determine eligibility"
