"""Rules for relative time expressions: last/this/next units, today/yesterday, weekdays, the
PRESENT/PAST/FUTURE_REF words, and anchored days ("the day before"). Same contract as
rules.RULES: (pattern, handler(match, ctx) -> Spec | list[Spec] | None).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sitroom.nlp.time.cal import (
    Spec,
    add_months,
    add_years,
    blank_value,
    iso_week,
    next_weekday,
    shift,
    value_at,
)
from sitroom.nlp.time.lex import NUM, PARTS_OF_DAY, POS_RE, WEEKDAY_RE, WEEKDAYS, parse_number
from sitroom.nlp.time.lex import pos_mod as _pos_mod

_I = re.IGNORECASE
_UNIT_CODE = {"year": "Y", "month": "M", "week": "W", "decade": "DE", "century": "CE"}
_BEFORE, _AROUND, _AFTER = "before_publication", "around_publication", "after_publication"


def _clip(pos: str | None) -> str | None:
    p = (pos or "").lower()
    return "before" if p.startswith("earlier") else "after" if p.startswith("later") else None


# --- last/this/next + unit: "last week", "earlier this year", "late last year" --------------
_REL_UNIT = re.compile(
    rf"\b(?P<x>(?:(?P<pos>{POS_RE})\s*)?(?P<rel>last|this(?:\s+past|\s+coming)?|next|the\s+"
    r"(?:previous|following|current|coming)|previous|following|current|coming)\s+(?P<u>year|"
    r"month|week(?:end)?|decade|century|quarter))(?![\w-])",
    _I,
)


def _quarter(d: date) -> str:
    return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"


def _weekend(d: date, off: int) -> str:
    base = d - timedelta(days=d.weekday() + 1) if off < 0 else d
    if off > 0 and d.weekday() >= 5:
        base = d + timedelta(days=7)
    return iso_week(base) + "-WE"


def _rel_unit(m: re.Match, ctx) -> Spec | None:
    rel = " ".join(m["rel"].lower().split())
    unit = m["u"].lower()
    off = {"last": -1, "next": 1, "this past": -1, "the previous": -1, "previous": -1}.get(rel, 0)
    if rel in ("the following", "following", "coming", "the coming", "this coming"):
        off = 1
    anchored_rel = rel in ("the previous", "previous", "the following", "following")
    mod, clip = _pos_mod(m["pos"]), _clip(m["pos"])
    relation = {-1: _BEFORE, 0: _AROUND, 1: _AFTER}[off] if not anchored_rel else None
    if clip:
        relation = _BEFORE if clip == "before" else _AFTER

    def value(base: date | None) -> str:
        if base is None:
            return blank_value(_UNIT_CODE.get(unit, "Y")) + ("-WE" if unit == "weekend" else "")
        if unit == "weekend":
            return _weekend(base, off)
        if unit == "quarter":
            return _quarter(add_months(base, 3 * off))
        code = _UNIT_CODE[unit]
        n = {"DE": 10, "CE": 100}.get(code, 1)
        return value_at(shift(base, code[0] if code in ("DE", "CE") else code, off * n), code)

    if anchored_rel:
        return Spec("DATE", None, mod=mod, anchored=value, clip=clip)
    return Spec("DATE", value(ctx.dct), mod=mod, clip=clip, relation=relation)


# --- bare "weekend" / "the weekend": this week's if dct is in it, else by tense ------------
_WEEKEND = re.compile(r"\b(?P<x>(?:the\s+)?weekend)(?![\w-])", _I)


def _bare_weekend(m: re.Match, ctx) -> Spec:
    dct = ctx.dct
    if dct is None:
        return Spec("DATE", "XXXX-WXX-WE", relation=ctx.rel_from_tense(*m.span("x")))
    if dct.weekday() >= 5 or ctx.tense(*m.span("x")) == "future":
        return Spec("DATE", iso_week(dct) + "-WE")
    return Spec("DATE", _weekend(dct, -1))


# --- "earlier in the year", "the end of the year", "end-of-the-year", "year-end" -----------
_IN_THE = re.compile(
    r"\b(?P<x>(?P<pos>earlier|later|early|late)\s+in\s+the\s+(?P<u>year|month|week|day|decade)"
    r"|(?P<the>the\s+)?(?P<pos2>end|beginning|start|middle|turn)(?P<h>[- ])of[- ]the[- ]"
    r"(?P<u2>year|month|week|decade|century)|(?:the\s+)?(?P<u3>year)[- ]end)(?![\w-])",
    _I,
)


def _in_the(m: re.Match, ctx) -> Spec:
    unit = (m["u"] or m["u2"] or m["u3"]).lower()
    if m["pos"]:
        mod, clip = _pos_mod(m["pos"]), _clip(m["pos"])
    else:
        word = (m["pos2"] or "end").lower()
        mod = {"end": "END", "beginning": "START", "start": "START", "middle": "MID"}.get(word)
        clip = None
    start = m.start("x")
    if m["the"] and m["h"] == "-":
        start = m.start("pos2")
    code = "D" if unit == "day" else _UNIT_CODE[unit]
    val = value_at(ctx.dct, code) if ctx.dct else blank_value(code)
    rel = {"before": _BEFORE, "after": _AFTER}.get(clip or "", _AROUND)
    return Spec("DATE", val, mod=mod, clip=clip, relation=rel).at(start, m.end("x"))


# --- today, tonight, yesterday (morning), tomorrow, this morning, last night ---------------
_DAY_WORDS = re.compile(
    r"\b(?P<x>(?P<w>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|today|tonight|tomorrow|"
    r"yesterday|this|last)(?:\s+(?P<part>morning|afternoon|evening|night))?)(?![\w-])",
    _I,
)


def _day_words(m: re.Match, ctx) -> Spec | None:
    w = " ".join(m["w"].lower().split())
    part = (m["part"] or "").lower()
    if w in ("this", "last") and not part:
        return None
    off = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2}.get(w, 0)
    if w == "the day after tomorrow":
        off = 2
    if w == "last":
        off = -1 if part in ("night", "evening") else 0
    if w == "tonight":
        part = "night"
    d = ctx.dct + timedelta(days=off) if ctx.dct else None
    base = d.isoformat() if d else "XXXX-XX-XX"
    rel = {-2: _BEFORE, -1: _BEFORE, 0: _AROUND, 1: _AFTER, 2: _AFTER}[off]
    if part:
        return Spec("TIME", base + "T" + PARTS_OF_DAY[part][1:], relation=rel, anchor=True)
    return Spec("DATE", base, relation=rel, anchor=True)


# --- weekdays: "Monday", "last Friday", "late Tuesday", "Friday morning", "Mondays" ---------
_WEEKDAY = re.compile(
    rf"\b(?P<x>(?:(?P<pos>(?i:early|late))\s+)?(?:(?P<rel>(?i:last|next|this(?:\s+past|\s+"
    rf"coming)?))\s+)?(?P<wd>{WEEKDAY_RE})(?P<pl>s(?!['’]))?(?:(?:['’]s)?\s+(?P<part>(?i:"
    r"morning|afternoon|evening|night)))?)(?![\w-])"
)


def _weekday(m: re.Match, ctx) -> Spec | None:
    wd = WEEKDAYS[m["wd"].lower()]
    part = (m["part"] or "").lower()
    suffix = "T" + PARTS_OF_DAY[part][1:] if part else ""
    if m["pl"]:
        return Spec("SET", f"XXXX-WXX-{wd + 1}{suffix}")
    before = ctx.text[max(0, m.start("x") - 12) : m.start("x")]
    if re.search(r"\b(?:Good|Black|Holy|Ash|Cyber|Super|Bloody|Man)\s+$", before):
        return None
    rel = " ".join((m["rel"] or "").lower().split())
    dct = ctx.dct
    if rel in ("last", "this past"):
        direction = "past"
    elif rel in ("next", "this coming"):
        direction = "future"
    else:
        direction = ctx.tense(*m.span("x")) or "past"
    relation = _BEFORE if direction == "past" else _AFTER
    if dct is None:
        value = f"XXXX-WXX-{wd + 1}"
    else:
        if rel == "this":
            d = dct + timedelta(days=wd - dct.weekday())
        elif rel in ("last", "this past") and wd == dct.weekday():
            d = dct - timedelta(days=7)
        elif rel in ("next", "this coming") and wd == dct.weekday():
            d = dct + timedelta(days=7)
        else:
            d = next_weekday(dct, wd, direction)
        value = d.isoformat()
        relation = None
    typ = "TIME" if part else "DATE"
    return Spec(typ, value + suffix, mod=_pos_mod(m["pos"]), anchor=True, relation=relation)


# --- PRESENT_REF / PAST_REF / FUTURE_REF words --------------------------------------------
_REFS = re.compile(
    r"(?P<present>\bright\s+now\b|\bnow(?![\w-])|\bcurrently\b|\bpresently\b|\bnowadays\b|"
    r"\bthese\s+days\b|(?<=\bat\s)present\b|\bthe\s+present(?:\s+day)?(?=\s*[.,;:)]|\s+day)"
    r"|(?<=\bat\s)this\s+time\b|\bthe\s+time\s+being\b|(?<=\bat\s)the\s+moment\b|\bcurrent\b"
    r"(?=\s+[a-z]))"
    r"|(?P<past>\b(?:more\s+|much\s+)?recent(?:ly)?(?:\s+(?:years|months|weeks|days|decades|"
    r"times|history|past))?\b|\blately\b|\bthe\s+past\b(?![\s-]+(?:\d|[a-z]+\s+(?:years|months|"
    r"weeks|days|decades|hours)\b|year|month|week|day|decade|hour|weekend|few|several|couple))"
    r"|\b(?:past|previous|prior|earlier)\s+(?:years|times|decades|months|weeks)\b|\b(?:not\s+"
    r"(?:so\s+)?)?long\s+ago\b|\ba\s+(?:long\s+)?while\s+ago\b|\bsome\s+time\s+ago\b|\b(?:many\s+"
    r"|several\s+|a\s+few\s+|few\s+)?(?:years|decades|months|weeks|days)\s+ago\b|\ba\s+recent\s+"
    r"(?P<rpart>morning|afternoon|evening|night|day|week|weekend)\b)"
    r"|(?P<future>\bsoon\b(?!\s+(?:after|as|afterwards?)\b)|\bthe\s+(?:near\s+|foreseeable\s+|"
    r"distant\s+)?future\b(?!\s+of\b)|\b(?:the\s+)?(?:coming|upcoming)\s+(?P<cu>years|months|"
    r"weeks|days|decades)\b|\bthe\s+(?P<au>years|months|weeks|days)\s+(?:ahead|to\s+come)\b)",
    _I,
)
_REF_SPANS = {"years": (5, "Y"), "months": (6, "M"), "weeks": (8, "W"), "days": (14, "D")}


def _refs(m: re.Match, ctx) -> Spec | None:
    s = m.group(0)
    low = s.lower()
    before = ctx.text[max(0, m.start() - 6) : m.start()].lower()
    if m["present"]:
        if low == "current" and re.search(r"(?:electric|ocean|strong|rip|alternating)\s*$", before):
            return None
        return Spec("DATE", "PRESENT_REF", relation=_AROUND)
    if m["past"]:
        if low.startswith("recent") and re.search(r"\bmost\s+$", before):
            return None
        typ = "TIME" if (m["rpart"] or "").lower() in PARTS_OF_DAY else "DATE"
        return Spec(typ, "PAST_REF", relation=_BEFORE)
    unit = (m["cu"] or m["au"] or "").lower()
    iv = None
    if ctx.dct:
        n, code = _REF_SPANS.get(unit, (3, "M"))
        iv = (ctx.dct, shift(ctx.dct, code, n) if unit != "decades" else add_years(ctx.dct, 20))
    return Spec("DATE", "FUTURE_REF", relation=_AFTER, interval=iv)


# --- anchored days: "the day before", "One day earlier", "the next day", "that day" -------
_ANCH = re.compile(
    rf"\b(?P<x>the\s+(?:day|night)\s+before(?=\s*[.,;:)]|\s+(?:that|when|the\s+\w+\s+was))|the\s+"
    rf"(?:previous|following|next|same)\s+(?P<u>day|night|morning)|that\s+(?:same\s+)?(?P<u2>"
    rf"day|night|morning|evening)|(?P<n>{NUM})\s+days?\s+earlier)\b",
    _I,
)


def _anchored(m: re.Match, ctx) -> Spec | None:
    low = " ".join(m["x"].lower().split())
    if m["n"]:
        n = parse_number(m["n"])
        if n is None:
            return None
        off = -int(n)
    elif "previous" in low or "before" in low:
        off = -1
    elif "following" in low or "next" in low:
        off = 1
    else:
        off = 0
    part = (m["u"] or m["u2"] or "day").lower()
    if "night" in low:
        part = "night"

    def value(base: date | None) -> str:
        d = (base + timedelta(days=off)).isoformat() if base else "XXXX-XX-XX"
        return d + ("T" + PARTS_OF_DAY[part][1:] if part in PARTS_OF_DAY else "")

    typ = "TIME" if part in PARTS_OF_DAY else "DATE"
    return Spec(typ, None, anchored=value, anchor=typ == "DATE")


_WD_T = "monday tuesday wednesday thursday friday saturday sunday " + " ".join(
    w + "s" for w in "monday tuesday wednesday thursday friday saturday sunday".split()
)
RULES = [
    (_REL_UNIT, _rel_unit, "year month week weekend decade century quarter"),
    (_IN_THE, _in_the, "year month week day decade century"),
    (_WEEKEND, _bare_weekend, "weekend"),
    (_DAY_WORDS, _day_words, "today tonight tomorrow yesterday morning afternoon evening night"),
    (_WEEKDAY, _weekday, _WD_T),
    (
        _REFS,
        _refs,
        "now currently presently nowadays days present time moment current recent recently "
        "lately past years times decades months weeks ago while soon future coming upcoming",
    ),
    (_ANCH, _anchored, "day days night morning evening earlier"),
]
