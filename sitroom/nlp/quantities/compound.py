"""Compound units after a measure ("km/h", "miles per hour", "degrees Celsius", "pound-feet",
"Mbps"), and units shared by a bare number with its neighbour ("rose to 11 million barrels
from 9.8 million"). Hand-made tables; SI and US customary names as NewsQuant normalises them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sitroom.nlp.types import Quantity

_PER = {
    "h": "hour",
    "hr": "hour",
    "hour": "hour",
    "s": "second",
    "sec": "second",
    "second": "second",
    "day": "day",
    "d": "day",
    "year": "year",
    "yr": "year",
    "month": "month",
    "week": "week",
    "minute": "minute",
    "min": "minute",
    "person": "person",
    "capita": "capita",
    "gallon": "gallon",
    "litre": "litre",
    "liter": "litre",
    "kilometre": "kilometre",
    "kilometer": "kilometre",
    "km": "kilometre",
    "mile": "mile",
}
_DEGREE_SCALE = {
    "celsius": "degree celsius",
    "c": "degree celsius",
    "fahrenheit": "degree fahrenheit",
    "f": "degree fahrenheit",
}


def extend(toks, j: int, unit: str) -> tuple[str, int]:
    """A measure unit read at toks[j-1], extended by what follows: ('kilometre', j) ->
    ('kilometre per hour', j + 2) for "km/h" or "km per hour"; degrees take their scale;
    "pound-feet" is one unit."""
    n = len(toks)
    if unit == "degree" and j < n and toks[j].low in _DEGREE_SCALE:
        return _DEGREE_SCALE[toks[j].low], j + 1
    if (
        unit == "pound"
        and j + 1 < n
        and toks[j].text == "-"
        and toks[j + 1].low in ("feet", "foot")
    ):
        return "pound-foot", j + 2
    if (
        j + 1 < n
        and (toks[j].text == "/" or toks[j].low == "per")
        and toks[j].start - toks[j - 1].end <= 1
    ):
        per = toks[j + 1].low.rstrip("s") if toks[j + 1].low not in ("s",) else "s"
        if per in _PER:
            return f"{unit} per {_PER[per]}", j + 2
    if j + 1 < n and toks[j].low == "per" and toks[j + 1].low.rstrip("s") in _PER:
        return f"{unit} per {_PER[toks[j + 1].low.rstrip('s')]}", j + 2
    return unit, j


_LINK = re.compile(
    r"\b(from|to|or|versus|vs\.?|compared with|compared to|than)\s*"
    r"(about |around |nearly |almost |some |roughly |more than |less than )?$",
    re.I,
)
_DIGIT = re.compile(r"\d")


def share_units(text: str, qs: list[Quantity]) -> list[Quantity]:
    """A bare number linked to a neighbouring number with a unit ("to 11 million barrels from
    9.8 million", "from 3 to 5 percent") takes that unit, if both are written the same way."""
    out = list(qs)
    for k, q in enumerate(out):
        if q.unit is not None or q.kind != "count":
            continue
        for m in (k - 1, k + 1):
            if not 0 <= m < len(out):
                continue
            p = out[m]
            if p.unit is None or p.kind not in ("measure", "money", "percent"):
                continue  # counted nouns stay with their own number (claims read them)
            if m < k:  # "11 million barrels a day from 9.8 million": up to q's number
                d = _DIGIT.search(text, q.start)
                gap = text[p.end : d.start() if d else q.start]
            else:  # "from 3 to 5 percent" is one range already; "3 or 4 percent"
                d = _DIGIT.search(text, p.start)
                gap = text[q.end : d.start() if d else p.start]
            if len(gap) > 30 or not _LINK.search(gap):
                continue
            out[k] = replace(q, unit=p.unit, kind=p.kind)
            break
    return out
