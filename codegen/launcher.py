"""The `typepact` console script: answer a warm, plain `check` or
`generate` from the stamp (codegen/stamp.py) before importing anything
heavy; otherwise run the full command line (codegen/cli.py)."""

from __future__ import annotations

import os
import sys


def main() -> None:
    try:
        _run()
    except SystemExit as done:
        _leave(done.code)
    _leave(0)


def _run() -> None:
    from codegen import stamp

    code = stamp.serve(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from codegen.cli import main as cli_main

    cli_main()


def _leave(code: object) -> None:
    """End the process as `sys.exit(code)` would, without the interpreter's
    teardown. A cold run leaves millions of objects (syntax trees, the IR)
    that a normal exit frees one by one, a tenth of a second for 1,000
    models, only to hand the memory back to the system anyway. Every
    file typepact writes is closed by then and no thread is left running;
    only the standard streams need flushing."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): printed, status 1, as Python does it
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None: started with the descriptor closed
                stream.flush()
        except (OSError, ValueError):
            # A closed pipe (`typepact ir | head`): nobody reads the rest.
            status = status or 1
    os._exit(status)
