"""Allow ``python -m dehub_cli``."""

from dehub_cli.cli import main

main()
