"""Cheap tense cue for the time-expression tagger: does the clause around a span look past or
future? Used to pick the direction of weekdays and year-less months ("rules Wednesday" vs "ruled
Wednesday"). Word-list based, no parser, bounded windows so it stays linear on huge input.
"""

from __future__ import annotations

import re

_WINDOW = 160
_FUTURE = (
    r"(?:will|would|to)\s+(?:not\s+|also\s+|then\s+)?be(?:\s+\w+)?|will|won't|shall|'ll|going\s+to"
    r"|set\s+(?:to|for)|scheduled|slated|due|plans?\s+to|planning\s+to|plans?\s+for"
    r"|expected\s+to|expects?\s+to|hopes?\s+to|intends?\s+to|aims?\s+to|upcoming|next|tomorrow"
    r"|later\s+this|as\s+early\s+as|as\s+soon\s+as|could|might|should|would|deadline|coming"
)
_PAST = (
    r"said|says|was|were|had|did|ago|last|earlier|told|took|made|came|went|began|begun|won|lost"
    r"|met|saw|fled|held|left|gave|got|sent|became|fell|rose|struck|spoke|wrote|broke|chose|drove"
    r"|flew|ran|sat|stood|hit|put|cut|led|paid|kept|brought|bought|caught|fought|sought|taught"
    r"|thought|found|built|heard|felt|meant|grew|knew|threw|shot|since|previous|former|withdrew"
    r"|drew|overthrew|swore|sank|shook|rode|bore|dug|wore|forgot|hid|lay|slept|spent|sold|struck"
    r"|\w{2,}[^e\W]ed|\w{2,}ied|\w+ered|\w+ated|\w+ized|\w+used|\w+osed|\w+ured|\w+ved|\w+ised"
)
_CUE = re.compile(rf"\b(?:(?P<f>{_FUTURE})|(?P<p>{_PAST}))\b", re.IGNORECASE)
_NOT_VERBS = re.compile(
    r"^(?:need|speed|feed|seed|bed|red|shed|united|based|armed|limited|related|interested|"
    r"concerned|alleged|indeed|hundred|kindred|breed|sacred|wed|embed|naked|wicked|advanced|"
    r"detailed|registered|designated|supposed|disputed|contested|occupied|displaced|"
    r"elected|unprecedented|coordinated|sophisticated|ruled|called)$",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(r"(?<![A-Z][a-z][a-z])(?<![A-Z][a-z])(?<![A-Z])(?<!Sept)[.!?;]\s|\n|[“”\"]")


# A scheduled event in the present simple right before the date: "the court rules Wednesday",
# "parliament votes Monday", "talks resume Monday", "the plant reopens in December", "the vote
# is in May" name the coming day or month.
_SCHEDULED = re.compile(
    r"\b(?:rules|meets|holds|votes|begins|starts|opens|ends|closes|arrives|visits|travels|hosts"
    r"|decides|launches|resumes|returns|expires|convenes|reopens|takes\s+office"
    r"|(?:talks|lawmakers|parliament|markets|schools|polls|voters|leaders|ministers)\s+"
    r"(?:resume|meet|vote|begin|start|open|close|end|reopen|return|convene|gather))"
    r"\s+(?:on\s+|in\s+)?$"
    r"|\b(?:is|are)\s+(?:due\s+|planned\s+|expected\s+)?(?:in|on|for)\s+(?:early\s+|late\s+|mid-?)?$",
    re.IGNORECASE,
)


def tense_near(text: str, start: int, end: int) -> str | None:
    """'past' | 'future' | None for the clause around text[start:end].

    Looks back from the span to the sentence start (bounded) and takes the nearest cue; if none,
    the nearest cue after the span. Future cues win when they govern the span ("will be held
    Monday").
    """
    lo = max(0, start - _WINDOW)
    before = text[lo:start]
    if _SCHEDULED.search(before):
        return "future"
    cut = None
    for m in _BOUNDARY.finditer(before):
        cut = m.end()
    if cut is not None:
        before = before[cut:]
    last = None
    for m in _CUE.finditer(before):
        if m.group("p") and _NOT_VERBS.match(m.group("p")):
            continue
        last = m
    if last is not None:
        return "future" if last.group("f") else "past"
    after = text[end : end + _WINDOW]
    b = _BOUNDARY.search(after)
    if b:
        after = after[: b.start()]
    for m in _CUE.finditer(after):
        if m.group("p") and _NOT_VERBS.match(m.group("p")):
            continue
        return "future" if m.group("f") else "past"
    return None
