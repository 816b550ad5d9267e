"""The wizard's round trip as a property (issue 12): whatever staff do on a call (go
forward, look back, change an answer, save a step again as it stands), the account
created is the one a straight-through call with the caller's latest answers creates."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import transaction
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
    run_state_machine_as_test,
)

from registration import services, steps
from registration.models import RegistrationCall
from registration.notices.selectors import notice_current
from seekers.constants import Race
from seekers.models import Demographics
from tests.conftest import client_for
from tests.registration.calls import DEMOGRAPHICS, url
from tests.registration.roundtrip import created_then_undone, resave
from workforce.models import User

pytestmark = pytest.mark.django_db

NAMES = st.sampled_from(["Ann", "José", "O'Brien", "Smith-Jones", "Straße", "Ørsted", "Ng"])
BORN = st.dates(datetime.date(1930, 1, 1), datetime.date(2005, 12, 31))
DATE_FORMATS = st.sampled_from(["%m/%d/%Y", "%Y-%m-%d", "%m-%d-%Y"])
REACH = st.sampled_from([
    {"email": "ann.doe@example.com"},
    {"email": "Ann.Doe@Example.org", "address_line1": "1 Main St", "city": "Ely", "state": "MN",
     "zip_code": "55731"},
    {"no_email": "on", "address_line1": "12 Lake St", "city": "Duluth", "state": "mn",
     "zip_code": "55802-1234"},
])  # fmt: skip
CONTACTS = st.builds(
    lambda first, last, middle, suffix, others, born, fmt, phone, reach: {
        "first_name": first, "last_name": last, "middle_name": middle, "suffix": suffix,
        "other_names": others, "date_of_birth": born.strftime(fmt), "phone": phone, **reach,
    },
    NAMES, NAMES, st.sampled_from(["", "Marie"]), st.sampled_from(["", "Jr."]),
    st.sampled_from(["", "Annie Smith", "Peggy Larsen; Margaret Ann Larsen", " Ted ;; "]),
    BORN, DATE_FORMATS, st.sampled_from(["", "612-555-0100", "(651) 555 0199", "612.555.0123"]),
    REACH,
)  # fmt: skip
SSNS = st.sampled_from([
    {"choice": "real", "ssn": "231-45-6789"}, {"choice": "real", "ssn": "501223344"},
    {"choice": "chosen", "ssn": "999-12-3456"}, {"choice": "chosen", "ssn": "987 65 4321"},
    {"choice": "generate"},
])  # fmt: skip
CREDENTIALS = st.builds(
    lambda username, password, question, answer: {
        "username": username, "password": password, "secret_answer": answer, **question},
    st.sampled_from(["anndoe75", "Peggy.L1960", "caller_one"]),
    st.sampled_from(["Blue-Heron-Lake", "Green-Pine-Forest"]),
    st.sampled_from([{"secret_question": "What city were you born in?"},
                     {"secret_question": "custom", "custom_question": "Where did we meet?"}]),
    st.sampled_from(["At The Lake", " rex  the dog "]),
)  # fmt: skip


def _choices(name: str) -> list[str]:
    return [value for value, _ in Demographics._meta.get_field(name).choices if value]


RACES = st.one_of(
    st.just([Race.DECLINED.value]),
    st.lists(st.sampled_from([r for r in Race.values if r != Race.DECLINED]), min_size=1,
             max_size=3, unique=True),
)  # fmt: skip
DEMOGRAPHIC_ANSWERS = st.fixed_dictionaries(
    {name: RACES if name == "races" else st.sampled_from(_choices(name)) for name in DEMOGRAPHICS}
)
FORWARD = ["contact", "ssn", "credentials", "demographics"]
REVISITABLE = ["existing", "notice", "questions", *FORWARD, "review"]


def _at_contact(staff: User) -> RegistrationCall:
    """A call through the search, notice and questions (by services: those steps are not
    what this property is about, and each example makes two calls)."""
    call = services.call_start(staff=staff)
    services.call_search_record(call=call, text="Nobody")
    services.call_no_match_confirm(call=call)
    services.call_notice_read(call=call, version=notice_current())
    services.call_answers_record(call=call, answers={"a": True, "b": True, "c": True})
    return call


class WizardCall(RuleBasedStateMachine):
    """One call of one staff member; the database is rolled back after each example."""

    def __init__(self, staff: User) -> None:
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.client = client_for(staff)
        self.call = _at_contact(staff)
        self.answers: dict[str, dict] = {}  # the caller's latest answer to each step
        self.generated = ""  # the number made up at the SSN step, once one was

    def _first_incomplete(self) -> str:
        self.call = RegistrationCall.objects.get(pk=self.call.pk)
        return steps.first_incomplete(self.call)

    def _save(self, step: str, data: dict) -> None:
        response = self.client.post(url(step, self.call), data)
        assert response.status_code == 302, (step, data, response.content.decode()[-1500:])
        self.answers[step] = data
        self.call.refresh_from_db()
        if step == "ssn":
            self.generated = self.call.draft_ssn if data["choice"] == "generate" else ""

    @initialize(
        contact=CONTACTS, ssn=SSNS, credentials=CREDENTIALS, demographics=DEMOGRAPHIC_ANSWERS
    )
    def plan(self, contact: dict, ssn: dict, credentials: dict, demographics: dict) -> None:
        """What the caller will first say at each step."""
        self.planned = dict(zip(FORWARD, [contact, ssn, credentials, demographics], strict=True))

    @rule()
    def forward(self) -> None:
        """Answer the first step not done yet."""
        step = self._first_incomplete()
        if step in self.planned:
            self._save(step, self.answers.get(step, self.planned[step]))

    @rule(step=st.sampled_from(REVISITABLE))
    def look_back(self, step: str) -> None:
        """Open a step again without saving it: nothing changes."""
        before = self._draft()
        reachable = steps.reachable(self.call, step)
        response = self.client.get(url(step, self.call))
        assert response.status_code == (200 if reachable else 302)
        assert self._draft() == before

    @rule(step=st.sampled_from(REVISITABLE))
    def resave_unchanged(self, step: str) -> None:
        """Open a step done already, as "Change" does, and save it as it stands."""
        if step not in ("existing", "notice", "questions", "review"):
            if not steps.is_done(self.call, step):
                return
        elif not steps.reachable(self.call, step):
            return
        before = self._draft()
        resave(self.client, self.call, step)
        assert self._draft() == before, step

    @precondition(lambda self: "contact" in self.answers)
    @rule(contact=CONTACTS)
    def change_contact(self, contact: dict) -> None:
        self._save("contact", contact)

    @precondition(lambda self: "ssn" in self.answers)
    @rule(ssn=SSNS)
    def change_ssn(self, ssn: dict) -> None:
        self._save("ssn", ssn)

    @precondition(lambda self: "credentials" in self.answers)
    @rule(credentials=CREDENTIALS)
    def change_credentials(self, credentials: dict) -> None:
        self._save("credentials", credentials)

    @precondition(lambda self: "demographics" in self.answers)
    @rule(demographics=DEMOGRAPHIC_ANSWERS)
    def change_demographics(self, demographics: dict) -> None:
        self._save("demographics", demographics)

    def _draft(self) -> tuple:
        self.call.refresh_from_db()
        return (self.call.draft, self.call.draft_ssn, self.call.draft_ssn_index,
                self.call.draft_password_hash, self.call.draft_secret_answer_hash)  # fmt: skip

    def teardown(self) -> None:
        try:
            if hasattr(self, "planned"):
                while self._first_incomplete() != "review":
                    self.forward()
                self._compare_with_a_straight_call()
        finally:
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)

    def _compare_with_a_straight_call(self) -> None:
        assert self._first_incomplete() == "review"
        secrets = {"password": self.answers["credentials"]["password"],
                   "answer": self.answers["credentials"]["secret_answer"]}  # fmt: skip
        wandering = created_then_undone(self.client, self.call, **secrets)
        straight = _at_contact(self.call.staff)
        for step in FORWARD:
            response = self.client.post(url(step, straight), self.answers[step])
            assert response.status_code == 302, (step, response.content.decode()[-1500:])
        reference = created_then_undone(self.client, straight, **secrets)
        if self.generated:  # the second call draws its own; the first kept the one it drew
            assert wandering.pop("ssn") == self.generated
            assert re.fullmatch(r"9\d{8}", reference.pop("ssn"))
        assert wandering == reference
        assert wandering["password_checks"] and wandering["answer_checks"]


MODEST = hypothesis_settings(
    max_examples=20,
    stateful_step_count=6,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def test_it_creates_what_a_straight_call_creates_whatever_the_detours(
    casemanager: User, settings: object
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    run_state_machine_as_test(lambda: WizardCall(casemanager), settings=MODEST)
