"""Admin of this part of Case Details (imported by casework/admin.py)."""
