"""Staff TOTP keys are encrypted at rest (issue 14; ASVS 5.0 11.x, the leaked-dump threat).

django-otp keeps a TOTP key as hex in a plain column, so a dump of the database would let
anyone make any staff member's codes. `StaffTOTPDevice` is django-otp's device with the
key in an `EncryptedTextField` under the PII keys: not in the column, not in a pg_dump,
re-encrypted by `rotate_pii_keys`; the devices set up before it moved across with their keys.
"""

from __future__ import annotations

import base64
import importlib
from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.workforce.test_encryption import database_dump
from tests.workforce.test_mfa import enrol, sign_in, totp_code
from workforce.mfa.models import StaffTOTPDevice
from workforce.models import User

MIGRATION = importlib.import_module("workforce.migrations.0012_staff_totp_device")


def _stored_key(device: StaffTOTPDevice) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT key FROM workforce_stafftotpdevice WHERE id = %s", [device.pk])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_the_key_set_up_on_the_page_is_stored_only_encrypted(casemanager: User) -> None:
    device, _ = enrol(sign_in(casemanager))
    key = device.key
    assert len(bytes.fromhex(key)) == 20  # the model reads it back as django-otp's hex
    stored = _stored_key(device)
    assert key not in stored and base64.b32encode(bytes.fromhex(key)).decode() not in stored
    assert stored.startswith("gAAAAA")  # a Fernet token
    assert not TOTPDevice.objects.exists()  # django-otp's plain table is not used


@pytest.mark.django_db
def test_the_device_still_verifies_and_refuses_a_replayed_step(casemanager: User) -> None:
    device = StaffTOTPDevice.objects.create(user=casemanager, name="phone", confirmed=True)
    device = StaffTOTPDevice.objects.get(pk=device.pk)
    code = totp_code(device)
    assert device.verify_token(code)
    assert not StaffTOTPDevice.objects.get(pk=device.pk).verify_token(code)  # used once


@pytest.mark.django_db
def test_key_rotation_re_encrypts_the_devices_and_they_keep_working(casemanager: User) -> None:
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(PII_ENCRYPTION_KEYS=[old_key]):
        device = StaffTOTPDevice.objects.create(user=casemanager, name="phone", confirmed=True)
        before = _stored_key(device)
    with override_settings(PII_ENCRYPTION_KEYS=[new_key, old_key]):
        call_command("rotate_pii_keys", stdout=StringIO())
    assert _stored_key(device) != before
    with override_settings(PII_ENCRYPTION_KEYS=[new_key]):  # the old key retired
        rotated = StaffTOTPDevice.objects.get(pk=device.pk)
        assert rotated.key == device.key and rotated.verify_token(totp_code(rotated))


@pytest.mark.django_db
def test_devices_set_up_before_move_across_with_their_keys_and_state(casemanager: User) -> None:
    old = TOTPDevice.objects.create(user=casemanager, name="phone", confirmed=True,
                                    drift=1, last_t=12345, throttling_failure_count=2)  # fmt: skip
    created = old.created_at
    MIGRATION.devices_move(apps, None)
    assert not TOTPDevice.objects.exists()
    moved = StaffTOTPDevice.objects.get(user=casemanager)
    assert (moved.key, moved.name, moved.confirmed, moved.drift, moved.last_t) == (
        old.key, "phone", True, 1, 12345)  # fmt: skip
    assert moved.throttling_failure_count == 2 and moved.created_at == created
    assert old.key not in _stored_key(moved)
    MIGRATION.devices_move_back(apps, None)  # and the migration can be undone
    assert TOTPDevice.objects.get(user=casemanager).key == old.key


@pytest.mark.django_db(transaction=True)
def test_a_pg_dump_holds_no_totp_key(casemanager: User) -> None:
    devices = [StaffTOTPDevice.objects.create(user=casemanager, name=f"phone {i}")
               for i in range(5)]  # fmt: skip
    dump = database_dump()
    assert "COPY public.workforce_stafftotpdevice" in dump
    for device in devices:
        assert device.key not in dump
        assert base64.b32encode(bytes.fromhex(device.key)).decode() not in dump
