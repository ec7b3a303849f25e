"""`python -m index`: see `index.cli`."""

from .cli import main

raise SystemExit(main())
