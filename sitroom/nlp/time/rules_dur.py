"""Rules for durations ("three years", "the past two decades", "30-day", "N years ago"), sets
("every year", "daily", "weekends") and times of day ("around midday", "3 a.m.", "the night").
Same contract as rules.RULES.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sitroom.nlp.time.cal import Spec, blank_value, shift, value_at
from sitroom.nlp.time.lex import (
    MOD_RE,
    NUM,
    NUM_HYPH,
    PARTS_OF_DAY,
    UNIT_RE,
    UNIT_VALUES,
    amount_mod,
    norm_space,
    parse_number,
)

_I = re.IGNORECASE
_BEFORE, _AFTER = "before_publication", "after_publication"
# Vague counts ("a few", "several") use this many units when an interval must be given.
_VAGUE_N = 4


def _unit(word: str) -> str:
    w = word.lower().rstrip("s")
    return {"centurie": "century", "centurie'": "century"}.get(w, w)


def dur_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration value: (3, 'year') -> 'P3Y', (None, 'decade') -> 'PXDE',
    (4.5, 'hour') -> 'PT4H30M', (0.5, 'hour') -> 'PT30M'."""
    code, mult = UNIT_VALUES[unit]
    if n is None:
        letter = {"decade": "DE", "century": "CE"}.get(unit, code)
        return ("PTX" if code in ("H", "MIN", "S") else "PX") + letter.replace("MIN", "M")
    n = n * mult
    if code in ("H", "MIN", "S"):
        if code == "H" and n != int(n):
            return f"PT{int(n)}H{round((n - int(n)) * 60)}M" if n >= 1 else f"PT{round(n * 60)}M"
        return f"PT{_num(n)}{code[0]}"
    if code == "Y" and n != int(n) and (n * 12) == int(n * 12):
        return f"P{int(n * 12)}M"
    if code == "D" and n != int(n):
        return f"PT{round(n * 24)}H"
    return f"P{_num(n)}{code}"


def _num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _span(n: float | None, unit: str) -> tuple[str, int] | None:
    """(shift unit, count) used to build an interval, None for sub-day units."""
    code, mult = UNIT_VALUES[unit]
    if code not in ("Y", "M", "W", "D"):
        return None
    count = int(round((n if n is not None else _VAGUE_N) * mult))
    return code, count


# --- durations --------------------------------------------------------------------------
_DUR = re.compile(
    rf"\b(?P<x>(?:(?P<amod>{MOD_RE})\s+)?(?:(?P<det>the\s+(?:past|last|next|first|coming|"
    r"previous|following|final|remaining)|past|last|next|another|the)\s+)?(?:(?P<n1>"
    rf"{NUM})\s+(?:(?:to|or|-|–)\s+(?P<n2>{NUM})\s+)?(?:more\s+|additional\s+|straight\s+|"
    rf"full\s+|consecutive\s+|long\s+)?)?(?P<u>{UNIT_RE})(?:\s+(?P<ago>ago|earlier|from\s+now|"
    r"hence))?)(?![\w-])",
    _I,
)
_AGE_AFTER = re.compile(r"\s*(?:-\s*)?(?:old|of\s+age|younger|older|\s*of\s+my\s+life)\b", _I)
_BARE_BLOCK = re.compile(
    r"\b(?:his|her|their|its|my|our|your|early|teenage|formative|golden|election|light|school|"
    r"fiscal|calendar|academic|leap|man|person|working|business|office|visiting|opening|closing|"
    r"those|these|dog|war|lean|later|final|last|first|early|glory|salad|old|twilight|many)\s+$"
    r"|\b(?:pre|post)-\w+\s+$",
    _I,
)
_SET_BEFORE = re.compile(
    r"(?:\d|%|illion|times|twice|once|dollars|euros|pounds|percent|per\s+cent|hours|meals|"
    r"flights|barrels|tons|tonnes)\s*$",
    _I,
)


