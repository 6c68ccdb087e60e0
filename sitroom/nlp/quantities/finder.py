"""Quantity extraction: numbers in news text, with what they count and how they are hedged.

`find_quantities(text)` returns every `Quantity` in reading order. It is pure-Python rules, not
quantulum3: quantulum3 drops the approximation and bound words ("about", "more than") that the
claims need, turns ranges into a midpoint, misses vague counts ("dozens were killed"), and reads
years as numbers. The rules here run in linear time (one tokenizer pass, bounded look-around).

Conventions (see README section 2 and tests/fixtures/gold/README.md):
* A range ("between 25,000 to 30,000", "25,000-30,000", "from 4.8 to 4.7") has low = min and
  high = max; `to_newsquant` restores source order for from-to ranges.
* Vague plurals are ranges with vague=True: dozens 12..120 (NewsQuant's "12-120"), hundreds
  100..1,000, thousands 1,000..10,000, tens of thousands 10,000..100,000, millions 1e6..1e7.
* Bounds: more than / over / above -> 'more_than'; at least -> 'at_least'; up to / no more than /
  as many as -> 'up_to'; fewer than / less than / under -> 'less_than'; nearly / almost ->
  'nearly' (not approx). approx: about, around, approximately, roughly, some, (an) estimated.
* basis 'additional': another, additional, extra, further before the number; more, additional,
  new, extra after it ("5,000 more troops"). Otherwise 'total'.
* change (NewsQuant): '>' for more_than/at_least, '<' for up_to/less_than, '~' for approx and
  nearly, else 'up'/'down' from a verb just before ("rose 5%") or a noun after ("a 45% increase"),
  else '='.
* Not quantities: ordinals (22nd), years ("in 2025", "2024-2025"), decades ("1990s"), dates
  ("March 11", "11 March"), times ("10 a.m.", "10:30"), identifiers ("F-16", "Section 427",
  "G7"), digit lists ("1,2,3"). Ages ("15-year-old") are kind 'measure' with unit 'year of age',
  never counts of people. Verb multipliers ("tripling") are kind 'multiplier', unit 'times'.
  Fractions in words ("half of", "a third of") are kind 'fraction', unit 'share' (`fractions`).
* The span (start/end/text) covers the modifiers, the number(s) and the unit or counted noun.
"""

from __future__ import annotations

from sitroom.nlp.quantities.compound import share_units
from sitroom.nlp.quantities.filters import (
    _adj,
    _appositive_age,
    _capital_before,
    _currency_before,
    _identifier_before,
    _is_year,
    _second,
)
from sitroom.nlp.quantities.fractions import read_fraction
from sitroom.nlp.quantities.numbers import (
    NUMBER_WORDS,
    VAGUE_W,
    NumPhrase,
    Tok,
    parse_number,
    tokenize,
)
from sitroom.nlp.quantities.rules import (
    Post,
    Pre,
    scan_after,
    scan_before,
)
from sitroom.nlp.quantities.units import (
    MONTHS,
    claim_unit,
    is_plural,
    singular,
)
from sitroom.nlp.types import Quantity

MULT_VERBS = {
    "doubled": 2,
    "doubling": 2,
    "doubles": 2,
    "tripled": 3,
    "tripling": 3,
    "triples": 3,
    "quadrupled": 4,
    "quadrupling": 4,
    "twofold": 2,
    "threefold": 3,
    "fourfold": 4,
    "fivefold": 5,
    "tenfold": 10,
}
_START_WORDS = NUMBER_WORDS | set(VAGUE_W) | {"a", "an", "half", "tens"} | set(MULT_VERBS)
_YEAR_PREV = frozenset(
    "in since by until till of from year early late mid fiscal spring summer "
    "autumn fall winter before after during between".split()
)
_NOT_ONE_PREV = frozenset("no each every any the this that which someone anyone".split())
_CHANGE = {"more_than": ">", "at_least": ">", "up_to": "<", "less_than": "<", "nearly": "~"}


