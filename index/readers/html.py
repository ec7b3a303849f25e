"""Web-page reports: the page's text as paragraphs, its data tables as grids.

Government sites publish the report inside a page of site furniture (navigation,
footers, scripts) and often lay the page out with tables of their own. The page is
parsed into a small tree with the standard library's `html.parser`, so that a data
table can be told from a layout table (one that holds other tables), rowspan/colspan
can be expanded into a grid, and the furniture can be skipped as whole subtrees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..document import Block, Document, Paragraph, Table
from .text import decode

_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
_SKIPPED = {"script", "style", "noscript", "template", "nav", "footer", "iframe", "select", "button", "textarea", "svg", "object", "head"}  # fmt: skip
# Block elements end the line of text before them and start a new one.
_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "div", "dl", "dt",
    "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li",
    "main", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
_CELLS = {"td", "th"}
_SECTIONS = {"thead", "tbody", "tfoot"}
# class/id words that mark site furniture, and whole class/id values that do
_FURNITURE_WORDS = {
    "nav",
    "navbar",
    "menu",
    "breadcrumb",
    "crumb",
    "crumbs",
    "footer",
    "sidebar",
    "topbar",
}
_FURNITURE_NAMES = {"header", "head", "top", "bottom", "foot"}
# never skipped for their class or id: they hold the whole page
_CONTAINERS = {"html", "body", "main", "article", "form"}
_META_LABELS = {
    "agency": ("发布机构", "发文机关", "发布单位", "发文单位"),
    "date": ("成文日期", "发文日期", "发布日期"),
    "title": ("标题", "名称", "文件名称"),
}
_LABEL_COLON = re.compile(r"([:：])")
# Pages with thousands of unclosed tags would nest deeper than Python's recursion limit;
# past this depth inline elements are kept flat (their text is kept, their nesting is not).
_MAX_DEPTH = 200
# Blocks (a table inside unclosed inline tags) nest further, but not without bound: tables
# nested hundreds deep would overflow the recursive walks below. Real reports nest under 40.
_MAX_BLOCK_DEPTH = 400
_SPACE = re.compile(r"[ \t\r\n\f\v\xa0]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)


def read_html(data: bytes) -> Document:
    """Read a web page into paragraphs (one per block of text) and data tables.

    A page with no report on it (a list of links) is still a `Document`; the parser
    decides that it is not a report. Raises `UnreadableFile` when the bytes cannot be
    decoded.
    """
    builder = _TreeBuilder()
    builder.feed(_decode(data))
    builder.close()
    walker = _Walker()
    walker.walk(builder.root)
    walker.flush()
    if walker.page_title and "title" not in walker.meta:
        walker.meta["title"] = walker.page_title
    return Document(walker.blocks, "html", walker.meta)


def _decode(data: bytes) -> str:
    """Decode as UTF-8 when the bytes are valid UTF-8, else as the page declares.

    Sites copy their templates' `<meta charset>` around, so a page declared GB2312 is
    sometimes UTF-8; GBK text is practically never valid UTF-8, so trying UTF-8 first
    cannot misread a genuine GBK page. GB2312 and GBK are read as their superset GB18030.
    """
    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        name = declared.group(1).decode("ascii").lower()
        codec = "gb18030" if name in {"gb2312", "gbk", "gb18030", "x-gbk", "cp936"} else name
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    children: list[_Node | str] = field(default_factory=list)

    def elements(self, *tags: str) -> Iterator[_Node]:
        return (c for c in self.children if isinstance(c, _Node) and c.tag in tags)

    def contains(self, tag: str) -> bool:
        return any(c.tag == tag or c.contains(tag) for c in self.children if isinstance(c, _Node))


class _TreeBuilder(HTMLParser):
    """A forgiving tree builder: closes what HTML lets authors leave open.

    Only the implied ends that matter for reading are modelled: a new cell or row
    closes the previous one, a block closes an open `<p>`, a new `<li>` the previous
    one; an end tag never closes anything across a table cell it was not opened in.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied(tag)
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        depth = len(self.stack)
        if tag not in _VOID and (
            depth < _MAX_DEPTH or (tag in _BLOCKS and depth < _MAX_BLOCK_DEPTH)
        ):
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        depth = len(self.stack)
        self.handle_starttag(tag, attrs)
        del self.stack[depth:]

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # `</br>` is read as `<br>` by browsers
            self.handle_starttag("br", [])
            return
        limits = _end_limits(tag)
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
            if self.stack[i].tag in limits:
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def _close_implied(self, tag: str) -> None:
        if tag in _CELLS:
            self._close_open(_CELLS, limits={"tr", "table"})
        elif tag == "tr":
            self._close_open({"tr"}, limits=_SECTIONS | {"table"})
        elif tag in _SECTIONS:
            self._close_open(_SECTIONS, limits={"table"})
        elif tag == "li":
            self._close_open({"li"}, limits={"ul", "ol", "td", "th", "table"})
        if tag in _BLOCKS and tag not in _CELLS | _SECTIONS | {"tr"}:
            self._close_open({"p"}, limits={"td", "th", "table", "caption", "button"})

    def _close_open(self, tags: set[str], limits: set[str]) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag in tags:
                del self.stack[i:]
                return
            if self.stack[i].tag in limits:
                return


def _end_limits(tag: str) -> set[str]:
    if tag == "table":
        return set()
    if tag in _CELLS | _SECTIONS | {"tr", "caption"}:
        return {"table"}
    return _CELLS | {"table", "caption"}


