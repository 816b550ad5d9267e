"""The two services of seed 000 step 11, recorded when staff register a caller by phone.

"Mark on their newly created account that a Job Search Assistance service was performed.
When the new labor exchange is created, there will be a specific service item created for
Staff Assisted Registration." Both are triggered by the staff-assisted registration; an
administrator may deactivate Job Search Assistance's trigger once the catalog says so.
"""

from django.db import migrations

ENTRIES = [
    {
        "name": "Staff Assisted Registration",
        "description": "Recorded when staff register a job seeker who could not do it themselves, "
        "for example over the phone.",
        "countable": False,
    },
    {
        "name": "Job Search Assistance",
        "description": "Staff helped the job seeker with their job search; recorded automatically "
        "on a staff-assisted registration (seed 000 step 11).",
        "countable": True,
    },
]


def add_entries(apps, schema_editor):
    ServiceType = apps.get_model("services", "ServiceType")
    for entry in ENTRIES:
        ServiceType.objects.update_or_create(
            name=entry["name"],
            defaults={**entry, "capture_mode": "automatic", "credit_rule": "actor",
                      "trigger_event": "staff_assisted_registration", "active": True},
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("services", "0001_initial")]
    operations = [migrations.RunPython(add_entries, migrations.RunPython.noop)]
