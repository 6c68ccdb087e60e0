"""Rules for calendar time expressions: full dates, months, years, decades, seasons, holidays.

Each rule is (compiled pattern, handler). A handler gets the match and the Ctx and returns a
Spec (extent = group 'x', or Spec.span when set), a list of Specs, or None to reject the match.
Month and weekday names are matched case-sensitively (so "a march" / "may" are not dates).
"""

from __future__ import annotations

import re

from sitroom.nlp.time.cal import Spec, month_year, value_interval
from sitroom.nlp.time.lex import (
    AMBIGUOUS_MONTHS,
    DAY_RE,
    MONTH_RE,
    POS_RE,
    YEAR_RE,
    day_number,
    month_number,
    pos_mod,
)

_I = re.IGNORECASE
FULL_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
}  # fmt: skip
_POS = rf"(?i:(?P<pos>{POS_RE})\s*)"
_REL_Y = r"(?:,?\s+(?P<ry>(?i:this|last|next))\s+year)"


def _x(m: re.Match) -> tuple[int, int]:
    return m.span("x")


def _clip(pos: str | None) -> str | None:
    if pos and pos.lower().startswith("earlier"):
        return "before"
    if pos and pos.lower().startswith("later"):
        return "after"
    return None


def _ry_offset(ry: str | None) -> int | None:
    return {"this": 0, "last": -1, "next": 1}.get((ry or "").lower())


def _direction(ctx, m: re.Match, pos: str | None = None) -> str | None:
    clip = _clip(pos)
    if clip:
        return "past" if clip == "before" else "future"
    return ctx.tense(*_x(m))


# --- full dates: "March 11, 2025", "Dec. 13", "11 March", "25 February 2021" -------------------
_MDY = re.compile(
    rf"\b(?P<x>{_POS}?(?P<mon>{MONTH_RE})\s+(?P<day>{DAY_RE})(?![\d:])(?:,?\s+(?P<year>{YEAR_RE})"
    rf"\b)?{_REL_Y}?)(?![\w%])"
)
_DMY = re.compile(
    rf"\b(?P<x>(?:the\s+)?(?P<day>{DAY_RE})\s+(?:of\s+)?(?P<mon>{MONTH_RE})(?:,?\s+(?P<year>"
    rf"{YEAR_RE})\b)?{_REL_Y}?)(?!\w)"
)


def _full_date(m: re.Match, ctx) -> Spec | None:
    mon, day = month_number(m["mon"]), day_number(m["day"])
    if day > 31 or (m["mon"].lower().rstrip(".") in ("mar", "jun", "jul") and "." not in m["mon"]):
        return None
    mod = pos_mod(m["pos"]) if "pos" in m.groupdict() else None
    if m["year"]:
        y: int | None = int(m["year"])
    elif m["ry"] and ctx.dct:
        y = ctx.dct.year + _ry_offset(m["ry"])
    elif ctx.dct:
        y = month_year(ctx.dct, mon, _direction(ctx, m), day)
    else:
        y = None
    value = f"{y:04d}-{mon:02d}-{day:02d}" if y else f"XXXX-{mon:02d}-{day:02d}"
    if y and value_interval(value) is None:
        return None
    return Spec("DATE", value, mod=mod, anchor=True, relation=ctx.rel_from_tense(*_x(m)))


# --- month + year: "March 2020", "early March 2020", "May of 2019" ---------------------------
_MY = re.compile(rf"\b(?P<x>{_POS}?(?P<mon>{MONTH_RE})(?:\s+of)?,?\s+(?P<year>{YEAR_RE}))\b")


def _month_year(m: re.Match, ctx) -> Spec:
    value = f"{int(m['year']):04d}-{month_number(m['mon']):02d}"
    return Spec("DATE", value, mod=pos_mod(m["pos"]), clip=_clip(m["pos"]))


# --- bare month: "in November", "late April", "last December", "July this year" ---------------
_M = re.compile(
    rf"\b(?P<x>{_POS}?(?:(?P<rel>(?i:last|next|this(?:\s+past|\s+coming)?))\s+)?"
    rf"(?P<mon>{MONTH_RE})(?!\s+\d){_REL_Y}?)(?!\w)"
)
_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|by|until|till|from|through|to|of|during|before|after|between|and|or|"
    r"early|late|mid|last|next|this|that|for|as|end|start|beginning|throughout|around|"
    rf"about|into|until|despite)|{MONTH_RE}(?:\s+\d+)?,?\s+(?:and|or|to)|-)\s*$",
    _I,
)


def _month(m: re.Match, ctx) -> Spec | None:
    word = m["mon"]
    key = word.lower().rstrip(".")
    if not (m["pos"] or m["rel"] or m["ry"]):
        before = ctx.text[max(0, m.start("x") - 25) : m.start("x")]
        abbrev = key not in FULL_MONTHS and not word.endswith(".")
        if key in AMBIGUOUS_MONTHS or abbrev:
            if not _MONTH_CONTEXT.search(before):
                return None
        after = ctx.text[m.end("x") : m.end("x") + 3]
        if key == "may" and not re.match(r"\s*[.,;:)]|['’]s\b|$", after):
            if not re.search(r"\b(?:in|since|until|by|from|of|and|early|late|mid)\s*$", before):
                return None
    mon = month_number(word)
    rel = (m["rel"] or "").lower().split()[0] if m["rel"] else None
    dct = ctx.dct
    y: int | None = None
    if dct:
        if m["ry"]:
            y = dct.year + _ry_offset(m["ry"])
        elif rel == "last":
            y = dct.year if mon < dct.month else dct.year - 1
        elif rel == "next":
            y = dct.year if mon > dct.month else dct.year + 1
        elif rel == "this":
            y = dct.year
        else:
            y = month_year(dct, mon, _direction(ctx, m, m["pos"]))
    value = f"{y:04d}-{mon:02d}" if y else f"XXXX-{mon:02d}"
    relation = {"last": "before_publication", "next": "after_publication"}.get(rel or "")
    return Spec(
        "DATE",
        value,
        mod=pos_mod(m["pos"]),
        clip=_clip(m["pos"]),
        relation=relation or ctx.rel_from_tense(*_x(m)),
    )


