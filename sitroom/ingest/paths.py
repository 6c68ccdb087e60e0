"""Turn command-line inputs (files, folders, '-') into RawDocuments, never stopping on one.

Every problem with one input (missing, unreadable, too big, empty, binary, undecodable, of an
unknown type, a bad line) is yielded as a FailedInput and the next input is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from sitroom.errors import ConfigError, InputError
from sitroom.ingest.base import FailedInput, ReaderSettings, detect_language
from sitroom.ingest.feed import looks_like_feed, read_feed
from sitroom.ingest.html import read_html
from sitroom.ingest.jsonl import read_jsonl
from sitroom.ingest.text import read_text
from sitroom.ingest.walk import read_file_bytes, walk_files
from sitroom.nlp.types import RawDocument

Item = RawDocument | FailedInput
SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
_SKIP_PREFIXES = ("readme", "license", "licence", "credits")


def sniff(data: bytes) -> str:
    """Guess the format of unnamed bytes: 'feed', 'html', 'jsonl' or 'text'."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if looks_like_feed(data.lstrip(b"\xef\xbb\xbf \t\r\n")):
        return "feed"
    if (
        head.startswith((b"<!doctype html", b"<html"))
        or b"<html" in head[:1024]
        or b"<body" in head
        or b"<p>" in head[:1024]
    ):
        return "html"
    if head[:1] in (b"{", b"["):
        return "jsonl"
    return "text"


def _validate_published(value: str | None) -> str | None:
    if value is None:
        return None
    raw = value.strip()
    try:
        if len(raw) == 10:
            return date.fromisoformat(raw).isoformat()
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).isoformat().replace("+00:00", "Z")
    except ValueError as exc:
        raise ConfigError(
            f"--published must be an ISO date like 2025-03-12, not {value!r}", subject="--published"
        ) from exc


def iter_inputs(
    paths: list[str],
    settings: ReaderSettings,
    stdin: BinaryIO | None = None,
    override_published: str | None = None,
    override_source: str | None = None,
) -> Iterator[Item]:
    """Yield a RawDocument (with `language` set) or a FailedInput for every input, in order.

    Folders are walked recursively in sorted order, skipping hidden entries and README*,
    LICENSE*, CREDITS* files. '-' reads `stdin` (format sniffed). override_published (ISO date)
    sets published_at with published_how='supplied'; override_source sets outlet. Raises
    ConfigError at once for an invalid override_published; never raises for one bad input.
    """
    published = _validate_published(override_published)
    return _iterate(paths, settings, stdin, published, override_source)


def _iterate(paths, settings, stdin, published, source) -> Iterator[Item]:
    for raw in paths:
        for item in _read_one(raw, settings, stdin):
            if isinstance(item, RawDocument):
                item = _finish(item, settings, published, source)
            yield item


def _finish(
    doc: RawDocument, settings: ReaderSettings, published: str | None, source: str | None
) -> Item:
    n = len(doc.text)
    if n > settings.max_text_chars:
        return FailedInput(
            doc.origin,
            f"text is {n:,} characters, over the "
            f"{settings.max_text_chars:,} cap (set "
            "ingest.max_text_chars)",
        )
    if len(doc.text.strip()) < max(settings.min_text_chars, 1):
        return FailedInput(
            doc.origin, f"text is {n} characters, under the minimum of {settings.min_text_chars}"
        )
    changes: dict = {"language": detect_language(doc.text)}
    if published:
        changes.update(published_at=published, published_how="supplied")
    if source:
        changes["outlet"] = source
    return replace(doc, **changes)


def _read_one(raw: str, settings: ReaderSettings, stdin: BinaryIO | None) -> Iterator[Item]:
    if raw == "-":
        yield from _read_stdin(settings, stdin)
        return
    path = Path(raw)
    try:
        is_dir, exists, is_link = path.is_dir(), path.exists(), path.is_symlink()
    except OSError as exc:
        yield FailedInput(raw, f"cannot access: {exc.strerror or exc}")
        return
    if is_dir:
        yield from _walk(path, settings)
    elif not exists:
        yield FailedInput(raw, "broken symlink" if is_link else "no such file or folder")
    else:
        yield from _read_file(path, raw, settings, allow_pipe=True)


def _skip_name(name: str) -> bool:
    return name.startswith(".") or name.lower().startswith(_SKIP_PREFIXES)


def _walk(folder: Path, settings: ReaderSettings) -> Iterator[Item]:
    for found in walk_files(folder, _skip_name):
        if isinstance(found, FailedInput):
            yield found
        else:
            yield from _read_file(found, str(found), settings)


def _read_file(
    path: Path, origin: str, settings: ReaderSettings, allow_pipe: bool = False
) -> Iterator[Item]:
    suffix = path.suffix.lower()
    fmt = SUFFIXES.get(suffix)
    if fmt is None and suffix:
        yield FailedInput(
            origin,
            f"unsupported file type '{suffix}' (expected .txt, .html, "
            ".jsonl, .json, .rss, .atom or .xml)",
        )
        return
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            yield FailedInput(origin, _too_big(size, settings))
            return
        data = read_file_bytes(path, settings.max_bytes, allow_pipe=allow_pipe)
    except InputError as exc:
        yield FailedInput(origin, exc.message)
        return
    except PermissionError:
        yield FailedInput(origin, "permission denied: cannot read the file")
        return
    except OSError as exc:
        yield FailedInput(origin, f"cannot read the file: {exc.strerror or exc}")
        return
    yield from _dispatch(data, origin, fmt, settings)


def _read_stdin(settings: ReaderSettings, stdin: BinaryIO | None) -> Iterator[Item]:
    if stdin is None:
        yield FailedInput("stdin", "'-' given but no standard input is available")
        return
    try:
        data = stdin.read(settings.max_bytes + 1)
    except (OSError, ValueError) as exc:
        yield FailedInput("stdin", f"cannot read standard input: {exc}")
        return
    if isinstance(data, str):
        data = data.encode("utf-8")
    yield from _dispatch(data, "stdin", None, settings)


def _too_big(size: int, settings: ReaderSettings) -> str:
    return (
        f"file is {size / 1e6:.1f} MB, over the {settings.max_bytes / 1e6:g} MB cap "
        "(set ingest.max_bytes)"
    )


def _dispatch(
    data: bytes, origin: str, fmt: str | None, settings: ReaderSettings
) -> Iterator[Item]:
    if len(data) > settings.max_bytes:
        yield FailedInput(origin, _too_big(len(data), settings))
        return
    if not data.strip():
        yield FailedInput(origin, "empty file" if data == b"" else "empty file (only whitespace)")
        return
    if fmt is None or (fmt == "feed" and not looks_like_feed(data)):
        sniffed = sniff(data)
        if fmt == "feed" and sniffed != "feed":
            yield FailedInput(origin, "XML file is not an RSS or Atom feed")
            return
        fmt = sniffed
    try:
        if fmt == "text":
            yield read_text(data, origin, settings)
        elif fmt == "html":
            yield read_html(data, origin, settings)
        elif fmt == "jsonl":
            yield from read_jsonl(data, origin, settings)
        else:
            yield from read_feed(data, origin, settings)
    except InputError as exc:
        yield FailedInput(origin, exc.message)
    except Exception as exc:  # a reader bug must not stop the batch  # noqa: BLE001
        yield FailedInput(origin, f"could not read ({type(exc).__name__}: {exc})")
