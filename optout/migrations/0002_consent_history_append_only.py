"""Consent history is append-only: no cascade from a seeker, and triggers refuse UPDATE,
DELETE and TRUNCATE (the function comes from workforce/0008)."""

import django.db.models.deletion
from django.db import migrations, models

TRIGGERS = """
CREATE TRIGGER wf_append_only BEFORE UPDATE OR DELETE ON optout_consentchange
FOR EACH ROW EXECUTE FUNCTION wf_append_only();
CREATE TRIGGER wf_append_only_truncate BEFORE TRUNCATE ON optout_consentchange
FOR EACH STATEMENT EXECUTE FUNCTION wf_append_only();
"""

DROP_TRIGGERS = """
DROP TRIGGER wf_append_only ON optout_consentchange;
DROP TRIGGER wf_append_only_truncate ON optout_consentchange;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('optout', '0001_consent_requests_notices'),
        ('seekers', '0011_office_members_newest_index'),
        ('workforce', '0008_append_only_audit'),
    ]

    operations = [
        migrations.AlterField(
            model_name='consentchange',
            name='seeker',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='seekers.jobseeker'),
        ),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS),
    ]
