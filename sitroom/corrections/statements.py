"""Storing analyst corrections: each is one statement row, never an edit of machine output.

Contract:
- `add(store, action, target, *, field, value, reason, author, likelihood)` validates and stores
  one correction and returns it as a dict. Actions:
  `reject` (a claim), `correct` (a claim's `field` to `value`), `grade` (a source, value A-F),
  `merge` (a measure into the measure `value`), `split` (a measure: `value` = claim ids taken
  out of it into their own series), `assess` (a claim, measure or theatre: `value` = the
  judgement, `likelihood` an ICD 203 word). The machine's value at that time is stored beside
  it (`machine_value`). Ids are deterministic: "k" + digest of the whole statement.
- `undo(store, correction_id, author)` marks it undone (kept, with who and when); the machine
  value shows again. Undoing twice is an error.
- `active(store, target_type, target_ids)` -> {target_id: [corrections, oldest first]};
  `listing(store, target=None, include_undone=False)` -> every correction, newest first.
Errors are ConfigError (a bad field, value or action) and NotFoundError (unknown target or id).
"""

from __future__ import annotations

import json

from sqlalchemy import insert, select, update

from sitroom import ids
from sitroom.errors import ConfigError, NotFoundError
from sitroom.store import schema as S
from sitroom.store.db import now_iso

T = S.corrections
ACTIONS = {  # action -> what it applies to
    "reject": "claim",
    "correct": "claim",
    "grade": "source",
    "merge": "measure",
    "split": "measure",
    "assess": None,  # a claim, a measure or a theatre (any other name)
}
# ICD 203 expressions of likelihood (either column of the standard's table)
LIKELIHOOD_WORDS = (
    "almost no chance",
    "remote",
    "very unlikely",
    "highly improbable",
    "unlikely",
    "improbable",
    "roughly even chance",
    "roughly even odds",
    "likely",
    "probable",
    "very likely",
    "highly probable",
    "almost certain",
    "nearly certain",
)
FIELDS = (  # claim fields an analyst may correct, and how the value is read
    "kind",
    "actor",
    "target",
    "quantity",
    "casualty",
    "object",
    "place",
    "when",
    "status",
    "certainty",
)
STATUSES = ("occurred", "planned", "predicted", "hypothetical", "denied")
CERTAINTIES = ("certain", "probable", "possible", "doubtful")
MAX_TEXT = 2000


def add(
    store,  # noqa: ANN001
    action: str,
    target: str,
    *,
    reason: str,
    author: str,
    field: str | None = None,
    value=None,  # noqa: ANN001
    likelihood: str | None = None,
) -> dict:
    action = (action or "").strip().lower()
    if action not in ACTIONS:
        raise ConfigError(f"action must be one of {', '.join(ACTIONS)}", subject=action)
    reason = _text(reason, "reason")
    author = _text(author, "author")[:200]
    target = (target or "").strip()
    if not target:
        raise ConfigError("a correction needs a target", subject=action)
    target_type, machine = _target(store, action, target)
    if target_type == "source":
        target = machine["id"]  # a name is stored under its source's id
    if action == "correct":
        field, value, machine = _field(field, value, machine)
    elif action == "reject":
        field, value, machine = None, None, None
    elif action == "grade":
        value = str(value or "").strip().upper()
        if value not in tuple("ABCDEF"):
            raise ConfigError("grade must be one of A, B, C, D, E, F", subject=str(value))
        field, machine = "reliability", machine["reliability"]
    elif action == "merge":
        into = str(value or "").strip()
        if into == target:
            raise ConfigError("a measure cannot be merged into itself", subject=target)
        _measure(store, into)
        field, value, machine = "into", into, None
    elif action == "split":
        value = _split_claims(store, target, value)
        field, machine = "claims", None
    elif action == "assess":
        value = _text(value, "assessment")
        word = (likelihood or "").strip().lower()
        if word not in LIKELIHOOD_WORDS:
            raise ConfigError(
                f"likelihood must be an ICD 203 word: {', '.join(LIKELIHOOD_WORDS)}",
                subject=likelihood or "(none)",
            )
        likelihood, field, machine = word, None, None
    created = now_iso()
    row = {
        "action": action,
        "target_type": target_type,
        "target_id": target,
        "field": field,
        "value": None if value is None else json.dumps(value, ensure_ascii=False),
        "machine_value": None if machine is None else json.dumps(machine, ensure_ascii=False),
        "likelihood": likelihood if action == "assess" else None,
        "reason": reason,
        "author": author,
        "created_at": created,
    }
    row["id"] = "k" + ids.digest(*(row[k] for k in sorted(row)))
    with store.begin() as conn:
        conn.execute(insert(T).values(**row))
    return view(row)


