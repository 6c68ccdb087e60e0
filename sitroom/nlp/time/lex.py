"""Lexicon and regex fragments for the time-expression tagger (see timex.py).

Pure data plus tiny parsing helpers; no I/O. The fragments are plain strings meant to be embedded
in larger patterns compiled once at import time (re.IGNORECASE unless stated otherwise).
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
# Month names that are also common words or given names: accepted only with date context.
AMBIGUOUS_MONTHS = {"may", "march", "mar", "june", "jun", "april", "august", "aug", "jan", "sep"}

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {
    "morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI", "overnight": "TNI",
    "tonight": "TNI",
}  # fmt: skip

SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12, "single": 1,
    "half a": 0.5, "half an": 0.5, "a couple of": 2, "couple of": 2, "a couple": 2, "both": 2,
}  # fmt: skip
VAGUE_NUMBERS = {"a few", "few", "several", "many", "some", "dozens of", "the few", "numerous"}

_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"

# A cardinal: digits (with decimals), number words, or vague quantifiers. Longest alternatives
# first so that "a few" wins over "a".
NUM = (
    rf"(?:\d+(?:\.\d+)?|(?:{_TENS})(?:[- ](?:{_UNITS}))?|{_TEENS}|{_UNITS}|hundred|a\s+hundred"
    r"|a\s+couple\s+of|couple\s+of|a\s+couple|a\s+dozen|dozens\s+of|dozen|half\s+an?|a\s+few"
    r"|several|few|single|an?)"
)
# Numbers that may be written before a hyphenated unit ("two-day", "30-day").
NUM_HYPH = rf"(?:\d+(?:\.\d+)?|(?:{_TENS})(?:-(?:{_UNITS}))?|{_TEENS}|{_UNITS}|hundred|half)"

MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.|Sept\.?|Sep\.|Oct\.?|Nov\.?|Dec\.?)"
)
WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
YEAR_RE = r"(?:1[89]\d\d|20\d\d)"
DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

UNIT_VALUES = {
    "year": ("Y", 1), "month": ("M", 1), "week": ("W", 1), "day": ("D", 1), "hour": ("H", 1),
    "minute": ("MIN", 1), "second": ("S", 1), "decade": ("Y", 10), "century": ("Y", 100),
    "fortnight": ("D", 14), "weekend": ("WE", 1), "night": ("NI", 1),
}  # fmt: skip
UNIT_RE = (
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies)"
    r"|fortnights?)"
)

MOD_WORDS = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
    "some": "APPROX", "nearly": "APPROX", "almost": "APPROX", "close to": "APPROX",
    "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN",
    "longer than": "MORE_THAN", "at least": "EQUAL_OR_MORE", "less than": "LESS_THAN",
    "fewer than": "LESS_THAN", "under": "LESS_THAN", "just under": "LESS_THAN",
    "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS",
    "not more than": "EQUAL_OR_LESS", "no longer than": "EQUAL_OR_LESS",
}  # fmt: skip
MOD_RE = (
    r"(?:no\s+more\s+than|not\s+more\s+than|no\s+longer\s+than|more\s+than|longer\s+than"
    r"|just\s+over|just\s+under|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to"
    r"|close\s+to|about|around|roughly|approximately|nearly|almost|some)"
)
POS_MODS = {
    "early": "START", "earlier": "START", "late": "END", "later": None, "mid": "MID",
    "the end of": "END", "end of": "END", "the beginning of": "START", "the start of": "START",
    "the middle of": "MID", "the first half of": "START", "the second half of": "END",
}  # fmt: skip
POS_RE = (
    r"(?:the\s+(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of|end\s+of"
    r"|earlier(?:\s+in)?|later(?:\s+in)?|early|late|mid-?|middle)"
)


def norm_space(s: str) -> str:
    """Lower-case and collapse runs of white space (and hyphens between words) to one space."""
    return re.sub(r"[\s\-]+", " ", s.strip().lower())


def parse_number(s: str) -> float | None:
    """'three' -> 3, '4.5' -> 4.5, 'twenty-five' -> 25; vague ('a few', 'several') -> None."""
    t = norm_space(s).replace(",", "")
    if t in VAGUE_NUMBERS:
        return None
    if t in SMALL_NUMBERS:
        return float(SMALL_NUMBERS[t])
    try:
        return float(t)
    except ValueError:
        pass
    parts = t.split()
    if len(parts) == 2 and parts[0] in SMALL_NUMBERS and parts[1] in SMALL_NUMBERS:
        return float(SMALL_NUMBERS[parts[0]] + SMALL_NUMBERS[parts[1]])
    return None


def pos_mod(word: str | None) -> str | None:
    """'early' -> 'START', 'the end of' -> 'END', 'mid-' -> 'MID'; None for no modifier."""
    if not word:
        return None
    w = norm_space(word)
    if w.startswith("mid") or w == "middle":
        return "MID"
    w = w.removesuffix(" in").strip()
    return POS_MODS.get(w)


def amount_mod(word: str | None) -> str | None:
    """'about' -> 'APPROX', 'no more than' -> 'EQUAL_OR_LESS'; None when absent/unknown."""
    if not word:
        return None
    return MOD_WORDS.get(norm_space(word))


def month_number(word: str) -> int:
    """'Sept.' -> 9. Raises KeyError for a non-month."""
    return MONTHS[word.lower().rstrip(".")]


def day_number(word: str) -> int:
    """'13th' -> 13."""
    return int(re.sub(r"\D", "", word))
