"""Staff MFA (TOTP and backup codes, with django-otp) and the step-up before sensitive actions.

Devices: `StaffTOTPDevice` (models.py: django-otp's TOTP device with the key encrypted
under the PII keys) and django-otp's `StaticDevice` (whose tokens hold keyed hashes of the
backup codes, never the codes). See docs/security.md,
"Authentication".
"""
