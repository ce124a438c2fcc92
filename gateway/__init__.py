"""patient-gateway: redaction, triage, retrieval, context and rails in front of a local LLM."""

__version__ = "0.1.0"
