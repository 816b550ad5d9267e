"""Notes, documents and resumes in a real browser: a case note, a PDF uploaded and downloaded,
a resume written and published. axe clean on every page."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from seekers.models import CaseNote, JobSeeker, Resume, SeekerDocument
from tests.browser.conftest import PageProblems, check_page, sign_in
from tests.factories import TEST_PASSWORD, JobSeekerFactory
from workforce.constants import AccessAction
from workforce.models import AccessLog, Office, User
from workforce.urlids import id_encode

# A small, synthetic PDF made here.
PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path: Path) -> Path:
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT


@pytest.fixture
def ann(office: Office) -> JobSeeker:
    return JobSeekerFactory(first_name="Ann", last_name="Doe", offices=[office])


def check(page: Page, name: str) -> None:
    check_page(page, f"casefile-{name}")


def test_a_case_manager_keeps_notes_documents_and_a_published_resume(
    page: Page, casemanager: User, ann: JobSeeker, problems: PageProblems, documents_root: Path
) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    page.goto(f"/seekers/{id_encode(ann.pk)}/")
    notes = page.locator("#notes")
    expect(notes.get_by_role("heading", name="Notes and documents")).to_be_visible()
    expect(notes.get_by_text("No case notes yet.")).to_be_visible()
    expect(notes.get_by_text("cannot be edited or deleted")).to_be_visible()
    check(page, "seeker-page")

    # A case note, from the section itself.
    notes.get_by_label("Case note").fill("Called Ann about the forklift class; she will enroll.")
    notes.get_by_role("button", name="Add the note").click()
    expect(page.get_by_role("status").first).to_contain_text("Case note added for Ann Doe.")
    expect(page.locator("#notes li").first).to_contain_text("the forklift class")
    check(page, "note-added")

    # A document: a small PDF generated above.
    page.locator("#notes").get_by_role("link", name="Upload a document").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Upload a document")
    expect(
        page.get_by_text("PDF, PNG image, JPEG image or Word (DOCX), up to 10 MB")
    ).to_be_visible()
    check(page, "document-form")
    page.get_by_label("Kind of document").select_option(label="Military service (DD-214)")
    page.get_by_label("Title").fill("DD-214")
    page.get_by_label("File").set_input_files(
        files=[{"name": "dd214.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Upload the document").click()
    expect(page.get_by_role("status").first).to_contain_text("Document “DD-214” uploaded.")
    link = page.locator("#notes table").get_by_role("link", name="DD-214")
    expect(link).to_be_visible()
    check(page, "document-listed")
    with page.expect_download() as download:
        link.click()
    assert Path(download.value.path()).read_bytes() == PDF
    assert download.value.suggested_filename == "dd214.pdf"
    assert AccessLog.objects.filter(action=AccessAction.DOCUMENT_DOWNLOAD).count() == 1

    # A written resume, then published.
    resumes = page.locator("#resumes")
    resumes.get_by_role("link", name="Write a resume").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Write a resume")
    check(page, "resume-form")
    page.get_by_label("Title").fill("Warehouse resume")
    page.get_by_label("Summary").fill("Reliable warehouse worker with a forklift license.")
    page.get_by_label("Work experience").fill("Picker, Example Foods, 2019-2024")
    page.get_by_label("Skills").fill("Forklift\nInventory scanners")
    page.get_by_role("button", name="Save the resume").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Warehouse resume")
    expect(page.get_by_role("heading", name="Work experience")).to_be_visible()
    check(page, "resume-page")
    page.get_by_role("button", name="Publish Warehouse resume").click()
    expect(page.get_by_role("status").first).to_contain_text("is now Ann Doe's published resume")
    row = page.locator("#resumes tr", has_text="Warehouse resume")
    expect(row.locator(".usa-tag")).to_have_text("Published")
    check(page, "resume-published")

    assert CaseNote.objects.filter(seeker=ann).count() == 1
    document = SeekerDocument.objects.get(seeker=ann)
    assert document.content_type == "application/pdf"
    assert PDF not in next(Path(documents_root).rglob(document.storage_name)).read_bytes()
    assert Resume.objects.get(seeker=ann).is_published
    assert problems.errors == []
