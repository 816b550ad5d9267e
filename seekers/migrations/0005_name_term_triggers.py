"""Keep seekers_nameterm complete: a trigger per name table adds new keys on insert or rename.

A trigger rather than application code because every writer must keep the
vocabulary whole (services, the admin, bulk COPY of demo data): a name missing
from it would make that seeker unfindable by sound-alike or typo.
"""

from django.db import migrations

FORWARD = """
CREATE FUNCTION wf_seeker_name_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO seekers_nameterm (term)
    SELECT DISTINCT t FROM unnest(ARRAY[NEW.first_key, NEW.middle_key, NEW.last_key]) AS t
    WHERE t <> '' ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE FUNCTION wf_other_name_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO seekers_nameterm (term)
    SELECT DISTINCT t FROM unnest(ARRAY[NEW.first_key, NEW.last_key]) AS t
    WHERE t <> '' ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER wf_seeker_name_terms
AFTER INSERT OR UPDATE OF first_name, middle_name, last_name ON seekers_jobseeker
FOR EACH ROW EXECUTE FUNCTION wf_seeker_name_terms();

CREATE TRIGGER wf_other_name_terms
AFTER INSERT OR UPDATE OF first_name, last_name ON seekers_othername
FOR EACH ROW EXECUTE FUNCTION wf_other_name_terms();

INSERT INTO seekers_nameterm (term)
SELECT t FROM (
    SELECT first_key AS t FROM seekers_jobseeker UNION SELECT middle_key FROM seekers_jobseeker
    UNION SELECT last_key FROM seekers_jobseeker UNION SELECT first_key FROM seekers_othername
    UNION SELECT last_key FROM seekers_othername
) AS keys WHERE t <> '' ON CONFLICT DO NOTHING;
"""

BACKWARD = """
DROP TRIGGER wf_other_name_terms ON seekers_othername;
DROP TRIGGER wf_seeker_name_terms ON seekers_jobseeker;
DROP FUNCTION wf_other_name_terms();
DROP FUNCTION wf_seeker_name_terms();
"""


class Migration(migrations.Migration):
    dependencies = [("seekers", "0004_search_keys")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