def _duration(m: re.Match, ctx) -> Spec | None:
    unit = _unit(m["u"])
    plural = m["u"].lower().endswith("s") or m["u"].lower().endswith("ies")
    det = norm_space(m["det"]) if m["det"] else ""
    n1, n2, amod, ago = m["n1"], m["n2"], m["amod"], (m["ago"] or "").lower()
    start, end = m.span("x")
    text = ctx.text
    if _AGE_AFTER.match(text, end) or re.search(r"\bage[ds]?\s+$", text[max(0, start - 6) : start]):
        return None
    if det in ("past", "last", "next", "another") and not n1:
        return None
    if det == "the" and (n1 or not plural):
        if not n1:
            return None
        start = m.start("n1") if not amod else start
    if unit == "second" and not (n1 and n1[0].isdigit()):
        return None
    n = parse_number(n1) if n1 else None
    if n1 is None:
        if not plural and not det and unit != "decade":
            return None
        if plural and not det and not amod:
            if _BARE_BLOCK.search(text[max(0, start - 12) : start]):
                return None
        if not plural:
            n = 1.0
    elif n2 is not None:
        n = None
    lone_a = n1 and n1.lower() in ("a", "an") and not det and not amod and not ago
    if lone_a and unit in ("year", "month", "week", "day", "hour"):
        if _SET_BEFORE.search(text[max(0, start - 10) : start]):  # "$5 a year", "twice a day"
            return Spec("SET", dur_value(1, unit))
    if ago:
        return _ago(m, ctx, n, unit, amod, ago, start, end)
    mod = amount_mod(amod)
    value = dur_value(n, unit)
    iv, rel = None, None
    sp = _span(n, unit)
    if det and sp and det not in ("the", "the first"):
        code, count = sp
        if "next" in det or "coming" in det or "remaining" in det or "following" in det:
            rel = _AFTER
            if ctx.dct:
                iv = (ctx.dct, shift(ctx.dct, code, count))
        elif "past" in det or "last" in det or "previous" in det:
            rel = _BEFORE
            if ctx.dct:
                iv = (shift(ctx.dct, code, -count), ctx.dct)
    return Spec("DURATION", value, mod=mod, interval=iv, relation=rel).at(start, end)


def _ago(m, ctx, n, unit, amod, ago, start, end) -> Spec | None:
    mod = amount_mod(amod)
    if mod in ("MORE_THAN", "EQUAL_OR_MORE"):
        mod = "BEFORE"
    elif mod in ("LESS_THAN", "EQUAL_OR_LESS"):
        mod = "AFTER"
    if n is None:
        return Spec("DATE", "PAST_REF", relation=_BEFORE) if ago != "from now" else None
    code, mult = UNIT_VALUES[unit]
    sign = 1 if ago in ("from now", "hence") else -1
    if ago == "earlier":

        def value(base: date | None) -> str:
            if base is None or code not in ("Y", "M", "W", "D"):
                return blank_value(code)
            return value_at(shift(base, code, sign * int(n * mult)), code)

        return Spec("DATE", None, mod=mod, anchored=value, anchor=code == "D").at(start, end)
    rel = _AFTER if sign > 0 else _BEFORE
    if code in ("H", "MIN", "S"):
        return None
    if ctx.dct is None:
        return Spec("DATE", blank_value(code), mod=mod, relation=rel).at(start, end)
    count = int(round(n * mult))
    d = shift(ctx.dct, code, sign * count) if n == int(n) else ctx.dct
    if n != int(n) and code == "Y":
        d = ctx.dct + timedelta(days=round(sign * n * mult * 365.25))
    return Spec("DATE", value_at(d, code), mod=mod, relation=rel).at(start, end)


# --- hyphenated / compound durations: "two-day", "30-day", "weeklong", "decades-long" -----
_HYPH = re.compile(
    rf"\b(?P<x>(?P<n>{NUM_HYPH})[- ]?(?P<u>year|month|week|day|hour|minute|decade|century)"
    r"(?:-long)?|(?P<lu>week|year|month|day|decade)-?long|(?P<pu>decades|years|months|weeks|"
    r"days|hours)-long)(?![\w-])(?!\s+olds?\b)",
    _I,
)


def _hyph(m: re.Match, ctx) -> Spec | None:
    if m["n"]:
        if re.match(r"\d", m["n"]) is None and "-" not in m.group(0) and " " not in m.group(0):
            return None
        if re.fullmatch(r"\w+ \w+", m["x"]):
            return None
        n = 0.5 if m["n"].lower() == "half" else parse_number(m["n"])
        return Spec("DURATION", dur_value(n, m["u"].lower()))
    if m["lu"]:
        return Spec("DURATION", dur_value(1, m["lu"].lower()))
    return Spec("DURATION", dur_value(None, _unit(m["pu"])))


