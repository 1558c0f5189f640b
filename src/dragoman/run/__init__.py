"""Runners: map batches of article dicts through the Worker, locally or on an engine."""