def _read(text: str, toks: list[Tok], i: int) -> tuple[Quantity | None, int]:
    """The quantity starting at toks[i] (or None) and the index to continue from."""
    t = toks[i]
    if t.kind == "word" and (frac := read_fraction(text, toks, i)) is not None:
        return frac
    if t.low in MULT_VERBS:
        v = float(MULT_VERBS[t.low])
        return Quantity(t.start, t.end, t.text, v, v, "times", kind="multiplier", change="="), i + 1
    currency, cur_first = _currency_before(toks, i)
    ph = parse_number(toks, i, money=currency is not None)
    if ph is None:
        return None, i + 1
    if t.kind == "num" and currency is None and _identifier_before(text, toks, i):
        return None, ph.j
    n = len(toks)
    if (
        ph.j < n
        and toks[ph.j].text in ("/", ":")
        and _adj(toks, ph.j)
        and ph.j + 1 < n
        and toks[ph.j + 1].kind == "num"
        and _adj(toks, ph.j + 1)
    ):
        return None, ph.j + 2  # 9/11, 24/7, 10:30
    prev = toks[i - 1] if i > 0 else None
    if prev is not None and prev.text == "." and i >= 2:
        prev = toks[i - 2]  # "Oct. 31"
    if (
        prev is not None
        and prev.kind == "word"
        and prev.text[0].isupper()
        and prev.low in MONTHS
        and t.kind == "num"
        and (ph.low <= 31 or _is_year(toks, ph))
    ):
        return None, ph.j  # March 11, Mar 2018
    pre = scan_before(toks, cur_first)
    sec = _second(toks, ph.j, pre, ph, currency is not None)
    j = sec.j if sec else ph.j
    if sec and _is_year(toks, ph) and (_is_year(toks, sec) or sec.low < ph.low):
        return None, sec.j  # 2024-2025, 2024-25
    if sec and sec.scaled and not ph.scaled and toks[sec.i].kind == "num":
        raw = float(toks[sec.i].text.replace(",", ""))
        factor = sec.low / raw if raw else 1.0
        if ph.low * factor <= sec.low * 10:
            ph = NumPhrase(ph.i, ph.j, ph.low * factor, ph.high * factor, scaled=True)
    if (ph.vague or ph.scaled and ph.words) and j < n and toks[j].low == "of":
        j += 1
    post = scan_after(toks, j, ph.low)
    if post.reject:
        return None, max(j, post.end)
    if (
        sec is None
        and (pre.from_ or pre.between)
        and post.end < n
        and post.kind != "count"
        and toks[post.end].low in ("to", "and", "-")
    ):
        sec2 = _second(toks, post.end, pre, ph, currency is not None)
        if sec2 is not None:
            post2 = scan_after(toks, sec2.j, sec2.low)
            if post2.kind == post.kind and not post2.reject:
                sec, post = sec2, post2
    return _build(text, toks, i, ph, sec, pre, post, currency, cur_first)


def _build(
    text: str,
    toks: list[Tok],
    i: int,
    ph: NumPhrase,
    sec: NumPhrase | None,
    pre: Pre,
    post: Post,
    currency: str | None,
    cur_first: int,
) -> tuple[Quantity | None, int]:
    """Apply the last filters (years, identifiers, 'one') and assemble the Quantity."""
    nxt = max(post.end, sec.j if sec else ph.j)
    plural_noun = post.noun is not None and is_plural(post.noun.low)
    if sec is None and currency is None and _is_year(toks, ph) and post.kind == "count":
        prev = toks[pre.first - 1].low if pre.first > 0 else ""
        if not plural_noun or prev in _YEAR_PREV or toks[ph.j].text[0].isupper():
            return None, nxt
    if (
        toks[i].kind == "num"
        and currency is None
        and post.kind == "count"
        and not plural_noun
        and _capital_before(text, toks, pre.first)
    ):
        return None, nxt
    if toks[i].low == "one" and sec is None and post.kind == "count":
        prev = toks[i - 1].low if i > 0 else ""
        if prev in _NOT_ONE_PREV or post.noun is None or post.noun.low in ("another", "day"):
            return None, nxt
    kind, unit = post.kind, post.unit
    if kind == "count" and post.noun is None and _appositive_age(toks, i, ph):
        pre.age = True
    if currency is not None and kind in ("count", "money"):
        kind, unit = "money", currency if post.kind == "count" else post.unit
    elif pre.age and kind == "count" and post.noun is None:
        kind, unit = "measure", "year of age"
    if kind == "count":
        unit = None
        if post.noun is not None:
            unit = claim_unit(post.noun.text, post.noun.text[0].isupper())
    elif kind == "percent":
        unit = "percent"
    end_idx = max(post.end, sec.j if sec else ph.j) - 1
    if (
        kind == "money"
        and end_idx + 2 < len(toks)
        and toks[end_idx + 1].low == "per"
        and toks[end_idx + 2].kind == "word"
    ):
        unit = f"{unit} per {singular(toks[end_idx + 2].low)}"
    if kind == "count" and post.noun is None:
        end_idx = (sec.j if sec else ph.j) - 1
    start = toks[min(pre.first, cur_first, i)].start
    end = toks[end_idx].end
    lo, hi = (ph.low, ph.high) if sec is None else (ph.low, sec.high)
    lo, hi = min(lo, hi), max(lo, hi)
    change = _CHANGE.get(pre.bound or "", "~" if pre.approx else (pre.change or post.change or "="))
    return Quantity(
        start,
        end,
        text[start:end],
        lo,
        hi,
        unit=unit,
        approx=pre.approx,
        bound=pre.bound,
        basis="additional" if pre.additional or post.additional else "total",
        kind=kind,
        vague=ph.vague,
        change=change,
    ), nxt


