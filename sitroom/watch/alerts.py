"""Alert rules, the stored outbox, and delivery with retries.

An alert's id is a hash of its rule and what it is about (a claim, a disagreement's sides, a
measure's latest point, a prediction's window edge), so each alert is put in the outbox once,
however often the rules run. Delivery retries with backoff (1 min doubling, at most 1 h) until
delivered or expired; an expired alert stays in the outbox with its last error and is logged.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
from datetime import UTC, date, datetime, timedelta

from sitroom import ids
from sitroom.errors import SitroomError
from sitroom.watch import state
from sitroom.watch.config import AlertRule, WatchConfig


def _put(room, rule: AlertRule, key: list, payload: dict, log) -> None:  # noqa: ANN001
    alert_id = "a" + ids.digest(rule.name, *key)
    body = json.dumps(
        {"id": alert_id, "rule": rule.name, "when": rule.when, **payload},
        ensure_ascii=False,
        default=str,
    )
    if state.enqueue(room.store, alert_id, rule.name, rule.deliver, body, rule.expire_hours):
        log(f"alert {alert_id} ({rule.name}): {payload.get('summary', '')}")


def _mentions(room, rule: AlertRule, doc_ids: list[str], log) -> None:  # noqa: ANN001
    names = [n.lower() for n in rule.names]
    for doc_id in doc_ids:
        for cid in room.store.claim_ids_of(doc_id):
            c = room.show(cid)
            fields = [c["actor"], c["target"], (c["place"] or {}).get("name")]
            hit = next((f for f in fields if f and f.lower() in names), None)
            if hit:
                _put(
                    room,
                    rule,
                    [cid],
                    {"summary": f"{hit} in: {c['quote'][:200]}", "claim": cid, "document": doc_id},
                    log,
                )


def _disagreements(room, rule: AlertRule, log) -> None:  # noqa: ANN001
    for con in room.contradictions():
        sides = sorted(s["id"] for s in con["sides"])
        _put(
            room, rule, sides, {"summary": f"{con['measure']}: {con['why']}", "claims": sides}, log
        )


def _figure_changes(room, rule: AlertRule, log) -> None:  # noqa: ANN001
    for est in room.estimates():
        points = sorted(est["points"], key=lambda p: p["published_at"] or "")
        if len(points) < 2:
            continue
        prev, last = points[-2], points[-1]
        if not prev["high"]:
            continue
        change = abs(last["high"] - prev["high"]) / prev["high"] * 100
        if change > rule.threshold:
            summary = (
                f"{est['measure']}: {prev['high']:,.0f} -> {last['high']:,.0f} ({change:.0f}%)"
            )
            _put(
                room,
                rule,
                [est["measure"], last["claim_id"]],
                {"summary": summary, "claims": [prev["claim_id"], last["claim_id"]]},
                log,
            )


def _windows(room, rule: AlertRule, log, today: date) -> None:  # noqa: ANN001
    for pred in room.predictions():
        start, end = pred["window"]
        cid = pred["claim"]["id"]
        if start and start[:10] <= today.isoformat() and pred["state"] == "open":
            _put(
                room,
                rule,
                [cid, "opened"],
                {
                    "summary": f"window opened: {pred['claim']['quote'][:160]}",
                    "claim": cid,
                    "window": [start, end],
                },
                log,
            )
        if end and end[:10] < today.isoformat():
            _put(
                room,
                rule,
                [cid, "closed", pred["state"]],
                {
                    "summary": f"window closed ({pred['state']}): {pred['claim']['quote'][:160]}",
                    "claim": cid,
                    "window": [start, end],
                },
                log,
            )


def evaluate(room, config: WatchConfig, new_doc_ids: list[str], log) -> None:  # noqa: ANN001
    """Run the rules; picture rules run when new documents came in (windows: every round)."""
    for rule in config.alerts:
        if rule.when == "mention":
            _mentions(room, rule, new_doc_ids, log)
        elif rule.when == "prediction_window":
            _windows(room, rule, log, datetime.now(UTC).date())
        elif new_doc_ids and rule.when == "new_disagreement":
            _disagreements(room, rule, log)
        elif new_doc_ids and rule.when == "figure_change":
            _figure_changes(room, rule, log)


def _send(target: str, payload: str, fetcher, allow_private: bool) -> None:  # noqa: ANN001
    kind, _, where = target.partition(":")
    if kind == "file":
        with open(where, "a", encoding="utf-8") as fh:
            fh.write(payload + "\n")
            fh.flush()
            os.fsync(fh.fileno())
    elif kind == "command":
        proc = subprocess.run(
            shlex.split(where),
            input=payload,
            text=True,
            capture_output=True,
            timeout=30,
            check=False,
        )
        if proc.returncode:
            raise RuntimeError(f"command exited {proc.returncode}: {proc.stderr.strip()[:200]}")
    else:
        resp = fetcher.request(
            "POST",
            where,
            body=payload.encode(),
            allow_private=allow_private,
            headers={"Content-Type": "application/json"},
        )
        if not 200 <= resp.status < 300:
            raise RuntimeError(f"webhook answered HTTP {resp.status}")


def deliver_due(store, fetcher, log, rules: dict | None = None) -> int:  # noqa: ANN001
    """Deliver the pending alerts whose time has come; returns how many were delivered."""
    now = datetime.now(UTC)
    delivered = 0
    private = rules or {}
    for row in state.due_alerts(store, now):
        try:
            _send(row["target"], row["payload"], fetcher, private.get(row["rule"], False))
        except (OSError, RuntimeError, SitroomError, subprocess.SubprocessError) as exc:
            attempts = row["attempts"] + 1
            if now >= state.parse(row["expires_at"]):
                state.set_alert(
                    store, row["id"], status="expired", attempts=attempts, last_error=str(exc)[:300]
                )
                log(f"alert {row['id']} EXPIRED undelivered after {attempts} attempts: {exc}")
                continue
            wait = min(60 * 2 ** (attempts - 1), 3600)
            state.set_alert(
                store,
                row["id"],
                attempts=attempts,
                last_error=str(exc)[:300],
                next_try=state.iso(now + timedelta(seconds=wait)),
            )
            log(f"alert {row['id']}: delivery failed ({exc}); retry in {wait}s")
            continue
        state.set_alert(
            store, row["id"], status="delivered", attempts=row["attempts"] + 1, last_error=None
        )
        delivered += 1
    return delivered
