"""Claims: what a sentence asserts (components `frames`, `restatement`, `arithmetic`).

Contract: `build.build_frames(SentenceFacts, speaker) -> list[Frame]` turns one sentence's
parsed tokens, actors, quantities, times, places and attribution into claim frames (kind, actor,
target, figures, casualty type, status, certainty); `rows.claim_rows(doc_id, raw, facts,
version)` turns a document's frames into store rows with deterministic ids, links restatements
and adds arithmetic checks.

Modules: `lexicon` (kinds, triggers, hedges), `triggers` (which kind a token asserts), `frames`
(slots), `casualties`, `build`, `rows`, `arithmetic`, `syntax` (dependency helpers).
Eval hook: `sitroom eval claims GOLD --texts CORPUS` (`sitroom.eval.claims_eval`).
"""
