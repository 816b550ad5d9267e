"""Re-encrypt every encrypted value under the first key of PII_ENCRYPTION_KEYS.

Rotation, step by step (README, "Keys"):
1. `manage.py rotate_pii_keys --generate-key` prints a new key.
2. Put it first in PII_ENCRYPTION_KEYS, keeping the old keys after it; restart.
3. `manage.py rotate_pii_keys` re-encrypts every row under the new key,
   recomputes blind indexes under the current PII_HMAC_KEY, and re-encrypts every
   uploaded file under settings.DOCUMENTS_ROOT (documents and resumes) through the file
   store's own write routine (`workforce.filestore.stored_files_rekey`).
4. Remove the old keys from PII_ENCRYPTION_KEYS; restart.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, models, transaction

from workforce import crypto, filestore
from workforce.fields import EncryptedTextField

BATCH_SIZE = 5000


def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    """Every model with encrypted columns, found by field type so new ones are never missed."""
    found = []
    for model in apps.get_models():
        names = [
            f.attname for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)
        ]
        if names:
            found.append((model, names))
    return found


class Command(BaseCommand):
    help = "Re-encrypt all PII under the first PII_ENCRYPTION_KEYS key and rebuild blind indexes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--generate-key", action="store_true", help="Print a new key and change nothing."
        )

    def handle(self, *args: object, generate_key: bool, **options: object) -> None:
        if generate_key:
            self.stdout.write(crypto.generate_key())
            return
        for model, names in encrypted_fields():
            count = self._rotate_model(model, names)
            self.stdout.write(
                f"{model._meta.label}: {count} rows re-encrypted ({', '.join(names)})"
            )
        files = filestore.stored_files_rekey()
        self.stdout.write(f"{settings.DOCUMENTS_ROOT}: {files} files re-encrypted")
        self.stdout.write(self.style.SUCCESS("Every encrypted value now uses the first key."))

    def _rotate_model(self, model: type[models.Model], names: list[str]) -> int:
        """Re-encrypt a batch at a time with one UPDATE ... FROM unnest(...) per batch.

        Reading decrypts with any key; `crypto.encrypt` uses the first. The rows are
        locked for their batch only; no timestamp moves and no audit entry is written,
        since no value changes.
        """
        blind_indexes = getattr(model, "blind_indexes", None)
        table, pk = model._meta.db_table, model._meta.pk.column
        count, last_pk = 0, 0
        while True:
            with transaction.atomic():
                batch = list(
                    model.objects.select_for_update()
                    .filter(pk__gt=last_pk)
                    .order_by("pk")
                    .only("pk", *names)[:BATCH_SIZE]
                )
                if not batch:
                    return count
                columns: dict[str, list[object]] = {pk: [obj.pk for obj in batch]}
                for name in names:
                    columns[model._meta.get_field(name).column] = [
                        crypto.encrypt(value) if (value := getattr(obj, name)) else value
                        for obj in batch
                    ]
                if blind_indexes is not None:
                    rebuilt = [blind_indexes(obj) for obj in batch]
                    for name in rebuilt[0]:
                        columns[model._meta.get_field(name).column] = [r[name] for r in rebuilt]
                _bulk_update(table, pk, columns)
            count += len(batch)
            last_pk = batch[-1].pk


def _bulk_update(table: str, pk: str, columns: dict[str, list[object]]) -> None:
    """UPDATE table SET col = v.col, ... FROM unnest(arrays) AS v(...) WHERE table.pk = v.pk."""
    quote = connection.ops.quote_name
    names = [name for name in columns if name != pk]
    assignments = ", ".join(f"{quote(n)} = v.{quote(n)}" for n in names)
    arrays = ", ".join(["%s::bigint[]"] + ["%s::text[]"] * len(names))
    aliases = ", ".join(quote(n) for n in [pk, *names])
    sql = (
        f"UPDATE {quote(table)} SET {assignments} FROM unnest({arrays}) AS v({aliases}) "  # noqa: S608
        f"WHERE {quote(table)}.{quote(pk)} = v.{quote(pk)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [columns[pk], *(columns[n] for n in names)])
