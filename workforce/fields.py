"""Model fields that keep PII encrypted at rest."""

from __future__ import annotations

from typing import Any

from django.db import models

from workforce import crypto


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; decrypted on load, encrypted on save.

    Ciphertext is randomised, so the column supports no lookup but `isnull`:
    exact matches go through a blind-index column beside it.
    """

    description = "Encrypted text"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value: Any) -> str | None:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)

    def value_to_string(self, obj: models.Model) -> str:
        # Serialisation (dumpdata, audit snapshots) never sees the plaintext.
        return "[encrypted]"
