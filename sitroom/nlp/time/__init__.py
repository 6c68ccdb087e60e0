"""Time expressions: our own TimeML normaliser (component `timex`).

Contract: `find_timexes(text, dct, tense=None) -> list[Timex]` finds every time expression in
`text` with document offsets, a TimeML type and value, and an interval (earliest, latest,
precision) resolved against the publication date `dct` (None: relative expressions stay
unresolved). `normalise(expression, dct)` reads one expression. Pure Python, no spaCy.

Modules: `timex` (finder, selection, intervals), `lex` (word lists and patterns), `cal`
(calendar arithmetic), `rules*` (absolute, relative, duration and period rules), `tense`.
Eval hook: `sitroom eval time FILE` (`sitroom.eval.time_bench`).
"""

from sitroom.nlp.time.timex import find_timexes, normalise

__all__ = ["find_timexes", "normalise"]
