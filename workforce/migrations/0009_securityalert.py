"""Security alerts (sign-in spraying, bulk reads): append-only like the other audit tables."""

import importlib

from django.db import migrations, models

_audit = importlib.import_module("workforce.migrations.0008_append_only_audit")


class Migration(migrations.Migration):
    dependencies = [
        ("workforce", "0008_append_only_audit"),
    ]

    operations = [
        migrations.CreateModel(
            name="SecurityAlert",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField(auto_now_add=True, db_index=True)),
                (
                    "kind",
                    models.CharField(
                        choices=[("signin_spraying", "Many usernames failing to sign in")],
                        max_length=30,
                    ),
                ),
                ("detail", models.CharField(max_length=300)),
                ("ip_address", models.GenericIPAddressField(blank=True, null=True)),
            ],
            options={
                "ordering": ["-at"],
            },
        ),
        migrations.RunSQL(
            _audit.TRIGGERS.format(table="workforce_securityalert"),
            _audit.DROP_TRIGGERS.format(table="workforce_securityalert"),
        ),
    ]
