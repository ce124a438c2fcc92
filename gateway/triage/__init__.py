"""Emergency triage."""
