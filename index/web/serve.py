"""Datasette on the index: `python -m index serve`.

The index is opened read-only (SQLite `mode=ro`, Datasette's "mutable" database), never
`immutable`: immutable tells SQLite the file cannot change, so it would skip the WAL the
bot writes new reports into and could read pages in the middle of a write. A read-only
connection takes no write lock: the bot's uploads, /reindex and `index build` go on while
people browse, and each page reads one consistent snapshot.

The database is always named `gongkai`, whatever its file is called, so the metadata and
the canned queries' addresses (`/gongkai/ranking`) stay the same.
"""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import GongkaiError

if TYPE_CHECKING:
    from datasette.app import Datasette

DATABASE = "gongkai"
INSTALL = "pip install -e '.[web]'"
SETTINGS = {
    # a ranking or a search over a national index reads one figure of every report
    "sql_time_limit_ms": 5000,
    "facet_time_limit_ms": 1000,
}


class NoDatasette(GongkaiError):
    """Datasette, an optional extra, is not installed."""


def metadata() -> dict[str, Any]:
    """Titles, descriptions, labels, facets and canned queries (`metadata.yaml`)."""
    import yaml  # a dependency of Datasette's, like the rest of the web extra

    return yaml.safe_load((files(__package__) / "metadata.yaml").read_text(encoding="utf-8"))


def datasette(db: Path) -> Datasette:
    """A Datasette serving `db` as `gongkai`, with the metadata and the search functions."""
    try:
        from datasette.app import Datasette
        from datasette.database import Database
        from datasette.plugins import pm
    except ImportError as e:
        raise NoDatasette(f"Datasette is not installed: {INSTALL}") from e
    from . import plugin

    if not pm.is_registered(plugin):
        pm.register(plugin, name="gongkai")
    ds = Datasette(metadata=metadata(), settings=SETTINGS)
    ds.remove_database("_memory")  # Datasette adds it when given no file
    ds.add_database(Database(ds, path=str(db.resolve()), is_mutable=True), name=DATABASE)
    return ds


def serve(db: Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve `db` until interrupted."""
    ds = datasette(db)
    import uvicorn
    from datasette.cli import run_sync

    run_sync(ds.invoke_startup)
    where = f"http://{host}:{port}/{DATABASE}" if port else f"{host}, on a free port"
    print(f"Serving {db} read-only at {where} (Ctrl-C stops).", file=sys.stderr, flush=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="info", lifespan="on")
