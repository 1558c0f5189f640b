"""``python -m dragoman`` runs the command line."""

from dragoman.cli import main

main()
