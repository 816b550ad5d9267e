"""The texts read aloud are the seed's, word for word, and a used version never changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction

from registration.models import NoticeVersion, RegistrationCall
from workforce.models import User

pytestmark = pytest.mark.django_db

# A copy of ../shared/seeds/000_a62003b31c9cb999.txt kept with the tests, so they run
# wherever the checkout is; when the shared folder is beside it, the copy must match.
SEED_COPY = Path(__file__).with_name("seed_000.txt")
SHARED_SEED = Path(__file__).resolve().parents[4] / "shared" / "seeds" / "000_a62003b31c9cb999.txt"


def test_the_copy_of_seed_000_is_the_seed() -> None:
    if not SHARED_SEED.exists():
        pytest.skip("the shared folder is not beside this checkout; the copy stands in for it")
    assert SEED_COPY.read_text() == SHARED_SEED.read_text()


@pytest.fixture
def seed_text() -> str:
    # The seed writes one link as markdown: compare with the words staff see.
    return re.sub(r"\[([^\]]+)\]\(#\)", r"\1", SEED_COPY.read_text())


@pytest.fixture
def version() -> NoticeVersion:
    return NoticeVersion.objects.get(number=1)


def test_every_paragraph_of_the_notice_is_in_the_seed_word_for_word(
    version: NoticeVersion, seed_text: str
) -> None:
    assert version.title == "MinnesotaWorks.Net Tennessee Warning Notice"
    assert len(version.notice) == 19  # 6 headings, 13 paragraphs
    for part in version.notice:
        assert part["text"] in seed_text, part["text"]


def test_no_paragraph_of_the_seed_notice_is_missing(version: NoticeVersion, seed_text: str) -> None:
    start = seed_text.index("How We Use Your Personal Information")
    end = seed_text.index("4. After completing the notice")
    ours = " ".join(part["text"] for part in version.notice)
    for line in seed_text[start:end].splitlines():
        line = line.split(" (This is included")[0].strip()
        if line:
            assert line in ours, line


def test_only_the_learn_more_line_is_not_read_aloud(version: NoticeVersion) -> None:
    not_read = [part["text"] for part in version.notice if part["not_read"]]
    assert not_read == ["You can learn more about DEED's data privacy policies online"]


def test_the_three_questions_and_the_scripts_are_verbatim(
    version: NoticeVersion, seed_text: str
) -> None:
    assert set(version.questions) == {"a", "b", "c"}
    for text in [*version.questions.values(), version.ssn_script, *version.credentials_script]:
        assert text in seed_text, text
    assert version.ssn_script.endswith("beginning with the number 9.")


def test_a_version_read_on_a_call_cannot_be_changed_or_deleted(
    version: NoticeVersion, casemanager: User
) -> None:
    RegistrationCall.objects.create(
        staff=casemanager, office=casemanager.current_office, notice_version=version
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        NoticeVersion.objects.filter(pk=version.pk).update(title="Edited")
    with pytest.raises(IntegrityError), transaction.atomic():
        NoticeVersion.objects.filter(pk=version.pk).delete()


def test_an_unused_version_may_still_be_corrected(version: NoticeVersion) -> None:
    draft = NoticeVersion.objects.create(
        number=2, title="Draft", notice=version.notice, questions=version.questions,
        ssn_script=version.ssn_script, credentials_script=version.credentials_script,
        published_at=version.published_at, effective_date=version.effective_date,
    )  # fmt: skip
    NoticeVersion.objects.filter(pk=draft.pk).update(title="Corrected")
    draft.refresh_from_db()
    assert draft.title == "Corrected"
