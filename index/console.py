"""What every command line of gongkai does around its work: no traceback for a closed pipe
or Ctrl-C, one `Error: …` line for a person's mistake."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from .errors import GongkaiError


def run_command(main: Callable[[], int], error_status: int = 2) -> int:
    """Run `main`, turning the ways a terminal ends a command into an exit status.

    `python -m index parse … | head` closes the pipe while the command still writes:
    that is the reader's choice, not an error. Python would print a traceback twice
    (once more when it flushes stdout on exit) unless stdout is pointed elsewhere.
    """
    try:
        return main()
    except GongkaiError as e:
        print(f"Error: {e}", file=sys.stderr)
        return error_status
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
