"""CSV exports as files on disk: streamed, shared, and of a size a bot may send.

`/export all` on a national index is a file of millions of rows. It is written once per
version of the index, row by row into a file (not built in memory), and every person
who asks for it meanwhile gets that same file; one person may ask again only after a
pause. A file over what Telegram lets a bot send is zipped, and one still too large is
refused with the command-line way to get it.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import GongkaiError
from index.export import fingerprint, write_csv

SEND_LIMIT = 50 * 1024 * 1024  # the largest document a bot may send


class ExportTooLarge(GongkaiError):
    """The export is over what a bot may send, even zipped."""


class ExportTooSoon(GongkaiError):
    """The same person asked for the whole index again within the pause."""


@dataclass
class Export:
    path: Path
    filename: str
    figures: int


@dataclass
class Exports:
    db_path: Path
    pause: float = 600.0  # seconds between two exports of everything for one person
    send_limit: int = SEND_LIMIT
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="gongkai-export-")))
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _whole: tuple[str, Export] | None = None
    _asked: dict[int, float] = field(default_factory=dict)

    async def whole(self, user_id: int, *, unlimited: bool = False) -> Export:
        """The export of every figure, made once per version of the index and shared."""
        now = time.monotonic()
        if not unlimited and now - self._asked.get(user_id, -self.pause) < self.pause:
            raise ExportTooSoon(f"{int(self.pause // 60)}")
        self._asked[user_id] = now
        async with self._lock:  # everyone asking meanwhile waits for the one file
            version = await asyncio.to_thread(fingerprint, self.db_path)
            if self._whole is None or self._whole[0] != version:
                if self._whole is not None:
                    self._whole[1].path.unlink(missing_ok=True)
                    self._whole = None
                made = await asyncio.to_thread(self._make, None, f"gongkai-all-{version}")
                self._whole = (version, made)
            return self._whole[1]

    async def agency(self, agency_id: int) -> Export:
        """The figures of one agency; the caller removes the file once sent."""
        return await asyncio.to_thread(self._make, agency_id, f"gongkai-{agency_id}")

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _make(self, agency_id: int | None, stem: str) -> Export:
        path = self.folder / f"{stem}.csv"
        # UTF-8 with a byte-order mark: what makes Excel read Chinese
        with open(path, "w", encoding="utf-8-sig", newline="") as out:
            count = write_csv(self.db_path, out, agency_id)
        name = "gongkai-all.csv" if agency_id is None else f"gongkai-{agency_id}.csv"
        if path.stat().st_size <= self.send_limit:
            return Export(path, name, count)
        zipped = path.with_suffix(".zip")
        with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as z:
            z.write(path, name)
        path.unlink()
        if zipped.stat().st_size > self.send_limit:
            zipped.unlink()
            raise ExportTooLarge("python -m index export")
        return Export(zipped, name.replace(".csv", ".zip"), count)
