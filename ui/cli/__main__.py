"""`python -m ui.cli`: the `policylens` command."""

from ui.cli.main import main

main()
