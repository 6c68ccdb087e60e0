"""Print the claims sitroom extracts from one document (debugging aid)."""

import sys

from sitroom.config import load_settings
from sitroom.eval.claims_eval import load_gold, load_texts
from sitroom.nlp.pipeline import Pipeline

gold_path, texts, doc = sys.argv[1], sys.argv[2], sys.argv[3]
docs = load_texts(texts, {doc})
res = Pipeline(load_settings().nlp)([docs[doc]], [doc])[0]
if isinstance(res, Exception):
    raise res
for r in res.claims:
    flag = "R" if r["restates"] else " "
    print(flag, r["kind"], "|", r["actor"], "->", r["target"], "|", r["q_low"], r["q_high"],
          r["q_basis"], r["casualty"], "|", r["status"], r["certainty"], "|",
          r["attribution_kind"], r["attribution_source"], "|", r["place_text"], "|",
          r["time_text"], "|", r["quote"][:110])
print("--- gold")
for g in load_gold(gold_path):
    if g["doc"] == doc:
        q = g.get("quantity") or {}
        print(" ", g["kind"], "|", g["actor"], "->", g["target"], "|", q.get("low"), q.get("high"),
              q.get("basis"), g.get("casualty"), "|", g["status"], g["certainty"], "|",
              g["attribution"]["kind"], g["attribution"]["source"], "|", g.get("place"), "|",
              g["quote"][:100])
