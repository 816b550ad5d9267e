"""Routes of Case Details' case notes, documents and resumes, included into the casework
namespace under seekers/ (casework/urls.py), so their paths are unchanged."""

from django.urls import path

from casework.casefile import views

urlpatterns = [
    path("<seeker:seeker_id>/notes/", views.case_note_page, name="notes"),
    path("<seeker:seeker_id>/notes/add/", views.case_note_add, name="note-add"),
    path("<seeker:seeker_id>/documents/new/", views.document_new, name="document-new"),
    path("<seeker:seeker_id>/documents/add/", views.document_add, name="document-add"),
    path(
        "<seeker:seeker_id>/documents/<int:document_id>/download/",
        views.document_download,
        name="document-download",
    ),
    path("<seeker:seeker_id>/resumes/new/", views.resume_new, name="resume-new"),
    path("<seeker:seeker_id>/resumes/add/", views.resume_add, name="resume-add"),
    path("<seeker:seeker_id>/resumes/upload/", views.resume_upload_new, name="resume-upload"),
    path(
        "<seeker:seeker_id>/resumes/upload/add/", views.resume_upload_add, name="resume-upload-add"
    ),
    path("<seeker:seeker_id>/resumes/<int:resume_id>/", views.resume_detail, name="resume-detail"),
    path("<seeker:seeker_id>/resumes/<int:resume_id>/edit/", views.resume_edit, name="resume-edit"),
    path("<seeker:seeker_id>/resumes/<int:resume_id>/save/", views.resume_save, name="resume-save"),
    path(
        "<seeker:seeker_id>/resumes/<int:resume_id>/publish/",
        views.resume_publish,
        name="resume-publish",
    ),
    path(
        "<seeker:seeker_id>/resumes/<int:resume_id>/unpublish/",
        views.resume_unpublish,
        name="resume-unpublish",
    ),
    path(
        "<seeker:seeker_id>/resumes/<int:resume_id>/download/",
        views.resume_download,
        name="resume-download",
    ),
]