class _Walker:
    """Turns the tree into blocks: a paragraph per block of text, a `Table` per data table."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.meta: dict[str, str] = {}
        self.page_title = ""
        self._line: list[str] = []

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self._line)).strip()
        self._line.clear()
        if text:
            self.blocks.append(Paragraph(text))

    def walk(self, node: _Node, in_article: bool = False) -> None:
        for child in node.children:
            if isinstance(child, str):
                self._line.append(child)
            elif child.tag == "title":
                self.page_title = self.page_title or _SPACE.sub(" ", _text(child)).strip()
            elif child.tag == "head":
                self.walk(_Node("head", {}, list(child.elements("title"))))
            elif _is_furniture(child, in_article):
                continue
            elif child.tag == "br":
                self.flush()
            elif child.tag == "table" and not child.contains("table"):
                self.flush()
                self._table(child, in_article)
            else:
                block = child.tag in _BLOCKS
                if block:
                    self.flush()
                self.walk(child, in_article or child.tag in {"article", "main"})
                if block:
                    self.flush()

    def _table(self, node: _Node, in_article: bool) -> None:
        for caption in node.elements("caption"):
            self.walk(caption, in_article)
            self.flush()
        rows, padded = _grid(node)
        if not rows or len(rows[0]) < 2:  # a framed paragraph, not a table
            self.walk(node, in_article)
            return
        if not any(isinstance(b, Table) for b in self.blocks) and not self.meta:
            meta = _metadata(rows)
            if len(meta) >= 2:
                self.meta.update(meta)
                return
        self.blocks.append(Table(rows, padded=padded))


def _is_furniture(node: _Node, in_article: bool) -> bool:
    """Site navigation, headers, footers, scripts and hidden elements.

    An HTML5 `<header>` inside an `<article>` holds the report's own title, so only a
    page-level one is skipped.
    """
    if node.tag in _SKIPPED or (node.tag == "header" and not in_article):
        return True
    if node.tag in _CONTAINERS:
        return False
    if "display:none" in node.attrs.get("style", "").replace(" ", "").lower():
        return True
    for name in (node.attrs.get("id", ""), node.attrs.get("class", "")):
        name = name.strip().lower()
        if name in _FURNITURE_NAMES or _FURNITURE_WORDS & set(re.split(r"[\s_\-]+", name)):
            return True
    return False


def _grid(table: _Node) -> tuple[list[list[str | None]], frozenset[tuple[int, int]]]:
    """Expand rowspan/colspan: text at a cell's top-left, `None` on positions it covers.

    Positions no cell reaches (a row that stops before the table's width) are `""`,
    and are returned apart: they are padding, not blank cells.
    """
    trs = [
        tr
        for child in table.elements("tr", *_SECTIONS)
        for tr in ([child] if child.tag == "tr" else child.elements("tr"))
    ]
    taken: dict[tuple[int, int], str | None] = {}
    for r, tr in enumerate(trs):
        c = 0
        for cell in tr.elements(*_CELLS):
            while (r, c) in taken:
                c += 1
            rowspan = min(max(_span(cell, "rowspan"), 1), len(trs) - r)
            colspan = min(max(_span(cell, "colspan"), 1), 100)
            for i in range(rowspan):
                for j in range(colspan):
                    taken[(r + i, c + j)] = None
            taken[(r, c)] = _cell_text(cell)
            c += colspan
    width = max((c + 1 for _, c in taken), default=0)
    rows = [[taken.get((r, c), "") for c in range(width)] for r in range(len(trs))]
    padded = frozenset((r, c) for r in range(len(trs)) for c in range(width) if (r, c) not in taken)
    return rows, padded


def _span(cell: _Node, name: str) -> int:
    digits = re.match(r"\s*(\d+)", cell.attrs.get(name, ""))
    return int(digits.group(1)) if digits else 1


def _cell_text(cell: _Node) -> str:
    """A cell's text, one line per `<br>` or block (`<p>`, a nested row)."""
    lines = _text(cell, block_breaks=True).split("\n")
    return "\n".join(t for t in (_SPACE.sub(" ", line).strip() for line in lines) if t)


def _text(node: _Node, block_breaks: bool = False) -> str:
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag in _SKIPPED or child.tag == "title":
            continue
        elif child.tag == "br":
            parts.append("\n")
        elif block_breaks and child.tag in _BLOCKS:
            parts.extend(("\n", _text(child, block_breaks), "\n"))
        else:
            parts.append(_text(child, block_breaks))
    return "".join(parts)


def _metadata(rows: list[list[str | None]]) -> dict[str, str]:
    """发布机构 / 成文日期 / 标题 from a page's key-value table: a label cell then a value
    cell, or "label：value" in one cell. The first label listed for a key wins."""
    found: dict[str, str] = {}
    for row in rows:
        cells = [c for c in row if c is not None]
        for i, cell in enumerate(cells):
            label, _, value = _LABEL_COLON.split(cell + "：", maxsplit=1)
            if not value.strip("：") and i + 1 < len(cells):
                value = cells[i + 1]
            found.setdefault(re.sub(r"\s+", "", label), value.strip().removesuffix("：").strip())
    meta = {}
    for key, labels in _META_LABELS.items():
        if value := next((found[label] for label in labels if found.get(label)), ""):
            meta[key] = value
    return meta
