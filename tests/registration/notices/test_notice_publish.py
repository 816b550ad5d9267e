"""Administrators publish notice versions; a published version is never edited or deleted."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from registration.models import NoticeVersion
from registration.notices.diff import word_diff
from registration.notices.forms import version_initial
from registration.notices.selectors import notice_current
from registration.notices.services import notice_format, notice_parse, notice_version_publish
from tests.conftest import client_for
from tests.registration.calls import start, through_questions, url
from workforce.models import User

pytestmark = pytest.mark.django_db
ADD = reverse("admin:registration_noticeversion_add")


def test_the_text_form_of_version_1_reads_back_to_the_same_parts() -> None:
    version = NoticeVersion.objects.get(number=1)
    assert notice_parse(notice_format(version.notice)) == version.notice


def test_a_notice_with_nothing_to_read_is_refused() -> None:
    with pytest.raises(ValidationError, match="at least one paragraph to read aloud"):
        notice_parse("# Only a heading\n\n[not read] and a footnote")


def test_the_form_starts_from_a_copy_of_the_current_version(admin: User) -> None:
    body = client_for(admin).get(ADD).content.decode()
    assert "# How We Use Your Personal Information" in body
    assert "[not read] You can learn more about DEED&#x27;s data privacy policies online" in body


DRAFT = {
    "title": "Data privacy notice",
    "notice_text": "# Why we ask\n\nWe ask to serve you.\n\n[not read] Read more online.",
    "question_a": "Do you understand?", "question_b": "Is this not an application?",
    "question_c": "May you work in the United States?", "ssn_script": "You may give it.",
    "credentials_text": "Choose a username.\n\nAnd a password.",
}  # fmt: skip


def publish_url(version: NoticeVersion) -> str:
    return reverse("admin:registration_noticeversion_publish", args=[version.pk])


def drafted(client: Client, data: dict = DRAFT) -> NoticeVersion:
    response = client.post(ADD, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = NoticeVersion.objects.latest("number")
    assert response["Location"] == publish_url(draft)
    return draft


def confirm(day: datetime.date | None = None) -> dict:
    return {"effective_date": (day or timezone.localdate()).isoformat(), "confirmed": "on"}


def new_call_reads(client: Client) -> str:
    call = start(client)
    client.post(url("existing", call), {"q": "Nobody"})
    client.post(url("existing", call), {"confirm_no_match": "1"})
    return client.get(url("notice", call)).content.decode()


def test_publishing_adds_the_next_version_and_new_calls_read_it(
    admin: User, casemanager_client: Client
) -> None:
    older_call = start(casemanager_client)
    through_questions(casemanager_client, older_call)
    client = client_for(admin)
    draft = drafted(client)
    response = client.post(publish_url(draft), confirm())
    assert response["Location"] == reverse("admin:registration_noticeversion_changelist")
    version = notice_current()
    assert version.number == 2 and version.published_by == admin
    assert version.effective_date == timezone.localdate()
    assert version.notice[2] == {"kind": "text", "text": "Read more online.", "not_read": True}
    assert version.credentials_script == ["Choose a username.", "And a password."]
    assert "We ask to serve you." in new_call_reads(casemanager_client)
    older_call.refresh_from_db()
    assert older_call.notice_version.number == 1


def test_it_saves_a_new_version_as_a_draft_that_no_call_reads(
    admin: User, casemanager_client: Client
) -> None:
    draft = drafted(client_for(admin))
    assert draft.is_draft and draft.number == 2 and draft.effective_date is None
    assert notice_current().number == 1
    body = new_call_reads(casemanager_client)
    assert "We ask to serve you." not in body and "How We Use Your Personal Information" in body


def test_it_never_reads_a_version_published_for_a_later_date(
    admin: User, casemanager_client: Client
) -> None:
    client = client_for(admin)
    draft = drafted(client)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    client.post(publish_url(draft), confirm(tomorrow))
    draft.refresh_from_db()
    assert not draft.is_draft and draft.effective_date == tomorrow
    assert notice_current().number == 1
    assert "We ask to serve you." not in new_call_reads(casemanager_client)
    # Its day comes (no call has read it, so the row may still be moved for the test).
    NoticeVersion.objects.filter(pk=draft.pk).update(effective_date=timezone.localdate())
    assert notice_current().number == 2
    assert "We ask to serve you." in new_call_reads(casemanager_client)


def test_publishing_without_confirmation_does_nothing(admin: User) -> None:
    client = client_for(admin)
    draft = drafted(client)
    response = client.post(publish_url(draft), {"effective_date": timezone.localdate().isoformat()})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tick the box once you have read the preview." in body
    draft.refresh_from_db()
    assert draft.is_draft and notice_current().number == 1


def test_the_preview_shows_the_notice_and_a_word_diff_against_the_current_version(
    admin: User,
) -> None:
    client = client_for(admin)
    data = version_initial(NoticeVersion.objects.get(number=1))
    changed = data["notice_text"].replace("serve you better", "serve you faster")
    draft = drafted(client, {**data, "notice_text": changed, "title": "Privacy notice"})
    body = client.get(publish_url(draft)).content.decode()
    assert "What changes from version 1" in body
    assert '<del class="wf-diff__del"><span class="wf-diff__mark">[removed: </span>better' in body
    assert '<ins class="wf-diff__ins"><span class="wf-diff__mark">[added: </span>faster' in body
    assert "The notice as staff will read it" in body and "Privacy notice" in body
    assert '<h3 id="diff-1">Title</h3>' in body and '<h3 id="diff-2">Notice</h3>' in body
    assert 'Question a <span class="wf-diff__same">(unchanged)</span>' in body
    assert 'type="checkbox" name="confirmed"' in body and 'type="date"' in body


def test_an_effective_date_in_the_past_is_refused_beside_the_field(admin: User) -> None:
    client = client_for(admin)
    draft = drafted(client)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(publish_url(draft), confirm(yesterday))
    body = response.content.decode()
    assert response.status_code == 200
    error = body.index("The effective date cannot be in the past.")
    assert error < body.index('name="effective_date"') < body.index('name="confirmed"')
    draft.refresh_from_db()
    assert draft.is_draft
    with pytest.raises(ValidationError, match="cannot be in the past"):
        notice_version_publish(version=draft, actor=admin, effective_date=yesterday,
                               confirmed=True)  # fmt: skip


def test_publishing_twice_changes_nothing_the_second_time(admin: User) -> None:
    client = client_for(admin)
    draft = drafted(client)
    client.post(publish_url(draft), confirm())
    draft.refresh_from_db()
    first = (draft.published_at, draft.effective_date)
    later = timezone.localdate() + datetime.timedelta(days=5)
    response = client.post(publish_url(draft), confirm(later), follow=True)
    assert "already published" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.published_at, draft.effective_date) == first
    assert NoticeVersion.objects.count() == 2


def test_only_administrators_may_publish(admin: User, supervisor: User) -> None:
    draft = drafted(client_for(admin))
    supervisor.is_staff = True  # even with access to the admin site
    supervisor.save(update_fields=["is_staff"])
    client = client_for(supervisor)
    assert client.get(publish_url(draft)).status_code == 403
    assert client.post(publish_url(draft), confirm()).status_code == 403
    with pytest.raises(PermissionDenied):
        notice_version_publish(version=draft, actor=supervisor,
                               effective_date=timezone.localdate(), confirmed=True)  # fmt: skip
    draft.refresh_from_db()
    assert draft.is_draft


def test_a_draft_may_be_edited_and_deleted_but_not_once_published(admin: User) -> None:
    client = client_for(admin)
    draft = drafted(client)
    change = reverse("admin:registration_noticeversion_change", args=[draft.pk])
    assert "We ask to serve you." in client.get(change).content.decode()
    assert client.post(change, {**DRAFT, "title": "Better title"}).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Better title" and draft.number == 2
    client.post(publish_url(draft), confirm())
    assert client.post(change, {**DRAFT, "title": "Edited"}).status_code == 403
    delete = reverse("admin:registration_noticeversion_delete", args=[draft.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    other = drafted(client)
    delete = reverse("admin:registration_noticeversion_delete", args=[other.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not NoticeVersion.objects.filter(pk=other.pk).exists()


def test_versions_published_before_drafts_existed_took_effect_on_their_publish_day() -> None:
    version = NoticeVersion.objects.get(number=1)
    assert version.effective_date == timezone.localdate(version.published_at)


def test_the_word_diff_marks_added_and_removed_words() -> None:
    segments = word_diff("we ask to serve you", "we ask so we can serve you")
    assert [(s.op, s.text) for s in segments if s.op != "equal"] == [
        ("delete", "to"), ("insert", "so we can"),
    ]  # fmt: skip
    assert "".join(s.text for s in segments if s.op != "delete") == "we ask so we can serve you"


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
