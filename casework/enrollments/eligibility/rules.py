"""One small rule per program (workforce.constants.EligibilityRule); sources in docs/eligibility.md.

Each rule takes the seeker's `Answers` and returns an `EligibilityResult`. A blank or
declined answer the rule needs makes the result undetermined with that question listed,
never silently eligible. Staff confirm with documents; the rule says what the answers
say, and the Enroll button appears only when it says "eligible".
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from casework.enrollments.eligibility.answers import Answers
from casework.enrollments.eligibility.logic import (
    EligibilityResult,
    EligibilityStatus,
    Finding,
    age_between,
    all_of,
    answer_in,
    any_of,
    decide,
    met,
    no,
    not_met,
    unknown,
    yes,
)
from seekers.constants import Education, Gender, SelectiveService, VeteranStatus
from workforce.constants import EligibilityRule

Rule = Callable[[Answers], EligibilityResult]

# WIOA sec. 189(h) and the Military Selective Service Act: men born on or after this day.
SELECTIVE_SERVICE_BORN_FROM = datetime.date(1960, 1, 1)
SELECTIVE_SERVICE_AGE = 18
NO_DIPLOMA = {Education.NONE, Education.SOME_HIGH_SCHOOL}


# --- Requirements several programs share -------------------------------------------------


def work_authorized(a: Answers) -> Finding:
    """Legally able to work in the United States (WIOA sec. 188(a)(5); 20 CFR 652 for ES)."""
    return yes(a, "right_to_work")


def selective_service_ok(a: Answers) -> Finding:
    """Registered with the Selective Service, or not required to be (WIOA sec. 189(h)).

    Required of men born on or after January 1, 1960, from age 18. Staff may record
    "not required" (female, exempt). A man who did not register is not eligible here:
    if he is past 26 and his failure was not knowing and willful, staff decide that on
    evidence (20 CFR 683.225) and record "not required".
    """
    answer = a.get("selective_service")
    if answer == SelectiveService.REGISTERED:
        return met("Registered with the Selective Service.")
    if answer == SelectiveService.NOT_REQUIRED:
        return met("Selective Service registration: recorded as not required.")
    if a.born is not None and a.born < SELECTIVE_SERVICE_BORN_FROM:
        return met("Born before January 1, 1960: Selective Service registration not required.")
    age = a.age
    if age is not None and age < SELECTIVE_SERVICE_AGE:
        return met("Under 18: Selective Service registration not required yet.")
    gender = a.get("gender")
    if gender == Gender.FEMALE:
        return met("Selective Service registration is required of men only.")
    if answer == SelectiveService.NOT_REGISTERED:
        if gender == Gender.MALE:
            return not_met(
                "Not registered with the Selective Service, which men born on or after "
                "January 1, 1960 must be (WIOA sec. 189(h)). Under 26 he can register now; "
                "past 26, if his failure to register was not knowing and willful, staff may "
                "record registration as not required."
            )
        return unknown(
            "gender",
            "Not registered with the Selective Service, which only men must be; gender "
            "is not known (blank or not given), so staff must determine it.",
        )
    return unknown("selective_service")


def no_diploma(a: Answers) -> Finding:
    """No high school diploma or equivalent (from the highest education completed)."""
    value = a.get("education")
    finding = answer_in(a, "education", NO_DIPLOMA)
    if finding.met is True:
        return met(f"No high school diploma or equivalent ({finding.reasons[0][:-1]}).")
    if finding.met is False and value:
        return not_met("Has a high school diploma or equivalent.")
    return finding


# --- The rules ---------------------------------------------------------------------------


def wioa_adult(a: Answers) -> EligibilityResult:
    """WIOA Adult: 18 or older, legally able to work, Selective Service registered if
    required (WIOA sec. 3(2), sec. 188(a)(5), sec. 189(h); 20 CFR 680.120)."""
    return decide(a, all_of(age_between(a, 18), work_authorized(a), selective_service_ok(a)))


def wioa_dislocated_worker(a: Answers) -> EligibilityResult:
    """WIOA Dislocated Worker (WIOA sec. 3(15)): laid off or given notice and a UI claimant
    or unlikely to return to the industry; or self-employed and lost the business; or a
    displaced homemaker; and legally able to work, Selective Service registered if required."""
    laid_off = all_of(
        yes(a, "laid_off"),
        any_of(
            yes(a, "ui_claimant"),
            yes(a, "unlikely_to_return"),
            none="Laid off, but neither receiving unemployment insurance nor unlikely to "
            "return to the previous industry or occupation.",
        ),
    )
    category = any_of(
        laid_off,
        yes(a, "self_employment_lost"),
        yes(a, "displaced_homemaker"),
        none="Not a dislocated worker: not laid off (or given notice), not self-employed "
        "and lost the business, not a displaced homemaker (WIOA sec. 3(15)).",
    )
    return decide(a, all_of(category, work_authorized(a), selective_service_ok(a)))


def _youth_barriers(a: Answers) -> list[Finding]:
    """The barriers in-school and out-of-school youth share (WIOA sec. 129(a)(1))."""
    return [
        yes(a, "ex_offender"),
        yes(a, "homeless"),
        yes(a, "foster_care"),
        yes(a, "pregnant_or_parenting"),
        yes(a, "disability"),
    ]


def wioa_youth(a: Answers) -> EligibilityResult:
    """WIOA Youth (WIOA sec. 129(a)(1)).

    In-school youth: attending school, 14 to 21, low income, and basic skills deficient,
    an English learner, an offender, homeless or in foster care, pregnant or parenting,
    or with a disability. Out-of-school youth: not attending school, 16 to 24, and a
    dropout, basic skills deficient or an English learner who is low income, an
    offender, homeless or in foster care, pregnant or parenting, or with a disability.
    Both: legally able to work, Selective Service registered if required.
    """
    in_school = all_of(
        yes(a, "in_school"),
        age_between(a, 14, 21),
        yes(a, "low_income"),
        any_of(
            yes(a, "basic_skills_deficient"),
            yes(a, "english_learner"),
            *_youth_barriers(a),
            none="No barrier of an in-school youth.",
        ),
    )
    out_of_school = all_of(
        no(a, "in_school"),
        age_between(a, 16, 24),
        any_of(
            no_diploma(a),
            all_of(
                any_of(
                    yes(a, "basic_skills_deficient"),
                    yes(a, "english_learner"),
                    none="Neither basic skills deficient nor an English learner.",
                ),
                yes(a, "low_income"),
            ),
            *_youth_barriers(a),
            none="No barrier of an out-of-school youth.",
        ),
    )
    youth = any_of(
        in_school,
        out_of_school,
        none="Neither an in-school youth (attending school, 14 to 21, low income, with a "
        "barrier) nor an out-of-school youth (not in school, 16 to 24, with a barrier):",
        explain=True,
    )
    return decide(a, all_of(youth, work_authorized(a), selective_service_ok(a)))


def wagner_peyser(a: Answers) -> EligibilityResult:
    """Wagner-Peyser Employment Service: anyone legally able to work (20 CFR part 652)."""
    return decide(a, work_authorized(a))


def jvsg(a: Answers) -> EligibilityResult:
    """JVSG (DVOP services, 38 U.S.C. 4103A): a veteran or eligible spouse with a significant
    barrier to employment (VPL 03-14; VPL 04-14 added veterans aged 18 to 24): a
    disability, homeless, recently separated and unemployed 27 or more weeks, an offender,
    no high school diploma, low income, or a veteran aged 18 to 24."""
    young_veteran = all_of(
        answer_in(a, "veteran_status", {VeteranStatus.VETERAN}), age_between(a, 18, 24)
    )
    barrier = any_of(
        yes(a, "disability"),
        yes(a, "homeless"),
        yes(a, "long_term_unemployed"),
        yes(a, "ex_offender"),
        no_diploma(a),
        yes(a, "low_income"),
        young_veteran,
        none="No significant barrier to employment: no disability, not homeless, not "
        "unemployed 27 weeks or more, not an ex-offender, has a diploma, not low income, "
        "not a veteran aged 18 to 24.",
    )
    veteran = answer_in(a, "veteran_status", {VeteranStatus.VETERAN, VeteranStatus.ELIGIBLE_SPOUSE})
    return decide(a, all_of(veteran, barrier))


def resea(a: Answers) -> EligibilityResult:
    """RESEA (Social Security Act sec. 306): a UI claimant the state selected for RESEA."""
    return decide(a, all_of(yes(a, "ui_claimant"), yes(a, "resea_selected")))


def taa(a: Answers) -> EligibilityResult:
    """Trade Adjustment Assistance (Trade Act of 1974 sec. 222 and 231; 20 CFR part 618):
    a worker laid off from a firm covered by a certified petition."""
    return decide(a, all_of(yes(a, "taa_certified"), yes(a, "laid_off")))


def staff_decides(a: Answers) -> EligibilityResult:
    """No rule: a program an administrator added without one; staff decide."""
    return EligibilityResult(
        EligibilityStatus.UNDETERMINED,
        ("Staff determine eligibility for this program.",),
        (),
        a.used(),
    )


RULES: dict[str, Rule] = {
    EligibilityRule.WIOA_ADULT: wioa_adult,
    EligibilityRule.WIOA_DISLOCATED_WORKER: wioa_dislocated_worker,
    EligibilityRule.WIOA_YOUTH: wioa_youth,
    EligibilityRule.WAGNER_PEYSER: wagner_peyser,
    EligibilityRule.JVSG: jvsg,
    EligibilityRule.RESEA: resea,
    EligibilityRule.TAA: taa,
    EligibilityRule.STAFF_DECIDES: staff_decides,
}
