"""Case Details (seed 001): the staff page about one seeker and the parts it composes."""
