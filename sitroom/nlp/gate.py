"""Which sentences need the full parse (tagger, parser, NER) at all.

Most sentences of a news story carry no event word, and no claim can come from them: every
claim frame starts at a trigger word of `claims.lexicon` / `claims.triggers` (a counted
quantity makes a claim only next to a casualty or event word). The gate tokenizes a text
(spaCy's tokenizer, ~3% of a full pass) and splits it into sentences with spaCy's rule-based
`Sentencizer`; a sentence is kept when a token is a surface form of a trigger lemma (regular
inflections generated here, irregular ones read from the model's own lemmatizer exceptions,
e.g. fought -> fight), or an object verb with an object of its sort ("sent 3,000 troops", not
"sent a letter"). Each kept sentence is parsed with the `context` sentences before it in the
same paragraph (they often name the speaker, and attribution does not cross paragraphs); offsets
stay document offsets. Measured on every gold split: the same claims as a full parse.

Why our own code: spaCy has no "skip the parse for this sentence" switch. `extra` lets a
learned gate add sentences (it never removes any).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.pipeline import Sentencizer

from sitroom.nlp.claims import lexicon as L
from sitroom.nlp.sentences import chunks

# trigger lemmas named in triggers.py / build.py rather than in a lexicon table
EXTRA_LEMMAS = frozenset(
    {
        "speak", "talk", "travel", "call", "conversation", "measure", "exchange", "number",
        "shoot", "assassinate", "murder", "sanctioning", "embargo", "ceasefire", "truce",
        "takeover", "toll", "fatality", "casualty", "dead", "death", "body", "victim",
        "operation", "activation", "visit", "freeze",
    }
)  # fmt: skip
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def _words(table) -> set[str]:  # noqa: ANN001 - a lexicon dict or set
    return {w.lower() for w in table if isinstance(w, str) and _WORD.fullmatch(w.lower())}


def _lemmas() -> tuple[set[str], dict[str, set[str]]]:
    """Trigger lemmas that make a claim on their own, and object verbs with the lemmas of the
    objects they need ("send" + troops)."""
    direct = set(EXTRA_LEMMAS)
    tables = (
        L.VERB_TRIGGERS, L.NOUN_TRIGGERS, L.CASUALTY_WORDS, L.TRADER_NOUNS, L.CONQUEST_VERBS,
        L.BUY_NOUNS, L.SELL_NOUNS, L.DEALS, L.CAPTIVES,
    )  # fmt: skip
    for table in tables:
        direct |= _words(table)
    with_object = {verb: _words(objects) for verb, (_, objects) in L.OBJECT_VERBS.items()}
    for verb in ("target", "impose", "freeze"):
        with_object.setdefault(verb, set()).update(_words(L.MEASURES) | _words(L.BANS))
    with_object["freeze"].add("asset")
    with_object["sign"].update({"with", "between"})  # "the draft signed between A and B"
    with_object["lose"] = {"life"}  # "lost their lives"
    return direct, with_object


def inflections(lemma: str) -> set[str]:
    """Regular forms of an English verb or noun (over-generation is harmless here)."""
    out = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing", lemma + "d"}
    if lemma.endswith("e"):
        out |= {lemma[:-1] + "ing", lemma + "d"}
    if lemma.endswith("y") and len(lemma) > 2:
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out


@lru_cache(maxsize=4)
def trigger_forms(
    exceptions: tuple[tuple[str, str], ...] = (),
) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """Surface forms of the direct trigger lemmas, and of each object verb -> forms of its
    objects; `exceptions` are (form, lemma) irregular pairs (fought -> fight)."""
    direct, with_object = _lemmas()
    irregular: dict[str, set[str]] = {}
    for form, lemma in exceptions:
        irregular.setdefault(lemma, set()).add(form)

    def forms(lemma: str) -> set[str]:
        return inflections(lemma) | irregular.get(lemma, set())

    out = set()
    for lemma in direct:
        out |= forms(lemma)
    objects: dict[str, frozenset[str]] = {}
    for verb, needs in with_object.items():
        need_forms = frozenset(f for n in needs for f in forms(n))
        for form in forms(verb):
            objects[form] = objects.get(form, frozenset()) | need_forms
    return frozenset(out), objects


def _exceptions(nlp) -> tuple[tuple[str, str], ...]:  # noqa: ANN001 - a spaCy Language
    """Irregular (form, lemma) pairs from the model's rule lemmatizer, if it has them."""
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    except (KeyError, AttributeError, ValueError):
        return ()
    pairs = []
    for pos in ("verb", "noun"):
        for form, lemmas in (table.get(pos) or {}).items():
            pairs.extend((form, lemma) for lemma in lemmas)
    return tuple(sorted(set(pairs)))


