"""Policies of Program Registration shared by its services, selectors and forms."""

from __future__ import annotations

from seekers.constants import EnrollmentStatus

# Seed 001: pending → open → closed; a pending one may also be withdrawn (closed).
TRANSITIONS = {
    (EnrollmentStatus.PENDING, EnrollmentStatus.OPEN),
    (EnrollmentStatus.PENDING, EnrollmentStatus.CLOSED),
    (EnrollmentStatus.OPEN, EnrollmentStatus.CLOSED),
}
# At most one of these per seeker and program (a partial unique constraint).
ACTIVE_STATUSES = (EnrollmentStatus.PENDING, EnrollmentStatus.OPEN)
ATTESTATION = "I attest that all provided information has been verified."
TEXT_ANSWER_MAX = 300
