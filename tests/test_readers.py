"""Readers on real files: the seed article, VOA stories as JSONL, HTML, RSS and Atom, bad inputs."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from sitroom.errors import ConfigError, InputError
from sitroom.ingest.base import (
    FailedInput,
    ReaderSettings,
    blocks_from_lines,
    decode_bytes,
    detect_language,
)
from sitroom.ingest.html import read_html
from sitroom.ingest.paths import iter_inputs
from sitroom.ingest.text import read_text
from sitroom.nlp.types import RawDocument

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus/demo/seed/000_f87ea5b6e03fbb1f.txt"
VOA = ROOT / "corpus/demo/voa/voa_stories.jsonl"
INPUTS = ROOT / "tests/fixtures/inputs"
SETTINGS = ReaderSettings()


def read_all(paths, **kw) -> list[RawDocument | FailedInput]:
    return list(iter_inputs([str(p) for p in paths], kw.pop("settings", SETTINGS), **kw))


def voa_records() -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, VOA.read_text(encoding="utf-8").splitlines())}


def block_at(doc: RawDocument, needle: str):
    pos = doc.text.index(needle)
    return next(b for b in doc.blocks if b.start <= pos < b.end)


def check_offsets(doc: RawDocument) -> None:
    for b in doc.blocks:
        assert 0 <= b.start < b.end <= len(doc.text)
        piece = doc.text[b.start : b.end]
        assert piece == piece.strip() and "\n" not in piece


# ---------------------------------------------------------------- seed (.txt)


def test_seed_headings_are_apart_from_sentences():
    [doc] = read_all([SEED])
    assert doc.text == SEED.read_text(encoding="utf-8")
    check_offsets(doc)
    heading = block_at(doc, "Historical Background")
    assert heading.kind == "heading"
    assert doc.text[heading.start : heading.end] == "Historical Background"
    assert "North Korea’s involvement" not in doc.text[heading.start : heading.end]
    assert block_at(doc, "North Korea’s involvement in the Russia").kind == "paragraph"
    assert block_at(doc, "Table of Contents").kind == "toc"
    assert block_at(doc, "FAQs").kind == "heading"
    questions = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "faq_question"]
    assert len(questions) == 5 and all(q.endswith("?") for q in questions)
    assert questions[0].startswith("What is the significance")
    assert block_at(doc, "A Long-Term Alliance?").kind == "heading"
    assert block_at(doc, "Recent intelligence reports indicate").kind == "paragraph"


def test_seed_outlet_no_title_no_invented_date():
    [doc] = read_all([SEED])
    assert doc.fmt == "text" and doc.origin == str(SEED)
    assert doc.outlet == "KumDi.com"
    assert block_at(doc, "KumDi.com").kind == "byline"
    assert doc.title is None  # the first line is a lead paragraph
    assert doc.blocks[0].kind == "paragraph"
    assert doc.published_at is None and doc.published_how == "unknown"
    assert doc.language == "en"


def test_cp1252_text_with_title_and_date_line():
    [doc] = read_all([INPUTS / "cyclone_cp1252.txt"])
    assert doc.title == "Cyclone Jude Batters Malawi and Mozambique"
    assert doc.blocks[0].kind == "title"
    assert doc.published_at == "2025-03-13" and doc.published_how == "text"
    assert "storm’s damage would be assessed “in the coming days.” Café" in doc.text
    check_offsets(doc)


def test_date_in_running_text_is_not_a_publication_date():
    text = "Troops Move North\nOn March 3, 2025, officials said troops had moved north.\n"
    doc = read_text(text.encode(), "t.txt")
    assert doc.published_at is None and doc.title == "Troops Move North"
    dateline = "Front Line Holds\nKYIV, Ukraine, March 3, 2025 (Reuters) — Russian forces attacked."
    assert read_text(dateline.encode(), "d.txt").published_at == "2025-03-03"


# ---------------------------------------------------------------- JSONL


def test_voa_jsonl_keeps_text_exactly():
    docs = read_all([VOA])
    recs = voa_records()
    assert len(docs) == 89 and all(isinstance(d, RawDocument) for d in docs)
    doc = next(d for d in docs if d.external_id == "8006651")
    rec = recs["8006651"]
    assert doc.text == rec["text"] and doc.title == rec["title"]
    assert doc.origin == f"{VOA}#30"
    assert doc.published_at == "2025-03-12T02:17:23Z" and doc.published_how == "metadata"
    assert doc.outlet == "Voice of America" and doc.url == rec["url"]
    assert doc.blocks == [blocks_from_lines(rec["text"])[0]]
    assert doc.blocks[0].kind == "paragraph" and doc.blocks[0].end == len(rec["text"])
    assert {d.language for d in docs} == {"en"}


def test_jsonl_bad_lines_fail_alone():
    docs = read_all([INPUTS / "mixed.jsonl"])
    origin = str(INPUTS / "mixed.jsonl")
    assert [d.origin for d in docs] == [f"{origin}#{n}" for n in (1, 2, 3, 4)]
    ok1, bad_json, no_text, alt = docs
    assert isinstance(ok1, RawDocument) and ok1.external_id == "8009027"
    assert isinstance(bad_json, FailedInput) and "not valid JSON" in bad_json.reason
    assert isinstance(no_text, FailedInput) and "no text" in no_text.reason
    assert isinstance(alt, RawDocument)
    assert alt.outlet == "Example Wire" and alt.published_at == "2025-03-14"
    assert alt.text == voa_records()["8010694"]["text"]


# ---------------------------------------------------------------- HTML


def test_html_page_main_text_and_metadata():
    [doc] = read_all([INPUTS / "voa_train_attack.html"])
    rec = voa_records()["8006651"]
    assert doc.fmt == "html"
    assert doc.title == rec["title"] and doc.url == rec["url"]
    assert doc.outlet == "Voice of America"
    assert doc.published_at == "2025-03-12T02:17:23Z" and doc.published_how == "metadata"
    check_offsets(doc)
    for boiler in (
        "Subscribe to the VOA newsletter",
        "Terms of Use",
        "dataLayer",
        "Related",
        "Share this",
    ):
        assert boiler not in doc.text
    assert block_at(doc, "BLA surges").kind == "heading"
    assert doc.text[block_at(doc, "BLA surges").start :].startswith("BLA surges\nAccording")
    first = block_at(doc, "Militants attacked a cross-country")
    assert first.kind == "paragraph"
    assert doc.text.endswith("VOA Urdu's Murtaza Zehri in Quetta contributed to this report.")


def test_broken_html_raises_input_error_naming_file():
    with pytest.raises(InputError) as err:
        read_html((INPUTS / "broken.html").read_bytes(), "broken.html")
    assert err.value.subject == "broken.html"
    assert "no article text was found" in err.value.message


# ---------------------------------------------------------------- feeds


def test_rss_feed_entries():
    docs = read_all([INPUTS / "voa_feed.rss"])
    recs = voa_records()
    assert len(docs) == 3 and all(isinstance(d, RawDocument) for d in docs)
    syria = docs[0]
    assert syria.origin.endswith("voa_feed.rss#1") and syria.fmt == "feed"
    assert syria.title == recs["8010694"]["title"] and syria.url == recs["8010694"]["url"]
    assert syria.outlet == "Voice of America"
    assert syria.published_at == "2025-03-14T14:23:08Z" and syria.published_how == "metadata"
    assert "<p>" not in syria.text and len(syria.blocks) > 1
    assert " ".join(syria.text.split("\n")) == recs["8010694"]["text"]
    check_offsets(syria)


def test_atom_feed_entries():
    docs = read_all([INPUTS / "voa_ukraine.atom"])
    assert [d.external_id for d in docs] == [
        "tag:voanews.com,2025:8010842",
        "tag:voanews.com,2025:8010030",
    ]
    assert docs[0].outlet == "VOA Ukraine"
    assert docs[1].published_at == "2025-03-13T21:46:06Z"
    assert " ".join(docs[0].text.split("\n")) == voa_records()["8010842"]["text"]


# ---------------------------------------------------------------- bad inputs in one batch


def test_bad_inputs_fail_alone_and_batch_goes_on(tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    not_feed = tmp_path / "data.xml"
    not_feed.write_text("<?xml version='1.0'?><catalog><book>x</book></catalog>")
    items = read_all([INPUTS, tmp_path / "missing.txt", pdf, not_feed, SEED])
    failed = {Path(i.origin).name: i.reason for i in items if isinstance(i, FailedInput)}
    assert failed["binary.txt"] == "binary file, not text"
    assert failed["empty.txt"] == "empty file"
    assert "no article text was found" in failed["broken.html"]
    assert "no such file" in failed["missing.txt"]
    assert "unsupported file type '.pdf'" in failed["report.pdf"]
    assert "not an RSS or Atom feed" in failed["data.xml"]
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert {d.fmt for d in docs} == {"text", "html", "jsonl", "feed"}
    assert docs[-1].origin == str(SEED)


def test_file_over_cap(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(21_000_000)
    [item] = read_all([big])
    assert item == FailedInput(
        str(big), "file is 21.0 MB, over the 20 MB cap (set ingest.max_bytes)"
    )
    [small] = read_all([SEED], settings=ReaderSettings(max_bytes=1_000))
    assert isinstance(small, FailedInput) and "over the 0.001 MB cap" in small.reason


def test_text_over_char_cap():
    [item] = read_all([SEED], settings=ReaderSettings(max_text_chars=100))
    assert isinstance(item, FailedInput) and "ingest.max_text_chars" in item.reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text("Some text.")
    locked.chmod(0)
    [item] = read_all([locked])
    assert isinstance(item, FailedInput) and "permission denied" in item.reason


def test_undecodable_and_binary_bytes():
    with pytest.raises(InputError, match="binary file"):
        decode_bytes((INPUTS / "binary.txt").read_bytes(), "binary.txt")
    assert decode_bytes("Київ".encode("utf-16"), "x") == "Київ"
    with pytest.raises(InputError, match="cannot decode text: not UTF-8"):
        decode_bytes(bytes(range(0x80, 0x100)) * 5, "garbled.txt")


def test_file_without_suffix_is_sniffed(tmp_path):
    plain = tmp_path / "story"
    plain.write_bytes(SEED.read_bytes())
    page = tmp_path / "page"
    page.write_bytes((INPUTS / "voa_train_attack.html").read_bytes())
    assert [d.fmt for d in read_all([plain, page])] == ["text", "html"]


def test_folder_skips_hidden_and_readme(tmp_path):
    (tmp_path / "README.md").write_text("# notes")
    (tmp_path / "CREDITS.txt").write_text("credits")
    (tmp_path / ".hidden.txt").write_text("hidden")
    sub = tmp_path / "b"
    sub.mkdir()
    (sub / "story.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "a.txt").write_text("Kyiv said on Monday that the front line held.")
    items = read_all([tmp_path])
    assert [Path(i.origin).name for i in items] == ["a.txt", "story.txt"]


# ---------------------------------------------------------------- stdin, overrides, language


def test_stdin_sniffs_formats():
    [seed] = read_all(["-"], stdin=io.BytesIO(SEED.read_bytes()))
    assert seed.origin == "stdin" and seed.fmt == "text" and seed.outlet == "KumDi.com"
    [page] = read_all(["-"], stdin=io.BytesIO((INPUTS / "voa_train_attack.html").read_bytes()))
    assert page.fmt == "html" and page.outlet == "Voice of America"
    feed = read_all(["-"], stdin=io.BytesIO((INPUTS / "voa_ukraine.atom").read_bytes()))
    assert [d.origin for d in feed] == ["stdin#1", "stdin#2"]
    lines = read_all(["-"], stdin=io.BytesIO((INPUTS / "mixed.jsonl").read_bytes()))
    assert [type(d).__name__ for d in lines] == [
        "RawDocument",
        "FailedInput",
        "FailedInput",
        "RawDocument",
    ]
    [empty] = read_all(["-"], stdin=io.BytesIO(b""))
    assert empty == FailedInput("stdin", "empty file")


def test_overrides():
    [doc] = read_all([SEED], override_published="2025-07-08", override_source="KumDi")
    assert doc.published_at == "2025-07-08" and doc.published_how == "supplied"
    assert doc.outlet == "KumDi"
    with pytest.raises(ConfigError):
        iter_inputs([str(SEED)], SETTINGS, override_published="last week")


def test_detect_language():
    assert detect_language(SEED.read_text(encoding="utf-8")) == "en"
    assert (
        detect_language(
            "Російські війська обстріляли Харків у понеділок, повідомила обласна адміністрація."
        )
        == "uk"
    )
    assert detect_language("Les forces russes ont bombardé la ville pendant la nuit.") == "fr"
    assert detect_language("1234 — 5678") is None


def test_single_line_is_one_paragraph():
    text = "Short Title Like Line"
    assert blocks_from_lines(text) == blocks_from_lines(text)
    [block] = blocks_from_lines(text)
    assert (block.kind, block.start, block.end) == ("paragraph", 0, len(text))
