"""`python -m qa` runs the command line, like the `qa` script."""

from qa.cli import main

main()
