"""Administrators publish notice versions; a published version is never edited or deleted."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from registration.models import NoticeVersion
from registration.notice_publish import notice_format, notice_parse
from registration.selectors import notice_current
from tests.conftest import client_for
from tests.registration.calls import start, through_questions, url
from workforce.models import User

pytestmark = pytest.mark.django_db
ADD = reverse("admin:registration_noticeversion_add")


def test_the_text_form_of_version_1_reads_back_to_the_same_parts() -> None:
    version = NoticeVersion.objects.get(number=1)
    assert notice_parse(notice_format(version.notice)) == version.notice


def test_a_notice_with_nothing_to_read_is_refused() -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="at least one paragraph to read aloud"):
        notice_parse("# Only a heading\n\n[not read] and a footnote")


def test_the_form_starts_from_a_copy_of_the_current_version(admin: User) -> None:
    body = client_for(admin).get(ADD).content.decode()
    assert "# How We Use Your Personal Information" in body
    assert "[not read] You can learn more about DEED&#x27;s data privacy policies online" in body


def test_publishing_adds_the_next_version_and_new_calls_read_it(
    admin: User, casemanager_client: Client
) -> None:
    older_call = start(casemanager_client)
    through_questions(casemanager_client, older_call)
    data = {
        "title": "Data privacy notice",
        "notice_text": "# Why we ask\n\nWe ask to serve you.\n\n[not read] Read more online.",
        "question_a": "Do you understand?", "question_b": "Is this not an application?",
        "question_c": "May you work in the United States?", "ssn_script": "You may give it.",
        "credentials_text": "Choose a username.\n\nAnd a password.",
    }  # fmt: skip
    response = client_for(admin).post(ADD, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    version = notice_current()
    assert version.number == 2 and version.published_by == admin
    assert version.notice[2] == {"kind": "text", "text": "Read more online.", "not_read": True}
    assert version.credentials_script == ["Choose a username.", "And a password."]
    newer_call = start(casemanager_client)
    casemanager_client.post(url("existing", newer_call), {"q": "Nobody"})
    casemanager_client.post(url("existing", newer_call), {"confirm_no_match": "1"})
    assert (
        "We ask to serve you." in casemanager_client.get(url("notice", newer_call)).content.decode()
    )
    older_call.refresh_from_db()
    assert older_call.notice_version.number == 1


def test_a_published_version_cannot_be_changed_or_deleted_in_the_admin(admin: User) -> None:
    client = client_for(admin)
    version = NoticeVersion.objects.get(number=1)
    change = reverse("admin:registration_noticeversion_change", args=[version.pk])
    delete = reverse("admin:registration_noticeversion_delete", args=[version.pk])
    assert client.post(change, {"title": "Edited"}).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    version.refresh_from_db()
    assert version.title == "MinnesotaWorks.Net Tennessee Warning Notice"


def test_other_roles_cannot_publish(supervisor: User) -> None:
    response = client_for(supervisor).get(ADD)
    assert response.status_code in (302, 403)
    assert NoticeVersion.objects.count() == 1
