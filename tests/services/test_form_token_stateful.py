"""Seeker Services' form token as a property (issue 14): whatever staff do with the pages
they opened (several tabs, a post sent again, one sent again after changing the choice,
one whose token was lost), each page records at most one service, every answer is a
redirect or a form with a message (never a 5xx), and the stored participation periods
are what a rebuild from scratch gives."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule, run_state_machine_as_test

from seekers.models import JobSeeker
from services.constants import FORM_EXPIRED
from services.models import ServiceRecord
from tests.factories import JobSeekerFactory
from tests.services.helpers import entry, save_url, today
from tests.services.test_concurrency import assert_periods_as_rebuilt
from workforce.models import Office, User

pytestmark = pytest.mark.django_db

# Two that extend participation, one that does not (information-only).
ENTRIES = st.sampled_from(["Job Search Activity", "Resume Assistance", "Onet"])
DAYS_BACK = st.integers(min_value=0, max_value=30)


class SeekerServicesPages(RuleBasedStateMachine):
    """One staff member's open Seeker Services pages for one seeker; rolled back after."""

    def __init__(self, staff: User, office: Office) -> None:
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.staff = staff
        self.client = Client(raise_request_exception=False)
        self.client.force_login(staff)
        self.seeker: JobSeeker = JobSeekerFactory(offices=[office])
        self.tokens: list[str] = []  # the pages open, by their token
        self.recorded: dict[str, dict] = {}  # token -> what its first successful post said

    def _post(self, token: str | None, name: str, days_back: int) -> tuple[object, dict]:
        day = today() - datetime.timedelta(days=days_back)
        data = {"service_type": entry(name).pk, "credited_staff": self.staff.pk, "note": "",
                "service_date": day.isoformat()}  # fmt: skip
        if token is not None:
            data["form_token"] = token
        response = self.client.post(save_url(self.seeker), data)
        assert response.status_code in (302, 400), response.status_code
        return response, data

    @rule()
    def open_page(self) -> None:
        self.tokens.append(uuid.uuid4().hex)  # as the page issues (test_views checks that)

    @precondition(lambda self: self.tokens)
    @rule(page=st.integers(min_value=0), name=ENTRIES, days_back=DAYS_BACK)
    def post_a_page(self, page: int, name: str, days_back: int) -> None:
        token = self.tokens[page % len(self.tokens)]
        response, data = self._post(token, name, days_back)
        first = self.recorded.get(token)
        if first is None:
            assert response.status_code == 302
            self.recorded[token] = data
        elif first == data:  # sent again as it was: the first one's answer
            assert response.status_code == 302
        else:  # sent again with another choice: refused, nothing written
            assert response.status_code == 400
            assert "This form was already used" in response.content.decode()

    @rule(token=st.sampled_from([None, "", "not-a-token"]), name=ENTRIES)
    def post_without_a_valid_token(self, token: str | None, name: str) -> None:
        response, _ = self._post(token, name, 0)
        assert response.status_code == 400
        assert FORM_EXPIRED in response.content.decode()

    def teardown(self) -> None:
        try:
            services = ServiceRecord.objects.filter(seeker=self.seeker)
            assert services.count() == len(self.recorded)  # one per page used, none doubled
            assert {s.source.removeprefix("manual-entry:") for s in services} == set(self.recorded)
            assert_periods_as_rebuilt(self.seeker)
        finally:
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)


MODEST = hypothesis_settings(
    max_examples=12,
    stateful_step_count=6,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def test_each_page_records_at_most_one_service_whatever_is_posted(
    casemanager: User, office: Office
) -> None:
    run_state_machine_as_test(lambda: SeekerServicesPages(casemanager, office), settings=MODEST)
