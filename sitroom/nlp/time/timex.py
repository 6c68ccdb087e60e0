"""Find and normalise time expressions (TimeML TIMEX3) in news text, against the publication date.

Why our own rules and not dateparser/ctparse: those libraries parse a string they are handed into
one datetime. They miss relative and vague expressions ("within the next few months", "earlier
in the year", "as early as July or August", "recent years"), have no notion of TIMEX3 types,
values (PRESENT_REF, P3Y, XXXX-WE), modifiers or extents, and do not say whether a month with no
year lies before or after publication. The rules here follow TimeML/TempEval-3 conventions
(see tests/fixtures/bench/README.md sections 1 and 6) and add the interval meant
(earliest/latest) and its relation to publication.

Design: every rule (rules*.py) is one regex compiled at import plus a handler. Matches are
collected, overlaps resolved longest-first, then resolved in text order so that anchored
expressions ("the day before", "around midday") use the last day mentioned (or the dct).
Vague future spans such as "the next few months" are DURATION PXM (TimeML's value), with the
interval dct .. dct + 4 months and relation 'after_publication'.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from datetime import date, timedelta

from sitroom.nlp.time import rules as timex_rules
from sitroom.nlp.time import rules_dur as timex_rules_dur
from sitroom.nlp.time import rules_periods as timex_rules_periods
from sitroom.nlp.time import rules_rel as timex_rules_rel
from sitroom.nlp.time.cal import Spec, apply_mod, relation_of, value_interval
from sitroom.nlp.time.tense import tense_near
from sitroom.nlp.types import Timex

_RULES = (
    timex_rules.RULES + timex_rules_periods.RULES + timex_rules_rel.RULES + timex_rules_dur.RULES
)
_REF_RELATION = {
    "PRESENT_REF": "around_publication",
    "PAST_REF": "before_publication",
    "FUTURE_REF": "after_publication",
}
_UNIT_PRECISION = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "time"}


class Ctx:
    """What handlers may read: the text, the dct, and a tense probe (overridable)."""

    def __init__(self, text: str, dct: date | None, tense: str | None = None) -> None:
        self.text = text
        self.dct = dct
        self._tense = tense

    def tense(self, start: int, end: int) -> str | None:
        """'past' | 'future' | None around text[start:end] (the override wins when given)."""
        if self._tense in ("past", "future"):
            return self._tense
        if self._tense == "present":
            return None
        return tense_near(self.text, start, end)

    def rel_from_tense(self, start: int, end: int) -> str | None:
        """A relation to publication from tense alone; only used when nothing is resolved."""
        if self.dct is not None:
            return None
        t = self.tense(start, end)
        return {"past": "before_publication", "future": "after_publication"}.get(t or "")


_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_BACK, _AHEAD = 70, 90


def _trigger_index() -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for i, (_, _, words) in enumerate(_RULES):
        for w in words.split():
            index.setdefault(w, []).append(i)
    return index


_TRIGGERS = _trigger_index()


def _token_key(tok: str) -> str:
    if tok[0].isdigit():
        return "#year" if len(tok) == 4 and 1800 <= int(tok) <= 2099 else "#num"
    return tok.lower()


def _candidates(ctx: Ctx) -> list[tuple[int, int, Spec]]:
    """Run each rule only in a window around its trigger tokens (keeps huge inputs linear)."""
    text, n = ctx.text, len(ctx.text)
    windows: dict[int, list[tuple[int, int]]] = {}
    for t in _TOKEN.finditer(text):
        for i in _TRIGGERS.get(_token_key(t.group()), ()):
            lo, hi = max(0, t.start() - _BACK), min(n, t.end() + _AHEAD)
            spans = windows.setdefault(i, [])
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], hi)
            else:
                spans.append((lo, hi))
    out: list[tuple[int, int, Spec]] = []
    for i, spans in windows.items():
        rx, handler, _ = _RULES[i]
        has_x = "x" in rx.groupindex
        for lo, hi in spans:
            for m in rx.finditer(text, lo, hi):
                if hi < n and m.end() >= hi:
                    continue
                res = handler(m, ctx)
                if res is None:
                    continue
                for spec in res if isinstance(res, list) else [res]:
                    s, e = spec.span or (m.span("x") if has_x else m.span())
                    if e > s:
                        out.append((s, e, spec))
    return out


def _select(cands: list[tuple[int, int, Spec]]) -> list[tuple[int, int, Spec]]:
    """Longest first, then earliest; drop anything overlapping an accepted span."""
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    starts: list[int] = []
    kept: list[tuple[int, int, Spec]] = []
    for s, e, spec in cands:
        i = bisect.bisect_right(starts, s)
        if i > 0 and kept[i - 1][1] > s:
            continue
        if i < len(starts) and starts[i] < e:
            continue
        starts.insert(i, s)
        kept.insert(i, (s, e, spec))
    return kept


def _interval(spec: Spec, value: str, dct: date | None) -> tuple[date | None, date | None, str]:
    if spec.interval is not None:
        lo, hi = spec.interval
        return lo, hi, _duration_precision(value)
    if value in _REF_RELATION:
        if dct is None:
            return None, None, "unknown"
        if value == "PRESENT_REF":
            return dct, dct, "day"
        return (None, dct, "unknown") if value == "PAST_REF" else (dct, None, "unknown")
    iv = value_interval(value) if "X" not in value else None
    if iv is None:
        return None, None, _duration_precision(value) if spec.type == "DURATION" else "unknown"
    lo, hi, precision = iv
    lo2, hi2 = apply_mod(lo, hi, spec.mod)
    if dct is not None and spec.clip == "before":
        hi2 = max(min(hi2 or dct, dct - timedelta(days=1)), lo2 or lo)
    elif dct is not None and spec.clip == "after":
        lo2 = min(max(lo2 or dct, dct + timedelta(days=1)), hi2 or hi)
    return lo2, hi2, precision


def _duration_precision(value: str) -> str:
    if value.endswith("DE"):
        return "decade"
    if value.endswith("CE"):
        return "century"
    if value.startswith("PT"):
        return "time"
    return _UNIT_PRECISION.get(value[-1:], "unknown") if value.startswith("P") else "unknown"


def _is_absolute(value: str) -> bool:
    return value_interval(value) is not None and "X" not in value


def _build(text: str, s: int, e: int, spec: Spec, value: str, dct: date | None) -> Timex:
    lo, hi, precision = _interval(spec, value, dct)
    if dct is None and not _is_absolute(value):
        lo = hi = None
    if dct is not None and value in _REF_RELATION:
        relation = _REF_RELATION[value]
    elif spec.type == "DURATION" and spec.relation:
        relation = spec.relation
    elif dct is not None and (lo or hi):
        relation = relation_of(lo, hi, dct)
    else:
        relation = spec.relation or _REF_RELATION.get(value)
    return Timex(
        start=s,
        end=e,
        text=text[s:e],
        type=spec.type,
        value=value,
        mod=spec.mod,
        earliest=lo.isoformat() if lo else None,
        latest=hi.isoformat() if hi else None,
        precision=precision,
        relation=relation,
        resolved=bool(lo or hi),
    )


_JOINERS = (" or ", " and ", " to ", " through ", "-", "–", " until ")


def _unions(text: str, out: list[Timex]) -> list[Timex]:
    """'July or August': both TimeML timexes keep their own value but get the union interval."""
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        gap = text[a.end : b.start]
        if gap not in _JOINERS or a.precision != b.precision or a.type != "DATE":
            continue
        if a.precision not in ("month", "day", "season") or not (a.earliest and b.latest):
            continue
        if gap.strip() in ("or", "and") and b.earliest and b.earliest < a.earliest:
            continue
        lo, hi = min(a.earliest, b.earliest or a.earliest), max(a.latest or b.latest, b.latest)
        out[i] = _replace(a, lo, hi)
        out[i + 1] = _replace(b, lo, hi)
    return out


def _replace(t: Timex, lo: str, hi: str) -> Timex:
    return replace(t, earliest=lo, latest=hi)


def find_timexes(text: str, dct: date | None, *, tense: str | None = None) -> list[Timex]:
    """All time expressions in text, in text order, non-overlapping.

    Values follow TimeML TIMEX3 (TempEval-3) resolved against dct; with dct None relative values
    carry X placeholders ('XXXX-07'), earliest/latest stay None (absolute dates such as '2024'
    still get their interval) and relation comes from the words or the tense. tense
    ('past' | 'present' | 'future') overrides the tense cue read from the text.
    """
    if not text:
        return []
    ctx = Ctx(text, dct, tense)
    kept = _select(_candidates(ctx))
    out: list[Timex] = []
    anchor = dct
    for s, e, spec in kept:
        value = spec.value if spec.value is not None else spec.anchored(anchor)
        t = _build(text, s, e, spec, value, dct)
        if spec.anchor and dct is not None and t.precision in ("day", "time") and t.earliest:
            anchor = date.fromisoformat(t.earliest)
        out.append(t)
    return _unions(text, out)


def normalise(expression: str, dct: date | None, tense: str | None = None) -> Timex | None:
    """Normalise one expression on its own: the found timex covering most of it, re-spanned to
    (0, len(expression)) with text = expression. None when nothing temporal is found."""
    found = find_timexes(expression, dct, tense=tense)
    if not found:
        return None
    if len(found) >= 2 and found[0].earliest and found[-1].latest:
        best = found[0]  # coordinated dates ("July or August") carry the union interval
    else:
        best = max(found, key=lambda t: (t.end - t.start, -t.start))
    return replace(best, start=0, end=len(expression), text=expression)


__all__ = ["find_timexes", "normalise"]
