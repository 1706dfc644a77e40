"""Allow ``python -m dehub_cli``."""

from dehub_cli.script import main

main()
