"""Cross-article picture: events (placeholder until the picture issue lands)."""

from sitroom.errors import NotFoundError


def show_event(room, event_id: str) -> dict:  # noqa: ANN001
    raise NotFoundError("no event with this id", subject=event_id)
