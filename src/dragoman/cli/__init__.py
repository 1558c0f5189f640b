"""The ``dragoman`` command: thin commands that parse, call one library function, format.

One module per command group (``run``, ``read``, ``export``, ``spark``, ``evaluate``,
``serve``, ``info``); ``common`` holds the group and the flags they share. Library errors
become CLI errors here only. Exit codes: 0 all went well, 1 some articles failed (the rest
were processed; see the errors), 2 a usage, setting, model or store error.
"""

from dragoman.cli import evaluate, export, info, read, run, serve, spark
from dragoman.cli.common import main

__all__ = ["evaluate", "export", "info", "main", "read", "run", "serve", "spark"]
