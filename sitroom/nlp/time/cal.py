"""Calendar arithmetic for the time-expression tagger: TIMEX3 value -> interval, relation to dct.

All functions are pure. Dates are datetime.date; ISO strings only at the edges (Timex fields).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass
class Spec:
    """What a rule says about one expression, before it becomes a Timex.

    value: TIMEX3 value, or None when it needs the anchor date (then `anchored(anchor)` gives it).
    interval: explicit (earliest, latest) override, e.g. for anchored durations. clip: 'before'
    or 'after' cuts the interval at dct ("earlier this year"). relation: the relation the text
    itself states, used when nothing is resolved. anchor: True when this date can anchor later
    relative expressions ("the day before", "around midday").
    """

    type: str
    value: str | None
    mod: str | None = None
    anchored: object = None
    interval: tuple[date | None, date | None] | None = None
    clip: str | None = None
    relation: str | None = None
    anchor: bool = False
    span: tuple[int, int] | None = None

    def at(self, start: int, end: int) -> Spec:
        """Set an explicit extent (instead of the rule's group 'x') and return self."""
        self.span = (start, end)
        return self


def add_months(d: date, n: int) -> date:
    """d shifted by n calendar months, the day clamped to the target month's length."""
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def add_years(d: date, n: int) -> date:
    """d shifted by n years (29 February -> 28 February)."""
    y = d.year + n
    return date(y, d.month, min(d.day, calendar.monthrange(y, d.month)[1]))


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def iso_week(d: date) -> str:
    """'2019-W51' for the ISO week containing d."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def easter(y: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    return date(y, month, (h + el - 7 * m + 114) % 31 + 1)


def thanksgiving(y: int) -> date:
    """US Thanksgiving: fourth Thursday of November."""
    first = date(y, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_QUARTER = re.compile(r"^(\d{4})-([QH])([1-4])$")


def value_interval(value: str) -> tuple[date, date, str] | None:
    """(earliest, latest, precision) of a calendar TIMEX3 value; None when not calendar."""
    try:
        return _value_interval(value)
    except ValueError:
        return None


def _value_interval(value: str) -> tuple[date, date, str] | None:
    v = value[2:] if value.startswith("FY") else value
    m = _DAY.match(v)
    if m:
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return d, d, "time" if m[4] else "day"
    m = _MONTH.match(v)
    if m:
        y, mo = int(m[1]), int(m[2])
        return date(y, mo, 1), month_end(y, mo), "month"
    if re.fullmatch(r"\d{4}", v):
        return date(int(v), 1, 1), date(int(v), 12, 31), "year"
    if re.fullmatch(r"\d{3}", v):
        return date(int(v) * 10, 1, 1), date(int(v) * 10 + 9, 12, 31), "decade"
    if re.fullmatch(r"\d{2}", v):
        return date(int(v) * 100, 1, 1), date(int(v) * 100 + 99, 12, 31), "century"
    m = _WEEK.match(v)
    if m:
        mon = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            return mon + timedelta(days=5), mon + timedelta(days=6), "week"
        return mon, mon + timedelta(days=6), "week"
    m = _SEASON.match(v)
    if m:
        y = int(m[1])
        a, b = _SEASON_MONTHS[m[2]]
        return date(y, a, 1), month_end(y + (1 if b < a else 0), b), "season"
    m = _QUARTER.match(v)
    if m:
        y, n = int(m[1]), int(m[3])
        span = 3 if m[2] == "Q" else 6
        first = (n - 1) * span + 1
        return date(y, first, 1), month_end(y, first + span - 1), "quarter"
    return None


def apply_mod(lo: date, hi: date, mod: str | None) -> tuple[date | None, date | None]:
    """Narrow [lo, hi] by a TIMEX3 mod: START first third, MID middle third, END last third."""
    span = (hi - lo).days + 1
    third = timedelta(days=max(span // 3 - 1, 0))
    if mod == "START":
        return lo, lo + third
    if mod == "END":
        return hi - third, hi
    if mod == "MID":
        mid = lo + timedelta(days=span // 3)
        return mid, mid + third
    if mod in ("BEFORE", "ON_OR_BEFORE"):
        return None, hi
    if mod in ("AFTER", "ON_OR_AFTER"):
        return lo, None
    return lo, hi


def relation_of(lo: date | None, hi: date | None, dct: date) -> str | None:
    """'before_publication' if the interval ends before dct, 'after_publication' if it starts
    after it, else 'around_publication'. None when both bounds are unknown."""
    if lo is None and hi is None:
        return None
    if hi is not None and hi < dct:
        return "before_publication"
    if lo is not None and lo > dct:
        return "after_publication"
    return "around_publication"


def shift(d: date, unit: str, n: int) -> date:
    """d moved n units ('Y', 'M', 'W', 'D'; decades arrive as 10 'Y')."""
    if unit == "Y":
        return add_years(d, n)
    if unit == "M":
        return add_months(d, n)
    if unit == "W":
        return d + timedelta(weeks=n)
    return d + timedelta(days=n)


def value_at(d: date, unit: str) -> str:
    """The TIMEX3 value of the unit-sized period containing d ('Y' -> '2019', 'W' -> '2019-W51')."""
    if unit == "Y":
        return f"{d.year:04d}"
    if unit == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "W":
        return iso_week(d)
    if unit == "DE":
        return f"{d.year // 10:03d}"
    if unit == "CE":
        return f"{d.year // 100:02d}"
    return d.isoformat()


def blank_value(unit: str) -> str:
    """The X-placeholder value for an unresolved period of the given unit."""
    return {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "DE": "XXX", "CE": "XX"}.get(
        unit, "XXXX-XX-XX"
    )


def next_weekday(dct: date, wd: int, direction: str) -> date:
    """The weekday wd nearest dct in direction 'past' or 'future'; dct itself if it is wd."""
    diff = wd - dct.weekday()
    if diff == 0:
        return dct
    if direction == "future":
        return dct + timedelta(days=diff % 7)
    return dct - timedelta(days=(-diff) % 7)


def month_year(dct: date, month: int, direction: str | None, day: int | None = None) -> int:
    """Year of a month (or month-day) written without a year: past -> latest one not after dct,
    future -> the next one not before dct, unknown -> past reading (news mostly reports past)."""
    here = (dct.month, dct.day if day is not None else 0)
    there = (month, day if day is not None else 0)
    if direction == "future":
        return dct.year if there >= here else dct.year + 1
    if direction is None and day is not None:
        ahead = date(dct.year if there >= here else dct.year + 1, month, 1)
        if (ahead.replace(day=min(day, month_end(ahead.year, month).day)) - dct).days <= 30:
            return ahead.year
    return dct.year if there <= (dct.month, dct.day if day is not None else 0) else dct.year - 1
