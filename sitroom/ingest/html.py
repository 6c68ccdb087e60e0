"""HTML reader (.html/.htm): main article text and metadata through trafilatura."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sitroom.errors import InputError
from sitroom.ingest.base import (
    ReaderSettings,
    decode_text,
    normalise_text,
    outlet_from_url,
    parse_date,
)
from sitroom.nlp.types import Block, RawDocument

_WS = re.compile(r"\s+")
_DATE_PARAMS = {
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
    "extensive_search": False,
    "original_date": True,
}


def _clean(text: str) -> str:
    return _WS.sub(" ", normalise_text(text)).strip()


def element_blocks(body) -> list[tuple[str, str]]:
    """(kind, text) pairs from trafilatura's XML body: head -> heading, p/quote -> paragraph,
    list items and table rows one block each. Empty elements are dropped."""
    out: list[tuple[str, str]] = []
    for el in body:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "list":
            parts: Iterable = [("paragraph", item) for item in el.iter("item")]
        elif tag == "table":
            parts = [("paragraph", row) for row in el.iter("row")]
        elif tag == "head":
            parts = [("heading", el)]
        else:
            parts = [("paragraph", el)]
        for kind, node in parts:
            text = _clean(" ".join(node.itertext()))
            if text:
                out.append((kind, text))
    return out


def join_blocks(parts: list[tuple[str, str]]) -> tuple[str, list[Block]]:
    """Join block texts with '\\n' and return (text, blocks with exact offsets)."""
    blocks: list[Block] = []
    pieces: list[str] = []
    pos = 0
    for kind, text in parts:
        blocks.append(Block(kind, pos, pos + len(text)))
        pieces.append(text)
        pos += len(text) + 1
    return "\n".join(pieces), blocks


def _date(raw: str | None) -> str | None:
    if not raw:
        return None
    if re.search(r"T00:00:00(?:[+-]0000|Z)?$", raw):  # htmldate found a day, not a time
        raw = raw[:10]
    return parse_date(raw)


def read_html(data: bytes, origin: str, settings: ReaderSettings | None = None) -> RawDocument:
    """Read a saved web page: the article's text without navigation, comments or boilerplate.

    Blocks: 'title' for an h1 repeating the page title, 'heading' for other headings, else
    'paragraph'. published_at comes from the page metadata ('metadata'); outlet from the site
    name or the URL's domain. Raises InputError when no article text is found.
    """
    import trafilatura

    markup, notes = decode_text(data, origin)
    try:
        doc = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura/lxml errors on malformed markup  # noqa: BLE001
        raise InputError(f"no article text was found in the HTML ({exc})", origin) from exc
    body = getattr(doc, "body", None) if doc is not None else None
    parts = element_blocks(body) if body is not None else []
    if not parts:
        raise InputError("no article text was found in the HTML", origin)
    title = _clean(doc.title) if doc.title else None
    if title and parts[0][1] == title:
        parts[0] = ("title", title)
    text, blocks = join_blocks(parts)
    url = doc.url or None
    published_at = _date(doc.date)
    return RawDocument(
        text=text,
        blocks=blocks,
        origin=origin,
        fmt="html",
        title=title,
        url=url,
        outlet=doc.sitename or outlet_from_url(url),
        published_at=published_at,
        published_how="metadata" if published_at else "unknown",
        notes=notes,
    )
