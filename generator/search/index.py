"""The search index: lunr's, built once at build time, only loaded by lunr.js and the CLI.

The search files of one build, kept in the build cache (`.cache/generator/search/`)
and copied into the built site's `search/` folder with lunr.js:
- `index.json`, the head (search/format.py), which names its build: `"build": id`;
- in the folder `<id>/`: the index's shards `index-<k>.json`; `entries.json`, what
  a result shows (title, date, topics, upvotes, code) and what the filters need
  (a document's ref is its position in the entries); `abstracts.json`, the texts
  for the snippets, fetched only once the first results are on screen.
The id is a digest of every one of these files, so a file's name says what it
holds: a browser that revalidates the head (the page fetches it with
`cache: "no-cache"`) can never combine the head or entries of one build with
the shards of another. The index is only rebuilt when the entries or texts changed.

lunr.py out of the box took 25 s for 10,000 papers: it tokenises character by
character, stems the same words again and again, deep-copies metadata for every
token and inserts vector elements one by one with a binary search. Here each
distinct word goes through lunr's own trimmer, stop word filter and stemmer
once, and `index_files` scores the terms as lunr's Builder does; a test checks
that the result is byte for byte what lunr's default builder makes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
import shutil
from collections import Counter
from itertools import chain
from pathlib import Path

import mkdocs
from lunr.pipeline import Pipeline
from lunr.stemmer import stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.trimmer import trimmer

from .. import urls
from ..catalogue.filing import by_month, by_organization, month_title, newest_first, sort_date
from ..config import Settings
from ..model import Catalogue, Paper
from ..publish.cache import fingerprint
from ..publish.write import write_atomic
from ..runtime.memory import cycle_collector_paused
from ..words import words as split_words
from .format import StoredIndex, dumps, shard_file, stored

SEARCH_DIR = "search"
HEAD_FILE = "index.json"
ENTRIES_FILE = "entries.json"
ABSTRACTS_FILE = "abstracts.json"
STAMP_FILE = "made-by"  # in the cache only: the code that wrote the index
# Entry keys that are only indexed, never shown: left out of entries.json.
INDEX_ONLY = ("topic_names", "organization", "authors", "text")
# lunr.js 2.3.9 ships with MkDocs; the site's copy is taken from there.
LUNR_JS = Path(mkdocs.__file__).parent / "contrib" / "search" / "templates" / "search" / "lunr.js"
# Field name -> boost: a word in the title counts most.
FIELDS = {"title": 10, "topics": 3, "authors": 2, "organization": 2, "text": 1}
# A topic or month page named by the query should come before the papers in it.
PAGE_BOOST = 2


class Analyser:
    """Words -> index terms, through lunr's own pipeline, once per distinct word.

    Words are split at every non-word character (words.py), not only at spaces and
    hyphens as lunr's tokenizer does: "alignment/safety" must be found by "safety".
    """

    def __init__(self) -> None:
        self.pipeline = Pipeline()
        self.pipeline.add(trimmer, stop_word_filter, stemmer)
        self.terms: dict[str, list[str]] = {}

    def __call__(self, value: str) -> list[str]:
        words = split_words(value.lower())
        found = list(map(self.terms.get, words))  # most words were seen before
        if None in found:
            for k in [k for k, terms in enumerate(found) if terms is None]:
                terms = self.terms.get(words[k])
                if terms is None:
                    terms = self.terms[words[k]] = self.pipeline.run_string(words[k])
                found[k] = terms
        return list(chain.from_iterable(found))


# ---------------------------------------------------------------- entries


def paper_entry(paper: Paper, topic_names: dict[str, str]) -> dict:
    day: dt.date | None = sort_date(paper)
    return {
        "url": urls.url(urls.paper_page(paper.id)),
        "title": paper.title,
        "kind": "paper",
        "date": day.isoformat() if day else "",
        "dated": "published" if paper.published else ("captured" if day else ""),
        "topics": list(paper.topics),
        "topic_names": " ".join(topic_names[slug] for slug in paper.topics),
        "upvotes": paper.upvotes,
        "code": bool(paper.code),
        "organization": paper.organization or "",
        "authors": " ".join(paper.authors),
        "text": paper.abstract,
    }


def page_entry(url: str, title: str, body: str = "") -> dict:
    return {"url": url, "title": title, "kind": "page", "text": body}


def _markdown_text(path: Path) -> str:
    """A hand-written page's words, near enough: Markdown marks removed."""
    try:
        source = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    return " ".join(re.sub(r"[#*`>\[\]()_|-]+", " ", source).split())