def undo(store, correction_id: str, author: str) -> dict:  # noqa: ANN001
    with store.begin() as conn:
        row = conn.execute(select(T).where(T.c.id == correction_id)).first()
        if row is None:
            raise NotFoundError("no correction with this id", subject=correction_id)
        if row.undone_at:
            raise ConfigError(f"already undone on {row.undone_at}", subject=correction_id)
        conn.execute(
            update(T)
            .where(T.c.id == correction_id)
            .values(undone_at=now_iso(), undone_by=_text(author, "author")[:200])
        )
        row = conn.execute(select(T).where(T.c.id == correction_id)).first()
    return view(dict(row._mapping))


def get(store, correction_id: str) -> dict:  # noqa: ANN001
    with store.connect() as conn:
        row = conn.execute(select(T).where(T.c.id == correction_id)).first()
    if row is None:
        raise NotFoundError("no correction with this id", subject=correction_id)
    return view(dict(row._mapping))


def active(store, target_type: str, target_ids, conn=None) -> dict[str, list[dict]]:  # noqa: ANN001
    """Corrections in force for these targets (None: every target of the type)."""
    q = select(T).where(T.c.target_type == target_type, T.c.undone_at.is_(None))
    wanted = None if target_ids is None else sorted(set(target_ids))
    out: dict[str, list[dict]] = {}
    chunks = [None] if wanted is None else [wanted[i : i + 900] for i in range(0, len(wanted), 900)]
    with _conn(store, conn) as c:
        for chunk in chunks:
            sel = q if chunk is None else q.where(T.c.target_id.in_(chunk))
            for r in c.execute(sel.order_by(T.c.created_at, T.c.id)):
                out.setdefault(r.target_id, []).append(view(dict(r._mapping)))
    return out


def listing(store, target: str | None = None, include_undone: bool = False) -> list[dict]:  # noqa: ANN001
    q = select(T)
    if target:
        q = q.where(T.c.target_id == target)
    if not include_undone:
        q = q.where(T.c.undone_at.is_(None))
    with store.connect() as conn:
        return [
            view(dict(r._mapping)) for r in conn.execute(q.order_by(T.c.created_at.desc(), T.c.id))
        ]


def view(row: dict) -> dict:
    out = dict(row)
    for k in ("value", "machine_value"):
        out[k] = json.loads(out[k]) if out.get(k) is not None else None
    out["active"] = not out.get("undone_at")
    return out


# -- validation ---------------------------------------------------------------------------------
def _text(value, name: str) -> str:  # noqa: ANN001
    text = " ".join(str(value or "").split())
    if not text:
        raise ConfigError(f"a correction needs a {name}", subject=name)
    if len(text) > MAX_TEXT:
        raise ConfigError(f"{name} longer than {MAX_TEXT} characters", subject=name)
    return text


def _target(store, action: str, target: str) -> tuple[str, dict | None]:  # noqa: ANN001
    wanted = ACTIONS[action]
    if wanted is None:  # assess: a claim, a measure, else a theatre name
        if target.startswith("c") and _claim(store, target, missing_ok=True):
            return "claim", None
        if _measure(store, target, missing_ok=True):
            return "measure", None
        return "theatre", None
    if wanted == "claim":
        return "claim", _claim(store, target)
    if wanted == "source":
        return "source", _source(store, target)
    return "measure", _measure(store, target)


def _source(store, name: str) -> dict:  # noqa: ANN001
    """The source row of an id or a name; a name not yet in the registry (an origin such as
    "the NIS") is resolved to its canonical origin and registered ungraded (F), as
    `Sitroom.grade_source` does, so the analyst's grade has a row to stand beside."""
    row = store.get_row("sources", name) or store.get_row("sources", ids.slug(name))
    if row is not None:
        return row
    from sitroom.nlp.attribution.origins import canonical_source

    canon = canonical_source(name)
    sid = ids.slug(canon)
    with store.begin() as conn:
        if store.get_row("sources", sid) is None:
            store.upsert(
                conn,
                "sources",
                {
                    "id": sid,
                    "name": canon,
                    "kind": "origin",
                    "reliability": "F",
                    "graded_by": "default",
                },
            )
    return store.get_row("sources", sid)


