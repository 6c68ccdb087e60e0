"""Rule-based questions over the estimates: no language model.

The question picks a kind by its words (troops/soldiers/deployed -> deployment; killed,
casualties, injured, dead, wounded -> casualties; ...) and actors by the shipped actor index
(first mention = actor, second = target; "to X" / "in X" / "for X" names X the target). The
answer lists the matching estimates' current figures with their claim ids.
"""

from __future__ import annotations

import re

from sitroom.picture.common import fmt_range
from sitroom.picture.model import Estimate

KIND_WORDS = [  # first match wins: "send weapons" is arms, "send troops" a deployment
    ("casualties", r"\b(killed|kill|casualt\w*|injur\w*|dead|deaths?|wounded|died|hostages?)\b"),
    (
        "arms_transfer",
        r"\b(weapons?|arms|munitions?|missiles?|shells?|tanks?|drones?|"
        r"artillery|ammunition|rockets?)\b",
    ),
    ("withdrawal", r"\bwithdr\w*\b"),
    ("deployment", r"\b(troops?|soldiers?|deploy\w*|sen[dt]\w*|forces|fighters)\b"),
    ("attack", r"\b(attacks?|strikes?|bomb\w*|shelling)\b"),
]

CASUALTY_WORDS = [
    ({"killed", "killed_or_injured"}, r"\b(killed|kill|dead|deaths?|died)\b"),
    ({"injured", "killed_or_injured"}, r"\b(injur\w*|wounded)\b"),
    ({"hostage"}, r"\bhostages?\b"),
]


def parse_question(question: str) -> dict:
    """{'kind', 'actor', 'target', 'casualty': set of casualty types or None}."""
    from sitroom.nlp.actors.index import actor_index

    kind = next((k for k, pat in KIND_WORDS if re.search(pat, question, re.I)), None)
    casualty = None
    if kind == "casualties":
        for types, pat in CASUALTY_WORDS:
            if re.search(pat, question, re.I):
                casualty = (casualty or set()) | types
    mentions = actor_index().find(question)
    names = list(dict.fromkeys(m.entity.name for m in mentions))
    actor = target = None
    for m in mentions:
        before = question[max(0, m.start - 5) : m.start].lower()
        if re.search(r"\b(to|in|for|into|on|against)\s+$", before) and target is None:
            target = m.entity.name
        elif actor is None:
            actor = m.entity.name
    if actor is None and target is None and names:
        actor = names[0]
    return {
        "kind": kind,
        "actor": actor,
        "target": target,
        "casualty": sorted(casualty) if casualty else None,
    }


def matching(estimates: list[Estimate], parsed: dict) -> list[Estimate]:
    """Estimates of the parsed kind whose actor (and target, if asked) match."""
    out = []
    for est in estimates:
        key = est.key
        if parsed["kind"] and key["kind"] != parsed["kind"]:
            continue
        if parsed.get("casualty") and key["casualty"] not in parsed["casualty"]:
            continue
        if parsed["actor"] and parsed["actor"] not in (key["actor"], key["target"]):
            continue
        if key["kind"] == "casualties":  # "killed in Pakistan": Pakistan's side, either way
            if parsed["target"] and parsed["target"] not in (key["actor"], key["target"]):
                continue
        elif parsed["target"] and key["target"] not in (parsed["target"], None):
            continue
        out.append(est)
    return out


def compose(ests: list[Estimate]) -> tuple[str, list[str]]:
    """'Sources give 12,000 (approx.) North Korea troops deployed to Russia [c1]; ...'."""
    parts, cites = [], []
    for est in sorted(ests, key=lambda e: (e.key["status"] != "occurred", e.measure)):
        figures = []
        seen = set()
        for p in reversed(est.points):
            origin = p.origin or p.source
            if origin in seen:
                continue
            seen.add(origin)
            approx = " (approx.)" if p.approx else ""
            figures.append(f"{fmt_range(p.low, p.high)}{approx} per {origin} [{p.claim_id}]")
            cites.append(p.claim_id)
        prefix = "planned: " if est.key["status"] == "planned" else ""
        text = f"{prefix}{est.measure}: " + ", ".join(reversed(figures))
        for d in est.derived:
            text += (
                f"; so {d['measure']}: {fmt_range(d['low'], d['high'])} "
                f"({d['text']}) [{', '.join(d['inputs'])}]"
            )
        parts.append(text)
    return "Sources give " + "; ".join(parts) + ".", cites


def answer(room, question: str) -> dict:  # noqa: ANN001
    """{'answer': text, 'citations': [claim ids], 'found': bool, 'parsed': {...}}."""
    from sitroom.picture.service import build_picture

    parsed = parse_question(question)
    if not parsed["kind"]:
        return {
            "answer": f"The store has no claims on this question: no kind of event "
            f"(troops, casualties, weapons, attacks...) recognised in {question!r}.",
            "citations": [],
            "found": False,
            "parsed": parsed,
        }
    ests = matching(build_picture(room).estimates, parsed)
    if not ests:
        what = " ".join(
            x
            for x in (
                parsed["kind"],
                parsed["actor"] and f"by {parsed['actor']}",
                parsed["target"] and f"involving {parsed['target']}",
            )
            if x
        )
        return {
            "answer": f"The store has no claims on {what}.",
            "citations": [],
            "found": False,
            "parsed": parsed,
        }
    text, cites = compose(ests)
    return {"answer": text, "citations": cites, "found": True, "parsed": parsed}
