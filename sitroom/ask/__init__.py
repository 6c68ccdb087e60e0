"""`ask`: answer an analyst's question from the stored measures and claims (rule-based).

- `parse.py` reads the question: what is counted (measure words: killed, wounded, casualties,
  troops, hostages, rescued...), who (actors and sides from the shipped actor index), where
  (places the store knows), which named event ("the Jaffar Express attack": the words left
  over, searched in the full-text index), whose figure ("What does Zelensky estimate?") and
  the intent (a count, "who attacked X?", "what happened in X?").
- `retrieve.py` resolves those against the store: measures and claims, never the whole picture.
- `answer.py` writes the answer: the latest figure of each origin with its date, any
  disagreement, citations (claim ids leading to quote, document and outlet); on topic and
  short (under 2,500 characters); plainly "nothing" when the store holds nothing on it.
"""
