"""Attribution: who says each sentence (component `attribution`).

Contract: `attribute(...)` and `classify(...)` (in `speakers`) give an `Attribution` (kind:
named / unnamed / outlet's own voice..., the source's canonical name, the attributing text) for
a parsed sentence, from reporting verbs, "according to" phrases and quoted speech;
`person_names(doc)` maps short names to full names. Needs spaCy tokens.
"""
