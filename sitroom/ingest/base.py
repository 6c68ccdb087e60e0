"""Shared pieces of the input readers: settings, failures, decoding, language, blocks, dates.

Readers turn bytes into `RawDocument`s. A reader raises `InputError` for an input it cannot use;
`paths.iter_inputs` turns those into `FailedInput`s so one bad file never stops a batch.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sitroom.errors import InputError
from sitroom.nlp.types import Block

if TYPE_CHECKING:  # pragma: no cover
    from lingua import LanguageDetector


@dataclass(frozen=True)
class FailedInput:
    """An input (file, line, feed entry) that could not be read. reason names the problem."""

    origin: str
    reason: str


@dataclass(frozen=True)
class ReaderSettings:
    """Caps applied while reading. max_bytes: per file; max/min_text_chars: per document."""

    max_bytes: int = 20_000_000
    max_text_chars: int = 5_000_000
    min_text_chars: int = 1


# ---------------------------------------------------------------- decoding

_TEXT_CONTROLS = set(b"\t\n\r\f\b\x1b")


def looks_binary(data: bytes) -> bool:
    """True when `data` (without a UTF-16/32 BOM) holds NUL bytes or is mostly control bytes."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if (b < 32 and b not in _TEXT_CONTROLS) or b == 127)
    return controls / len(head) > 0.1


REPLACEMENT = "\ufffd"
# UTF-8 with a few bad bytes is repaired (each bad byte becomes U+FFFD) when at least this share
# of the non-ASCII bytes forms valid UTF-8 sequences; below it the file is in another charset.
UTF8_VALID_SHARE = 0.9


def _utf8_counts(data: bytes) -> tuple[int, int]:
    """(non-ASCII bytes in valid UTF-8 sequences, bytes that are not valid UTF-8).

    surrogateescape turns each invalid byte into one lone surrogate U+DC80..U+DCFF."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    non_ascii = len(data) - len(data.translate(None, bytes(range(0x80, 0x100))))
    return non_ascii - bad, bad


def decode_text(data: bytes, subject: str) -> tuple[str, tuple[str, ...]]:
    """Decode text bytes; returns (text, notes) where notes say what was repaired.

    Order: a UTF-32/16 BOM; binary content is refused; strict UTF-8 (a UTF-8 BOM dropped);
    UTF-8 that is overwhelmingly valid (>= 90% of its non-ASCII bytes in valid sequences) with
    each invalid byte replaced by U+FFFD and a note saying how many; then charset detection
    (charset-normalizer); then clean cp1252. Raises InputError('binary file, not text') for
    binary content, and an InputError naming the encoding problem when nothing decodes it.
    """
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), ()
            except UnicodeDecodeError as exc:
                raise InputError(f"cannot decode text: bad {enc} ({exc.reason})", subject) from exc
    if looks_binary(data):
        raise InputError("binary file, not text", subject)
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError as exc:
        utf8_error = exc
    valid, bad = _utf8_counts(data)
    if valid and valid / (valid + bad) >= UTF8_VALID_SHARE:
        text = data.decode("utf-8-sig", errors="replace")
        where = utf8_error.start
        return text, (
            f"decoded as UTF-8 with {bad} invalid byte{'s' if bad != 1 else ''} replaced by "
            f"U+FFFD (first at byte {where})",
        )
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # detection is best effort  # noqa: BLE001
        best = None
    if best is not None and best.encoding and best.chaos < 0.3:
        return str(best), ()
    try:
        return data.decode("cp1252"), ()
    except UnicodeDecodeError:
        pass
    raise InputError(
        f"cannot decode text: not UTF-8 (invalid byte at {utf8_error.start}) and no other "
        "encoding fits",
        subject,
    )


def decode_bytes(data: bytes, subject: str) -> str:
    """`decode_text` without the notes."""
    return decode_text(data, subject)[0]


def normalise_text(text: str) -> str:
    """NFC, no BOM, \\r\\n and \\r to \\n, trailing spaces of each line and of the text stripped."""
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


# ---------------------------------------------------------------- language

_LANGS = (
    "ENGLISH RUSSIAN UKRAINIAN FRENCH SPANISH GERMAN ARABIC CHINESE KOREAN JAPANESE PERSIAN "
    "TURKISH PORTUGUESE ITALIAN POLISH URDU HINDI DUTCH HEBREW SWAHILI"
).split()


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    langs = [getattr(Language, name) for name in _LANGS]
    return LanguageDetectorBuilder.from_languages(*langs).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code (lower case) of the text's language from its first 2,000 chars, or None."""
    sample = text[:2000]
    if not any(ch.isalpha() for ch in sample):
        return None
    lang = _detector().detect_language_of(sample)
    return lang.iso_code_639_1.name.lower() if lang is not None else None


# ---------------------------------------------------------------- blocks

