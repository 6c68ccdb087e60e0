"""Attribution: who says each sentence, and who first said it (component `attribution`).

Contract:
- `speakers.attribute(...)` gives an `Attribution` for a parsed sentence: kind (named_official,
  government_body, intelligence_agency, military, media_outlet, analysts, unnamed_reports, or
  the outlet's own voice `article`), the origin's canonical name, the attributing text, and the
  reported-speech `chain` (outermost teller first, the origin last: "The BBC reported, citing
  Western officials" -> BBC, Western officials). `classify(...)` names one speaker phrase;
  `roles.person_names(doc)` maps short names and titles to full names.
- `chains.tellers(sent)`: the spans that tell a sentence, outermost first.
- `quotes`: quotations over several sentences, and byline names (a reporter is never a source).
- `outlets`: news outlets and agencies named in text (`data/outlets.json`).
- `roles`: a state's agency or office named by role or title ("Seoul's spy agency").
- `origins`: the chain stored on a claim (`claims.origin_chain`: [{name, kind, role: origin |
  intermediary | carrier, text}]) and its canonical origin (`claims.origin`).
- `statements`: one unnamed statement carried by several outlets is one origin (at ingest).
Needs spaCy tokens.
"""
