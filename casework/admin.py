"""Django admin of Case Details: each part registers its own models in its admin module."""

from casework.enrollments import admin as enrollments_admin  # noqa: F401
from casework.jobs import admin as jobs_admin  # noqa: F401
