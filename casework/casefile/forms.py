"""Forms of case notes, documents and resumes; they validate what is typed, never save.

Files are checked by `casework.casefile.services` (through `workforce.filestore`), which
reads their bytes; the forms only require one to be chosen.
"""

from __future__ import annotations

from django import forms

from casework.casefile.constants import NOTE_MAX_LENGTH, RESUME_PART_MAX_LENGTH
from seekers.constants import DocumentCategory
from workforce import filestore

ACCEPT_DOCUMENTS = ".pdf,.png,.jpg,.jpeg,.docx,application/pdf,image/png,image/jpeg"
ACCEPT_RESUMES = ".pdf,.docx,application/pdf"


def upload_hint(allowed: tuple[str, ...]) -> str:
    """The hint beside every file field: "PDF or Word (DOCX), up to 10 MB. ..."."""
    return (
        f"{filestore.type_list_text(allowed)}, up to {filestore.size_limit_text()}. "
        "The file's contents are checked, not only its name."
    )


class _UploadForm(forms.Form):
    """A form with a `file`; `too_large` when the upload limit dropped the file on its way."""

    allowed: tuple[str, ...] = ()

    def __init__(self, *args: object, too_large: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        self.fields["file"].help_text = upload_hint(self.allowed)

    def clean(self) -> dict:
        data = super().clean()
        if self.too_large:
            self._errors.pop("file", None)  # not "choose a file": say why it is missing
            self.add_error("file", filestore.too_large_message())
        return data


def _file_field(*, allowed: tuple[str, ...], accept: str, required: bool = True,
                label: str = "File") -> forms.FileField:  # fmt: skip
    return forms.FileField(
        label=label,
        required=required,
        widget=forms.FileInput(attrs={"accept": accept}),
        help_text=upload_hint(allowed),  # again in __init__: the limit is a setting
        error_messages={
            "required": "Choose a file to upload.",
            "empty": "The file is empty. Choose the file again.",
            "invalid": "No file was received. Choose the file again.",
        },
    )


class CaseNoteForm(forms.Form):
    """A case note: what was done or learned, in the staff member's words."""

    text = forms.CharField(
        label="Case note",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Notes are kept as written: they cannot be edited or deleted later.",
        error_messages={"required": "Write the note before saving it."},
    )


class DocumentForm(_UploadForm):
    """Upload a document for the seeker: what it is, a title, the file."""

    allowed = filestore.DOCUMENT_TYPES

    category = forms.ChoiceField(
        label="Kind of document",
        choices=[("", "- Select -"), *DocumentCategory.choices],
        error_messages={"required": "Choose what kind of document this is."},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="What staff will see in the list, such as “DD-214” or “Layoff letter”.",
        error_messages={"required": "Give the document a title."},
    )
    file = _file_field(allowed=filestore.DOCUMENT_TYPES, accept=ACCEPT_DOCUMENTS)


def _part(label: str, rows: int, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=RESUME_PART_MAX_LENGTH, help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )  # fmt: skip


class ResumeWriteForm(forms.Form):
    """A plain resume written with the seeker: a title and four parts."""

    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For staff, such as “Warehouse resume”.",
        error_messages={"required": "Give the resume a title."},
    )
    summary = _part("Summary", 3, "Two or three sentences: who the seeker is as a worker.")
    experience = _part("Work experience", 8, "Each job: title, employer, dates, what they did.")
    education = _part("Education and training", 4)
    skills = _part("Skills", 3, "Tools, licenses, languages.")

    def clean(self) -> dict:
        data = super().clean()
        parts = ("summary", "experience", "education", "skills")
        if not self.errors and not any((data.get(name) or "").strip() for name in parts):
            self.add_error("summary", "Write at least one part of the resume, such as the summary.")
        return data


class ResumeUploadForm(_UploadForm):
    """An uploaded resume: a title and a PDF or Word file."""

    allowed = filestore.RESUME_TYPES

    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For staff, such as “Warehouse resume”.",
        error_messages={"required": "Give the resume a title."},
    )
    file = _file_field(allowed=filestore.RESUME_TYPES, accept=ACCEPT_RESUMES)


class ResumeFileEditForm(ResumeUploadForm):
    """An uploaded resume's title, and a new file if it is to be replaced."""

    file = _file_field(
        allowed=filestore.RESUME_TYPES, accept=ACCEPT_RESUMES, required=False,
        label="Replace the file (optional)",
    )  # fmt: skip
