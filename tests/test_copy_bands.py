"""Copy lookup through the LSH bands indexed in the store (no load of every signature)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import voa_records, write_jsonl

from sitroom import Sitroom
from sitroom.ingest.copies import CopyIndex, StoredCopyIndex, band_keys, signature
from sitroom.store.db import Store


def test_band_keys_are_25_bands_and_deterministic() -> None:
    text = voa_records("8006651")[0]["text"]
    keys = band_keys(signature(text))
    assert [b for b, _ in keys] == list(range(25)) and keys == band_keys(signature(text))
    other = band_keys(signature(voa_records("8011115")[0]["text"]))
    assert not set(keys) & set(other)  # two different stories share no band


def test_copy_found_from_the_store_bands_alone(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    recs = voa_records()[:30]
    room = Sitroom(db=str(tmp_path / "c.db"))
    room.ingest([str(write_jsonl(tmp_path / "a.jsonl", recs))], extract=False)
    copy = dict(
        recs[7],
        id="copy",
        url="https://example.org/copy",
        source="Example Daily",
        text="Republished with permission. Follow our desk.\n" + recs[7]["text"],
    )

    def no_full_load(self):  # noqa: ANN001, ANN202
        raise AssertionError("copy lookup loaded every stored signature")

    monkeypatch.setattr(Store, "copy_signatures", no_full_load)
    room.ingest([str(write_jsonl(tmp_path / "b.jsonl", [copy]))], extract=False)
    docs = {d["url"]: d for d in room.documents()}
    assert docs["https://example.org/copy"]["copy_of"] == docs[recs[7]["url"]]["id"]


@pytest.mark.parametrize("threshold", [0.8, 0.5])
def test_stored_index_agrees_with_the_in_memory_index(tmp_path: Path, threshold: float) -> None:
    recs = voa_records()[:40]
    room = Sitroom(db=str(tmp_path / "s.db"))
    room.ingest([str(write_jsonl(tmp_path / "a.jsonl", recs))], extract=False)
    by_url = {d["url"]: d["id"] for d in room.documents()}
    memory = CopyIndex.from_signatures(
        (by_url[r["url"]], signature(r["text"])) for r in recs if not _is_copy(room, r)
    )
    stored = StoredCopyIndex(room.store)
    for r in recs[:10]:
        probe = signature("Breaking. " + r["text"][: len(r["text"]) * 2 // 3])
        assert stored.find_original(probe, threshold) == memory.find_original(probe, threshold)


def _is_copy(room: Sitroom, rec: dict) -> bool:
    return any(d["url"] == rec["url"] and d["copy_of"] for d in room.documents())