DOMAIN_LINE = re.compile(r"(?:www\.)?[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}")
_BYLINE = re.compile(r"By\s+[A-Z][\w.'’-]*(?:\s+(?:and\s+)?[A-Z][\w.'’-]*){0,5},?(?:\s+\S+){0,3}")
_FAQ = re.compile(r"(?:FAQs?|Frequently Asked Questions)(?:\s*\(FAQs?\))?", re.IGNORECASE)
_TOC = re.compile(r"(?:Table of Contents|Contents)", re.IGNORECASE)
_SMALL = set(
    "a an the of in on at to for and or but with by from as vs vs. into over amid after about "
    "its is are".split()
)


def _is_title_case(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in _SMALL and any(c.isalpha() for c in w)]
    if not content:
        return False
    caps = sum(1 for w in content if w.lstrip("\"'“‘(")[:1].isupper() or w[:1].isdigit())
    return caps / len(content) >= 0.75


def is_heading_line(line: str) -> bool:
    """A short line that reads as a heading or title, not a sentence.

    Up to 80 chars and 12 words, no final . ! : ; or closing quote, and title case (or at most 6
    words); a final '?' is allowed only for short title-case lines ('A Long-Term Alliance?').
    """
    line = line.strip()
    words = line.split()
    if not words or len(line) > 80 or len(words) > 12:
        return False
    if line[-1] in '.!:;"”,':
        return False
    if line[-1] == "?":
        return len(words) <= 8 and _is_title_case(words)
    return _is_title_case(words) or len(words) <= 6


def is_byline_line(line: str) -> bool:
    """A lone domain ('KumDi.com') or a 'By Name' credit line."""
    line = line.strip()
    return bool(DOMAIN_LINE.fullmatch(line)) or (len(line) <= 80 and bool(_BYLINE.fullmatch(line)))


def blocks_from_lines(text: str) -> list[Block]:
    """One block per non-empty line, [start, end) exactly around the stripped line.

    Kinds: 'byline' (lone domain or 'By X'), 'toc' ('Table of Contents'), 'heading' (see
    is_heading_line), 'faq_question' (a line ending in '?' after an FAQ heading), else
    'paragraph'. A text with a single non-empty line is one paragraph block.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
        pos += len(line) + 1
    if len(spans) == 1:
        return [Block("paragraph", *spans[0])]
    blocks: list[Block] = []
    in_faq = False
    for start, end in spans:
        line = text[start:end]
        if is_byline_line(line):
            kind = "byline"
        elif _TOC.fullmatch(line):
            kind, in_faq = "toc", False
        elif _FAQ.fullmatch(line):
            kind, in_faq = "heading", True
        elif in_faq and line.endswith("?"):
            kind = "faq_question"
        elif is_heading_line(line):
            kind, in_faq = "heading", False
        else:
            kind = "paragraph"
        blocks.append(Block(kind, start, end))
    return blocks


# ---------------------------------------------------------------- dates and outlets


def parse_date(value: object) -> str | None:
    """An absolute date or datetime as ISO text ('2025-03-12' or '2025-03-12T02:17:23Z').

    Accepts ISO forms (also 'YYYY-MM-DD HH:MM:SSZ') and written absolute dates with day, month
    and year ('March 3, 2025'). Relative or partial dates give None: nothing is invented.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    iso = raw[:-1] + "+00:00" if raw.endswith(("Z", "z")) else raw
    try:
        if len(iso) == 10:
            return date.fromisoformat(iso).isoformat()
        return _iso_datetime(datetime.fromisoformat(iso))
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(
        raw,
        settings={
            "PARSERS": ["timestamp", "absolute-time"],
            "REQUIRE_PARTS": ["day", "month", "year"],
        },
    )
    if parsed is None:
        return None
    has_time = bool(re.search(r"\d{1,2}:\d{2}", raw))
    return _iso_datetime(parsed) if has_time else parsed.date().isoformat()


def _iso_datetime(dt: datetime) -> str:
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC)
        return dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return dt.strftime("%Y-%m-%dT%H:%M:%S")


_OUTLETS = {
    "voanews.com": "Voice of America",
    "reuters.com": "Reuters",
    "apnews.com": "Associated Press",
    "bbc.com": "BBC",
    "bbc.co.uk": "BBC",
    "aljazeera.com": "Al Jazeera",
    "kyivindependent.com": "The Kyiv Independent",
    "nytimes.com": "The New York Times",
    "theguardian.com": "The Guardian",
    "rferl.org": "Radio Free Europe/Radio Liberty",
    "rfa.org": "Radio Free Asia",
    "yna.co.kr": "Yonhap",
    "tass.com": "TASS",
}


def outlet_from_url(url: str | None) -> str | None:
    """A readable outlet name for a URL's domain ('Voice of America'), else the bare domain."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return None
    host = host.removeprefix("www.")
    for domain, name in _OUTLETS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return host
