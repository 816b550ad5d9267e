"""pg_trgm (trigram similarity) and fuzzystrmatch (sound-alike keys) for seeker search."""

from django.contrib.postgres.operations import CreateExtension, TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("workforce", "0001_initial")]

    operations = [TrigramExtension(), CreateExtension("fuzzystrmatch")]
