"""Notice versions are drafted, previewed and published with an effective date (issue 12).

A draft has no publish time. Every version published before this migration gets the
day it was published (in the project's time zone) as its effective date, so the
version in effect does not change. The trigger of migration 0003 refuses to change a
version a call has read; it is switched off for this one backfill only.
"""

from django.conf import settings
from django.db import migrations, models

BACKFILL = """
UPDATE registration_noticeversion SET effective_date = (published_at AT TIME ZONE %s)::date
    WHERE effective_date IS NULL
"""


def backfill(apps, schema_editor):
    table = "registration_noticeversion"
    schema_editor.execute(f"ALTER TABLE {table} DISABLE TRIGGER wf_notice_version_frozen")
    schema_editor.execute(BACKFILL, [settings.TIME_ZONE])
    schema_editor.execute(f"ALTER TABLE {table} ENABLE TRIGGER wf_notice_version_frozen")


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0003_notice_versions_are_immutable"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="noticeversion",
            name="effective_date",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="noticeversion",
            name="published_at",
            field=models.DateTimeField(blank=True, help_text="Empty for a draft.", null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="noticeversion",
            constraint=models.CheckConstraint(
                condition=models.Q(published_at__isnull=True, effective_date__isnull=True)
                | models.Q(published_at__isnull=False, effective_date__isnull=False),
                name="notice_published_has_effective_date",
            ),
        ),
    ]
