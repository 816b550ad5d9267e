"""Plans: assessments, employment plans, goals and steps (seed 001)."""
