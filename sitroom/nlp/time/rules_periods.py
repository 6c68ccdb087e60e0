"""Rules for named periods: seasons ("last winter"), quarters ("the third quarter") and holidays
("Christmas Eve", "Easter"). Same contract as rules.RULES.
"""

from __future__ import annotations

import re
from datetime import date

from sitroom.nlp.time.cal import Spec, easter, thanksgiving, value_interval
from sitroom.nlp.time.lex import POS_RE, SEASONS, YEAR_RE, pos_mod
from sitroom.nlp.time.rules import _clip, _direction, _ry_offset

_I = re.IGNORECASE


# --- seasons: "summer", "last winter", "the fall of 2019", "spring 2020" ---------------------
_SEASON = re.compile(
    rf"\b(?P<x>(?:(?P<pos>{POS_RE})\s*)?(?:(?P<rel>last|this|next|this\s+past|the)\s+)?"
    rf"(?P<s>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<year>{YEAR_RE})|\s+(?P<ry>this|"
    r"last|next)\s+year)?)(?![\w-])",
    _I,
)


def _season(m: re.Match, ctx) -> Spec | None:
    s = SEASONS[m["s"].lower()]
    rel = (m["rel"] or "").lower().split()[0] if m["rel"] else None
    before = ctx.text[max(0, m.start("x") - 10) : m.start("x")]
    if m["s"][0].isupper() and re.search(r"\b(?:Arab|Prague|Hot|Silent)\s*$", before):
        return None
    if s == "FA" and not (m["year"] or m["ry"] or (rel and rel != "the") or m["pos"]):
        return None
    if rel == "the" and not (m["year"] or m["pos"]):
        if re.match(r"\s+of\b", ctx.text[m.end("x") :]):
            return None
    dct = ctx.dct
    if m["year"]:
        y: int | None = int(m["year"])
    elif not dct:
        y = None
    elif m["ry"]:
        y = dct.year + _ry_offset(m["ry"])
    elif rel in ("last", "next", None, "the"):
        cands = [(yy, value_interval(f"{yy}-{s}")) for yy in range(dct.year - 2, dct.year + 2)]
        if rel == "last":
            y = max(yy for yy, iv in cands if iv[1] < dct)
        elif rel == "next":
            y = min(yy for yy, iv in cands if iv[0] > dct)
        elif _direction(ctx, m, m["pos"]) == "future":
            y = min(yy for yy, iv in cands if iv[1] >= dct)
        else:
            y = max(yy for yy, iv in cands if iv[0] <= dct)
    else:
        y = dct.year
    value = f"{y:04d}-{s}" if y else f"XXXX-{s}"
    return Spec("DATE", value, mod=pos_mod(m["pos"]), clip=_clip(m["pos"]))


# --- quarters: "the first quarter", "the third quarter of 2019", "fourth-quarter" -----------
_QUARTER = re.compile(
    rf"\b(?P<x>(?:the\s+)?(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th)[- ]quarter"
    rf"(?:\s+of\s+(?P<y>{YEAR_RE})|,?\s+(?P<y2>{YEAR_RE}))?)(?![\w-])",
    _I,
)
_Q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _quarter(m: re.Match, ctx) -> Spec | None:
    q = _Q.get(m["q"].lower(), 4)
    year = m["y"] or m["y2"]
    if year:
        return Spec("DATE", f"{year}-Q{q}")
    if ctx.dct is None:
        return Spec("DATE", f"XXXX-Q{q}")
    current = (ctx.dct.month - 1) // 3 + 1
    if _direction(ctx, m) == "future":
        y = ctx.dct.year if q >= current else ctx.dct.year + 1
    else:
        y = ctx.dct.year if q <= current else ctx.dct.year - 1
    return Spec("DATE", f"{y}-Q{q}")


# --- holidays: "Christmas", "Christmas Eve", "the New Year", "Easter" ------------------------
_HOLIDAY = re.compile(
    r"\b(?P<x>(?:(?P<rel>(?i:last|this|next))\s+)?(?P<h>Christmas(?:\s+(?:Eve|Day))?|New\s+Year['’]s"
    r"(?:\s+(?:Eve|Day))?|(?:(?i:the)\s+)?New\s+Year(?!\w)|Easter(?:\s+Sunday)?|Thanksgiving"
    r"(?:\s+Day)?|Halloween|Valentine['’]s\s+Day|Independence\s+Day)(?:,?\s+(?P<year>"
    rf"{YEAR_RE}))?)(?![\w'’-])(?!\s+(?:gift|tree|card|market|message|holiday|Island|Rising))"
)


def _holiday_date(name: str, y: int) -> date:
    n = " ".join(name.lower().replace("’", "'").split()).removeprefix("the ")
    if n.startswith("christmas eve"):
        return date(y, 12, 24)
    if n.startswith("christmas"):
        return date(y, 12, 25)
    if n.startswith("new year's eve"):
        return date(y, 12, 31)
    if n.startswith("new year"):
        return date(y, 1, 1)
    if n.startswith("easter"):
        return easter(y)
    if n.startswith("thanksgiving"):
        return thanksgiving(y)
    if n.startswith("halloween"):
        return date(y, 10, 31)
    if n.startswith("valentine"):
        return date(y, 2, 14)
    return date(y, 7, 4)


def _holiday(m: re.Match, ctx) -> Spec | None:
    name, dct = m["h"], ctx.dct
    if m["year"]:
        d: date | None = _holiday_date(name, int(m["year"]))
    elif dct:
        cands = [_holiday_date(name, y) for y in (dct.year - 1, dct.year, dct.year + 1)]
        rel = (m["rel"] or "").lower()
        if rel == "last":
            d = max(c for c in cands if c < dct)
        elif rel == "next":
            d = min(c for c in cands if c > dct)
        else:
            d = min(cands, key=lambda c: abs((c - dct).days))
    else:
        d = None
    if d is None:
        probe = _holiday_date(name, 2001)
        return Spec("DATE", f"XXXX-{probe.month:02d}-{probe.day:02d}")
    return Spec("DATE", d.isoformat(), anchor=True)


RULES = [
    (_SEASON, _season, "spring summer fall autumn winter"),
    (_HOLIDAY, _holiday, "christmas year easter thanksgiving halloween valentine independence"),
    (_QUARTER, _quarter, "quarter"),
]
