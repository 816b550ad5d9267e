"""Resumes: who reaches their pages, resumes written in a form and edited by staff, and the
one marked as the seeker's published resume (uploaded files: test_resume_files.py)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from casework.casefile import services
from seekers.constants import ResumeKind
from seekers.models import JobSeeker, Resume
from tests.casework.casefile.helpers import WRITTEN, uploaded, url, written
from tests.conftest import client_for
from tests.factories import JobSeekerFactory, ResumeFactory
from workforce.models import AccessLog, Office, User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path: Path) -> Path:
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT


@pytest.fixture
def seeker(office: Office, partner_office: Office) -> JobSeeker:
    return JobSeekerFactory(first_name="Ann", last_name="Doe", offices=[office, partner_office])


def detail(client: Client, seeker: JobSeeker) -> str:
    return client.get(reverse("casework:detail", args=[seeker.pk])).content.decode()


def requests(seeker: JobSeeker, resume: Resume, upload_resume: Resume) -> list[tuple[str, str]]:
    """Every resume URL with the method it answers."""
    return [
        ("get", url("resume-new", seeker)),
        ("post", url("resume-add", seeker)),
        ("get", url("resume-upload", seeker)),
        ("post", url("resume-upload-add", seeker)),
        ("get", url("resume-detail", seeker, resume)),
        ("get", url("resume-edit", seeker, resume)),
        ("post", url("resume-save", seeker, resume)),
        ("post", url("resume-publish", seeker, resume)),
        ("post", url("resume-unpublish", seeker, resume)),
        ("get", url("resume-download", seeker, upload_resume)),
    ]


# --- access ------------------------------------------------------------------------------


def test_it_sends_anonymous_visitors_to_sign_in(casemanager: User, seeker: JobSeeker) -> None:
    resume, file_resume = written(seeker, casemanager), uploaded(seeker, casemanager)
    for method, address in requests(seeker, resume, file_resume):
        response = getattr(Client(), method)(address)
        assert response.status_code == 302 and reverse("login") in response["Location"], address


def test_it_refuses_administrators(admin: User, casemanager: User, seeker: JobSeeker) -> None:
    resume, file_resume = written(seeker, casemanager), uploaded(seeker, casemanager)
    client = client_for(admin)
    for method, address in requests(seeker, resume, file_resume):
        assert getattr(client, method)(address, WRITTEN).status_code == 403, address
    assert Resume.objects.count() == 2 and not Resume.objects.filter(is_published=True).exists()
    assert not AccessLog.objects.exists()


def test_it_answers_405_to_the_wrong_method(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    resume, file_resume = written(seeker, casemanager), uploaded(seeker, casemanager)
    for method, address in requests(seeker, resume, file_resume):
        other = "post" if method == "get" else "get"
        assert getattr(casemanager_client, other)(address).status_code == 405, address
    assert not Resume.objects.filter(is_published=True).exists()


def test_partner_staff_get_404_for_an_opted_out_seeker(partner: User, seeker: JobSeeker) -> None:
    resume, file_resume = written(seeker, partner), uploaded(seeker, partner)
    seeker.opted_out = True
    seeker.save(update_fields=["opted_out"])
    client = client_for(partner)
    for method, address in requests(seeker, resume, file_resume):
        assert getattr(client, method)(address, WRITTEN).status_code == 404, address
    assert Resume.objects.count() == 2 and not Resume.objects.filter(is_published=True).exists()
    assert not AccessLog.objects.exists()


def test_another_seekers_resume_id_is_404(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    other = JobSeekerFactory()
    resume, file_resume = written(other, casemanager), uploaded(other, casemanager)
    for method, address in requests(seeker, resume, file_resume)[4:]:
        assert getattr(casemanager_client, method)(address, WRITTEN).status_code == 404, address
    assert not Resume.objects.filter(is_published=True).exists()
    assert Resume.objects.get(pk=resume.pk).title == WRITTEN["title"]


def test_the_services_refuse_administrators(admin: User, seeker: JobSeeker) -> None:
    with pytest.raises(PermissionDenied):
        services.resume_write(seeker=seeker, actor=admin, **WRITTEN)


# --- writing -----------------------------------------------------------------------------


def test_it_writes_a_resume_and_shows_it_as_a_readable_page(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    response = casemanager_client.post(url("resume-add", seeker), WRITTEN)
    resume = Resume.objects.get()
    assert response.status_code == 302 and response["Location"] == url(
        "resume-detail", seeker, resume
    )
    assert (resume.kind, resume.created_by, resume.updated_by) == (
        ResumeKind.WRITTEN, casemanager, casemanager,
    )  # fmt: skip
    body = casemanager_client.get(response["Location"]).content.decode()
    assert "<h1" in body and "Warehouse resume" in body
    for heading in ("Summary", "Work experience", "Education and training", "Skills"):
        assert f"<h3>{heading}</h3>" in body
    assert "Lead picker, Example Distribution, 2016-2024<br>Loaded trucks." in body


def test_it_refuses_a_resume_with_no_part_written(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    response = casemanager_client.post(
        url("resume-add", seeker), {"title": "Empty", "summary": " "}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_summary_error"' in body and "Write at least one part" in body
    assert not Resume.objects.exists()


def test_it_refuses_a_resume_without_a_title(casemanager_client: Client, seeker: JobSeeker) -> None:
    response = casemanager_client.post(url("resume-add", seeker), {**WRITTEN, "title": ""})
    assert response.status_code == 400 and 'id="id_title_error"' in response.content.decode()
    assert not Resume.objects.exists()


def test_a_double_submitted_resume_is_saved_once(
    casemanager_client: Client, seeker: JobSeeker
) -> None:
    first = casemanager_client.post(url("resume-add", seeker), WRITTEN)
    second = casemanager_client.post(url("resume-add", seeker), WRITTEN)
    assert first["Location"] == second["Location"]
    assert Resume.objects.count() == 1


def test_staff_edit_a_written_resume(
    casemanager_client: Client, casemanager: User, partner: User, seeker: JobSeeker
) -> None:
    resume = written(seeker, partner)
    form = casemanager_client.get(url("resume-edit", seeker, resume)).content.decode()
    assert "Dependable forklift operator" in form  # the form starts from what is saved
    changed = {**WRITTEN, "skills": "Forklift license\nSpanish"}
    response = casemanager_client.post(url("resume-save", seeker, resume), changed)
    assert response.status_code == 302
    resume.refresh_from_db()
    assert resume.skills == "Forklift license\nSpanish" and resume.updated_by == casemanager
    assert resume.created_by == partner


def test_a_bad_edit_changes_nothing(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    resume = written(seeker, casemanager)
    empty = {"title": "Renamed", "summary": "", "experience": "", "education": "", "skills": ""}
    assert casemanager_client.post(url("resume-save", seeker, resume), empty).status_code == 400
    resume.refresh_from_db()
    assert resume.title == WRITTEN["title"]


# --- publishing --------------------------------------------------------------------------


def test_publishing_one_resume_unpublishes_the_other(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    first, second = written(seeker, casemanager), uploaded(seeker, casemanager)
    casemanager_client.post(url("resume-publish", seeker, first))
    assert Resume.objects.get(is_published=True) == first
    response = casemanager_client.post(url("resume-publish", seeker, second))
    assert response.status_code == 302 and response["Location"].endswith("#resumes")
    assert Resume.objects.get(is_published=True) == second


def test_publishing_twice_changes_nothing(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    resume = written(seeker, casemanager)
    for _ in range(2):
        assert casemanager_client.post(url("resume-publish", seeker, resume)).status_code == 302
    assert Resume.objects.get(is_published=True) == resume


def test_publishing_leaves_other_seekers_resumes_alone(
    casemanager: User, seeker: JobSeeker
) -> None:
    other = ResumeFactory(is_published=True)
    services.resume_publish(seeker=seeker, resume=written(seeker, casemanager), actor=casemanager)
    other.refresh_from_db()
    assert other.is_published


def test_unpublishing_leaves_no_published_resume(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    resume = written(seeker, casemanager)
    services.resume_publish(seeker=seeker, resume=resume, actor=casemanager)
    assert casemanager_client.post(url("resume-unpublish", seeker, resume)).status_code == 302
    assert not Resume.objects.filter(is_published=True).exists()


def test_the_database_holds_one_published_resume_per_seeker(seeker: JobSeeker) -> None:
    ResumeFactory(seeker=seeker, is_published=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        ResumeFactory(seeker=seeker, is_published=True)


def test_the_section_marks_the_published_resume(
    casemanager_client: Client, casemanager: User, seeker: JobSeeker
) -> None:
    written(seeker, casemanager, title="Old resume")
    published = written(seeker, casemanager, title="Current resume", summary="Another summary.")
    services.resume_publish(seeker=seeker, resume=published, actor=casemanager)
    body = detail(casemanager_client, seeker)
    section = body[body.index('id="resumes"') :]
    rows = section.split("<tr>")
    [marked] = [row for row in rows if 'class="usa-tag bg-green">Published<' in row]
    assert "Current resume" in marked
    assert f'href="{url("resume-new", seeker)}"' in section
    assert f'href="{url("resume-upload", seeker)}"' in section


def test_administrators_see_the_list_without_actions(
    admin: User, casemanager: User, seeker: JobSeeker
) -> None:
    resume = written(seeker, casemanager)
    body = detail(client_for(admin), seeker)
    assert "Warehouse resume" in body
    assert url("resume-detail", seeker, resume) not in body
    assert url("resume-publish", seeker, resume) not in body


@pytest.mark.django_db(transaction=True)
def test_two_staff_publishing_at_once_leave_one_published(
    casemanager: User, partner: User, seeker: JobSeeker
) -> None:
    first, second = written(seeker, casemanager), uploaded(seeker, partner)
    barrier, errors = threading.Barrier(2), []

    def publish(resume: Resume, actor: User) -> None:
        try:
            barrier.wait()
            services.resume_publish(seeker=seeker, resume=resume, actor=actor)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=pair)
               for pair in ((first, casemanager), (second, partner))]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Resume.objects.filter(seeker=seeker, is_published=True).count() == 1
