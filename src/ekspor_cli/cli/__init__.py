"""The `ekspor` command line: a thin client of the core (parse options, call, render)."""
