"""RSS/Atom reader: one document per feed entry, parsed from bytes (never fetched)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from sitroom.errors import InputError
from sitroom.ingest.base import (
    FailedInput,
    ReaderSettings,
    decode_bytes,
    normalise_text,
    parse_date,
)
from sitroom.ingest.html import join_blocks
from sitroom.nlp.types import RawDocument

_WS = re.compile(r"\s+")
_BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "section",
    "article",
    "figcaption",
    "pre",
    "dd",
    "dt",
}
_HEAD_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>/]", re.IGNORECASE)
_PROLOG_SCAN = 1_000_000


def looks_like_feed(head: bytes) -> bool:
    """True when the first bytes hold an <rss>, <feed> or RDF root element.

    After an XML declaration or DOCTYPE the root is looked for in the first MB, since a DOCTYPE
    with a long internal subset (entity declarations) can push it far down."""
    sample = head[:2048].lower()
    if b"<rss" in sample or b"<feed" in sample or b"<rdf:rdf" in sample:
        return True
    start = head[:64].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<?xml", b"<!doctype")) and bool(_ROOT.search(head, 0, _PROLOG_SCAN))


def html_to_parts(markup: str) -> list[tuple[str, str]]:
    """(kind, text) blocks of an HTML fragment: headings and paragraphs, tags stripped."""
    import lxml.html
    from lxml import etree

    if "<" not in markup:
        return [
            ("paragraph", t) for t in (_WS.sub(" ", ln).strip() for ln in markup.split("\n")) if t
        ]
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    etree.strip_elements(root, "script", "style", with_tail=False)
    parts: list[tuple[str, str]] = []
    buf: list[str] = []
    kind_now = ["paragraph"]

    def flush() -> None:
        text = _WS.sub(" ", "".join(buf)).strip()
        if text:
            parts.append((kind_now[0], text))
        buf.clear()
        kind_now[0] = "paragraph"

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _BLOCK_TAGS or tag == "br":
            flush()
            if tag in _HEAD_TAGS:
                kind_now[0] = "heading"
        if tag and el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCK_TAGS:
            flush()
        if el.tail:
            buf.append(el.tail)

    walk(root)
    flush()
    return parts


def _entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return parse_date(entry.get("published") or entry.get("updated"))


_ENCODING_DECL = re.compile(r"""(<\?xml[^>]*?)\sencoding=["'][^"']*["']""")


def _parse_declared_utf8(data: bytes, origin: str):  # noqa: ANN202 - a feedparser dict
    """Decode the bytes ourselves, drop the XML encoding declaration and parse as UTF-8."""
    import feedparser

    text = _ENCODING_DECL.sub(r"\1", decode_bytes(data, origin), count=1)
    try:
        return feedparser.parse(text.encode("utf-8"))
    except Exception as exc:  # noqa: BLE001 - any parser failure is this input's problem
        raise InputError(f"not a readable RSS/Atom feed ({type(exc).__name__})", origin) from exc


def read_feed(
    data: bytes, origin: str, settings: ReaderSettings | None = None
) -> Iterator[RawDocument | FailedInput]:
    """Yield one RawDocument per entry (origin 'path#N', 1-based), FailedInput for an empty one.

    text: the entry's content, else its summary, HTML stripped to paragraph/heading blocks.
    title, url (link), external_id (entry id), published_at ('metadata'), outlet = feed title.
    Raises InputError when the bytes are not an RSS/Atom feed with entries.
    """
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception:  # e.g. a broken encoding="..." declaration (found by fuzzing)  # noqa: BLE001
        parsed = _parse_declared_utf8(data, origin)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if parsed.get("bozo") and problem else ""
        raise InputError(f"not an RSS/Atom feed with entries{detail}", origin)
    outlet = parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, 1):
        where = f"{origin}#{n}"
        markup = ""
        for item in entry.get("content") or []:
            if (item.get("value") or "").strip():
                markup = item["value"]
                break
        markup = markup or entry.get("summary") or ""  # None in a malformed feed
        parts = html_to_parts(normalise_text(markup))
        if not parts:
            yield FailedInput(where, f"feed entry {n} has no text (no content or summary)")
            continue
        text, blocks = join_blocks(parts)
        published_at = _entry_date(entry)
        yield RawDocument(
            text=text,
            blocks=blocks,
            origin=where,
            fmt="feed",
            title=entry.get("title") or None,
            url=entry.get("link") or None,
            outlet=outlet,
            published_at=published_at,
            published_how="metadata" if published_at else "unknown",
            external_id=entry.get("id") or None,
        )
