"""Staff MFA (TOTP and backup codes, with django-otp) and the step-up before sensitive actions.

No models of its own: devices are django-otp's `TOTPDevice` and `StaticDevice` (whose
tokens hold keyed hashes of the backup codes, never the codes). See docs/security.md,
"Authentication".
"""