def search_entries(catalogue: Catalogue, docs_dir: Path) -> list[dict]:
    """Papers first (newest first), then the topic, date and hand-written pages."""
    names = {t.slug: t.name for t in catalogue.taxonomy}
    entries = [paper_entry(p, names) for p in newest_first(catalogue.papers)]
    entries.append(page_entry(urls.url(urls.TOPIC_INDEX), "Topics", "Every topic and its papers"))
    for topic in catalogue.taxonomy:
        entries.append(page_entry(urls.url(urls.topic_page(topic.slug)), topic.name, topic.description))
    months, undated = by_month(catalogue.papers)
    entries.append(page_entry(urls.url(urls.DATE_INDEX), "Dates", "Papers by year and month"))
    for year in sorted({y for y, _ in months}, reverse=True):
        entries.append(page_entry(urls.url(urls.year_page(year)), str(year), f"Papers of {year}"))
    for year, month in sorted(months, reverse=True):
        title = month_title(year, month)
        entries.append(page_entry(urls.url(urls.month_page(year, month)), title, f"Papers of {title}"))
    if undated:
        entries.append(page_entry(urls.url(urls.UNDATED), "No known date", "Undated papers"))
    for handle, (name, _) in sorted(by_organization(catalogue.papers).items()):
        entries.append(page_entry(urls.url(urls.org_page(handle)), name, f"Papers of {name} ({handle})"))
    for hand_written in sorted(docs_dir.glob("*.md")):
        page = hand_written.name
        if page not in (urls.HOME, urls.SEARCH):
            title = hand_written.stem.replace("-", " ").capitalize()
            entries.append(page_entry(urls.url(page), title, _markdown_text(hand_written)))
    return entries


# ---------------------------------------------------------------- the index


# lunr's BM25 parameters (its Builder's defaults).
K1, B = 1.2, 0.75
# Where each indexed field's text comes from in an entry.
_FIELD_SOURCES = {
    "title": "title", "topics": "topic_names", "authors": "authors", "organization": "organization", "text": "text",
}  # fmt: skip


def _idf(holding: int, documents: int) -> float:
    """lunr's idf of a term that `holding` fields of all documents hold (lunr.idf)."""
    x = (documents - holding + 0.5) / (holding + 0.5)
    return math.log(1 + abs(x))


def index_files(entries: list[dict]) -> StoredIndex:
    """The stored index of the entries (a document's ref is its position): what
    `encode` makes of the index lunr's Builder builds from the same terms.

    Computed straight from each field's term counts: lunr's Builder keeps an
    object per posting, a string per field of every document and a vector per
    field, and builds a token set that is never stored, which made the index
    most of a large build's time and memory. Scores are computed as lunr
    computes them, operation for operation (BM25, rounded to 3 places), and
    terms are numbered as lunr numbers them: in order of first appearance by
    document, then field, then word. A test compares the bytes with lunr's.
    """
    analyse = Analyser()
    fields = list(FIELDS)
    documents = len(entries)
    # Pass 1: each field's length and term counts, and how many fields hold each term.
    lengths: list[list[int]] = [[] for _ in fields]
    counts: list[list[Counter]] = [[] for _ in fields]
    holding: Counter = Counter()  # its keys come in lunr's term order
    for entry in entries:
        for f, field in enumerate(fields):
            terms = analyse(entry.get(_FIELD_SOURCES[field]) or "")
            lengths[f].append(len(terms))
            counts[f].append(Counter(terms))
            holding.update(counts[f][-1].keys())
    terms = list(holding)
    number_idf = {term: (i, _idf(n, documents)) for i, (term, n) in enumerate(holding.items())}
    boosts = [PAGE_BOOST if entry["kind"] == "page" else 1 for entry in entries]
    # Pass 2: the scores, field by field, refs ascending within each posting list.
    postings: list[list[list]] = [[[] for _ in fields] for _ in terms]
    for f, field in enumerate(fields):
        average = sum(lengths[f]) / documents
        for ref, (length, term_counts) in enumerate(zip(lengths[f], counts[f])):
            if not term_counts:
                continue
            norm = K1 * (1 - B + B * (length / average))
            field_boost, doc_boost = FIELDS[field], boosts[ref]
            for term, tf in term_counts.items():
                i, idf = number_idf[term]
                score = idf * ((K1 + 1) * tf) / (norm + tf)
                score *= field_boost
                score *= doc_boost
                postings[i][f] += (ref, round(score, 3))
        counts[f] = []  # done with: free it before the next field
    search_pipeline = Pipeline()
    search_pipeline.add(stemmer)  # queries are stemmed; documents were analysed above
    return stored(terms, fields, search_pipeline.serialize(), documents, postings)


