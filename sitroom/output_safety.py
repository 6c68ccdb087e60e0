"""Escaping for every output that carries text taken from articles or the store.

One module so every front door and export applies the same rules (docs/output-safety.md):

- CSV (`csv_cell`, `csv_writer`): OWASP CSV-injection guidance. A text cell whose first
  character, or first character after leading whitespace/control characters, is one of
  ``= + - @`` (or their full-width forms ``＝ ＋ － ＠``), or which starts with a tab, CR or LF,
  gets a leading single quote ``'`` so a spreadsheet reads it as text, never as a formula. The
  csv module quotes separators, quotes and line breaks. Numbers (int/float/bool) are written as
  they are: a negative number is data, not a formula.
- Markdown (`md_text`, `md_url`): ``& < >`` become HTML entities, so no tag (``<script>``,
  ``<img onerror>``) or autolink can open; ``\\ ` * _ [ ] | ~`` are backslash-escaped, so no
  link, image, emphasis, code span or table cell can be formed; whitespace (line breaks
  included) collapses to single spaces, so a value can never start a new block. URLs are shown
  only for http(s), percent-encoding anything that could end the autolink.
- Terminal (`terminal_text`, `table_cell`): C0 and C1 control characters (ESC, CSI, BEL, ...),
  DEL and bidirectional overrides are shown as visible escapes (``\\x1b``), so no escape
  sequence reaches the terminal; Rich table cells are `rich.text.Text` objects, never markup,
  so ``[/bold]`` in a title is shown as written.
- JSON (`json_text`): the json module escapes C0; C1 and bidi controls are \\u-escaped too
  (the same data, valid JSON).
"""

from __future__ import annotations

import csv
import re
from typing import TextIO
from urllib.parse import quote, urlsplit

# ---------------------------------------------------------------- CSV

CSV_TRIGGERS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
_LEADING_BLANKS = " \t\r\n\f\v\x00\u00a0\u3000\ufeff"


def csv_cell(value: object) -> object:
    """One CSV cell, neutralised per OWASP: text that a spreadsheet would run as a formula gets
    a leading "'". Non-text values (None, numbers, booleans) are returned unchanged."""
    if not isinstance(value, str) or not value:
        return value
    if value[0] in CSV_TRIGGERS or value.lstrip(_LEADING_BLANKS)[:1] in CSV_TRIGGERS:
        return "'" + value
    return value


def csv_row(row: dict) -> dict:
    """Every cell of a dict row through `csv_cell` (keys unchanged)."""
    return {k: csv_cell(v) for k, v in row.items()}


class SafeDictWriter(csv.DictWriter):
    """A csv.DictWriter whose header and every cell go through `csv_cell`."""

    def writerow(self, rowdict):  # noqa: ANN001, ANN201 - as csv.DictWriter
        return super().writerow(csv_row(rowdict))

    def writerows(self, rowdicts):  # noqa: ANN001, ANN201 - as csv.DictWriter
        return super().writerows(csv_row(r) for r in rowdicts)


def csv_writer(stream: TextIO, fieldnames: list[str], **kwargs: object) -> SafeDictWriter:
    """The CSV writer every export should use (header and cells neutralised)."""
    return SafeDictWriter(stream, fieldnames=fieldnames, **kwargs)


# ---------------------------------------------------------------- control characters

# C0 (except nothing), DEL, C1, and the bidi embeddings/overrides/isolates that reorder text
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(value: object, *, one_line: bool = False) -> str:
    """Text safe to print on a terminal: controls shown as visible escapes ('\\x1b').

    Line breaks and tabs are kept unless `one_line` (then they become spaces)."""
    text = "" if value is None else str(value)
    if one_line:
        text = " ".join(text.split())
        return CONTROLS.sub(_visible, text)
    return "\n".join(
        CONTROLS.sub(_visible, line.replace("\t", "    ")) for line in text.split("\n")
    )


def table_cell(value: object, limit: int | None = None):  # noqa: ANN201 - a rich Text
    """A Rich table cell: one line, controls made visible, never read as markup."""
    from rich.text import Text

    text = terminal_text(value, one_line=True)
    if limit is not None and len(text) > limit:
        text = text[: limit - 3] + "..."
    return Text(text)


# ---------------------------------------------------------------- JSON

_JSON_EXTRA = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_text(encoded: str) -> str:
    """JSON text (from json.dumps) with DEL, C1, bidi controls and U+2028/9 \\u-escaped.

    These can only occur inside JSON strings, where a \\u escape means the same character."""
    return _JSON_EXTRA.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


# ---------------------------------------------------------------- Markdown

_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MD_SPECIAL = re.compile(r"[&<>\\`*_\[\]|~]")
# '# h', '+ x', '- x', '= x', '1. x', '1) x' at the start of a line: heading, list, setext
_MD_BLOCK_START = re.compile(r"^(\d{1,9}|)((?<=\d)[.)]|(?<!\d)[#+\-=])")


def md_text(value: object) -> str:
    """Text to put inside a Markdown line: it renders as the same characters and nothing else
    (no HTML, link, image, emphasis, code, table cell or new block)."""
    text = " ".join(("" if value is None else str(value)).split())
    text = CONTROLS.sub("", text)
    text = _MD_SPECIAL.sub(lambda m: _MD_ENTITIES.get(m.group()) or "\\" + m.group(), text)
    # a value may open a line ('- {{ x }}'): a leading block marker is taken literally
    return _MD_BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text, count=1)


def md_url(url: object) -> str | None:
    """An http(s) URL fit for a Markdown autolink <...>, else None (javascript:, data:, ...)."""
    text = str(url or "").strip()
    if not text.lower().startswith(("http://", "https://")):
        return None
    try:
        if not urlsplit(text).hostname:
            return None
    except ValueError:
        return None
    return quote(text, safe=":/?#@!$&'()*+,;=%~-._[]")
