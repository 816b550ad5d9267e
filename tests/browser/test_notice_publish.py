"""An administrator drafts a notice version, reads its preview and word diff, and publishes
it with an effective date, in a real browser: nothing goes live before the confirmation."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import expect

from registration.models import NoticeVersion
from registration.notices.selectors import notice_current
from tests.browser.conftest import PageProblems, check_page, sign_in
from tests.factories import TEST_PASSWORD
from workforce.models import User


def test_an_administrator_previews_the_diff_and_then_publishes(
    page: object, admin: User, problems: PageProblems
) -> None:
    sign_in(page, "admin", TEST_PASSWORD)
    page.goto("/admin/registration/noticeversion/add/")
    notice = page.locator("#id_notice_text")
    notice.fill(notice.input_value().replace("serve you better", "serve you faster"))
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.get_by_role("heading", name="Preview and publish version 2")).to_be_visible()
    expect(page.locator(".wf-diff__text del")).to_contain_text("removed: better")
    expect(page.locator(".wf-diff__text ins")).to_contain_text("added: faster")
    expect(page.get_by_role("region", name="MinnesotaWorks.Net Tennessee Warning Notice"))
    check_page(page, "notice-publish-preview")
    assert notice_current().number == 1  # a draft: nobody reads it yet

    page.get_by_role("button", name="Publish version 2").click()  # no confirmation ticked
    expect(page.get_by_text("Tick the box once you have read the preview.")).to_be_visible()
    check_page(page, "notice-publish-unconfirmed")
    assert NoticeVersion.objects.get(number=2).is_draft

    page.get_by_label("Effective date").fill(timezone.localdate().isoformat())
    page.get_by_label("I have read the preview").check()
    page.get_by_role("button", name="Publish version 2").click()
    expect(page.get_by_text("Version 2 is published.")).to_be_visible()
    check_page(page, "notice-publish-done")
    assert notice_current().number == 2
    # Django's admin pages link no favicon, so Chromium's guess at /favicon.ico is a 404.
    assert [e for e in problems.errors if "404" not in e] == []
