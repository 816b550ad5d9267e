"""Notes, documents and resumes of a seeker (seed 001)."""
