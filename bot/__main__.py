"""`python -m bot ask|chat|run`."""

import sys

from .cli import main

sys.exit(main())
