"""Program eligibility rules (docs/eligibility.md): a table per program, and their properties.

Each case is (answers, expected status, expected missing questions). `who(...)` builds
the answers of a person of a given age on ELIGIBILITY_DAY; unlisted questions are blank.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.enrollments.eligibility import (
    ALL_QUESTIONS,
    RULES,
    Answers,
    EligibilityResult,
    EligibilityStatus,
    answers_snapshot,
    rule_decide,
)
from seekers.models import Demographics
from workforce.constants import EligibilityRule

ELIGIBILITY_DAY = datetime.date(2025, 6, 1)
E, N, U = EligibilityStatus.ELIGIBLE, EligibilityStatus.NOT_ELIGIBLE, EligibilityStatus.UNDETERMINED


def who(age: int = 30, *, on: datetime.date = ELIGIBILITY_DAY, **values: str) -> Answers:
    born = on.replace(year=on.year - age)
    return Answers(values=values, on=on, born=born)


def check(rule: str, answers: Answers, status: EligibilityStatus, missing: tuple) -> None:
    result = rule_decide(rule, answers)
    assert result.status == status, result.reasons
    assert result.missing == missing
    assert result.reasons, "every result says why"


# A woman legally able to work: the Selective Service question does not arise.
OK = {"right_to_work": "yes", "gender": "female"}


WIOA_ADULT = [
    ("30, able to work", who(30, **OK), E, ()),
    ("exactly 18", who(18, **OK), E, ()),
    ("17", who(17, **OK), N, ()),
    ("not able to work", who(30, right_to_work="no", gender="female"), N, ()),
    ("work authorization not asked", who(30, gender="female"), U, ("right_to_work",)),
    ("work authorization declined", who(30, right_to_work="declined", gender="female"), U,
     ("right_to_work",)),
    ("man, Selective Service not asked", who(30, right_to_work="yes", gender="male"), U,
     ("selective_service",)),
    ("man, registered", who(30, right_to_work="yes", gender="male",
                            selective_service="registered"), E, ()),
    ("man, not registered", who(30, right_to_work="yes", gender="male",
                                selective_service="not_registered"), N, ()),
    ("man born before 1960", who(70, right_to_work="yes", gender="male"), E, ()),
    ("gender declined, not registered", who(30, right_to_work="yes", gender="declined",
                                            selective_service="not_registered"), U, ("gender",)),
    ("gender declined, recorded not required", who(30, right_to_work="yes", gender="declined",
                                                   selective_service="not_required"), E, ()),
    ("17 decides even with blanks", who(17), N, ()),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "status", "missing"), [c[1:] for c in WIOA_ADULT],
                         ids=[c[0] for c in WIOA_ADULT])  # fmt: skip
def test_it_decides_wioa_adult(answers: Answers, status: EligibilityStatus, missing: tuple) -> None:
    check(EligibilityRule.WIOA_ADULT, answers, status, missing)


DISLOCATED = [
    ("laid off, UI claimant", who(**OK, laid_off="yes", ui_claimant="yes"), E, ()),
    ("laid off, unlikely to return", who(**OK, laid_off="yes", ui_claimant="no",
                                         unlikely_to_return="yes"), E, ()),
    ("laid off, neither", who(**OK, laid_off="yes", ui_claimant="no", unlikely_to_return="no",
                              self_employment_lost="no", displaced_homemaker="no"), N, ()),
    ("self-employed, business lost", who(**OK, self_employment_lost="yes"), E, ()),
    ("displaced homemaker", who(**OK, displaced_homemaker="yes"), E, ()),
    ("none of the categories", who(**OK, laid_off="no", self_employment_lost="no",
                                   displaced_homemaker="no"), N, ()),
    ("layoff not asked: ask what it hinges on", who(**OK, self_employment_lost="no",
                                                  displaced_homemaker="no"), U,
     ("laid_off", "ui_claimant", "unlikely_to_return")),
    ("laid off, UI declined, return not asked", who(**OK, laid_off="yes", ui_claimant="declined",
                                                    self_employment_lost="no",
                                                    displaced_homemaker="no"), U,
     ("ui_claimant", "unlikely_to_return")),
    ("laid off but not able to work", who(right_to_work="no", gender="female", laid_off="yes",
                                          ui_claimant="yes"), N, ()),
    ("man laid off, Selective Service not asked", who(right_to_work="yes", gender="male",
                                                      laid_off="yes", ui_claimant="yes"), U,
     ("selective_service",)),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "status", "missing"), [c[1:] for c in DISLOCATED],
                         ids=[c[0] for c in DISLOCATED])  # fmt: skip
def test_it_decides_wioa_dislocated_worker(
    answers: Answers, status: EligibilityStatus, missing: tuple
) -> None:
    check(EligibilityRule.WIOA_DISLOCATED_WORKER, answers, status, missing)


YOUTH = [
    ("in school, 17, low income, basic skills deficient",
     who(17, **OK, in_school="yes", low_income="yes", basic_skills_deficient="yes"), E, ()),
    ("in school, 22: too old for in-school, in school for out-of-school",
     who(22, **OK, in_school="yes", low_income="yes", homeless="yes"), N, ()),
    ("in school, 16, not low income", who(16, **OK, in_school="yes", low_income="no",
                                          homeless="yes"), N, ()),
    ("out of school, 19, homeless", who(19, **OK, in_school="no", homeless="yes"), E, ()),
    ("out of school dropout", who(19, **OK, in_school="no", education="some_high_school"), E, ()),
    ("out of school, basic skills deficient but not low income",
     who(19, **OK, in_school="no", education="high_school", basic_skills_deficient="yes",
         english_learner="no", low_income="no", ex_offender="no", homeless="no",
         foster_care="no", pregnant_or_parenting="no", disability="no"), N, ()),
    ("out of school English learner, low income",
     who(16, **OK, in_school="no", education="high_school", english_learner="yes",
         low_income="yes"), E, ()),
    ("out of school, 25", who(25, **OK, in_school="no", homeless="yes"), N, ()),
    ("13", who(13, **OK, in_school="yes", low_income="yes", homeless="yes"), N, ()),
    ("school attendance not asked", who(18, **OK, homeless="yes", low_income="yes"), U,
     ("in_school",)),
    ("in school, low income not asked", who(15, **OK, in_school="yes",
                                            basic_skills_deficient="yes"), U, ("low_income",)),
    ("in school, 17, low income, barrier declined",
     who(17, **OK, in_school="yes", low_income="yes", basic_skills_deficient="no",
         english_learner="no", ex_offender="no", homeless="no", foster_care="no",
         pregnant_or_parenting="no", disability="declined"), U, ("disability",)),
    ("out of school, 19, pregnant, not able to work",
     who(19, right_to_work="no", gender="female", in_school="no", pregnant_or_parenting="yes"),
     N, ()),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "status", "missing"), [c[1:] for c in YOUTH],
                         ids=[c[0] for c in YOUTH])  # fmt: skip
def test_it_decides_wioa_youth(answers: Answers, status: EligibilityStatus, missing: tuple) -> None:
    check(EligibilityRule.WIOA_YOUTH, answers, status, missing)


WAGNER_PEYSER = [
    ("able to work", who(right_to_work="yes"), E, ()),
    ("not able to work", who(right_to_work="no"), N, ()),
    ("not asked", who(), U, ("right_to_work",)),
    ("declined", who(right_to_work="declined"), U, ("right_to_work",)),
    ("16, able to work: no age limit", who(16, right_to_work="yes"), E, ()),
    ("man, Selective Service not asked: not a Wagner-Peyser condition",
     who(30, right_to_work="yes", gender="male"), E, ()),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "status", "missing"), [c[1:] for c in WAGNER_PEYSER],
                         ids=[c[0] for c in WAGNER_PEYSER])  # fmt: skip
def test_it_decides_wagner_peyser(
    answers: Answers, status: EligibilityStatus, missing: tuple
) -> None:
    check(EligibilityRule.WAGNER_PEYSER, answers, status, missing)


NO_BARRIER = {"disability": "no", "homeless": "no", "long_term_unemployed": "no",
              "ex_offender": "no", "education": "high_school", "low_income": "no"}  # fmt: skip
JVSG = [
    ("veteran, homeless", who(40, veteran_status="veteran", homeless="yes"), E, ()),
    ("eligible spouse, low income", who(40, veteran_status="eligible_spouse",
                                        low_income="yes"), E, ()),
    ("not a veteran, homeless", who(40, veteran_status="not_veteran", homeless="yes"), N, ()),
    ("veteran aged 22 with no other barrier", who(22, veteran_status="veteran", **NO_BARRIER),
     E, ()),
    ("veteran aged 40, no barrier", who(40, veteran_status="veteran", **NO_BARRIER), N, ()),
    ("spouse aged 22, no barrier: the age barrier is a veteran's",
     who(22, veteran_status="eligible_spouse", **NO_BARRIER), N, ()),
    ("veteran, no diploma", who(40, veteran_status="veteran", education="some_high_school"),
     E, ()),
    ("veteran, unemployed 27 weeks", who(40, veteran_status="veteran",
                                         long_term_unemployed="yes"), E, ()),
    ("veteran status declined", who(40, veteran_status="declined", homeless="yes"), U,
     ("veteran_status",)),
    ("veteran, barriers not asked", who(40, veteran_status="veteran"), U,
     ("disability", "homeless", "long_term_unemployed", "ex_offender", "education",
      "low_income")),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "status", "missing"), [c[1:] for c in JVSG],
                         ids=[c[0] for c in JVSG])  # fmt: skip
def test_it_decides_jvsg(answers: Answers, status: EligibilityStatus, missing: tuple) -> None:
    check(EligibilityRule.JVSG, answers, status, missing)


RESEA = [
    ("claimant, selected", who(ui_claimant="yes", resea_selected="yes"), E, ()),
    ("claimant, not selected", who(ui_claimant="yes", resea_selected="no"), N, ()),
    ("not a claimant", who(ui_claimant="no", resea_selected="yes"), N, ()),
    ("claimant, selection not asked", who(ui_claimant="yes"), U, ("resea_selected",)),
    ("claim declined", who(ui_claimant="declined", resea_selected="yes"), U, ("ui_claimant",)),
    ("not a claimant decides with blanks", who(ui_claimant="no"), N, ()),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "status", "missing"), [c[1:] for c in RESEA],
                         ids=[c[0] for c in RESEA])  # fmt: skip
def test_it_decides_resea(answers: Answers, status: EligibilityStatus, missing: tuple) -> None:
    check(EligibilityRule.RESEA, answers, status, missing)


TAA = [
    ("certified petition, laid off", who(taa_certified="yes", laid_off="yes"), E, ()),
    ("no certified petition", who(taa_certified="no", laid_off="yes"), N, ()),
    ("certified petition, not laid off", who(taa_certified="yes", laid_off="no"), N, ()),
    ("petition not asked", who(laid_off="yes"), U, ("taa_certified",)),
    ("layoff declined", who(taa_certified="yes", laid_off="declined"), U, ("laid_off",)),
    ("nothing asked", who(), U, ("taa_certified", "laid_off")),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "status", "missing"), [c[1:] for c in TAA],
                         ids=[c[0] for c in TAA])  # fmt: skip
def test_it_decides_taa(answers: Answers, status: EligibilityStatus, missing: tuple) -> None:
    check(EligibilityRule.TAA, answers, status, missing)


STAFF = [
    ("nothing asked", who()),
    ("everything yes", who(**dict.fromkeys(["right_to_work", "laid_off", "ui_claimant"], "yes"))),
    ("a youth", who(16, in_school="yes")),
    ("a veteran", who(40, veteran_status="veteran", homeless="yes")),
    ("70", who(70, right_to_work="yes")),
]  # fmt: skip


@pytest.mark.parametrize("answers", [c[1] for c in STAFF], ids=[c[0] for c in STAFF])
def test_it_leaves_staff_decides_programs_undetermined(answers: Answers) -> None:
    result = rule_decide(EligibilityRule.STAFF_DECIDES, answers)
    assert result.status == U and result.missing == ()
    assert result.reasons == ("Staff determine eligibility for this program.",)


def test_it_has_a_rule_function_for_every_eligibility_rule_choice() -> None:
    assert set(RULES) == set(EligibilityRule.values)
    for rule in EligibilityRule.values:
        assert isinstance(rule_decide(rule, who()), EligibilityResult)
        assert RULES[rule].__doc__, f"{rule} has no docstring"


def test_it_says_a_declined_answer_was_declined() -> None:
    result = rule_decide(EligibilityRule.WAGNER_PEYSER, who(right_to_work="declined"))
    assert "preferred not to answer" in result.reasons[0]
    assert result.missing_labels == ["Legally eligible to work in the United States"]


def test_it_records_the_answers_a_rule_read_and_the_age() -> None:
    result = rule_decide(EligibilityRule.WIOA_ADULT, who(30, **OK, homeless="yes"))
    assert result.answers_used["right_to_work"] == "yes"
    assert result.answers_used["age"] == 30
    assert "homeless" not in result.answers_used


def test_it_builds_answers_from_the_seekers_demographics() -> None:
    from tests.factories import JobSeekerFactory

    seeker = JobSeekerFactory.build(date_of_birth=datetime.date(2000, 6, 2))
    demographics = Demographics(seeker=seeker, right_to_work="yes", races=["asian"])
    answers = answers_snapshot(seeker=seeker, demographics=demographics, on=ELIGIBILITY_DAY)
    assert answers.values["right_to_work"] == "yes" and answers.values["laid_off"] == ""
    assert answers.age == 24  # the 25th birthday is the day after
    empty = answers_snapshot(seeker=seeker, demographics=None, on=ELIGIBILITY_DAY)
    assert set(empty.values) == set(ALL_QUESTIONS) and not any(empty.values.values())


# --- Properties ---------------------------------------------------------------------------

days = st.dates(min_value=datetime.date(2015, 1, 1), max_value=datetime.date(2035, 12, 31))
births = st.dates(min_value=datetime.date(1930, 1, 1), max_value=datetime.date(2025, 12, 31))


@given(born=births, on=days)
def test_it_makes_an_adult_eligible_from_the_18th_birthday(
    born: datetime.date, on: datetime.date
) -> None:
    from seekers.age import age_on

    answers = Answers(values=OK, on=on, born=born)
    eligible = rule_decide(EligibilityRule.WIOA_ADULT, answers).is_eligible
    assert eligible == (age_on(born, on) >= 18)


@given(born=births, on=days)
def test_it_takes_in_school_youth_from_14_to_21(born: datetime.date, on: datetime.date) -> None:
    from seekers.age import age_on

    values = {**OK, "in_school": "yes", "low_income": "yes", "homeless": "yes"}
    result = rule_decide(EligibilityRule.WIOA_YOUTH, Answers(values=values, on=on, born=born))
    assert result.is_eligible == (14 <= age_on(born, on) <= 21)


def _choices(name: str) -> list[str]:
    return ["", *(value for value, _ in Demographics._meta.get_field(name).flatchoices if value)]


ASKED = [name for name in ALL_QUESTIONS if name != "races"]
answer_sets = st.fixed_dictionaries({name: st.sampled_from(_choices(name)) for name in ASKED})


@given(rule=st.sampled_from(EligibilityRule.values), values=answer_sets, fill=answer_sets,
       born=births)  # fmt: skip
def test_it_never_decides_on_a_blank_or_declined_answer(
    rule: str, values: dict, fill: dict, born: datetime.date
) -> None:
    """Eligible or not eligible stays so whatever the blank or declined answers turn out to be."""
    before = rule_decide(rule, Answers(values=values, on=ELIGIBILITY_DAY, born=born))
    filled = {
        name: (fill[name] if value in ("", "declined") else value) for name, value in values.items()
    }
    after = rule_decide(rule, Answers(values=filled, on=ELIGIBILITY_DAY, born=born))
    if before.status != U:
        assert after.status == before.status
    elif rule != EligibilityRule.STAFF_DECIDES:
        assert before.missing, "an undetermined result lists what to ask"
