"""Quotations that run over several sentences, and the reporters a text names in its byline.

`quote_runs(texts)`: for the sentences of one paragraph, each run (i, j) of sentences that one
quotation covers, i < j ('"We lost the bridge. We will take it back," the general said.'): the
speaker named where the quotation closes (or, failing that, where it opens: 'Kim said: "...')
says every sentence of the run.

`reporters(text)`: names in a byline ("By Jane Doe", "Reporting by Jane Doe", "Jane Doe
contributed to this report", "reporter/correspondent Jane Doe"). A reporter is never a source.
"""

from __future__ import annotations

import re

OPEN, CLOSE = "“", "”"
NAME = r"[A-Z][\w'’.-]+(?:[ \t]+(?:[A-Z][\w'’.-]+|de|van|von|al|bin|el))+"
NAMES = rf"{NAME}(?:[ \t]*(?:,|\band\b)[ \t]*{NAME})*"
AND = re.compile(r"\s*(?:,|\band\b)\s*")
BYLINES = (
    re.compile(rf"^\s*(?:By|BY|Reporting by|Written by|Story by)\s+({NAMES})", re.MULTILINE),
    re.compile(rf"(?:Reporting|Writing|Editing) by\s+({NAMES})"),
    re.compile(rf"({NAMES}) contributed (?:to )?this (?:report|story)"),
    re.compile(rf"(?:reporter|correspondent|staff writer)\s+({NAME})"),
    re.compile(rf"({NAME}),\s+(?:a |our )?(?:reporter|correspondent)\b"),
)


def _opens_and_closes(text: str, inside: bool) -> tuple[bool, bool, bool]:
    """(opens, closes, inside at end) for one sentence, given whether it starts inside."""
    opened = closed = False
    for ch in text:
        if ch == OPEN or (ch == '"' and not inside):
            if not inside:
                opened, inside = True, True
        elif ch == CLOSE or (ch == '"' and inside):
            if inside:
                closed, inside = True, False
    return opened, closed, inside


def quote_runs(texts: list[str]) -> list[tuple[int, int]]:
    """(first, last) sentence indexes of each quotation that spans two or more sentences."""
    runs: list[tuple[int, int]] = []
    inside, start = False, None
    for k, text in enumerate(texts):
        was_inside = inside
        opened, closed, inside = _opens_and_closes(text, inside)
        if not was_inside and inside:
            start = k  # opened here, still open at the end
        if was_inside and not inside and start is not None and closed and k > start:
            runs.append((start, k))
            start = None
        if opened and not inside and not was_inside:
            start = None  # opened and closed in one sentence
    return runs


def reporters(text: str) -> frozenset[str]:
    """Full names of the reporters a byline names."""
    out: set[str] = set()
    for pattern in BYLINES:
        for m in pattern.finditer(text):
            for name in AND.split(m.group(1)):
                words = name.split()
                while words and words[0].endswith(("'s", "’s")):
                    words = words[1:]  # "VOA's Sahra Abdi Ahmed"
                if len(words) >= 2:
                    out.add(" ".join(words))
    return frozenset(out)
