"""A notice version that a call has used can never be changed or deleted, even by SQL."""

from django.db import migrations

FORWARD = """
CREATE FUNCTION wf_notice_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM registration_registrationcall WHERE notice_version_id = OLD.id) THEN
        RAISE EXCEPTION 'notice version % was read on a call and cannot be changed', OLD.number
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER wf_notice_version_frozen
BEFORE UPDATE OR DELETE ON registration_noticeversion
FOR EACH ROW EXECUTE FUNCTION wf_notice_version_frozen();
"""

BACKWARD = """
DROP TRIGGER wf_notice_version_frozen ON registration_noticeversion;
DROP FUNCTION wf_notice_version_frozen();
"""


class Migration(migrations.Migration):
    dependencies = [("registration", "0002_notice_version_1")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
