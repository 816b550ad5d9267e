"""Names and numbers of the second sign-in step and the step-up."""

from django.db import models


class MfaStep(models.TextChoices):
    """What a signed-in session still owes before it may do anything else."""

    NONE = "none", "Nothing: no device and MFA not required"
    VERIFY = "verify", "A code from the user's device"
    ENROL = "enrol", "Setting up a device (MFA is required and the user has none)"


# Session keys: what is still owed, and when the user last proved who they are
# (password, and code when they have a device) as Unix seconds. Neither is a secret.
SESSION_STEP = "workforce_mfa_step"
SESSION_AUTH_AT = "workforce_auth_at"

# Backup codes: ten, each 10 characters of an alphabet without look-alikes (about 49 bits),
# shown once in two groups of five. Stored only as keyed hashes.
BACKUP_CODE_COUNT = 10
BACKUP_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
BACKUP_CODE_LENGTH = 10
BACKUP_CODE_HASH_SALT = "workforce.mfa.backup-code"
TOTP_DIGITS = 6

# What the change history says for MFA events on the user (django-auditlog, field "mfa").
AUDIT_FIELD = "two-step sign-in"