class SentenceGate:
    """Cuts a text into the pieces that need the full parse: (offset, piece) like `chunks`."""

    def __init__(self, nlp, extra=None, context: int = 1) -> None:  # noqa: ANN001
        self.tokenizer = nlp.tokenizer
        self.sentencizer = Sentencizer()
        self.forms, self.object_forms = trigger_forms(_exceptions(nlp))
        self.extra = extra  # optional: sentence texts -> bools (a learned gate adds sentences)
        self.context = context  # sentences before each needed one that are parsed with it
        self.kept = 0
        self.seen = 0

    def needed(self, sent) -> bool:  # noqa: ANN001 - a spaCy Span
        """A trigger word, or an object verb with an object of its sort, in the sentence."""
        words = set()
        for tok in sent:
            low = tok.lower_
            if "-" in low:
                words.update(low.split("-"))  # "U.S.-led", "27-hundred"
            words.add(low)
        if words & self.forms:
            return True
        return any(w in self.object_forms and words & self.object_forms[w] for w in words)

    def pieces(self, text: str) -> Iterator[tuple[int, str]]:
        """Runs of needed sentences (with their context sentences), in document order."""
        for offset, chunk in chunks(text):
            doc = self.sentencizer(self.tokenizer(chunk))
            sents = list(doc.sents)
            keep = [self.needed(s) for s in sents]
            if self.extra is not None:
                rest = [i for i, k in enumerate(keep) if not k]
                for i, flag in zip(rest, self.extra([sents[i].text for i in rest]), strict=True):
                    keep[i] = bool(flag)
            wanted = set()
            runs = _quote_runs(sents)
            for i, k in enumerate(keep):
                if not k:
                    continue
                wanted.add(i)
                wanted.update(runs.get(i, ()))
                for j in range(i - 1, max(-1, i - 1 - self.context), -1):
                    if _paragraph_break(chunk, sents[j], sents[j + 1]):
                        break  # context stops at the paragraph: attribution does too
                    wanted.add(j)
            self.seen += len(sents)
            self.kept += len(wanted)
            run: list[int] = []
            for i in range(len(sents)):
                if i in wanted:
                    run.append(i)
                    continue
                if run:
                    yield self._piece(chunk, offset, sents, run)
                    run = []
            if run:
                yield self._piece(chunk, offset, sents, run)

    @staticmethod
    def _piece(chunk: str, offset: int, sents: list, run: list[int]) -> tuple[int, str]:
        start, end = sents[run[0]].start_char, sents[run[-1]].end_char
        piece = chunk[start:end]
        lead = len(piece) - len(piece.lstrip())  # a line break the sentencizer put in front
        return offset + start + lead, piece[lead:].rstrip()


def _paragraph_break(text: str, before, after) -> bool:  # noqa: ANN001 - spaCy Spans
    """A line break between two sentences (whitespace tokens may sit at either edge)."""
    last = next((t for t in reversed(before) if not t.is_space), None)
    first = next((t for t in after if not t.is_space), None)
    end = last.idx + len(last.text) if last is not None else before.start_char
    start = first.idx if first is not None else after.end_char
    return "\n" in text[end:start]


QUOTE_SPAN = 6  # at most this many sentences of one quotation are parsed around a kept one


def _quote_runs(sents: list) -> dict[int, range]:
    """Sentence index -> the sentences of the quotation it lies in, when that quotation runs
    over several sentences (its speaker is named where it closes, or where it opens)."""
    open_at: int | None = None
    depth = False
    out: dict[int, range] = {}
    for i, sent in enumerate(sents):
        start_open = depth
        for tok in sent:
            if tok.text in ("“", "«"):
                depth = True
            elif tok.text in ("”", "»"):
                depth = False
            elif tok.text == '"':
                depth = not depth
        if not start_open and depth:
            open_at = i
        if start_open and not depth and open_at is not None and i - open_at < QUOTE_SPAN:
            run = range(open_at, i + 1)
            out.update({k: run for k in run})
        if not depth:
            open_at = None
    return out
