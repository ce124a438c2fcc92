"""Personal-identifier redaction: recognizers, the analyzer, placeholders."""
