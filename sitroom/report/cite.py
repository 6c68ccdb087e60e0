"""Citation numbering and the small text formatters the brief shares between Markdown and HTML.

Contract: a `Citer` hands out numbers [1], [2], ... in the order claims are first cited; the
same claim always gets the same number. Its `entries` are the "Sources cited" list: for each
number the exact quote, the document (id, title, url, publication date or None), the outlet and
its Admiralty reliability grade, who says it, and the claim id. Text carries citations as
private-use markers (`mark(n)`) that each output format turns into "[n]" or a link.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

MARK_RE = re.compile("\ue000(\\d+)\ue001")
INLINE_IDS = re.compile(r"\s?\[(c[0-9a-f]{6,}(?:\s*,\s*c[0-9a-f]{6,})*)\]")

RELIABILITY = {  # Admiralty (NATO AJP-2.1) source reliability
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {  # Admiralty information credibility
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
ATTRIBUTION = {
    "article": "the article itself (no attribution)",
    "unnamed_reports": "unnamed reports",
}


def mark(n: int) -> str:
    """The in-text marker for citation `n`; see `MARK_RE`."""
    return f"\ue000{n}\ue001"


def plain_marks(text: str) -> str:
    """Markers as "[n]" (Markdown and plain text)."""
    return MARK_RE.sub(lambda m: f"[{m.group(1)}]", text)


def num(x: float | int | None) -> str:
    """12000.0 -> '12,000'; 3.083 -> '3.08'; None -> 'unknown'."""
    if x is None:
        return "unknown"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def span(low: float | None, high: float | None) -> str:
    """'12,000' or '25,000-30,000'."""
    if high is None or low == high:
        return num(low)
    if low is None:
        return f"up to {num(high)}"
    return f"{num(low)}-{num(high)}"


def quantity(q: dict | None) -> str:
    """A claim view's quantity as words: 'approx. 12,000 troops (total)'."""
    if not q or q.get("low") is None:
        return ""
    text = span(q.get("low"), q.get("high"))
    bound = q.get("bound")
    if bound in ("min", "at_least", "lower"):
        text = f"at least {text}"
    elif bound in ("max", "at_most", "upper"):
        text = f"up to {text}"
    if q.get("approx"):
        text = f"approx. {text}"
    if q.get("unit"):
        text += f" {q['unit']}"
    if q.get("basis"):
        text += f" ({q['basis']})"
    return text


def day(value: str | None, precision: str | None = None) -> str | None:
    """An ISO date cut to its precision ('2025-03-01', 'month' -> '2025-03')."""
    if not value:
        return None
    cut = {"year": 4, "month": 7, "day": 10}.get(precision or "", 10)
    return value[:cut]


def when(view: dict) -> str:
    """When a claim says the thing happened: a date, an interval 'a .. b', or relative words."""
    w = view.get("when") or {}
    lo, hi = day(w.get("earliest"), w.get("precision")), day(w.get("latest"), w.get("precision"))
    if lo and hi:
        return lo if lo == hi else f"{lo} .. {hi}"
    if lo:
        return f"from {lo}"
    if hi:
        return f"by {hi}"
    rel, pub = w.get("relation"), day((view.get("document") or {}).get("published_at"))
    if rel == "before_publication":
        return f"before {pub} (publication)" if pub else "before publication (date unknown)"
    if rel == "after_publication":
        return f"after {pub} (publication)" if pub else "after publication (date unknown)"
    return "date unknown"


def published(doc: dict | None) -> str:
    """'published 2025-07-03' or 'publication date unknown'."""
    date = day((doc or {}).get("published_at"))
    return f"published {date}" if date else "publication date unknown"


def who(view: dict) -> str:
    """Who says it: the attributed source, else the kind of attribution in words."""
    a = view.get("attribution") or {}
    if a.get("source"):
        return a["source"] + (f" ({a['kind'].replace('_', ' ')})" if a.get("kind") else "")
    return ATTRIBUTION.get(a.get("kind") or "", (a.get("kind") or "unattributed").replace("_", " "))


def grade(source: dict | None) -> str:
    """'B (usually reliable)'; an unknown outlet is graded F."""
    letter = ((source or {}).get("reliability") or "F").upper()
    return f"{letter} ({RELIABILITY.get(letter, 'unknown grade')})"


def summary(view: dict) -> str:
    """One line saying what a claim claims: kind, actor -> target, quantity, status, likelihood."""
    kind = (view.get("kind") or "claim").replace("_", " ")
    parts = [kind]
    if view.get("actor") or view.get("target"):
        parts.append(f"{view.get('actor') or '?'} → {view.get('target') or '?'}")
    if view.get("quantity"):
        casualty = str(view.get("casualty") or "").replace("_", " ")
        parts.append(quantity(view["quantity"]) + (f" {casualty}" if casualty else ""))
    if view.get("object"):
        parts.append(str(view["object"]))
    if view.get("status"):
        parts.append(str(view["status"]))
    if view.get("likelihood"):
        parts.append(f"reported as {view['likelihood']}")
    return " — ".join(parts)


class Citer:
    """Numbers claims in order of first citation and keeps the "Sources cited" entries.

    `views` maps claim id -> claim view; `resolve` (optional) looks up ids not in `views`.
    A claim that cannot be resolved still gets a number and an entry saying so.
    """

    def __init__(
        self, views: dict[str, dict], resolve: Callable[[str], dict | None] | None = None
    ) -> None:
        self.views = views
        self.resolve = resolve
        self.numbers: dict[str, int] = {}
        self.entries: list[dict] = []

    def __call__(self, ids: Iterable[str | None]) -> str:
        """Markers for these claim ids in number order (duplicates and None dropped).

        Ids not cited before are numbered in the order given.
        """
        numbers = sorted({self.number(cid) for cid in dict.fromkeys(ids) if cid})
        return "".join(mark(n) for n in numbers)

    def text(self, text: str) -> str:
        """Text with inline claim ids ("... [c0123abcd...]") turned into citation markers."""
        return INLINE_IDS.sub(lambda m: self(re.split(r"\s*,\s*", m.group(1))), text)

    def number(self, claim_id: str) -> int:
        if claim_id not in self.numbers:
            self.numbers[claim_id] = len(self.entries) + 1
            self.entries.append(self._entry(claim_id, self.numbers[claim_id]))
        return self.numbers[claim_id]

    def view(self, claim_id: str) -> dict | None:
        view = self.views.get(claim_id)
        if view is None and self.resolve is not None:
            view = self.resolve(claim_id)
            if view is not None:
                self.views[claim_id] = view
        return view

    def _entry(self, claim_id: str, n: int) -> dict:
        view = self.view(claim_id) or {}
        doc = view.get("document") or {}
        src = view.get("source") or {}
        return {
            "n": n,
            "claim_id": claim_id,
            "quote": view.get("quote") or "(quote not available in this picture)",
            "doc_id": doc.get("id") or "unknown",
            "title": doc.get("title") or "(untitled)",
            "url": doc.get("url"),
            "published": published(doc),
            "outlet": src.get("name") or "unknown outlet",
            "grade": grade(src),
            "who": who(view) if view else "unknown",
            "summary": summary(view) if view else "",
        }
