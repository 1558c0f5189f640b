"""Stages: each a plain function from a parsed Doc (and earlier stages' records) to records."""
