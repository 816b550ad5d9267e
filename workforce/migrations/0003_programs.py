"""The programs every state runs; administrators add or retire others in the admin."""

from django.db import migrations

# A copy, frozen with this migration: later edits to workforce.constants must not change it.
DEFAULT_PROGRAMS = [
    ("wioa-adult", "WIOA Adult"),
    ("wioa-dislocated-worker", "WIOA Dislocated Worker"),
    ("wioa-youth", "WIOA Youth"),
    ("wagner-peyser", "Wagner-Peyser Employment Service"),
    ("jvsg", "Jobs for Veterans State Grant (DVOP)"),
    ("resea", "Reemployment Services and Eligibility Assessment (RESEA)"),
    ("taa", "Trade Adjustment Assistance"),
]


def add_programs(apps, schema_editor):
    Program = apps.get_model("workforce", "Program")
    for code, name in DEFAULT_PROGRAMS:
        Program.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("workforce", "0002_postgres_extensions")]

    operations = [migrations.RunPython(add_programs, migrations.RunPython.noop)]
