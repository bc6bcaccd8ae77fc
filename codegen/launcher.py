"""The `typepact` console script: answer a warm, plain `check` or
`generate` from the stamp (codegen/stamp.py) before importing anything
heavy; otherwise run the full command line (codegen/cli.py)."""

from __future__ import annotations

import sys


def main() -> None:
    from codegen import stamp

    code = stamp.serve(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from codegen.cli import main as cli_main

    cli_main()
