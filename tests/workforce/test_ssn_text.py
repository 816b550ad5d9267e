"""An SSN in free text is masked exactly where the search reads one (issue 14, DESIGN.md
principle 2): one pattern (workforce.ssn_text.SSN_IN_TEXT), one helper (ssn_mask), used
by the seeker search, a call's stored searches (and so the change log), the outbox guard,
the batch reject file and opt-in requests."""

from __future__ import annotations

import re

import pytest
from auditlog.models import LogEntry
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from registration import services
from seekers.search.query import parse
from workforce.mail import outbox_enqueue
from workforce.models import User
from workforce.ssn_text import ssn_as_last4, ssn_in_text, ssn_mask

GLUED = ["123456789Larsen", "ssn123456789", "Larsen 123-45-6789x", "123.45.6789 Ann",
         "Ann 123 45 6789", "123-45-6789", "#123456789", "*123456789", "a-123-45-6789-b",
         "123\u200b45\u200b6789 Larsen"]  # fmt: skip

SEPARATORS = st.sampled_from(["", "-", " ", ".", "--", " - ", "\u200b", "\t"])
WORDS = st.text(alphabet=st.sampled_from("abcLarsen*#@.,-/ 0123456789\u200b"), max_size=12)


@st.composite
def texts_with_an_ssn(draw: st.DrawFn) -> str:
    """An SSN typed any way, glued to or apart from any words, digits and punctuation."""
    digits = draw(st.from_regex(r"\A[0-9]{9}\Z"))
    sep1, sep2 = draw(SEPARATORS), draw(SEPARATORS)
    ssn = f"{digits[:3]}{sep1}{digits[3:5]}{sep2}{digits[5:]}"
    return f"{draw(WORDS)}{ssn}{draw(WORDS)}"


def leaves_none_of(ssn: str, masked: str) -> bool:
    """No run of the nine digits (plain or dashed) stays, and the search finds no SSN."""
    dashed = f"{ssn[:3]}-{ssn[3:5]}-{ssn[5:]}"
    return ssn not in masked and dashed not in masked and parse(masked).ssn is None


@given(st.one_of(texts_with_an_ssn(), st.text(max_size=60)))
def test_whatever_the_search_reads_as_an_ssn_is_masked(text: str) -> None:
    found = parse(text).ssn
    if found is not None:  # not assume(): most random texts hold none (a health-check flake)
        assert leaves_none_of(found, ssn_mask(text))
        assert ssn_in_text(text)


@pytest.mark.parametrize("text", GLUED)
def test_an_ssn_glued_to_a_word_is_read_and_masked(text: str) -> None:
    assert parse(text).ssn == "123456789"
    assert leaves_none_of("123456789", ssn_mask(text)) and "***-**-6789" in ssn_mask(text)


@given(st.one_of(texts_with_an_ssn(), st.text(max_size=60)))
def test_a_typed_search_is_shown_back_with_no_ssn_the_search_reads(text: str) -> None:
    """What search pages show back (the box, "N job seekers match ...") holds no SSN."""
    found = parse(text).ssn
    if found is not None:  # not assume(): most random texts hold none (a health-check flake)
        assert leaves_none_of(found, ssn_as_last4(text))


@pytest.mark.parametrize("text", GLUED)
def test_a_shown_ssn_becomes_the_searchs_own_last_four_form(text: str) -> None:
    shown = ssn_as_last4(text)
    assert "*6789" in shown.split()
    assert parse(shown).ssn_last4 == "6789"  # searching it again asks for the last four


@given(st.text(alphabet=st.sampled_from("abc Larsen,.-/@"), max_size=40))
def test_a_text_without_an_ssn_is_shown_as_it_is(text: str) -> None:
    assert ssn_as_last4(text) == text


@given(st.text(alphabet=st.sampled_from("abc Larsen,.-/@"), max_size=40))
def test_a_text_without_an_ssn_is_kept_as_it_is(text: str) -> None:
    assert ssn_mask(text) == text


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=texts_with_an_ssn())
def test_a_calls_searches_and_its_change_log_hold_no_ssn_it_searched(
    casemanager: User, text: str
) -> None:
    found = parse(text).ssn
    assume(found is not None)
    call = services.call_start(staff=casemanager)
    services.call_search_record(call=call, text=text)
    call.refresh_from_db()
    assert leaves_none_of(found, call.searches[-1]["text"])
    logged = " ".join(str(e.changes) for e in LogEntry.objects.get_for_object(call))
    assert "searches" in logged and leaves_none_of(found, logged)


@pytest.mark.django_db
@pytest.mark.parametrize("body", ["Call 123 45 6789", "ssn123456789", "123.45.6789", "x123456789"])
def test_the_outbox_refuses_any_ssn_the_search_would_read(body: str) -> None:
    with pytest.raises(ValueError, match="looks like an SSN"):
        outbox_enqueue(to="a@example.com", subject="Hello", body=body, purpose="test")


def test_a_phone_a_date_and_a_zip_code_are_no_ssn() -> None:
    for text in ("612-555-0100", "(612) 555-0100", "6125550100", "03/02/1975", "55802", "4711"):
        assert not ssn_in_text(text) and ssn_mask(text) == text and parse(text).ssn is None


def test_the_parser_and_the_mask_share_one_pattern() -> None:
    from seekers.search import query
    from workforce import ssn_text

    assert query._SSN is ssn_text.SSN_IN_TEXT
    assert re.search(r"\\b", ssn_text.SSN_IN_TEXT.pattern) is None  # no word boundary


@pytest.mark.django_db
def test_a_migration_masks_searches_stored_before_the_fix(casemanager: User) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module("registration.migrations.0006_mask_glued_ssns_in_searches")
    call = services.call_start(staff=casemanager)
    old = [{"text": "123456789Larsen", "at": "2026-01-01"}, {"text": "Ann Doe", "at": "2026-01-01"}]
    call.searches = old  # as the old mask stored it, with its change-log entry
    call.save(update_fields=["searches"])
    from django.db import connection

    with connection.schema_editor() as editor:  # the change log's trigger is the owner's to lift
        migration.mask_searches(apps, editor)
    call.refresh_from_db()
    assert [s["text"] for s in call.searches] == ["***-**-6789Larsen", "Ann Doe"]
    logged = " ".join(
        f"{e.changes} {e.changes_text}" for e in LogEntry.objects.get_for_object(call)
    )
    assert "searches" in logged and "123456789" not in logged
