"""JSON Lines reader (.jsonl/.ndjson, also .json): one document per record.

Each record's text is kept exactly as given (gold offsets refer to it); a bad line becomes a
FailedInput for that line ('path#N', 1-based) and the other lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

from sitroom.errors import InputError
from sitroom.ingest.base import (
    REPLACEMENT,
    FailedInput,
    ReaderSettings,
    blocks_from_lines,
    decode_text,
    outlet_from_url,
    parse_date,
)
from sitroom.nlp.types import RawDocument

TEXT_KEYS = ("text", "body", "content")
TITLE_KEYS = ("title", "headline")
DATE_KEYS = ("published", "published_at", "date")
OUTLET_KEYS = ("source", "outlet")


def _first_str(rec: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = rec.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def record_to_document(rec: object, origin: str) -> RawDocument:
    """One JSON record to a RawDocument. Raises InputError when it is not an object with text.

    text: 'text' | 'body' | 'content' (kept exactly); title; url; published: 'published' |
    'published_at' | 'date' ('metadata'); outlet: 'source' | 'outlet', else from the url's
    domain ('Voice of America' for voanews.com); external_id: 'id'.
    """
    if not isinstance(rec, dict):
        raise InputError(f"record is a JSON {type(rec).__name__}, not an object", origin)
    text = _first_str(rec, TEXT_KEYS)
    if text is None:
        raise InputError(
            "record has no text (expected a 'text', 'body' or 'content' field)", origin
        )
    url = rec.get("url") if isinstance(rec.get("url"), str) else None
    published_at = parse_date(_first_str(rec, DATE_KEYS))
    ext_id = rec.get("id")
    return RawDocument(
        text=text,
        blocks=blocks_from_lines(text),
        origin=origin,
        fmt="jsonl",
        title=_first_str(rec, TITLE_KEYS),
        url=url,
        outlet=_first_str(rec, OUTLET_KEYS) or outlet_from_url(url),
        published_at=published_at,
        published_how="metadata" if published_at else "unknown",
        external_id=str(ext_id) if isinstance(ext_id, str | int) else None,
    )


def read_jsonl(
    data: bytes, origin: str, settings: ReaderSettings | None = None
) -> Iterator[RawDocument | FailedInput]:
    """Yield one RawDocument per record, or a FailedInput for a line that is unusable.

    A whole-file JSON array (one line or many) or a pretty-printed object (a .json file) is read
    as its records, origin 'path#N' by position. Otherwise each line is one record (JSON Lines);
    blank lines are skipped. Nesting deeper than the JSON parser allows is a one-line failure.
    Raises InputError only when the bytes are not text.
    """
    content, notes = decode_text(data, origin)
    stripped = content.strip()
    if stripped[:1] == "[" or (stripped[:1] == "{" and "\n" in stripped):
        try:
            whole = json.loads(stripped)
        except json.JSONDecodeError:
            whole = None  # not one JSON value: read it as JSON Lines
        except RecursionError:
            yield FailedInput(origin, "JSON nested too deeply to read")
            return
        if whole is not None:
            records = whole if isinstance(whole, list) else [whole]
            if not records:
                yield FailedInput(origin, "JSON array has no records")
            for n, rec in enumerate(records, 1):
                yield _one(rec, f"{origin}#{n}", notes)
            return
    for n, line in enumerate(content.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{origin}#{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield FailedInput(where, f"line {n} is not valid JSON ({exc.msg}, column {exc.colno})")
            continue
        except RecursionError:
            yield FailedInput(where, f"line {n} is JSON nested too deeply to read")
            continue
        yield _one(rec, where, notes)


def _one(rec: object, where: str, notes: tuple[str, ...] = ()) -> RawDocument | FailedInput:
    try:
        doc = record_to_document(rec, where)
    except InputError as exc:
        return FailedInput(where, exc.message)
    if notes and REPLACEMENT in doc.text:  # only the records the repair touched
        doc = replace(doc, notes=doc.notes + notes)
    return doc
