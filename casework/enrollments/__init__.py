"""Program Registration (seed 001): eligibility questions, enrollments, demographics."""
