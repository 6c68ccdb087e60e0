"""Reading a question: intent, measure words, actors, places, source and event words.

Contract: `parse(question)` returns a `Question`; it needs no store (places and sources are
resolved against the store by `retrieve`). Pure rules over the text and the shipped actor
index: no model is loaded, so `ask` starts fast.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

# measure words -> (claim kind, casualty types or None, unit words); first match wins, so
# "troops killed" is a casualty question and "troops in Russia" a deployment one
CASUALTY = [
    (
        r"\b(killed|kill(?:s|ing)?|dead|deaths?|died|die|fatalit\w*|death toll|toll|lives)\b",
        ("killed", "killed_or_injured"),
    ),
    (r"\b(wounded|injur\w*|hurt)\b", ("injured", "killed_or_injured")),
    (r"\bcasualt\w*\b", ("killed", "injured", "killed_or_injured")),
    (r"\b(rescued|freed|released|saved|evacuated)\b", ("rescued",)),
    (r"\b(hostages?|abduct\w*|kidnap\w*|held captive|taken captive)\b", ("hostage", "captured")),
    (r"\b(captured|prisoners?|taken prisoner|detained)\b", ("captured", "hostage")),
    (r"\bmissing\b", ("missing",)),
]
KINDS = [
    (
        "arms_transfer",
        r"\b(weapons?|arms|munitions?|missiles?|shells?|tanks?|drones?|artillery|"
        r"ammunition|rockets?|containers?)\b",
    ),
    ("withdrawal", r"\bwithdr\w*\b"),
    (
        "deployment",
        r"\b(troops?|soldiers?|deploy\w*|sent|send\w*|forces|fighters|personnel|"
        r"stationed)\b",
    ),
    ("attack", r"\bhow many\s+(\w+\s+)?(attacks|strikes|bombings|raids|assaults)\b"),
]
WHO = re.compile(
    r"^\s*(who|which (group|side|militants?|force))\b.*\b(attack\w*|behind|responsib\w*|"
    r"carried out|claimed|stormed|hijack\w*|besieged|struck|bomb\w*|kill\w*)",
    re.I,
)
WHAT = re.compile(r"^\s*what\s+(happened|is happening|has happened|went on|is going on)\b", re.I)
SOURCE = [  # the phrase naming whose figure is asked for
    re.compile(
        r"\bwhat (?:does|did|do) (?P<s>.+?) (?:estimate|say|said|claim|report|put|"
        r"count|believe|think|give)\b",
        re.I,
    ),
    re.compile(r"\baccording to (?P<s>[^,?.]+)", re.I),
    re.compile(r"\b(?:does|did) (?P<s>.+?) (?:estimate|say|claim|report)\b", re.I),
    re.compile(r"\b(?:estimate|figure|count|toll|number) (?:of|from|by) (?P<s>[A-Z][^,?.]+)"),
]
PLANNED = re.compile(
    r"\b(plan\w*|will|going to|expected|intend\w*|prepar\w*|more|additional|further)\b", re.I
)
STOP = set(
    """a an the of in on at to for from by with and or is are was were be been being has have
    had do does did how many much what who whom which when where why whose that this these
    those there their its it as into after before during since than about estimate estimates
    estimated say says said claim claims report reports reported according people number
    figure total latest current so far now far many were will would could should been
    happened happening going went attack attacked attacks behind responsible carried
    claimed stormed hijacked besieged struck bombed""".split()
)
QUESTION_WORDS = {
    "How",
    "What",
    "Who",
    "Which",
    "When",
    "Where",
    "Why",
    "Did",
    "Does",
    "Is",
    "Are",
    "Was",
    "Were",
    "Do",
    "According",
}


@dataclass
class Question:
    text: str
    intent: str = "count"  # 'count' | 'who' | 'what'
    kind: str | None = None
    casualty: tuple[str, ...] | None = None
    actors: list[str] = field(default_factory=list)  # canonical names, question order
    side: str | None = None  # whose people: "North Korean troops" -> North Korea
    names: list[str] = field(default_factory=list)  # capitalised names: places, events
    source: str | None = None  # whose figure: "Zelensky", "South Korea's intelligence service"
    terms: list[str] = field(default_factory=list)  # content words for full-text search
    source_names: list[str] = field(default_factory=list)  # names inside the source phrase
    planned: bool = False  # "planning to send", "will", "more troops": planned / additional

    def as_dict(self) -> dict:
        return asdict(self)


def parse(question: str) -> Question:
    """What the question asks (see module contract)."""
    from sitroom.nlp.actors.index import actor_index

    text = " ".join(question.split())
    q = Question(text=text)
    if WHO.search(text):
        q.intent = "who"
    elif WHAT.search(text):
        q.intent = "what"
    for pat, types in CASUALTY:
        if re.search(pat, text, re.I):
            q.kind = "casualties"
            q.casualty = tuple(dict.fromkeys((q.casualty or ()) + types))
    if q.kind is None and q.intent == "count":
        q.kind = next((k for k, pat in KINDS if re.search(pat, text, re.I)), None)
    for pat in SOURCE:
        m = pat.search(text)
        if m:
            q.source = m.group("s").strip(" '\"")
            break
    source_span = (m.start("s"), m.end("s")) if q.source and m else (-1, -1)
    for mention in actor_index().find(text):
        if source_span[0] <= mention.start < source_span[1]:
            continue  # the source's own name is not who the question is about
        name = mention.entity.name
        if name not in q.actors:
            q.actors.append(name)
        if mention.demonym and q.side is None:
            q.side = name  # "North Korean troops": North Korea's people
    q.names = _names(text, source_span)
    if q.source:
        q.source_names = [n for n in _names(q.source, (-1, -1)) if n not in q.names]
    q.planned = bool(PLANNED.search(text))
    q.terms = [
        w
        for w in re.findall(r"[\w'’-]+", text)
        if w.lower() not in STOP
        and len(w) > 2
        and not _measure_word(w)
        and not (source_span[0] <= text.find(w) < source_span[1])
    ]
    return q


def _measure_word(word: str) -> bool:
    pats = [p for p, _ in CASUALTY] + [p for _, p in KINDS]
    return any(re.fullmatch(p.replace(r"\b", ""), word, re.I) for p in pats)


def _names(text: str, skip: tuple[int, int]) -> list[str]:
    """Runs of capitalised words ("Jaffar Express", "Beledweyne", "Kursk"), question words
    and the source's own name left out."""
    out = []
    for m in re.finditer(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|de\s+|al-)?[A-Z][\w'’.-]*)*", text):
        words = m.group(0).split()
        start = m.start()
        while words and words[0] in QUESTION_WORDS:
            start += len(words[0]) + 1
            words = words[1:]
        if not words or skip[0] <= start < skip[1]:
            continue
        out.append(re.sub(r"['’]s?$", "", " ".join(words)))
    return [n for n in dict.fromkeys(out) if n]
