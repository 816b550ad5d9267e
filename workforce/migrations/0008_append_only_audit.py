"""Audit rows are append-only, enforced by PostgreSQL: UPDATE, DELETE and TRUNCATE raise.

The change history (django-auditlog's LogEntry) and the access log get the triggers here;
other apps' history tables (optout's ConsentChange) add theirs with the same function. The
triggers are also how `manage.py grant_app_role` finds the tables whose UPDATE, DELETE and
TRUNCATE it withholds from the application's role (docs/deployment.md).
"""

from django.db import migrations

FUNCTION = """
CREATE FUNCTION wf_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
"""

TRIGGERS = """
CREATE TRIGGER wf_append_only BEFORE UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION wf_append_only();
CREATE TRIGGER wf_append_only_truncate BEFORE TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION wf_append_only();
"""

DROP_TRIGGERS = """
DROP TRIGGER wf_append_only ON {table};
DROP TRIGGER wf_append_only_truncate ON {table};
"""

TABLES = ["auditlog_logentry", "workforce_accesslog"]


class Migration(migrations.Migration):
    dependencies = [
        ("workforce", "0007_office_address_and_optout_contact"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [
        migrations.RunSQL(FUNCTION, "DROP FUNCTION wf_append_only();"),
        *(
            migrations.RunSQL(TRIGGERS.format(table=table), DROP_TRIGGERS.format(table=table))
            for table in TABLES
        ),
    ]
