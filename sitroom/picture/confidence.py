"""Confidence from evidence: the ICD 203 likelihood word of a judgement about one measure.

Contract: `judge(observations, grades, figure=None) -> Judgement(word, reasons, ...)`.

- `observations`: the observations of ONE measure (dicts shaped like rows of the stored
  `observations` table, or claim views): each needs `origin` (who first said it; None falls
  back to `outlet`), `outlet` (the carrier that published it), `certainty` (the text's own
  hedge: certain / probable / possible / doubtful), `low` and `high` (claim views: `quantity`),
  and for ordering `as_of` or `published_at`. Copies must already be left out.
- `grades`: the sources registry as a mapping name -> Admiralty letter A-F (names or their
  `ids.slug`; `grades.reliability_map(room.sources())` gives one). Origins (the NIS, a ministry)
  and outlets are graded in the same registry; anything not in it is F.
- `figure`: the (low, high) being judged; default: the current figure of the origin whose
  current figure is the latest.

The word is computed, never guessed; every step that moved it is one line in `reasons`. The
rules, in order (docs/grading.md states the same, with a worked example):

1. Each origin counts once, with its current figure (latest as-of, then publication). Its
   carriers are the outlets that published it.
2. Grade of an origin: its own registry grade; an unnamed origin ("officials said") and an
   outlet speaking in its own voice take the best grade among their carriers (and, for
   "officials (unnamed; via BBC)", the outlet they spoke to).
3. Origins whose figure is within 25% of the judged figure agree; the others disagree.
4. Base, from the best grade among agreeing origins: A very likely, B likely, C roughly even
   chance, D unlikely, E very unlikely, F (cannot be judged) roughly even chance.
5. Each further independent agreeing origin raises it one step (at most two).
6. The text's own hedge caps it: the least hedged agreeing statement gives the ceiling
   (probable: likely, possible: roughly even chance, doubtful: unlikely).
7. Disagreement: disagreeing origins at least as many as agreeing ones cap it at roughly even
   chance; fewer lower it one step.
8. Ceilings: one origin is at most very likely; "almost certain" needs two or more agreeing
   independent origins, one of them graded A or B. So one origin from an F-graded outlet is
   never "almost certain".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sitroom.ids import slug

WORDS = (
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
)
BASE = {"A": 5, "B": 4, "C": 3, "D": 2, "E": 1, "F": 3}
HEDGE_CAP = {"certain": 6, "probable": 4, "possible": 3, "doubtful": 2}
HEDGE_ORDER = ("doubtful", "possible", "probable", "certain")
AGREE = 0.25  # figures within 25% of the judged one agree (the disagreement default)
UNNAMED_MARK = "(unnamed;"  # how sitroom.picture.origins names an unnamed origin


@dataclass
class Judgement:
    word: str  # one of WORDS
    reasons: list[str]  # one line per rule that set or moved the word
    step: int = 3  # index of word in WORDS
    agreeing: list[dict] = field(default_factory=list)  # {origin, grade, carriers, low, high}
    disagreeing: list[dict] = field(default_factory=list)


def lead(word: str) -> str:
    """How a key judgement opens: 'It is likely that', 'There is a roughly even chance that'."""
    if word == "roughly even chance":
        return "There is a roughly even chance that"
    if word == "almost no chance":
        return "There is almost no chance that"
    return f"It is {word} that"


def grade_of(name: str | None, grades: Mapping[str, str]) -> str:
    """A-F for a name from the registry mapping (by name or slug); F when absent."""
    if not name:
        return "F"
    return grades.get(name) or grades.get(slug(name)) or "F"


def _figure(o: dict) -> tuple[float, float] | None:
    low, high = o.get("low"), o.get("high")
    if low is None and o.get("quantity"):
        low, high = o["quantity"].get("low"), o["quantity"].get("high")
    if low is None:
        return None
    return float(low), float(high if high is not None else low)


def _outlet(o: dict) -> str | None:
    if o.get("outlet"):
        return o["outlet"]
    src = o.get("source")
    return src.get("name") if isinstance(src, dict) else None


def _when(o: dict) -> str:
    doc = o.get("document") or {}
    return (o.get("as_of") or "") + "|" + (o.get("published_at") or doc.get("published_at") or "")


def _close(a: tuple[float, float], b: tuple[float, float]) -> bool:
    (al, ah), (bl, bh) = a, b
    return al * (1 - AGREE) <= bh * (1 + AGREE) and bl * (1 - AGREE) <= ah * (1 + AGREE)


def current_by_origin(observations: list[dict]) -> dict[str, dict]:
    """origin -> {origin, obs (its current observation), carriers (sorted outlets)}."""
    out: dict[str, dict] = {}
    for o in sorted(observations, key=_when):
        name = o.get("origin") or _outlet(o) or o.get("claim_id") or o.get("id") or "?"
        row = out.setdefault(name, {"origin": name, "carriers": set(), "obs": o})
        row["obs"] = o  # later wins
        if outlet := _outlet(o):
            row["carriers"].add(outlet)
    for row in out.values():
        row["carriers"] = sorted(row["carriers"])
    return out


def origin_grade(row: dict, grades: Mapping[str, str]) -> tuple[str, str]:
    """(grade, how) for one origin row of `current_by_origin`."""
    name = row["origin"]
    own = grade_of(name, grades)
    if own != "F":
        return own, f"{name} graded {own}"
    speaks_for_itself = name in row["carriers"] or UNNAMED_MARK in name
    vouching = list(row["carriers"])
    if UNNAMED_MARK + " via " in name:  # "officials (unnamed; via BBC)": the BBC vouches too
        vouching.append(name.split(UNNAMED_MARK + " via ", 1)[1].rstrip(")"))
    if speaks_for_itself and vouching:
        best = min(grade_of(c, grades) for c in vouching)  # 'A' < 'F'
        return best, f"{name} takes its outlet's grade {best}"
    return "F", f"{name} not graded (F, cannot be judged)"


def judge(
    observations: list[dict],
    grades: Mapping[str, str],
    figure: tuple[float, float] | None = None,
) -> Judgement:
    """The ICD 203 word for the judged figure of one measure, with the reasons (module doc)."""
    rows = current_by_origin(observations)
    if not rows:
        return Judgement(WORDS[3], ["no observation: cannot be judged (roughly even chance)"])
    if figure is None:
        latest = max(rows.values(), key=lambda r: _when(r["obs"]))
        figure = _figure(latest["obs"])
    agreeing, disagreeing = [], []
    for row in rows.values():
        grade, how = origin_grade(row, grades)
        fig = _figure(row["obs"])
        item = {
            "origin": row["origin"],
            "grade": grade,
            "grade_how": how,
            "carriers": row["carriers"],
            "low": fig[0] if fig else None,
            "high": fig[1] if fig else None,
            "certainty": row["obs"].get("certainty") or "certain",
        }
        agrees = figure is None or fig is None or _close(fig, figure)
        (agreeing if agrees else disagreeing).append(item)
    agreeing.sort(key=lambda r: (r["grade"], r["origin"]))
    reasons: list[str] = []
    best = agreeing[0]
    step = BASE[best["grade"]]
    reasons.append(f"best agreeing origin: {best['grade_how']} -> {WORDS[step]}")
    n = len(agreeing)
    if n > 1:
        step = min(6, step + min(2, n - 1))
        reasons.append(f"{n} independent origins agree -> {WORDS[step]}")
    hedge = max((r["certainty"] for r in agreeing), key=_hedge_rank)
    if HEDGE_CAP.get(hedge, 6) < step:
        step = HEDGE_CAP[hedge]
        reasons.append(f"the sources' own hedge ({hedge}) caps it at {WORDS[step]}")
    if disagreeing:
        k = len(disagreeing)
        names = ", ".join(r["origin"] for r in disagreeing)
        if k >= n:
            step = min(step, 3)
            reasons.append(
                f"{k} origin(s) disagree ({names}), as many as agree -> at most {WORDS[step]}"
            )
        else:
            step -= 1
            reasons.append(f"{k} origin(s) disagree ({names}) -> one step down")
    if n == 1 and step > 5:
        step = 5
        reasons.append("one origin only: at most very likely")
    if step > 5 and not any(r["grade"] in ("A", "B") for r in agreeing):
        step = 5
        reasons.append("no agreeing origin graded A or B: at most very likely")
    step = max(0, min(6, step))
    return Judgement(WORDS[step], reasons, step, agreeing, disagreeing)


def _hedge_rank(certainty: str) -> int:
    return HEDGE_ORDER.index(certainty) if certainty in HEDGE_ORDER else len(HEDGE_ORDER)
