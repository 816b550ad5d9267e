"""Job search, postings sent and referrals (seed 001)."""
