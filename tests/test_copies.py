"""Near-duplicate detection on real VOA stories."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from sitroom.ingest.copies import CopyIndex, signature, similarity
from sitroom.ingest.html import read_html

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT / "corpus/demo/voa/voa_stories.jsonl"
TRAIN_STORIES = ["8011076", "8009976", "8009314", "8007760", "8006651"]  # Pakistan train attack


@pytest.fixture(scope="module")
def stories() -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, VOA.read_text(encoding="utf-8").splitlines())}


@pytest.fixture(scope="module")
def index(stories) -> CopyIndex:
    return CopyIndex.from_signatures((i, signature(r["text"])) for i, r in stories.items())


def test_signature_shape_and_determinism(stories):
    text = stories["8006651"]["text"]
    sig = signature(text)
    assert isinstance(sig, bytes) and len(sig) == 128 * 8
    assert sig == signature(text)
    assert similarity(sig, signature(text.upper())) == 1.0


def test_republished_copy_with_new_boilerplate_is_found(stories, index):
    rec = stories["8006651"]
    copy = (
        "Pakistan Train Siege: Full Report\n"
        "This article was republished from Voice of America under a public-domain licence. "
        "Follow our South Asia desk for more updates.\n"
        + rec["text"]
        + "\nShare this story with your friends. Subscribe to our newsletter for daily news "
        "from South Asia and around the world."
    )
    found = index.find_original(signature(copy))
    assert found is not None
    doc_id, score = found
    assert doc_id == "8006651" and 0.8 <= score <= 1.0


def test_saved_html_page_matches_its_jsonl_story(index):
    page = read_html((ROOT / "tests/fixtures/inputs/voa_train_attack.html").read_bytes(), "p")
    assert index.find_original(signature(page.text))[0] == "8006651"


def test_same_topic_different_stories_are_not_copies(stories):
    others = CopyIndex.from_signatures(
        (i, signature(stories[i]["text"])) for i in TRAIN_STORIES if i != "8006651"
    )
    assert others.find_original(signature(stories["8006651"]["text"])) is None
    for a in TRAIN_STORIES:
        for b in TRAIN_STORIES:
            if a < b:
                sim = similarity(signature(stories[a]["text"]), signature(stories[b]["text"]))
                assert sim < 0.5, (a, b, sim)


def test_no_voa_story_is_a_copy_of_another(stories, index):
    ids = sorted(stories)
    values = np.stack([np.frombuffer(signature(stories[i]["text"]), dtype=np.uint64) for i in ids])
    sims = (values[:, None, :] == values[None, :, :]).mean(axis=2)
    np.fill_diagonal(sims, 0.0)
    assert sims.max() < 0.5
    for doc_id in ids:  # each story finds itself and only itself
        assert index.find_original(signature(stories[doc_id]["text"])) == (doc_id, 1.0)


def test_add_replaces_and_ties_break_by_id(stories):
    sig = signature(stories["8010694"]["text"])
    idx = CopyIndex()
    idx.add("b", sig)
    idx.add("a", sig)
    idx.add("a", sig)
    assert len(idx) == 2
    assert idx.find_original(sig) == ("a", 1.0)
    assert idx.find_original(signature("")) is None