# --- sets --------------------------------------------------------------------------------
_SET = re.compile(
    rf"\b(?P<x>(?:every|each)\s+(?:(?P<n>{NUM})\s+|other\s+(?P<other>))?(?P<u>year|month|week|"
    r"day|night|morning|evening|afternoon|hour|weekend|decade|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|summer|winter|spring|autumn)s?|(?P<adv>annually|yearly|monthly|"
    r"weekly|daily|nightly|hourly|biweekly|quarterly)|per\s+(?P<pu>year|month|week|day|hour|"
    r"annum)|(?P<we>weekends)|(?:once|twice|(?:\d+|two|three|four|five|six|several)\s+times)\s+"
    r"(?:a|per|each|every)\s+(?P<fu>year|month|week|day|hour)|the\s+middle\s+of\s+each\s+year)"
    r"(?![\w-])",
    _I,
)
_SET_ADV = {
    "annually": "P1Y", "yearly": "P1Y", "monthly": "P1M", "weekly": "P1W", "daily": "P1D",
    "nightly": "XXXX-XX-XXTNI", "hourly": "PT1H", "biweekly": "P2W", "quarterly": "P3M",
}  # fmt: skip
_SEASON_CODES = {"summer": "SU", "winter": "WI", "spring": "SP", "autumn": "FA"}
_WD = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _set(m: re.Match, ctx) -> Spec | None:
    low = m["x"].lower()
    if m["adv"]:
        return Spec("SET", _SET_ADV[m["adv"].lower()])
    if m["we"]:
        return Spec("SET", "XXXX-WXX-WE")
    if low.startswith("the middle"):
        return Spec("SET", "P1Y", mod="MID")
    u = (m["u"] or m["pu"] or m["fu"]).lower()
    if u == "annum":
        u = "year"
    n = parse_number(m["n"]) if m["n"] else (2.0 if m["other"] is not None else 1.0)
    if u in _WD:
        return Spec("SET", f"XXXX-WXX-{_WD.index(u) + 1}")
    if u in PARTS_OF_DAY:
        return Spec("SET", "XXXX-XX-XX" + "T" + PARTS_OF_DAY[u][1:])
    if u == "weekend":
        return Spec("SET", "XXXX-WXX-WE")
    if u in _SEASON_CODES:
        return Spec("SET", "XXXX-" + _SEASON_CODES[u])
    return Spec("SET", dur_value(n, u))


# --- times of day: "around midday", "3 a.m. local time", "the night", "overnight" --------
_CLOCK = re.compile(
    r"\b(?P<x>(?:(?P<amod>about|around|approximately|roughly|nearly|almost)\s+)?(?:(?P<h>\d{1,2})"
    r"(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.m\.|[ap]m\b|[AP]M\b)|(?P<h24>[01]?\d|2[0-3]):"
    r"(?P<mi24>[0-5]\d)(?=\s*(?:GMT|UTC|local|[A-Z]{2,4}T\b|hours\b|h\b))|(?P<word>noon|midday|"
    r"midnight))(?P<tz>\s+(?:local\s+time|GMT|UTC|[ECMP][SD]?T\b|\(\d{4}\s+GMT\)))?)(?!\w)",
    _I,
)


def _clock(m: re.Match, ctx) -> Spec | None:
    if m["word"]:
        hh, mm = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[m["word"].lower()]
    elif m["h24"] is not None:
        hh, mm = int(m["h24"]), int(m["mi24"])
    else:
        hh, mm = int(m["h"]), int(m["mi"] or 0)
        if hh > 12 or hh == 0:
            return None
        pm = m["ap"].lower().startswith("p")
        hh = (hh % 12) + (12 if pm else 0)
    clock = f"T{hh:02d}:{mm:02d}"

    def value(base: date | None) -> str:
        return (base.isoformat() if base else "XXXX-XX-XX") + clock

    return Spec("TIME", None, mod=amount_mod(m["amod"]), anchored=value)


_PART = re.compile(
    r"\b(?P<x>(?:(?P<det>the|that|early|late)\s+)?(?P<p>morning|afternoon|evening|night|overnight))"
    r"(?![\w-])",
    _I,
)


def _part(m: re.Match, ctx) -> Spec | None:
    p = m["p"].lower()
    code = PARTS_OF_DAY[p][1:]
    before = ctx.text[max(0, m.start("x") - 8) : m.start("x")].lower()
    after = ctx.text[m.end("x") : m.end("x") + 12].lower()
    if re.match(
        r"\s*(?:of\b|[-’']s?\s*\w|prayers?|news|shows?|papers?|star|glory|shift|"
        r"session|classes|school|club|life|sky|light|vision|time)",
        after,
    ):
        return None
    if re.search(r"\b(?:good|this|last|every|each|per|a|one|all|tomorrow|yesterday)\s+$", before):
        return None
    if not m["det"] and re.search(r"\b(?:at|by)\s+$", before) and p == "night":
        return Spec("TIME", "XXXX-XX-XXTNI")
    start = m.start("x")
    if m["det"] and m["det"].lower() in ("early", "late"):
        start = m.start("p")

    def value(base: date | None) -> str:
        return (base.isoformat() if base else "XXXX-XX-XX") + "T" + code

    return Spec("TIME", None, anchored=value).at(start, m.end("x"))


_UNITS_T = (
    "year years month months week weeks day days hour hours minute minutes second seconds decade "
    "decades century centuries fortnight fortnights"
)
RULES = [
    (_DUR, _duration, _UNITS_T),
    (_HYPH, _hyph, _UNITS_T + " weeklong yearlong monthlong daylong decadelong"),
    (
        _SET,
        _set,
        "every each annually yearly monthly weekly daily nightly hourly biweekly quarterly per "
        "weekends",
    ),
    (_CLOCK, _clock, "m am pm noon midday midnight gmt utc local hours h"),
    (_PART, _part, "morning afternoon evening night overnight"),
]
