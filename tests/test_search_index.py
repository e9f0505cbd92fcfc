"""The search index: the same as lunr's own builder makes, and queried as the site queries it."""

import json
import re

import pytest
from lunr import lunr

from conftest import ROOT, SEEDS
from generator.build import collect
from generator.search_format import decode, dumps, encode
from generator.search_index import FIELDS, PAGE_BOOST, build_index, search_entries
from generator.search_query import run_query, search

SOURCES = {"title": "title", "topics": "topic_names", "organization": "organization", "text": "text"}


@pytest.fixture(scope="module")
def sample():
    catalogue, _ = collect(SEEDS)
    entries = search_entries(catalogue, ROOT / "docs")
    return entries, build_index(entries)


def test_index_is_what_lunrs_default_builder_makes(sample):
    entries, index = sample
    # lunr's tokenizer splits at spaces only; give it the words already split.
    docs = [
        ({"ref": str(i), **{f: " ".join(re.split(r"\W+", e.get(SOURCES[f]) or "")) for f in FIELDS}},
         {"boost": PAGE_BOOST} if e["kind"] == "page" else {})
        for i, e in enumerate(entries)
    ]  # fmt: skip
    reference = lunr(ref="ref", fields=[{"field_name": f, "boost": b} for f, b in FIELDS.items()], documents=docs)
    assert dumps(index.serialize()) == dumps(reference.serialize())


def test_stored_index_loads_back_as_the_same_index(sample):
    entries, index = sample
    stored = encode(index, len(entries))
    head = json.loads(stored.head)
    assert head["shards"] == len(stored.shards) > 1
    index_again = decode(head, [json.loads(shard) for shard in stored.shards])
    assert dumps(index_again.serialize()) == dumps(index.serialize())
    # Each posting once: smaller than lunr's own serialisation, which has them twice.
    assert len(stored.head) + sum(map(len, stored.shards)) < len(dumps(index.serialize())) / 1.5


def test_every_paper_and_page_is_an_entry(sample):
    entries, _ = sample
    assert sum(e["kind"] == "paper" for e in entries) == 469
    urls = {e["url"] for e in entries}
    assert {"about/", "topics/", "topics/tabular-data/", "dates/", "dates/2025-05/"} <= urls
    assert all(not u.startswith("/") for u in urls)  # relative: works under any sub-path


def test_plain_words_prefer_papers_with_all_of_them(sample):
    entries, index = sample
    hits = search(index, entries, "entangled, high-impact components")
    assert hits[0].entry["url"] == "papers/safety-subspaces-are-not-distinct-a-fine-tuning-case-study/"
    assert len(hits) == 1  # only it has every word


def test_no_paper_with_every_word_falls_back_to_any_word(sample):
    entries, index = sample
    assert len(run_query(index, "forgetting zzzunknownword")) > 0


def test_lunr_syntax_and_broken_syntax(sample):
    entries, index = sample
    assert all("teach" in e.entry["title"].lower() for e in search(index, entries, "title:teaching"))
    assert search(index, entries, "title:") is not None  # unparsable: searched as plain words
    assert search(index, entries, "the of and") == []  # only stop words


def test_filters(sample):
    entries, index = sample
    everything = search(index, entries, "learning")
    coded = search(index, entries, "learning", code=True)
    of_2024 = search(index, entries, "learning", year=2024)
    distill = search(index, entries, "learning", topic="knowledge-distillation")
    assert 0 < len(coded) < len(everything) and all(h.entry["code"] for h in coded)
    assert 0 < len(of_2024) < len(everything) and all(h.entry["date"].startswith("2024-") for h in of_2024)
    assert 0 < len(distill) < len(everything)
    assert all("knowledge-distillation" in h.entry["topics"] for h in distill)


def test_split_at_every_non_word_character(sample):
    entries, index = sample
    slashed = [(e, m.group(1)) for e in entries if (m := re.search(r"[a-z]/([a-z]{5,})\b", e["text"]))]
    assert len(slashed) > 3
    for entry, word in slashed:  # e.g. "alignment/safety" is found by "safety"
        assert any(h.entry is entry for h in search(index, entries, word)), word
