"""Mask SSNs that calls stored in their searches before issue 14, and their change-log copies.

Until issue 14 a call's searches were masked with a pattern that needed a word boundary,
so an SSN glued to a word (`123456789Larsen`, `ssn123456789`, `Larsen 123-45-6789x`) was
stored as typed in `RegistrationCall.searches` and copied into django-auditlog's entries.
This rewrites both with the pattern the search reads SSNs with (a copy, frozen with this
migration, of `workforce.ssn_text`). Rows holding no SSN are left untouched.

The change log is append-only (workforce/0008's triggers): scrubbing plaintext SSNs out of
it is the one rewrite allowed, done here by the owner role with the trigger switched off
for this transaction only (ALTER TABLE is transactional in PostgreSQL).
"""

import re
import unicodedata

from django.db import migrations

SSN_IN_TEXT = re.compile(r"(?<!\d)\d{3}[\s.\-]*\d{2}[\s.\-]*\d{4}(?!\d)")


def _clean(raw):
    kept = (" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in raw)
    return " ".join("".join(kept).split())


def _mask(text):
    cleaned = _clean(text or "")
    if SSN_IN_TEXT.search(cleaned) is None:
        return text
    return SSN_IN_TEXT.sub(lambda m: "***-**-" + re.sub(r"\D", "", m.group(0))[-4:], cleaned)


def _masked(value):
    """Every string inside a JSON value, masked."""
    if isinstance(value, str):
        return _mask(value)
    if isinstance(value, list):
        return [_masked(v) for v in value]
    if isinstance(value, dict):
        return {k: _masked(v) for k, v in value.items()}
    return value


def mask_searches(apps, schema_editor):
    RegistrationCall = apps.get_model("registration", "RegistrationCall")
    for call in RegistrationCall.objects.exclude(searches=[]).only("pk", "searches").iterator():
        masked = _masked(call.searches)
        if masked != call.searches:
            RegistrationCall.objects.filter(pk=call.pk).update(searches=masked)
    LogEntry = apps.get_model("auditlog", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kind = ContentType.objects.filter(app_label="registration", model="registrationcall").first()
    if kind is None:
        return
    entries = LogEntry.objects.filter(content_type=kind, changes__has_key="searches")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE waits for no pending checks
        cursor.execute("ALTER TABLE auditlog_logentry DISABLE TRIGGER wf_append_only")
    for entry in entries.only("pk", "changes", "changes_text").iterator():
        changes, text = _masked(entry.changes), _mask(entry.changes_text)
        if changes != entry.changes or text != entry.changes_text:
            LogEntry.objects.filter(pk=entry.pk).update(changes=changes, changes_text=text)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("ALTER TABLE auditlog_logentry ENABLE TRIGGER wf_append_only")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0005_call_unfinished_index"),
        ("auditlog", "0017_add_actor_email"),
        ("workforce", "0008_append_only_audit"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(mask_searches, migrations.RunPython.noop)]
