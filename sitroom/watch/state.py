"""The stored state of each feed (validators, schedule, health) and the alert outbox rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select, update

from sitroom.store import schema as S


def iso(t: datetime) -> str:
    return t.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def feed_row(store, feed) -> dict:  # noqa: ANN001 - a Store and a config.Feed
    """The feed's stored row, created (due now) the first time a feed is seen."""
    with store.begin() as conn:
        row = conn.execute(select(S.feeds).where(S.feeds.c.id == feed.id)).first()
        if row is None:
            values = {
                "id": feed.id,
                "name": feed.name,
                "url": feed.url,
                "errors": 0,
                "polls": 0,
                "unchanged": 0,
                "documents": 0,
                "claims": 0,
            }
            conn.execute(insert(S.feeds).values(**values))
            return {c.name: values.get(c.name) for c in S.feeds.c}
        row = dict(row._mapping)
        if row["url"] != feed.url:  # the URL changed in FEEDS.toml: old validators are void
            conn.execute(
                update(S.feeds)
                .where(S.feeds.c.id == feed.id)
                .values(url=feed.url, etag=None, last_modified=None)
            )
            row.update(url=feed.url, etag=None, last_modified=None)
        return row


def save_feed(store, feed_id: str, **values) -> None:  # noqa: ANN001
    with store.begin() as conn:
        conn.execute(update(S.feeds).where(S.feeds.c.id == feed_id).values(**values))


def all_feeds(store) -> list[dict]:  # noqa: ANN001
    with store.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(S.feeds).order_by(S.feeds.c.id))]


def enqueue(
    store, alert_id: str, rule: str, target: str, payload: str, expire_hours: float
) -> bool:  # noqa: ANN001
    """Put an alert in the outbox once; False if it was there already."""
    now = datetime.now(UTC)
    with store.begin() as conn:
        exists = conn.execute(
            select(S.alert_outbox.c.id).where(S.alert_outbox.c.id == alert_id)
        ).first()
        if exists:
            return False
        conn.execute(
            insert(S.alert_outbox).values(
                id=alert_id,
                rule=rule,
                target=target,
                payload=payload,
                created_at=iso(now),
                status="pending",
                attempts=0,
                next_try=iso(now),
                expires_at=iso(now + timedelta(hours=expire_hours)),
            )
        )
    return True


def due_alerts(store, now: datetime) -> list[dict]:  # noqa: ANN001
    q = (
        select(S.alert_outbox)
        .where(S.alert_outbox.c.status == "pending", S.alert_outbox.c.next_try <= iso(now))
        .order_by(S.alert_outbox.c.created_at)
    )
    with store.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def set_alert(store, alert_id: str, **values) -> None:  # noqa: ANN001
    with store.begin() as conn:
        conn.execute(update(S.alert_outbox).where(S.alert_outbox.c.id == alert_id).values(**values))


def outbox(store) -> list[dict]:  # noqa: ANN001
    with store.connect() as conn:
        q = select(S.alert_outbox).order_by(S.alert_outbox.c.created_at)
        return [dict(r._mapping) for r in conn.execute(q)]
