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
# The key of the authenticator app being set up, encrypted under the PII keys: no device row
# exists until a right code from it is typed (a GET of the set-up page writes nothing).
SESSION_PENDING_KEY = "workforce_mfa_pending_key"

# Backup codes: ten, each 10 characters of an alphabet without look-alikes (about 49 bits),
# shown once in two groups of five. Stored only as keyed hashes.
BACKUP_CODE_COUNT = 10
BACKUP_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
BACKUP_CODE_LENGTH = 10
BACKUP_CODE_HASH_SALT = "workforce.mfa.backup-code"
TOTP_DIGITS = 6

# What the change history says for MFA events on the user (django-auditlog, field "mfa").
AUDIT_FIELD = "two-step sign-in"


class CodeKind(models.TextChoices):
    """Which kind of code was typed, for the security log (never the code itself)."""

    TOTP = "totp", "A code from the authenticator app"
    BACKUP = "backup", "A backup code"


# Event names on the security log (`workforce.audit.security_event_log`).
EVENT_CODE = "mfa.code"  # sign-in's second step
EVENT_STEP_UP = "step-up"  # "Confirm it's you"
EVENT_SET_UP = "mfa.set-up"
EVENT_BACKUP_CODES = "mfa.backup-codes"
EVENT_RESET = "mfa.reset"
