"""Fractions of a whole written in words: "half of", "a third of", "two-thirds of", "three
quarters of". A fraction is a quantity of kind 'fraction' (unit 'share', low = high = the
fraction, 0.5 for "half of"); it never counts people or things, so claims never take it as a
figure. Only a fraction followed by "of" is read ("half an hour", "the third day" are not);
"half a million" stays a number (`numbers.parse_number`). Modifiers before it count as for any
number ("almost half of": nearly, change '~').
"""

from __future__ import annotations

from sitroom.nlp.quantities.numbers import UNITS_W, Tok
from sitroom.nlp.quantities.rules import scan_before
from sitroom.nlp.types import Quantity

PARTS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
PARTS.update({w + s: n for w, n in (("fifth", 5), ("sixth", 6), ("tenth", 10)) for s in ("", "s")})
_CHANGE = {"more_than": ">", "at_least": ">", "up_to": "<", "less_than": "<", "nearly": "~"}


def read_fraction(text: str, toks: list[Tok], i: int) -> tuple[Quantity, int] | None:
    """The fraction starting at toks[i] and the index after it, or None."""
    n = len(toks)
    w = toks[i].low
    if w == "half":
        num, j = 1.0, i + 1
        den = 2
    else:
        if w in ("a", "an", "one"):
            num = 1.0
        elif w in UNITS_W:
            num = float(UNITS_W[w])
        else:
            return None
        j = i + 1
        if j < n and toks[j].text == "-" and toks[j].start == toks[j - 1].end:
            j += 1
        if j >= n or toks[j].low not in PARTS or toks[j].low == "half":
            return None
        if (num == 1.0) != (not toks[j].low.endswith("s")) and toks[j].low != "halves":
            return None  # "one thirds", "two third": not a fraction
        den = PARTS[toks[j].low]
        j += 1
    if j >= n or toks[j].low != "of" or num >= den:
        return None
    pre = scan_before(toks, i)
    start = toks[pre.first].start
    end = toks[j - 1].end
    value = num / den
    q = Quantity(
        start,
        end,
        text[start:end],
        value,
        value,
        "share",
        approx=pre.approx,
        bound=pre.bound,
        kind="fraction",
        change="~" if pre.approx else _CHANGE.get(pre.bound or "", pre.change or "="),
    )
    return q, j + 1
