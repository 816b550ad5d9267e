"""Staff authenticator apps move to a device whose key is encrypted (workforce.mfa.models).

Every django-otp `TOTPDevice` becomes a `StaffTOTPDevice` with the same settings, state
and key (encrypted on the way in by its field), and the plain row is deleted, in this one
transaction. Nobody has to set up their app again. Sessions verified with an old device
carry its persistent id, which no longer resolves; django-otp then treats them as not
verified and asks for a code at the next page, once.
"""

import django.db.models.deletion
import django_otp.plugins.otp_totp.models
import workforce.fields
from django.conf import settings
from django.db import migrations, models


FIELDS = ["user_id", "name", "confirmed", "throttling_failure_timestamp",
          "throttling_failure_count", "created_at", "last_used_at", "key", "step", "t0",
          "digits", "tolerance", "drift", "last_t"]  # fmt: skip


def devices_move(apps, schema_editor) -> None:
    old = apps.get_model("otp_totp", "TOTPDevice")
    new = apps.get_model("workforce", "StaffTOTPDevice")
    for device in old.objects.order_by("pk").iterator():
        moved = new.objects.create(**{name: getattr(device, name) for name in FIELDS})
        new.objects.filter(pk=moved.pk).update(created_at=device.created_at)  # not "now"
    old.objects.all().delete()


def devices_move_back(apps, schema_editor) -> None:
    old = apps.get_model("otp_totp", "TOTPDevice")
    new = apps.get_model("workforce", "StaffTOTPDevice")
    for device in new.objects.order_by("pk").iterator():
        moved = old.objects.create(**{name: getattr(device, name) for name in FIELDS})
        old.objects.filter(pk=moved.pk).update(created_at=device.created_at)
    new.objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('workforce', '0011_user_session'),
        ('otp_totp', '0003_add_timestamps'),
    ]

    operations = [
        migrations.CreateModel(
            name='StaffTOTPDevice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='The human-readable name of this device.', max_length=64)),
                ('confirmed', models.BooleanField(default=True, help_text='Is this device ready for use?')),
                ('throttling_failure_timestamp', models.DateTimeField(blank=True, default=None, help_text='A timestamp of the last failed verification attempt. Null if last attempt succeeded.', null=True)),
                ('throttling_failure_count', models.PositiveIntegerField(default=0, help_text='Number of successive failed attempts.')),
                ('created_at', models.DateTimeField(auto_now_add=True, help_text='The date and time when this device was initially created in the system.', null=True)),
                ('last_used_at', models.DateTimeField(blank=True, help_text='The most recent date and time this device was used.', null=True)),
                ('key', workforce.fields.EncryptedTextField(default=django_otp.plugins.otp_totp.models.default_key, help_text='Hex; encrypted at rest.')),
                ('step', models.PositiveSmallIntegerField(default=30)),
                ('t0', models.BigIntegerField(default=0)),
                ('digits', models.PositiveSmallIntegerField(choices=[(6, 6), (8, 8)], default=6)),
                ('tolerance', models.PositiveSmallIntegerField(default=1)),
                ('drift', models.SmallIntegerField(default=0)),
                ('last_t', models.BigIntegerField(default=-1)),
                ('user', models.ForeignKey(help_text='The user that this device belongs to.', on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'authenticator app',
                'abstract': False,
            },
        ),
        migrations.RunPython(devices_move, devices_move_back),
    ]
