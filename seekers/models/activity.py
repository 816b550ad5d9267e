"""What every record about one seeker shares: its changes land in the seeker's Activity."""

from __future__ import annotations


class SeekerActivity:
    """Mixin: django-auditlog stores `{"seeker_id": ...}` with each change of the record.

    The Case Details Activity section finds every change about a seeker with one query
    on that key (index in migration 0009), whatever kind of record changed.
    """

    def activity_seeker_id(self) -> int:
        return self.seeker_id  # type: ignore[attr-defined]

    def get_additional_data(self) -> dict:
        return {"seeker_id": self.activity_seeker_id()}
