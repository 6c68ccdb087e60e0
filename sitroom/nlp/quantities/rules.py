"""Context rules around a number: modifiers before it, and the unit or counted noun after it.

Used by `sitroom.nlp.quantities.finder`. All functions look at a bounded window of tokens (at most a
handful either side), so the extractor stays linear in the length of the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitroom.nlp.quantities.compound import extend
from sitroom.nlp.quantities.numbers import Tok
from sitroom.nlp.quantities.units import (
    CURRENCY_WORDS,
    MEASURES,
    MONTHS,
    PERCENT_WORDS,
    TIME_AFTER,
    is_plural,
)

APPROX = frozenset("about around approximately approx roughly circa ca estimated some".split())
BOUND1 = {
    "over": "more_than",
    "above": "more_than",
    "exceeding": "more_than",
    "under": "less_than",
    "below": "less_than",
    "nearly": "nearly",
    "almost": "nearly",
}
BOUND2 = {
    ("more", "than"): "more_than",
    ("at", "least"): "at_least",
    ("up", "to"): "up_to",
    ("fewer", "than"): "less_than",
    ("less", "than"): "less_than",
    ("at", "most"): "up_to",
    ("upwards", "of"): "more_than",
    ("as", "many"): "up_to",
    ("as", "much"): "up_to",
    ("no", "more"): "up_to",
    ("just", "over"): "more_than",
    ("just", "under"): "less_than",
    ("well", "over"): "more_than",
}
ADDITIONAL = frozenset("another additional extra further".split())
ADDITIONAL_AFTER = frozenset("more additional extra further new".split())
UP_WORDS = frozenset(
    "up rose rise rises rising risen increased increase increases increasing grew grow grown "
    "gained gain gains jumped jump jumps climbed climb surged surge soared soar added "
    "advanced".split()
)
DOWN_WORDS = frozenset(
    "down fell fall falls falling fallen dropped drop drops declined decline declines decreased "
    "decrease decreases lost lose loses slipped slid tumbled plunged plunge shed cut sank "
    "eased".split()
)
CHANGE_NOUNS_UP = frozenset("increase rise jump gain hike surge growth boost".split())
CHANGE_ADJ = frozenset(("higher", "lower"))
CHANGE_NOUNS_DOWN = frozenset("decrease drop decline fall cut reduction loss slump".split())
_CHANGE_WORDS = UP_WORDS | DOWN_WORDS
_CHANGE_AFTER = CHANGE_NOUNS_UP | CHANGE_NOUNS_DOWN | CHANGE_ADJ
_UP_AFTER = CHANGE_NOUNS_UP | {"higher"}
STOP = frozenset(
    "of in on at to from by for with into onto over under across near during since after before "
    "per than as like about around between within against toward towards through via the a an "
    "this that these those its their his her our my your who which whom whose what where when "
    "each every and or but nor while if so yet because is are was were be been being has have "
    "had do does did will would could should may might must can shall said says say also still "
    "already ago later earlier apiece alone only just now then there here not either both "
    "it they he she we you them him us including included according reportedly since out off "
    "up down back away more less most least such very too than all some any no last next".split()
)
VERB_S = frozenset(
    "says remains includes shows suggests means seems comes goes makes takes gets gives "
    "looks stands runs lies needs wants".split()
)
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
SENT_BOUNDARY = frozenset('. ! ? : ; " “ ” ( [ — –'.split())


@dataclass
class Pre:
    """What precedes a number: modifiers found and the first token index they cover."""

    first: int
    approx: bool = False
    bound: str | None = None
    additional: bool = False
    change: str | None = None
    between: bool = False
    from_: bool = False
    age: bool = False


def scan_before(toks: list[Tok], i: int) -> Pre:
    """Modifiers directly before toks[i] ('more than', 'about', 'another', 'between', 'rose')."""
    pre = Pre(first=i)
    k = i - 1
    steps = 0
    while k >= 0 and steps < 5:
        steps += 1
        w = toks[k].low
        pair = (toks[k - 1].low, w) if k > 0 else None
        if w == "as" and k > 1 and (toks[k - 2].low, toks[k - 1].low) in BOUND2:
            pair, k = (toks[k - 2].low, toks[k - 1].low), k - 1  # "as many as"
        if w == "than" and k > 1 and toks[k - 2].low == "no" and toks[k - 1].low == "more":
            pre.bound, pre.first, k = "up_to", k - 2, k - 3
            continue
        if pair in BOUND2 and pre.bound is None:
            pre.bound, pre.first, k = BOUND2[pair], k - 1, k - 2
            continue
        if w in BOUND1 and pre.bound is None:
            pre.bound, pre.first, k = BOUND1[w], k, k - 1
            continue
        if w in APPROX and not pre.approx and (w != "some" or k == i - 1):
            pre.approx, pre.first = True, k
            if w == "estimated" and k > 0 and toks[k - 1].low in ("an", "a"):
                pre.first = k - 1
            k = pre.first - 1
            continue
        if w in ADDITIONAL:
            pre.additional, pre.first = True, k
            if k > 0 and toks[k - 1].low in ("an", "a"):
                pre.first = k - 1
            k = pre.first - 1
            continue
        if w in ("between", "from") and pre.bound is None:
            pre.between, pre.from_, pre.first = w == "between", w == "from", k
            if k > 0 and toks[k - 1].low in _CHANGE_WORDS and toks[k - 1].low != "up":
                pre.change = "up" if toks[k - 1].low in UP_WORDS else "down"
            break
        if w == "of" and k > 0 and toks[k - 1].low == "age":
            pre.age = True
            if k > 2 and toks[k - 3].low in BOUND1:
                pre.bound, pre.first = BOUND1[toks[k - 3].low], k - 3
            break
        if w == "aged" or (w == "age" and k > 0 and toks[k - 1].low == "of"):
            pre.age = True
            break
        if w == "by" and k > 0 and toks[k - 1].low in _CHANGE_WORDS:
            k -= 1
            continue
        if w in _CHANGE_WORDS:
            pre.change = "up" if w in UP_WORDS else "down"
        break
    return pre


@dataclass
class Post:
    """What follows a number: kind, units, the counted noun and the last token index covered."""

    end: int  # index one past the last token covered
    kind: str = "count"
    unit: str | None = None  # normalised unit for percent/money/measure
    noun: Tok | None = None  # head of the counted noun
    additional: bool = False
    change: str | None = None
    reject: str | None = None  # 'time' | 'date' | 'ordinal' | 'decade'


def _adj(toks: list[Tok], j: int) -> bool:
    return 0 < j < len(toks) and toks[j].start == toks[j - 1].end


def scan_after(toks: list[Tok], j: int, value: float) -> Post:
    """Unit or counted noun after the number phrase ending before toks[j]."""
    n = len(toks)
    post = Post(end=j)
    if j >= n:
        return post
    t = toks[j]
    w = t.low
    if _adj(toks, j) and w in ("st", "nd", "rd", "th"):
        post.reject = "ordinal"
        return post
    if _adj(toks, j) and w == "s":
        post.reject = "decade"
        return post
    if w in TIME_AFTER or (
        w in ("a", "p") and j + 2 < n and toks[j + 1].text == "." and toks[j + 2].low == "m"
    ):
        post.reject = "time"
        return post
    if t.text in MONTHS or w in MONTHS and t.text[0].isupper():
        if value == int(value) and 1 <= value <= 31:
            post.reject = "date"
            return post
    if w == ":" and j + 1 < n and toks[j + 1].kind == "num" and _adj(toks, j + 1):
        post.reject = "time"
        return post
    if w == "-" and j + 1 < n and _adj(toks, j) and _adj(toks, j + 1):
        seq = [x.low for x in toks[j + 1 : j + 4]]
        if seq[:1] in (["year"], ["years"]) and "old" in seq:
            post.kind, post.unit, post.end = "measure", "year of age", j + 1 + seq.index("old") + 1
            return post
        if seq[:1] == ["fold"]:
            post.kind, post.unit, post.end = "multiplier", "times", j + 2
            return post
        if toks[j + 1].kind == "word" and toks[j + 1].low in MEASURES:
            post.kind, post.unit, post.end = "measure", MEASURES[toks[j + 1].low], j + 2
            return post
        if toks[j + 1].kind == "word":  # "three-point", "seven-speed": hyphenated modifier
            post.noun, post.end = toks[j + 1], j + 2
            return post
    if w in ("year", "years") and j + 1 < n and toks[j + 1].low in ("old", "-"):
        k = j + 1 if toks[j + 1].low == "old" else j + 3
        if k < n and toks[k].low == "old":
            post.kind, post.unit, post.end = "measure", "year of age", k + 1
            return post
    if w in PERCENT_WORDS or (w == "per" and j + 1 < n and toks[j + 1].low == "cent"):
        post.kind, post.unit = "percent", "percentage"
        post.end = j + (2 if w == "per" else 1)
        if post.end < n and toks[post.end].low in ("point", "points"):
            post.unit, post.end = "percentage point", post.end + 1
    elif w in ("pound", "pounds") and _weight(toks, j):
        post.kind, post.unit, post.end = "measure", "pound-mass", j + 1
        post.unit, post.end = extend(toks, post.end, "pound")
        post.unit = "pound-mass" if post.unit == "pound" else post.unit
    elif w in CURRENCY_WORDS and not (w in ("pound", "pounds") and value < 1):
        post.kind, post.unit, post.end = "money", CURRENCY_WORDS[w], j + 1
    elif t.text[0].isupper() and j + 1 < n and toks[j + 1].low in ("dollars", "dollar"):
        post.kind, post.unit, post.end = "money", f"{w} dollar", j + 2
    elif w in ("times", "fold"):
        post.kind, post.unit, post.end = "multiplier", "times", j + 1
    elif w in MEASURES and not (w == "second" and not _adj(toks, j) and value != 1):
        if w == "sq" or w == "square":
            post.end = j + 2
        post.kind, post.unit, post.end = "measure", MEASURES[w], max(post.end, j + 1)
        post.unit, post.end = extend(toks, post.end, post.unit)
    if post.kind in ("percent", "money", "measure", "multiplier"):
        _change_noun(toks, post)
        return post
    _counted_noun(toks, j, value, post)
    return post


def _weight(toks: list[Tok], j: int) -> bool:
    """'pounds' of weight: 'pound-feet', '180 pounds of cocaine', 'weighed 180 pounds'."""
    n = len(toks)
    if j + 1 < n and toks[j + 1].text == "-" and j + 2 < n and toks[j + 2].low in ("feet", "foot"):
        return True
    if toks[j].low == "pounds" and j + 2 < n and toks[j + 1].low == "of":
        return toks[j + 2].low not in ("sterling", "debt", "funding", "aid", "investment")
    return any(t.low.startswith("weigh") for t in toks[max(0, j - 6) : j])


def _change_noun(toks: list[Tok], post: Post) -> None:
    """'a 45% increase', 'six points higher' -> change 'up'."""
    e = post.end
    if e < len(toks) and toks[e].low in _CHANGE_AFTER:
        post.change = "up" if toks[e].low in _UP_AFTER else "down"


def _counted_noun(toks: list[Tok], j: int, value: float, post: Post) -> None:
    """Find the counted noun: first plural word in a short run of non-stop words."""
    n = len(toks)
    k = j
    if (
        k + 1 < n
        and toks[k].low == "of"
        and toks[k + 1].low in ("the", "them", "those", "its", "their", "these", "our")
    ):
        k += 2 if toks[k + 1].low not in ("them", "those") else 1
    run: list[int] = []
    while k < n and len(run) < 4:
        t = toks[k]
        if not run and t.low in ADDITIONAL_AFTER and k + 1 < n and toks[k + 1].low != "than":
            post.additional = True
            k += 1
            continue
        if t.kind == "sym":
            if t.text == "-" and run and _adj(toks, k) and k + 1 < n and _adj(toks, k + 1):
                k += 1
                continue
            break
        if t.kind != "word" or t.low in STOP or t.low in VERB_S:
            break
        if t.text[0].isupper() and (t.low in MONTHS or t.low in WEEKDAYS):
            break
        if t.low.endswith("ly") and len(t.low) > 4 and t.low not in ("family", "ally"):
            break
        run.append(k)
        if is_plural(t.low) and t.low not in ("its",):
            post.noun, post.end = t, k + 1
            _change_noun(toks, post)
            return
        k += 1
    if not run:
        return
    idx = run[0] if value == 1 else run[-1]
    if toks[idx].low.endswith(("ed", "ing")):
        return
    post.noun, post.end = toks[idx], idx + 1


__all__ = ["Pre", "Post", "scan_before", "scan_after", "SENT_BOUNDARY", "STOP"]
