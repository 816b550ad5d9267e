"""Limits of case notes and resumes, and how many notes Case Details shows."""

NOTE_MAX_LENGTH = 10_000
RESUME_PART_MAX_LENGTH = 20_000
NOTES_SHOWN = 10  # on Case Details; the notes page has them all
NOTES_PER_PAGE = 50  # on the notes page
