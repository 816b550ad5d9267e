"""Field encryption and blind indexes for PII.

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256) under a MultiFernet
built from settings.PII_ENCRYPTION_KEYS: the first key encrypts, every key
decrypts, so a new key can be put first and the old rows re-encrypted by
`manage.py rotate_pii_keys` without downtime. Exact lookup of an SSN uses a keyed
HMAC (the blind index) under a separate key, so the index reveals nothing without
that key and an equality search never needs to decrypt a row.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("PII_ENCRYPTION_KEYS holds no key.")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "PII_ENCRYPTION_KEYS must be Fernet keys (32 url-safe base64 bytes each), "
            "comma-separated; make one with `manage.py rotate_pii_keys --generate-key`."
        ) from exc


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.PII_ENCRYPTION_KEYS))


def encrypt(plaintext: str) -> str:
    return fernet().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        # Never echo the token: say which configuration is wrong instead.
        raise ImproperlyConfigured(
            "A stored PII value cannot be decrypted with PII_ENCRYPTION_KEYS; "
            "a key that encrypted it is missing from the list."
        ) from None


def encrypt_bytes(data: bytes) -> bytes:
    """Encrypt a file's bytes (uploaded documents, resumes) under the primary key."""
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return fernet().decrypt(token)
    except InvalidToken:
        raise ImproperlyConfigured(
            "A stored file cannot be decrypted with PII_ENCRYPTION_KEYS; "
            "a key that encrypted it is missing from the list."
        ) from None


def rotate_bytes(token: bytes) -> bytes:
    """Re-encrypt a stored file's bytes under the primary key (MultiFernet.rotate)."""
    try:
        return fernet().rotate(token)
    except InvalidToken:
        raise ImproperlyConfigured(
            "A stored file cannot be decrypted with PII_ENCRYPTION_KEYS; "
            "a key that encrypted it is missing from the list."
        ) from None


def rotate(token: str) -> str:
    """Re-encrypt a token under the primary key (MultiFernet.rotate)."""
    return fernet().rotate(token.encode()).decode()


def blind_index(value: str, *, purpose: str) -> str:
    """A keyed HMAC-SHA256 of a normalised value; `purpose` separates indexes of different data."""
    key = settings.PII_HMAC_KEY.encode()
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def generate_key() -> str:
    return Fernet.generate_key().decode()


@receiver(setting_changed)
def _forget_keys(*, setting: str, **kwargs: object) -> None:
    if setting == "PII_ENCRYPTION_KEYS":
        _fernet.cache_clear()
