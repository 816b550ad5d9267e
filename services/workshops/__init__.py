"""Workshops (seed 003): staff create them, refer seekers, and result attendance."""