def _claim(store, claim_id: str, missing_ok: bool = False) -> dict | None:  # noqa: ANN001
    row = store._one(S.claims, S.claims.c.id == claim_id)
    if row is None and not missing_ok:
        raise NotFoundError("no claim with this id", subject=claim_id)
    return row


def _measure(store, measure_id: str, missing_ok: bool = False) -> dict | None:  # noqa: ANN001
    row = store._one(S.measures, S.measures.c.id == measure_id)
    if row is None and not missing_ok:
        raise NotFoundError("no measure with this id", subject=measure_id)
    return row


def _field(field: str | None, value, row: dict):  # noqa: ANN001, ANN202
    """(field, the analyst's value in the view's shape, the machine's value)."""
    name = (field or "").strip().lower()
    if name not in FIELDS:
        raise ConfigError(f"field must be one of {', '.join(FIELDS)}", subject=field or "(none)")
    if name == "quantity":
        low, high = _figure(value)
        machine = None if row["q_low"] is None else {"low": row["q_low"], "high": row["q_high"]}
        return name, {"low": low, "high": high}, machine
    if name == "when":
        from sitroom.app import _check_date

        text = str(value or "").strip()
        _check_date(text, "when")
        machine = {"earliest": row["time_earliest"], "latest": row["time_latest"]}
        return name, {"earliest": text[:10], "latest": text[:10]}, machine
    text = _text(value, name)[:300]
    if name == "kind":
        from sitroom.views import check_kind

        text = check_kind(text, "kind")
    if name == "status" and text not in STATUSES:
        raise ConfigError(f"status must be one of {', '.join(STATUSES)}", subject=text)
    if name == "certainty" and text not in CERTAINTIES:
        raise ConfigError(f"certainty must be one of {', '.join(CERTAINTIES)}", subject=text)
    column = {"place": "place_text"}.get(name, name)
    return name, text, row.get(column)


def _figure(value) -> tuple[float, float]:  # noqa: ANN001
    """'120', '100-150', {'low': 100, 'high': 150} or a number -> (low, high)."""
    if isinstance(value, dict):
        low, high = value.get("low"), value.get("high", value.get("low"))
    elif isinstance(value, int | float):
        low = high = value
    else:
        parts = str(value or "").replace(",", "").replace("–", "-").split("-")
        if len(parts) > 2 or not parts[0].strip():
            raise ConfigError("a figure is a number or a range low-high", subject=str(value))
        low, high = parts[0], parts[-1]
    try:
        low, high = float(low), float(high)
    except (TypeError, ValueError) as exc:
        raise ConfigError("a figure is a number or a range low-high", subject=str(value)) from exc
    if not (0 <= low <= high < 1e12):
        raise ConfigError("a figure needs 0 <= low <= high", subject=str(value))
    return low, high


def _split_claims(store, measure_id: str, value) -> list[str]:  # noqa: ANN001
    claims = value if isinstance(value, list) else str(value or "").replace(",", " ").split()
    claims = sorted({str(c).strip() for c in claims if str(c).strip()})
    if not claims:
        raise ConfigError("a split names the claims to take out", subject=measure_id)
    with store.connect() as conn:
        present = {
            r[0]
            for r in conn.execute(
                select(S.observations.c.claim_id).where(
                    S.observations.c.measure_id == measure_id,
                    S.observations.c.claim_id.in_(claims),
                )
            )
        }
    missing = [c for c in claims if c not in present]
    if missing:
        raise NotFoundError("not an observation of this measure", subject=", ".join(missing[:5]))
    return claims


class _conn:  # noqa: N801 - a context manager reusing a connection when given one
    def __init__(self, store, conn) -> None:  # noqa: ANN001
        self.store, self.conn, self.cm = store, conn, None

    def __enter__(self):  # noqa: ANN204
        if self.conn is not None:
            return self.conn
        self.cm = self.store.connect()
        return self.cm.__enter__()

    def __exit__(self, *exc) -> None:  # noqa: ANN002
        if self.cm is not None:
            self.cm.__exit__(*exc)
