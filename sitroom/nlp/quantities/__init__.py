"""Counted quantities (component `quantities`).

Contract: `find_quantities(text) -> list[Quantity]` finds numbers that count something, with
document offsets, low/high, approximation and bound words, unit and the counted noun; numbers
that are dates, ordinals, ages, times or parts of names are left out. `to_newsquant` and
`in_newsquant_scope` map a quantity to the NewsQuant benchmark format. Pure Python, no spaCy.

Modules: `finder` (reading quantities), `numbers` (number words and digits), `units`, `rules`
(token-window rules), `filters` (what is not a counted quantity).
Eval hook: `sitroom eval quantities FILE` (`sitroom.eval.quantity_bench`).
"""

from sitroom.nlp.quantities.finder import find_quantities, in_newsquant_scope, to_newsquant

__all__ = ["find_quantities", "in_newsquant_scope", "to_newsquant"]
