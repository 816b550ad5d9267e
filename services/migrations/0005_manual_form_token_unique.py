"""A manual service's form token records one service: a unique constraint (issue 14).

The older constraint is per (entry, event, source), so the same form posted again with
another entry chosen made a second service. Such twins already stored keep their service;
the later ones get their id appended to the source, which no form will post again.
"""

from django.db import migrations, models

UNTWIN = """
UPDATE services_servicerecord r SET source = r.source || ':' || r.id
WHERE r.event = '' AND r.source <> '' AND EXISTS (
    SELECT 1 FROM services_servicerecord o
    WHERE o.event = '' AND o.source = r.source AND o.id < r.id
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0004_catalog_seed_003"),
    ]

    operations = [
        migrations.RunSQL(UNTWIN, migrations.RunSQL.noop),
        migrations.AddConstraint(
            model_name="servicerecord",
            constraint=models.UniqueConstraint(
                condition=models.Q(("event", ""), models.Q(("source", ""), _negated=True)),
                fields=("source",),
                name="service_manual_form_once",
            ),
        ),
    ]