def find_quantities(text: str) -> list[Quantity]:
    """All quantities in `text`, in order, non-overlapping. Pure function, linear time."""
    toks = tokenize(text)
    out: list[Quantity] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.kind == "num" or (t.kind == "word" and t.low in _START_WORDS):
            q, nxt = _read(text, toks, i)
            if q is not None:
                out.append(q)
            i = max(nxt, i + 1)
        else:
            i += 1
    return share_units(text, out)


def in_newsquant_scope(q: Quantity) -> bool:
    """Whether NewsQuant would annotate this: it has no quantities for verb multipliers."""
    return not (
        q.kind == "multiplier"
        and q.text.lower().rstrip("s")
        in {k.rstrip("s") for k in MULT_VERBS if not k.endswith("fold")}
    )


_NP_SKIP = frozenset("of the their its those these more additional extra further new".split())


def _noun_phrase(span: str) -> str:
    """NewsQuant unit of a count span: the words after the last number, head in the singular.

    '4,000 North Korean soldiers' -> 'north korean soldier'; '25,000 additional soldiers' ->
    'soldier' (increment words are not part of the unit).
    """
    toks = tokenize(span)
    last = max(
        (
            k
            for k, t in enumerate(toks)
            if t.kind == "num"
            or t.low in _START_WORDS
            or t.low in ("hundred", "thousand", "million", "billion")
        ),
        default=-1,
    )
    k = last + 1
    while k < len(toks) and (toks[k].low in _NP_SKIP or toks[k].text == "-"):
        k += 1
    if k >= len(toks):
        return "-"
    head = toks[-1]
    phrase = span[toks[k].start : head.start].lower()
    return phrase + singular(head.low)


def to_newsquant(q: Quantity) -> dict:
    """NewsQuant output record: value or range (source order for from-to), unit, change, span.

    normalized_unit: counts use the singular of the noun as written ('soldiers' -> 'soldier',
    'people' -> 'people'), as NewsQuant does, not our claim unit ('troops'); '-' when no noun.
    Percentages are 'percentage', money the currency name ('dollar'), measures their unit.
    """
    if q.low == q.high:
        value, rng = q.low, None
    else:
        value, rng = None, [q.low, q.high]
        if q.text.lower().startswith("from"):
            toks = tokenize(q.text)
            for k, t in enumerate(toks):
                ph = parse_number(toks, k) if t.kind == "num" else None
                if ph is not None:
                    if ph.low == q.high:
                        rng = [q.high, q.low]
                    break
    if q.kind == "count":
        unit = _noun_phrase(q.text) if q.unit else "-"
    elif q.kind == "percent":
        unit = "percentage point" if q.text.lower().endswith("points") else "percentage"
    elif q.kind in ("multiplier", "fraction"):
        unit = "-"
    else:
        unit = q.unit or "-"
    return {
        "value": value,
        "range": rng,
        "normalized_unit": unit,
        "change": q.change or "=",
        "start": q.start,
        "end": q.end,
    }


__all__ = ["find_quantities", "to_newsquant", "in_newsquant_scope"]
