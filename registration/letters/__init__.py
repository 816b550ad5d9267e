"""Letters: the same-day confirmation of a registration (an email, or a letter to mail) and
the office's letters to mail today (seed 000 step 10)."""
