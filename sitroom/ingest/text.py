"""Plain-text reader (.txt): title, outlet line and a dateline at the top, blocks per line."""

from __future__ import annotations

import re
from dataclasses import replace

from sitroom.errors import InputError
from sitroom.ingest.base import (
    DOMAIN_LINE,
    ReaderSettings,
    blocks_from_lines,
    decode_text,
    is_heading_line,
    normalise_text,
    parse_date,
)
from sitroom.nlp.types import RawDocument

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)"
)
_TIME = r"(?:\s*(?:,|at)?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,4})?)?"
# 'Published March 3, 2025', 'Updated: 2025-03-03 10:00', a bare date line
_DATE_LINE = re.compile(
    rf"(?:(?:Published|Posted|Updated|Last updated|Date)\s*(?:on)?\s*:?\s*)?"
    rf"(?:\w+day,?\s+)?(?P<date>{_DATE}){_TIME}",
    re.IGNORECASE,
)
# 'KYIV, Ukraine, March 3, 2025 (Reuters) —' or 'KYIV, March 3, 2025 —' at a paragraph start
_DATELINE = re.compile(
    rf"[A-Z][A-Z .'-]{{1,40}}(?:,\s*[A-Z][\w .'-]{{1,30}})?,\s*(?P<date>{_DATE})\s*"
    r"(?:\([\w .]+\)\s*)?[-—–]"
)
_TOP_LINES = 6


def find_top_date(lines: list[str]) -> tuple[int, str] | None:
    """(line index, ISO date) of a date stated in the first few non-empty lines, or None.

    Only a line that is a date ('Published March 3, 2025') or starts with a dateline counts;
    dates inside running text are events, not publication dates.
    """
    for i, line in enumerate(lines[:_TOP_LINES]):
        match = _DATE_LINE.fullmatch(line) or _DATELINE.match(line)
        if match:
            iso = parse_date(match.group("date"))
            if iso:
                return i, iso
    return None


def read_text(data: bytes, origin: str, settings: ReaderSettings | None = None) -> RawDocument:
    """Read a plain-text article. Raises InputError for binary or undecodable bytes.

    The first line becomes the title only when it is a short heading-like line (a full lead
    paragraph is not a title). A lone domain line near the top ('KumDi.com') sets `outlet`.
    published_at comes only from a date line or dateline at the top ('text'), else None.
    """
    decoded, notes = decode_text(data, origin)
    text = normalise_text(decoded)
    if not text.strip():
        raise InputError("no text in file (only whitespace)", origin)
    blocks = blocks_from_lines(text)
    lines = [text[b.start : b.end] for b in blocks]
    title = None
    if len(blocks) > 1 and is_heading_line(lines[0]) and not DOMAIN_LINE.fullmatch(lines[0]):
        title = lines[0]
        blocks[0] = replace(blocks[0], kind="title")
    outlet = next((ln for ln in lines[:_TOP_LINES] if DOMAIN_LINE.fullmatch(ln)), None)
    published_at, how = None, "unknown"
    found = find_top_date(lines)
    if found is not None:
        idx, published_at = found
        how = "text"
        if _DATE_LINE.fullmatch(lines[idx]) and blocks[idx].kind != "title":
            blocks[idx] = replace(blocks[idx], kind="byline")
    return RawDocument(
        text=text,
        blocks=blocks,
        origin=origin,
        fmt="text",
        title=title,
        outlet=outlet,
        published_at=published_at,
        published_how=how,
        notes=notes,
    )
