"""Limits and names of the job search and referrals, shared by its reads, writes and forms."""

from __future__ import annotations

import re

from seekers.constants import ReferralOutcome

PAGE_SIZE = 20
SECTION_SHOWN = 15  # referrals (and postings sent) listed on Case Details, newest first
KEYWORDS_MAX_LENGTH = 200
OCCUPATION_MAX_LENGTH = 100
OCCUPATION_MAX_WORDS = 8
# What staff type to search by occupation code: a prefix of an O*NET-SOC code, "43", "43-",
# "43-4051" or "43-4051.00". Anything else holding a digit is a mistyped code.
OCCUPATION_CODE_PREFIX = re.compile(r"^\d{2}(-(\d{1,4}(\.\d{0,2})?)?)?$")
OUTCOMES_RECORDED = [
    ReferralOutcome.HIRED,
    ReferralOutcome.NOT_HIRED,
    ReferralOutcome.DID_NOT_APPLY,
]
# The signing namespace keeps its old value, so tokens on pages already open stay valid.
SEND_TOKEN_SALT = "seekers.jobs.posting-send"  # noqa: S105 (a signing namespace)
SEND_TOKEN_MAX_AGE = 8 * 60 * 60  # a working day
