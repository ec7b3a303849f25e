"""Full-text search of the reports' sections: the words of a question found in their text.

Sections are indexed as jieba words (`index.store.segment`) behind SQLite FTS5, whose own
tokenizer does not split Chinese; a query is segmented the same way. Used by the bot's
/search, the engine (words a question holds that no table explains) and the command line;
`match_query` and `holds_all` are the Datasette search's (`index.web.plugin`).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from .store import segment


@dataclass(frozen=True)
class Hit:
    agency: str
    year: int
    section: int
    title: str
    snippet: str


def search_sections(conn: sqlite3.Connection, words: str, limit: int = 10) -> list[Hit]:
    """Sections whose text holds every word of `words`, best first, one per passage."""
    tokens = [w for w in segment(words).split() if w.strip()]
    longer = [w for w in tokens if len(w) >= 2]
    tokens = longer or tokens  # 开 of 开了新闻发布会 would hide every passage
    if not tokens:
        return []
    query = " ".join('"' + w.replace('"', '""') + '"' for w in tokens)
    try:
        rows = conn.execute(
            "select r.agency, r.year, s.number, s.title, s.text from sections_fts "
            "join sections s on s.rowid = sections_fts.rowid join reports r on r.id = s.report_id "
            "where sections_fts match ? order by sections_fts.rank limit ?",
            (query, limit * 3),
        ).fetchall()
    except sqlite3.OperationalError:  # an index without its full-text table
        return []
    hits: list[Hit] = []
    seen: set[str] = set()
    for agency, year, number, title, text in rows:
        passage = snippet(text or "", words.split() + tokens)
        key = f"{agency}{year}{passage}"
        if key in seen:
            continue
        seen.add(key)
        hits.append(Hit(agency, year, number, title or "", passage))
        if len(hits) == limit:
            break
    return hits


def match_query(words: str) -> str:
    """An FTS5 query for sections holding every term of `words` (split at spaces), each
    term as the index's words: 微信 is stored as 微 信 (jieba's dictionary splits it),
    so 微信 alone, as Datasette's own search box sends it, finds nothing.

    Every word of every term is asked for, one-character words too: the index narrows
    the sections down, and `holds_all` keeps those that hold each term as written.
    """
    tokens = dict.fromkeys(w for term in words.split() for w in segment(term).split())
    return " ".join('"' + w.replace('"', '""') + '"' for w in tokens) or '""'


def holds_all(text: str, words: str) -> bool:
    """Whether `text` holds every term of `words` as written (line breaks and spaces in
    the text ignored: a PDF breaks lines inside words)."""
    flat = re.sub(r"\s+", "", text)
    return all(term in flat for term in words.split())


def snippet(text: str, words: list[str], before: int = 30, after: int = 70) -> str:
    """The passage of `text` around the first (longest) of `words` it holds."""
    flat = re.sub(r"\s+", "", text)
    positions = [flat.find(w) for w in sorted(words, key=len, reverse=True) if w in flat]
    at = positions[0] if positions else 0
    start = max(0, at - before)
    end = min(len(flat), at + after)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")
