"""The programs every state runs; administrators add or retire others in the admin."""

from django.db import migrations

from workforce.constants import DEFAULT_PROGRAMS


def add_programs(apps, schema_editor):
    Program = apps.get_model("workforce", "Program")
    for code, name in DEFAULT_PROGRAMS:
        Program.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("workforce", "0002_postgres_extensions")]

    operations = [migrations.RunPython(add_programs, migrations.RunPython.noop)]
