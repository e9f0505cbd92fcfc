"""The search index: the same as lunr's own builder makes, and queried as the site queries it."""

import json
import random
import re

import pytest
from conftest import ROOT, SEEDS, collect
from lunr.builder import Builder
from lunr.stop_word_filter import stop_word_filter
from lunr.trimmer import trimmer

from generator.search import format
from generator.search.format import StoredIndex, decode, dumps, from_lunr, stored
from generator.search.index import FIELDS, PAGE_BOOST, index_files, search_entries, search_pipeline
from generator.search.query import run_query, search
from generator.search.stemmer import stemmer

SOURCES = {
    "title": "title",
    "topics": "topic_names",
    "authors": "authors",
    "organization": "organization",
    "text": "text",
}


def lunrs_own(entries: list[dict]):
    """The index lunr's default builder makes of the entries."""
    # lunr's tokenizer splits at spaces only; give it the words already split.
    docs = [
        (
            {
                "ref": str(i),
                **{f: " ".join(re.split(r"\W+", e.get(SOURCES[f]) or "")) for f in FIELDS},
            },
            {"boost": PAGE_BOOST} if e["kind"] == "page" else {},
        )
        for i, e in enumerate(entries)
    ]
    builder = Builder()  # lunr's default builder, with the stemmer lunr.js has
    builder.pipeline.add(trimmer, stop_word_filter, stemmer)
    builder.search_pipeline.add(stemmer)
    builder.ref("ref")
    for field, boost in FIELDS.items():
        builder.field(field, boost=boost)
    for doc, attributes in docs:
        builder.add(doc, attributes)
    return builder.build()


def encode(index, documents: int) -> StoredIndex:
    """The files of a lunr.py index, stored as the generator stores its own."""
    return stored(from_lunr(index, documents), search_pipeline())


def loaded(files: StoredIndex):
    return decode(files.head, [json.loads(shard) for shard in files.shards], files.segments)


@pytest.fixture(scope="module")
def sample():
    catalogue, _ = collect(SEEDS)
    entries = search_entries(catalogue, ROOT / "docs")
    return entries, index_files(entries)


@pytest.fixture(scope="module")
def searchable(sample):
    """The entries and the index as the CLI loads it from the stored files."""
    entries, files = sample
    return entries, loaded(files)


def test_index_is_what_lunrs_default_builder_makes(sample):
    entries, files = sample
    reference = encode(lunrs_own(entries), len(entries))
    assert files.head == reference.head
    assert files.shards == reference.shards
    assert files.segments == reference.segments
    assert files.documents == reference.documents


def test_index_is_lunrs_on_other_entries(sample):
    """Entries of the sample's words drawn at random: other lengths, term
    orders and counts, empty fields, pages with their boost."""
    entries, _ = sample
    words = " ".join(e["text"] for e in entries).split()
    draw = random.Random(5)
    made = [
        {
            "kind": draw.choice(["paper"] * 9 + ["page"]),
            "title": " ".join(draw.choices(words, k=draw.randrange(0, 12))),
            "topic_names": " ".join(
                draw.choices(["Robotics", "Agents", "Safety"], k=draw.randrange(0, 3))
            ),
            "organization": draw.choice(["", "", "Google DeepMind", "Tsinghua University"]),
            "authors": draw.choice(["", "Ada Lovelace Alan Turing", "Grace Hopper"]),
            "text": " ".join(draw.choices(words, k=draw.randrange(0, 300))),
        }
        for _ in range(500)
    ]
    assert index_files(made) == encode(lunrs_own(made), len(made))


@pytest.mark.parametrize("chunk", [1, 7, 250])
def test_index_encoded_a_slice_at_a_time_is_the_same(sample, monkeypatch, chunk):
    """The entries are encoded a slice of whole terms (and of whole documents) at
    a time, to bound the arrays: small slices, with many segmented terms and
    per-document entries, give the same files as one slice."""
    entries, _ = sample
    monkeypatch.setattr(format, "SEGMENT", 3)
    monkeypatch.setattr(format, "GROWTH", 2)
    whole = index_files(entries)
    assert whole.segments and sum(map(bool, whole.documents)) > 400
    monkeypatch.setattr(format, "CHUNK", chunk)
    assert index_files(entries) == whole


def test_stored_index_loads_back_as_the_same_index(sample):
    entries, files = sample
    reference = lunrs_own(entries)
    assert len(files.head["starts"]) == len(files.shards) - 1 > 0 and files.segments
    assert dumps(loaded(files).serialize()) == dumps(reference.serialize())
    # Each posting once: smaller than lunr's own serialisation, which has them twice.
    size = (
        len(dumps(files.head))
        + sum(map(len, files.shards))
        + sum(map(len, files.segments.values()))
    )
    assert size < len(dumps(reference.serialize())) / 1.5


def test_every_paper_and_page_is_an_entry(sample):
    entries, _ = sample
    assert sum(e["kind"] == "paper" for e in entries) == 469
    urls = {e["url"] for e in entries}
    assert {"about/", "topics/", "topics/tabular-data/", "dates/", "dates/2025-05/"} <= urls
    assert all(not u.startswith("/") for u in urls)  # relative: works under any sub-path


def test_plain_words_prefer_papers_with_all_of_them(searchable):
    entries, index = searchable
    hits = search(index, entries, "entangled, high-impact components")
    assert (
        hits[0].entry["url"] == "papers/safety-subspaces-are-not-distinct-a-fine-tuning-case-study/"
    )
    assert len(hits) == 1  # only it has every word


def test_no_paper_with_every_word_falls_back_to_any_word(searchable):
    entries, index = searchable
    assert len(run_query(index, "forgetting zzzunknownword")) > 0


def test_lunr_syntax_and_broken_syntax(searchable):
    entries, index = searchable
    assert all(
        "teach" in e.entry["title"].lower() for e in search(index, entries, "title:teaching")
    )
    assert search(index, entries, "title:") is not None  # unparsable: searched as plain words
    assert search(index, entries, "the of and") == []  # only stop words


def test_filters(searchable):
    entries, index = searchable
    everything = search(index, entries, "learning")
    coded = search(index, entries, "learning", code=True)
    of_2024 = search(index, entries, "learning", year=2024)
    distill = search(index, entries, "learning", topic="knowledge-distillation")
    assert 0 < len(coded) < len(everything) and all(h.entry["code"] for h in coded)
    assert 0 < len(of_2024) < len(everything) and all(
        h.entry["date"].startswith("2024-") for h in of_2024
    )
    assert 0 < len(distill) < len(everything)
    assert all("knowledge-distillation" in h.entry["topics"] for h in distill)


def test_split_at_every_non_word_character(searchable):
    entries, index = searchable
    slashed = [
        (e, m.group(1)) for e in entries if (m := re.search(r"[a-z]/([a-z]{5,})\b", e["text"]))
    ]
    assert len(slashed) > 3
    for entry, word in slashed:  # e.g. "alignment/safety" is found by "safety"
        assert any(h.entry is entry for h in search(index, entries, word)), word