def _build_id(files: StoredIndex, entries_json: bytes, abstracts_json: bytes) -> str:
    """A digest of every search file of a build: the name of their folder."""
    digest = hashlib.sha1(dumps(files.head).encode("utf-8"))
    for part in (*files.shards, entries_json, abstracts_json):
        digest.update(b"\0%d\0" % len(part))
        digest.update(part)
    return digest.hexdigest()[:16]


def _is_current(folder: Path, made_by: bytes, entries_json: bytes, abstracts_json: bytes) -> bool:
    """Whether the cache holds the complete files of these entries, made by this code."""
    try:
        head = json.loads((folder / HEAD_FILE).read_bytes())
        build = folder / head["build"]
        return (
            (folder / STAMP_FILE).read_bytes() == made_by
            and (build / ENTRIES_FILE).read_bytes() == entries_json
            and (build / ABSTRACTS_FILE).read_bytes() == abstracts_json
            and all((build / shard_file(k)).is_file() for k in range(head["shards"]))
        )
    except (OSError, ValueError, KeyError, TypeError):
        return False


def update_index(catalogue: Catalogue, settings: Settings) -> bool:
    """Write the search files into the cache; True if the index was rebuilt."""
    folder = settings.cache / SEARCH_DIR
    entries = search_entries(catalogue, settings.docs)
    shown = [{k: v for k, v in entry.items() if k not in INDEX_ONLY} for entry in entries]
    topics = {t.slug: t.name for t in catalogue.taxonomy}
    entries_json = dumps({"topics": topics, "entries": shown}).encode("utf-8")
    abstracts_json = dumps([entry["text"] for entry in entries]).encode("utf-8")
    # The code that made the index is part of what must match: a new index format or
    # a new scoring must not be hidden behind unchanged entries.
    made_by = fingerprint(b"").encode()
    if _is_current(folder, made_by, entries_json, abstracts_json):
        return False
    with cycle_collector_paused():
        files = index_files(entries)
    build = _build_id(files, entries_json, abstracts_json)
    for k, shard in enumerate(files.shards):
        write_atomic(folder / build / shard_file(k), shard)
    write_atomic(folder / build / ABSTRACTS_FILE, abstracts_json)
    write_atomic(folder / build / ENTRIES_FILE, entries_json)
    write_atomic(folder / STAMP_FILE, made_by)
    # The head last: it is what says the build's files are complete.
    write_atomic(folder / HEAD_FILE, dumps({**files.head, "build": build}).encode("utf-8"))
    for old in folder.iterdir():  # earlier builds' files
        if old.is_dir() and old.name != build:
            shutil.rmtree(old, ignore_errors=True)
    return True


def has_index(cache_dir: Path) -> bool:
    return (cache_dir / SEARCH_DIR / HEAD_FILE).is_file()


def publish(cache_dir: Path, site_dir: Path) -> None:
    """Copy the search files of the last index built, and lunr.js, into the built site."""
    source, target = cache_dir / SEARCH_DIR, site_dir / SEARCH_DIR
    head = json.loads((source / HEAD_FILE).read_bytes())
    build = head["build"]
    (target / build).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / HEAD_FILE, target / HEAD_FILE)
    for name in (ENTRIES_FILE, ABSTRACTS_FILE, *map(shard_file, range(head["shards"]))):
        shutil.copyfile(source / build / name, target / build / name)
    shutil.copyfile(LUNR_JS, target / "lunr.js")
