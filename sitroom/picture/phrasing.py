"""Plain-English sentences for key judgements: what happened, to whom, how many.

Each function returns a clause to follow "It is <likelihood> that ...". Names are the canonical
actor names; a missing actor is said as such ("an unnamed attacker"), never guessed.
"""

from __future__ import annotations

from sitroom.picture.common import fmt_range
from sitroom.picture.model import Estimate, Event

# kind -> (past clause, planned clause); {a} actor, {t} target (" to Russia" style, may be "")
EVENT_CLAUSES = {
    "attack": ("{a} attacked{t_on}", "{a} will attack{t_on}"),
    "casualties": ("{a} suffered casualties{t_by}", "{a} will suffer casualties{t_by}"),
    "deployment": ("{a} deployed forces{t_to}", "{a} will deploy forces{t_to}"),
    "withdrawal": ("{a} withdrew forces{t_from}", "{a} will withdraw forces{t_from}"),
    "arms_transfer": ("{a} supplied arms{t_to}", "{a} will supply arms{t_to}"),
    "aid_suspension": ("{a} halted or resumed aid{t_to}", "{a} will halt or resume aid{t_to}"),
    "training": ("{a} trained forces{t_of}", "{a} will train forces{t_of}"),
    "recruitment": ("{a} recruited personnel", "{a} will recruit personnel"),
    "sanction": ("{a} imposed sanctions{t_on}", "{a} will impose sanctions{t_on}"),
    "diplomatic": ("{a} took a diplomatic step{t_with}", "{a} will take a diplomatic step{t_with}"),
    "combat": ("{a} fought{t_plain}", "{a} will fight{t_plain}"),
    "territory": ("{a} took territory{t_from}", "{a} will take territory{t_from}"),
}
UNNAMED = {"attack": "an unnamed attacker", "casualties": "an unnamed side"}
CASUALTY_VERB = {
    "killed": "were killed",
    "injured": "were injured",
    "killed_or_injured": "were killed or injured",
    "captured": "were captured",
    "missing": "went missing",
    "hostage": "were taken hostage",
    "rescued": "were rescued",
}


def _targets(target: str | None) -> dict[str, str]:
    if not target:
        return dict.fromkeys(("t_on", "t_by", "t_to", "t_from", "t_of", "t_with", "t_plain"), "")
    return {
        "t_on": f" {target}",
        "t_by": f" caused by {target}",
        "t_to": f" to {target}",
        "t_from": f" from {target}",
        "t_of": f" for {target}",
        "t_with": f" with {target}",
        "t_plain": f" {target}",
    }


def event_clause(ev: Event) -> str:
    """'Baloch Liberation Army attacked Pakistan in Sibi (2025-03-11)'."""
    past, planned = EVENT_CLAUSES.get(ev.kind, ("{a} was involved in " + ev.kind, "{a} will act"))
    template = planned if ev.status in ("planned", "predicted") else past
    actor = ev.actor or UNNAMED.get(ev.kind, "an unnamed actor")
    text = template.format(a=actor, **_targets(ev.target))
    if ev.place:
        text += f" in {ev.place.get('name') or ev.place.get('text')}"
    if ev.earliest:
        when = ev.earliest if ev.latest in (None, ev.earliest) else f"{ev.earliest}/{ev.latest}"
        text += f" ({when})"
    if ev.status == "denied":
        text += ", which is denied"
    return text


def estimate_clause(est: Estimate, figure: str | None = None) -> str:
    """'North Korea deployed 12,000 troops to Russia' / '4,000 North Korea troops were killed
    or injured' / 'North Korea plans 25,000-30,000 additional troops for Russia'. `figure`:
    the figure to state (one origin's own, e.g. 'at least 31'); default the current range."""
    key = est.key
    kind, actor, target = key.get("kind"), key.get("actor"), key.get("target")
    unit = key.get("unit") or "units"
    if unit in ("deaths", "casualties", "fatalities", "victims"):
        unit = "people"
    figure = figure or fmt_range(est.current_low, est.current_high)
    extra = "additional " if key.get("basis") == "additional" else ""
    planned = key.get("status") == "planned"
    if kind == "casualties":
        side = f" on the {actor} side" if actor else ""
        verb = CASUALTY_VERB.get(key.get("casualty") or "", "were affected")
        if planned:
            verb = "will be " + verb.split(" ", 1)[1] if verb.startswith("were ") else verb
        by = f" by {target}" if target and "killed" in verb else ""
        return f"{figure} {extra}{unit}{side} {verb}{by}"
    who = actor or "an unnamed actor"
    verb = {
        "deployment": ("deployed", "plans to send"),
        "arms_transfer": ("supplied", "plans to supply"),
        "recruitment": ("recruited", "plans to recruit"),
        "training": ("trained", "plans to train"),
        "withdrawal": ("withdrew", "plans to withdraw"),
        "attack": ("carried out", "plans"),
    }.get(kind, (kind, kind))
    prep = {
        "deployment": "to",
        "arms_transfer": "to",
        "withdrawal": "from",
        "attack": "against",
    }.get(kind, "for")
    to = f" {prep} {target}" if target else ""
    return f"{who} {verb[1] if planned else verb[0]} {figure} {extra}{unit}{to}"
