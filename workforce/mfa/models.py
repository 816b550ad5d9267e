"""The staff authenticator-app device: django-otp's TOTP device with its key encrypted.

django-otp's own `TOTPDevice` keeps the shared secret as hex in a plain column, so a
leaked database dump (or backup) would let anyone make any staff member's codes; only
the password would still stand between them and the account. This model is the same
device, field for field and method for method (its `verify_token`, throttling and
`config_url` are django-otp's own functions), except that the key is an
`EncryptedTextField` under the PII keys: encrypted at rest like the SSNs, and re-encrypted
by `manage.py rotate_pii_keys`, which finds every such field. Backup codes stay in
django-otp's `StaticDevice`, stored as keyed hashes (workforce.mfa.services).
"""

from __future__ import annotations

from django.db import models
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from workforce.fields import EncryptedTextField


class StaffTOTPDevice(TimestampMixin, ThrottlingMixin, Device):
    """A staff member's authenticator app (TOTP, RFC 6238), its key encrypted at rest."""

    key = EncryptedTextField(default=default_key, help_text="Hex; encrypted at rest.")
    step = models.PositiveSmallIntegerField(default=30)
    t0 = models.BigIntegerField(default=0)
    digits = models.PositiveSmallIntegerField(choices=[(6, 6), (8, 8)], default=6)
    tolerance = models.PositiveSmallIntegerField(default=1)
    drift = models.SmallIntegerField(default=0)
    last_t = models.BigIntegerField(default=-1)

    class Meta(Device.Meta):
        verbose_name = "authenticator app"

    # django-otp's own code, so the verification (time steps, drift, replay of a used
    # step, back-off after wrong codes) is exactly what the library tests and maintains.
    bin_key = TOTPDevice.bin_key
    verify_token = TOTPDevice.verify_token
    get_throttle_factor = TOTPDevice.get_throttle_factor
    config_url = TOTPDevice.config_url
    _read_str_from_settings = TOTPDevice._read_str_from_settings
