"""Tokens and number parsing for the quantity extractor (pure Python, no models).

`tokenize` splits text into word / number / symbol tokens with character offsets; its one regex
has no nested quantifiers over the same characters, so it runs in linear time on any input.
`parse_number` reads one number phrase starting at a token: digits ("12,000", "1.5", "5bn",
"1.2 million", "27-hundred"), number words ("twelve", "two hundred", "twenty-five", "a dozen",
"one-thousand"), and vague
plurals ("dozens", "hundreds", "tens of thousands") which get NewsQuant's conventional ranges:
a vague "<scale>s" means scale..10*scale, so dozens = 12..120, hundreds = 100..1,000,
thousands = 1,000..10,000, tens of thousands = 10,000..100,000, millions = 1e6..1e7.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?|\S")


class Tok(NamedTuple):
    """One token: its text, lowercased text, offsets, and kind 'num' | 'word' | 'sym'."""

    text: str
    low: str
    start: int
    end: int
    kind: str


def tokenize(text: str) -> list[Tok]:
    """All tokens of `text` in order. Digits with inner ',' or '.' stay one token ("1,2,3")."""
    out: list[Tok] = []
    add = out.append
    for m in _TOKEN_RE.finditer(text):
        s = m.group()
        c = s[0]
        kind = "num" if c.isdecimal() else ("word" if c.isalpha() else "sym")  # not "²"
        add(Tok(s, s.lower(), m.start(), m.end(), kind))
    return out


UNITS_W = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_W = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALE_W = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Abbreviated scales written after digits ("5bn", "$3 mln"). 'm'/'b' only count after money.
SCALE_ABBR = {"k": 1e3, "mn": 1e6, "mln": 1e6, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12}
SCALE_MONEY_ABBR = {"m": 1e6, "b": 1e9}
VAGUE_W = {
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
}
NUMBER_WORDS = set(UNITS_W) | set(TENS_W) | {"dozen"}


@dataclass(frozen=True)
class NumPhrase:
    """A parsed number phrase covering tokens [i, j). low == high unless vague."""

    i: int
    j: int
    low: float
    high: float
    vague: bool = False
    words: bool = False  # written in words, not digits
    scaled: bool = False  # carries a scale word ("million")


def parse_digits(s: str) -> float | None:
    """Value of a digit token: '12,000' -> 12000, '1.5' -> 1.5; None for list-like '1,2,3'."""
    if "," in s:
        head, _, dec = s.partition(".")
        groups = head.split(",")
        if len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]) or "," in dec or "." in dec:
            return None
        return float(head.replace(",", "") + ("." + dec if dec else ""))
    if s.count(".") > 1:
        return None
    return float(s)


def _scale_after(toks: list[Tok], j: int, money: bool) -> tuple[float, int]:
    """A scale word/abbreviation at toks[j] (if any): (factor, next index)."""
    if (  # "27-hundred", "3-million": a scale word joined by a hyphen
        j + 1 < len(toks)
        and toks[j].text == "-"
        and toks[j].start == toks[j - 1].end
        and toks[j + 1].low in SCALE_W
        and toks[j + 1].start == toks[j].end
    ):
        return SCALE_W[toks[j + 1].low], j + 2
    if j >= len(toks) or toks[j].kind != "word":
        return 1.0, j
    w = toks[j].low
    adjacent = toks[j].start == toks[j - 1].end
    if w in SCALE_W and w != "hundred":
        return SCALE_W[w], j + 1
    if w == "hundred":
        return 100.0, j + 1
    if adjacent and w in SCALE_ABBR:
        return SCALE_ABBR[w], j + 1
    if w in ("mn", "mln", "bn", "bln", "tn"):
        return SCALE_ABBR[w], j + 1
    if money and w in SCALE_MONEY_ABBR and (adjacent or toks[j].text in ("m", "b")):
        return SCALE_MONEY_ABBR[w], j + 1
    return 1.0, j


def _parse_words(toks: list[Tok], i: int) -> NumPhrase | None:
    """Number words from toks[i]: 'two hundred', 'twenty-five', 'a dozen', 'half a million'."""
    n = len(toks)
    total, cur, j, seen = 0.0, 0.0, i, False
    if toks[i].low in ("a", "an"):
        if i + 1 < n and toks[i + 1].low in ("dozen", "hundred", "thousand", "million", "billion"):
            cur, j, seen = 1.0, i + 1, True
        else:
            return None
    elif (
        toks[i].low == "half"
        and i + 2 < n
        and toks[i + 1].low == "a"
        and toks[i + 2].low in ("million", "billion")
    ):
        return NumPhrase(
            i,
            i + 3,
            SCALE_W[toks[i + 2].low] / 2,
            SCALE_W[toks[i + 2].low] / 2,
            words=True,
            scaled=True,
        )
    scaled = False
    while j < n:
        w = toks[j].low
        if w in UNITS_W:
            u = UNITS_W[w]
            if seen and (cur % 100 if u >= 10 else cur % 10):
                break
            cur += u
        elif w in TENS_W:
            if seen and cur % 100:
                break
            cur += TENS_W[w]
        elif w == "dozen" and seen:
            cur *= 12
        elif w == "hundred" and seen and cur < 100:
            cur = (cur or 1) * 100
        elif w in SCALE_W and w != "hundred" and seen:
            total += (cur or 1) * SCALE_W[w]
            cur, scaled = 0.0, True
        elif (
            w in ("-", "and")
            and seen
            and j + 1 < n
            and (toks[j + 1].low in NUMBER_WORDS or (w == "-" and toks[j + 1].low in SCALE_W))
            and toks[j + 1].low != "dozen"
        ):
            if w == "and" and toks[j - 1].low not in SCALE_W:
                break
            if w == "-" and (toks[j].start != toks[j - 1].end or toks[j + 1].start != toks[j].end):
                break
            j += 1
            continue
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    v = total + cur
    return NumPhrase(i, j, v, v, words=True, scaled=scaled)


def parse_number(toks: list[Tok], i: int, money: bool = False) -> NumPhrase | None:
    """The number phrase starting at toks[i], or None. `money`: a currency sign precedes."""
    t = toks[i]
    n = len(toks)
    if t.kind == "num":
        v = parse_digits(t.text)
        if v is None:
            return None
        f, j = _scale_after(toks, i + 1, money)
        if j < n and toks[j].low == "dozen":
            f, j = 12.0, j + 1
        return NumPhrase(i, j, v * f, v * f, scaled=f != 1.0)
    w = t.low
    if w in VAGUE_W:
        base, j = VAGUE_W[w], i + 1
        if base in (12, 20):  # "dozens", "scores" of X: no compounding
            return NumPhrase(i, j, base, base * 10, vague=True, words=True)
        if (
            j + 1 < n
            and toks[j].low == "of"
            and toks[j + 1].low in VAGUE_W
            and VAGUE_W[toks[j + 1].low] > base
        ):
            base, j = base * VAGUE_W[toks[j + 1].low], j + 2
        return NumPhrase(i, j, base, base * 10, vague=True, words=True)
    if w == "tens" and i + 1 < n:
        k = i + 2 if toks[i + 1].low == "of" else i + 1
        if k < n and toks[k].low in VAGUE_W and VAGUE_W[toks[k].low] >= 1e3:
            base = VAGUE_W[toks[k].low] * 10
            return NumPhrase(i, k + 1, base, base * 10, vague=True, words=True)
    if w in NUMBER_WORDS or w in ("a", "an", "half"):
        return _parse_words(toks, i)
    return None


__all__ = [
    "Tok",
    "NumPhrase",
    "tokenize",
    "parse_number",
    "parse_digits",
    "NUMBER_WORDS",
    "VAGUE_W",
]
