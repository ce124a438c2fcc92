"""Recognizer families, one module each. Each exposes ``RULES`` or a recognizer class."""
