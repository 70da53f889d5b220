# `python -m extract` runs the CLI on import: keep doctest collection away from it.
collect_ignore = ["extract/__main__.py", "bench"]
