"""Home reads an office's newest seekers and counts them through this index (issue 12).

The offices link table is Django's own (no through model), so the index is plain SQL;
(office_id, jobseeker_id) lets "the newest in my office" walk the office's members
backwards and stop after ten, and the capped count stop after a thousand and one.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("seekers", "0010_enrollment_questions_and_activity_index"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX seeker_office_members_idx "
            "ON seekers_jobseeker_offices (office_id, jobseeker_id)",
            "DROP INDEX seeker_office_members_idx",
        ),
    ]