# --- years: "2024", "early 2017", "mid-2018", "the 2020 calendar year", "2010-2011" ----------
_Y = re.compile(
    rf"\b(?P<x>{_POS}?(?:(?P<the>the)\s+)?(?P<year>{YEAR_RE})(?P<cal>\s+(?i:calendar|fiscal)\s+"
    rf"year)?)(?![\w%]|[.,]\d|-(?:year|old|\d)|\s*[–-]\s*\d)"
)
_YR = re.compile(rf"\b(?P<y1>{YEAR_RE})\s*[–-]\s*(?P<y2>{YEAR_RE}|\d\d)(?![\w%.]|,\d)")
_NOT_YEAR_BEFORE = re.compile(
    r"(?:[$€£#]\s*|\d[.,]|\b(?:no|number|page|route|flight|article|resolution|room|highway|"
    r"model|rule|code|section|item|decree|chapter|tu|su|mig)\.?\s*-?\s*|\b[A-Z]-)$",
    _I,
)
_NOT_YEAR_AFTER = re.compile(
    r"\s*(?:%|percent|per\s+cent|people|persons|troops|soldiers|fighters|civilians|deaths|"
    r"cases|votes|km|kilometers|kilometres|miles|meters|metres|feet|tons|tonnes|dollars|euros|"
    r"barrels|units|men|women|children|refugees|migrants|residents|homes|houses|families|"
    r"members|workers|students|pounds|yuan|rubles|hectares|acres|kg|mw|b\.?c\.?)\b",
    _I,
)


def _year_ok(ctx, start: int, end: int) -> bool:
    text = ctx.text
    if _NOT_YEAR_BEFORE.search(text[max(0, start - 12) : start]):
        return False
    return not _NOT_YEAR_AFTER.match(text, end)


def _year(m: re.Match, ctx) -> Spec | None:
    ys, ye = m.span("year")
    if not _year_ok(ctx, ys, ye):
        return None
    start = m.start("x")
    if m["the"] and not m["cal"] and not m["pos"]:
        start = ys
    if m["the"] and m["pos"] and not m["cal"]:
        return None
    value = m["year"] if not (m["cal"] and "fiscal" in m["cal"].lower()) else "FY" + m["year"]
    return Spec(
        "DATE",
        value,
        mod=pos_mod(m["pos"]),
        clip=_clip(m["pos"]),
        relation=ctx.rel_from_tense(start, m.end("x")),
    ).at(start, m.end("x"))


def _year_range(m: re.Match, ctx) -> list[Spec] | None:
    if not _year_ok(ctx, m.start(), m.end()):
        return None
    y1, y2 = m["y1"], m["y2"]
    if len(y2) == 2:
        y2 = y1[:2] + y2
        if int(y2) <= int(y1):
            return None
    return [Spec("DATE", m["y1"]).at(*m.span("y1")), Spec("DATE", y2).at(*m.span("y2"))]


# --- decades and centuries: "the 1990s", "the early 2000s", "the 21st century" --------------
_DEC = re.compile(
    r"\b(?P<x>(?:(?i:the)\s+)?(?:(?P<pos>(?i:early|mid|late))[- ]?)?(?P<d>1[89]\d0|20\d0|'\d0)s)"
    r"(?![\w'])"
)
_CENT = re.compile(
    r"\b(?P<x>(?:the\s+)?(?:(?P<pos>early|mid|late)[- ]?)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+"
    r"century)\b",
    _I,
)


def _decade(m: re.Match, ctx) -> Spec:
    d = m["d"]
    if d.startswith("'"):
        d = ("19" if int(d[1]) >= 3 else "20") + d[1:]
    return Spec("DATE", d[:3], mod=pos_mod(m["pos"]))


def _century(m: re.Match, ctx) -> Spec | None:
    n = int(m["n"])
    return Spec("DATE", f"{n - 1:02d}", mod=pos_mod(m["pos"])) if 1 <= n <= 30 else None


_MONTHS_T = (
    "january february march april may june july august september october november december jan "
    "feb mar apr jun jul aug sep sept oct nov dec"
)
# (pattern, handler, trigger words): a rule is only tried in a window around one of its
# trigger tokens (lower-case words; '#year' = a 4-digit 1800-2099 number, '#num' = any number).
RULES = [
    (_MDY, _full_date, _MONTHS_T),
    (_DMY, _full_date, _MONTHS_T),
    (_MY, _month_year, _MONTHS_T),
    (_M, _month, _MONTHS_T),
    (_Y, _year, "#year"),
    (_YR, _year_range, "#year"),
    (_DEC, _decade, "#year #num s"),
    (_CENT, _century, "century"),
]
