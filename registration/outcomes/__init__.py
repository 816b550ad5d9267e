"""Call outcomes: how the phone registrations of a period ended, for supervisors."""
