"""Filters and range reading for the quantity extractor: currency signs, identifiers ("F-16",
"Section 427"), appositive ages, years, and the second number of a range.

Helpers of `sitroom.nlp.quantities.finder`; each looks at a few tokens around one position.
"""

from __future__ import annotations

from sitroom.nlp.quantities.numbers import NUMBER_WORDS, NumPhrase, Tok, parse_number
from sitroom.nlp.quantities.rules import (
    ADDITIONAL,
    APPROX,
    BOUND1,
    DOWN_WORDS,
    SENT_BOUNDARY,
    STOP,
    UP_WORDS,
    Pre,
)
from sitroom.nlp.quantities.units import CURRENCY_CODES, CURRENCY_SYMBOLS, MONTHS

_KNOWN_LOWER = STOP | APPROX | set(BOUND1) | ADDITIONAL | UP_WORDS | DOWN_WORDS | MONTHS
_ID_WORDS = frozenset(
    "type number no phase level article grade category class chapter page "
    "resolution section row route flight".split()
)


def _adj(toks: list[Tok], j: int) -> bool:
    return 0 < j < len(toks) and toks[j].start == toks[j - 1].end


def _currency_before(toks: list[Tok], i: int) -> tuple[str | None, int]:
    """Currency sign or code just before toks[i] ("$", "US$", "€", "USD"): (name, first index)."""
    if i == 0:
        return None, i
    p = toks[i - 1]
    if p.text in CURRENCY_SYMBOLS:
        first = i - 1
        if (
            i >= 2
            and toks[i - 2].kind == "word"
            and toks[i - 2].text.isupper()
            and len(toks[i - 2].text) <= 2
        ):
            first = i - 2  # US$, A$, C$
        return CURRENCY_SYMBOLS[p.text], first
    if p.kind == "word" and p.text.isupper() and p.low in CURRENCY_CODES:
        return CURRENCY_CODES[p.low], i - 1
    return None, i


def _identifier_before(text: str, toks: list[Tok], i: int) -> bool:
    """True when toks[i] (digits) is glued to a name: 'S23', 'F-16', '#3', 'No. 3'."""
    if i == 0:
        return False
    p = toks[i - 1]
    if p.kind == "word" and _adj(toks, i):
        return True
    if p.text in ("#", "№") or p.low == "number":
        return True
    if p.text == "." and i >= 2 and toks[i - 2].low == "no":
        return True
    if p.text in ("-", "/", ":") and _adj(toks, i) and i >= 2 and _adj(toks, i - 1):
        return toks[i - 2].kind == "word" or p.text != "-"
    return p.low in _ID_WORDS


def _capital_before(text: str, toks: list[Tok], i: int) -> bool:
    """A capitalised word, not sentence-initial, just before toks[i] ('Section 427', 'Big 12')."""
    if i == 0 or toks[i - 1].kind != "word" or not toks[i - 1].text[0].isupper():
        return False
    if toks[i - 1].low in _KNOWN_LOWER:
        return False
    if i == 1:
        return False
    pp = toks[i - 2]
    return pp.text not in SENT_BOUNDARY and "\n" not in text[pp.end : toks[i - 1].start]


def _appositive_age(toks: list[Tok], i: int, ph: NumPhrase) -> bool:
    """'Amirov, 45, and ...': a bare number between commas right after a name is an age."""
    return (
        i >= 2
        and toks[i - 1].text == ","
        and toks[i - 2].kind == "word"
        and toks[i - 2].text[0].isupper()
        and ph.j < len(toks)
        and toks[ph.j].text == ","
        and toks[i].kind == "num"
        and ph.low == int(ph.low)
        and 1 <= ph.low <= 120
    )


def _is_year(toks: list[Tok], ph: NumPhrase) -> bool:
    t = toks[ph.i]
    return t.kind == "num" and len(t.text) == 4 and not ph.scaled and 1800 <= ph.low <= 2100


def _second(toks: list[Tok], j: int, pre: Pre, first: NumPhrase, money: bool) -> NumPhrase | None:
    """The second number of a range whose connector is at toks[j], or None."""
    n = len(toks)
    if j + 1 >= n:
        return None
    c = toks[j]
    if (
        c.text in ("-", "–", "—")
        and _adj(toks, j)
        and _adj(toks, j + 1)
        and toks[j + 1].kind == "num"
    ):
        sec = parse_number(toks, j + 1, money)
        return sec if sec and (sec.low >= first.low or _is_year(toks, first)) else None
    if c.low == "to" or (c.low == "and" and pre.between):
        k = j + 1
        if toks[k].text in CURRENCY_SYMBOLS and k + 1 < n:
            k += 1
        if toks[k].kind != "num" and not (first.words and toks[k].low in NUMBER_WORDS):
            return None
        sec = parse_number(toks, k, money)
        if sec and not sec.vague and (pre.between or pre.from_ or toks[k].kind == "num"):
            return sec
    return None
