"""Bounds and choices of assessments and plans (seed 001)."""

# A target date further ahead than this is almost always a mistyped year.
TARGET_YEARS_AHEAD = 5
# Earlier assessments listed under the latest one in the Case Details section.
EARLIER_ASSESSMENTS_SHOWN = 10
# The parts of an assessment staff fill in (the form's fields, the service's columns).
ASSESSMENT_FIELDS = ("desired_occupation", "occupation_code", "work_history", "skills",
                     "barriers", "training_needs", "notes")  # fmt: skip
