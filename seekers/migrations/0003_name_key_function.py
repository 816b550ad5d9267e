"""wf_name_key(text): the one normalisation of names for search.

Lower case, accents removed (unaccent), everything but a-z dropped, so that
"O'Brien" = "OBrien" = "o brien" and "José" = "Jose". Declared IMMUTABLE so that
generated columns and indexes may use it; it calls unaccent with its dictionary
named explicitly, which is what makes that promise safe.
"""

from django.contrib.postgres.operations import CreateExtension
from django.db import migrations

CREATE = """
CREATE FUNCTION wf_name_key(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, value)), '[^a-z]', '', 'g') $$;
"""


class Migration(migrations.Migration):
    dependencies = [("seekers", "0002_initial"), ("workforce", "0002_postgres_extensions")]

    operations = [
        CreateExtension("unaccent"),
        migrations.RunSQL(CREATE, "DROP FUNCTION wf_name_key(text);"),
    ]
