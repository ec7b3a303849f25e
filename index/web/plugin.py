"""Datasette plugin: the index's word segmentation as SQL functions, for the search query.

The sections' text is indexed as jieba words (`index.store.segment`), which no SQL can
make of what a person types: `fts_words(q)` gives the FTS5 query, `holds_words(text, q)`
keeps the sections that hold each term as written, `passage(text, q)` shows where.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from datasette import hookimpl

from ..search import holds_all, match_query, snippet


@hookimpl
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Any) -> None:
    conn.create_function("fts_words", 1, lambda q: match_query(q or ""), deterministic=True)
    conn.create_function(
        "holds_words", 2, lambda text, q: holds_all(text or "", q or ""), deterministic=True
    )
    conn.create_function(
        "passage", 2, lambda text, q: snippet(text or "", (q or "").split()), deterministic=True
    )
