"""The search index: lunr's, built once at build time, only loaded by lunr.js and the CLI.

The search files of one build, kept in the build cache (`.cache/generator/search/`)
and linked into the built site's `search/` folder with lunr.js:
- `index.json`, the head (search/format.py), which names its build (`"build": id`)
  and holds the topics' names and the refs of each year's papers;
- in the folder `<id>/`: the index's shards, segments and term list
  (search/format.py); `f/<ref>.json`, one per document, what its result shows
  (title, date, topics, upvotes, code, the text for the snippet) and its
  entries of common terms; `facets.json`, the refs of the papers with code and
  of each topic, fetched only when the filters are used.
Nothing a query fetches holds something of every paper: a result costs its own
file. The id is a digest of every one of these files, so a file's name says
what it holds: a browser that revalidates the head (the page fetches it with
`cache: "no-cache"`) can never combine the head of one build with the files of
another. The index is only rebuilt when the entries changed; the cache's
`entries.json` (every entry as its result shows it) is for the terminal.

lunr.py out of the box took 25 s for 10,000 papers: it tokenises character by
character, stems the same words again and again, deep-copies metadata for every
token and inserts vector elements one by one with a binary search. Here each
distinct word goes through lunr's own trimmer, stop word filter and stemmer
once, and `postings` scores the terms as lunr's Builder does; a test checks
that the result is exactly what lunr's default builder makes.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import math
import os
import re
import shutil
from array import array
from contextlib import contextmanager
from pathlib import Path

import mkdocs
import numpy as np
from lunr.pipeline import Pipeline
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
from .format import TERMS_FILE, Postings, StoredIndex, dumps, encode_set, firsts, shard_file, stored
from .stemmer import LABEL, stemmer

SEARCH_DIR = "search"
HEAD_FILE = "index.json"
ENTRIES_FILE = "entries.json"  # in the cache only: what the terminal's results show
FACETS_FILE = "facets.json"
FRAGMENTS_DIR = "f"
# arXiv id -> ref, filed by the id's first seven characters (`a/2511.01.json`): a
# pasted id fetches one small file (search/query.py `arxiv_id`).
ARXIV_DIR = "a"
STAMP_FILE = "made-by"  # in the cache only: the code that wrote the index
MANIFEST_FILE = "files.json"  # in a build's folder: each of its files and its size
LOCK_FILE = ".lock"  # builds in one folder take turns at the index (README: "Building fast")
# Entry keys that are only indexed, never shown: left out of entries.json and
# of the results' files (which have the text, for the snippet).
INDEX_ONLY = ("topic_names", "organization", "authors", "text")
# lunr.js 2.3.9 ships with MkDocs; the site's copy is taken from there.
LUNR_JS = Path(mkdocs.__file__).parent / "contrib" / "search" / "templates" / "search" / "lunr.js"
# Field name -> boost: a word in the title counts most.
FIELDS = {"title": 10, "topics": 3, "authors": 2, "organization": 2, "text": 1}
# A topic or month page named by the query should come before the papers in it.
PAGE_BOOST = 2


NO_TERM = -1


class Analyser:
    """Text -> the numbers of its index terms, through lunr's own pipeline, once per
    distinct word; terms are numbered in order of first appearance, as lunr's
    Builder numbers them.

    Words are split at every non-word character (words.py), not only at spaces and
    hyphens as lunr's tokenizer does: "alignment/safety" must be found by "safety";
    and stemmed as lunr.js stems the page's queries (search/stemmer.py).
    """

    def __init__(self) -> None:
        self.pipeline = Pipeline()
        self.pipeline.add(trimmer, stop_word_filter, stemmer)
        self.number: dict[str, int] = {}  # term -> its number
        self.ids: dict[str, int] = {}  # word -> its term's number, NO_TERM for a stop word

    def __call__(self, value: str) -> list[int]:
        """The number of each word's term, NO_TERM for the words that have none."""
        words = split_words(value.lower())
        found = list(map(self.ids.get, words))  # most words were seen before
        if None in found:
            number = self.number
            for k in [k for k, id_ in enumerate(found) if id_ is None]:
                id_ = self.ids.get(words[k])
                if id_ is None:
                    terms = self.pipeline.run_string(words[k])  # (one word: one term or none)
                    id_ = self.ids[words[k]] = (
                        number.setdefault(terms[0], len(number)) if terms else NO_TERM
                    )
                found[k] = id_
        return found


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
        "byline": paper.byline(),
        "arxiv": paper.arxiv_id or "",
        # (Hugging Face's summary first: the snippet a result shows starts with it.)
        "text": paper.abstract
        if paper.ai_summary in (None, paper.abstract)
        else f"{paper.ai_summary} {paper.abstract}",
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
        entries.append(
            page_entry(urls.url(urls.topic_page(topic.slug)), topic.name, topic.description)
        )
    months, undated = by_month(catalogue.papers)
    entries.append(page_entry(urls.url(urls.DATE_INDEX), "Dates", "Papers by year and month"))
    for year in sorted({y for y, _ in months}, reverse=True):
        entries.append(page_entry(urls.url(urls.year_page(year)), str(year), f"Papers of {year}"))
    for year, month in sorted(months, reverse=True):
        title = month_title(year, month)
        entries.append(
            page_entry(urls.url(urls.month_page(year, month)), title, f"Papers of {title}")
        )
    if undated:
        entries.append(page_entry(urls.url(urls.UNDATED), "No known date", "Undated papers"))
    for handle, (name, _) in sorted(by_organization(catalogue.papers).items()):
        entries.append(
            page_entry(urls.url(urls.org_page(handle)), name, f"Papers of {name} ({handle})")
        )
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
    "title": "title",
    "topics": "topic_names",
    "authors": "authors",
    "organization": "organization",
    "text": "text",
}


def _idf(holding: int, documents: int) -> float:
    """lunr's idf of a term that `holding` fields of all documents hold (lunr.idf)."""
    x = (documents - holding + 0.5) / (holding + 0.5)
    return math.log(1 + abs(x))


def _milli(scores: np.ndarray) -> np.ndarray:
    """round(score, 3) × 1000 as integers, exactly as Python rounds each score."""
    scaled = scores * 1000
    milli = np.rint(scaled).astype(np.int64)
    # Where scaling moved a score near a half, ask Python's correctly rounded round().
    near = np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6)
    milli[near] = [round(round(float(scores[i]), 3) * 1000) for i in near]
    return milli


def postings(entries: list[dict]) -> Postings:
    """Every posting lunr's Builder makes of the entries (a document's ref is its
    position), with the score it computes.

    Computed straight from each field's term counts, with numpy: lunr's Builder
    keeps an object per posting and a vector per field, which made the index
    most of a large build's time and memory. Scores are computed as lunr
    computes them, operation for operation (BM25, rounded to 3 places), and
    terms are numbered as lunr numbers them: in order of first appearance by
    document, then field, then word. A test compares the result with lunr's.
    """
    analyse = Analyser()
    fields = list(FIELDS)
    documents = len(entries)
    tokens = [array("i") for _ in fields]  # (term numbers: 4 bytes each is plenty)
    lengths = [array("q") for _ in fields]
    for entry in entries:
        for f, field in enumerate(fields):
            found = analyse(entry.get(_FIELD_SOURCES[field]) or "")
            tokens[f].extend(found)
            lengths[f].append(len(found) - found.count(NO_TERM))
    terms = list(analyse.number)
    n_terms, n_fields = len(terms), len(fields)
    length = np.array([np.frombuffer(counts, np.int64) for counts in lengths]).reshape(
        n_fields, documents
    )
    # Each token as one number that orders by term, ref, field: a run of equal
    # numbers is one posting, its length the term's frequency in the field.
    # (Filled in place, a field at a time: a list of the fields' keys joined took twice the memory.)
    key = np.empty(int(length.sum()), np.int64)
    at = 0
    for f in range(n_fields):
        found = np.frombuffer(tokens[f], np.int32)
        part = key[at : at + int(length[f].sum())]
        part[:] = found[found != NO_TERM]
        part *= documents
        part += np.repeat(np.arange(documents, dtype=np.int64), length[f])
        part *= n_fields
        part += f
        at += len(part)
        tokens[f] = found = None  # done with: free it before the next field
    key.sort()
    first = firsts(key)
    tf = np.diff(np.r_[first, len(key)])
    term, rest = np.divmod(key[first], max(documents * n_fields, 1))
    del key
    ref, field = np.divmod(rest, n_fields)
    del rest
    # (Kept to the end of the index: narrower numbers take a third of the memory.)
    term, ref, field = term.astype(np.int32), ref.astype(np.int32), field.astype(np.int8)
    idf = np.array(
        [_idf(int(h), documents) for h in np.bincount(term, minlength=n_terms)], np.float64
    )
    boosts = np.array(
        [PAGE_BOOST if entry["kind"] == "page" else 1 for entry in entries], np.float64
    )
    with np.errstate(invalid="ignore", divide="ignore"):  # (a field empty everywhere)
        average = length.sum(axis=1) / documents
        norm = K1 * (1 - B + B * (length / average[:, None]))
    score = idf[term] * ((K1 + 1) * tf) / (norm[field, ref] + tf)
    score *= np.array([FIELDS[name] for name in fields], np.float64)[field]
    score *= boosts[ref]
    return Postings(terms, fields, documents, term, ref, field, _milli(score))  # (in order already)


def search_pipeline() -> list[str]:
    """Queries are stemmed (search/stemmer.py); documents were analysed by `Analyser`."""
    return [LABEL]


def index_files(entries: list[dict]) -> StoredIndex:
    """The stored index of the entries (search/format.py)."""
    return stored(postings(entries), search_pipeline())


# ---------------------------------------------------------------- the files


def _year_runs(entries: list[dict]) -> list[list]:
    """[year, first ref, end ref] of each run of entries of one year (papers are newest first)."""
    runs: list[list] = []
    for ref, entry in enumerate(entries):
        year = (entry.get("date") or "")[:4]
        if not year:
            continue
        if runs and runs[-1][0] == year and runs[-1][2] == ref:
            runs[-1][2] = ref + 1
        else:
            runs.append([year, ref, ref + 1])
    return runs


def _facets(entries: list[dict], topics: dict[str, str]) -> bytes:
    """The refs of the papers with code and of each topic's papers, for the filters."""
    code: list[int] = []
    of_topic: dict[str, list[int]] = {slug: [] for slug in topics}
    for ref, entry in enumerate(entries):
        if entry.get("code"):
            code.append(ref)
        for slug in entry.get("topics", ()):
            of_topic[slug].append(ref)

    def stored(refs: list[int]) -> str:
        return encode_set(np.array(refs, np.int64), len(entries))

    facets = {
        "code": stored(code),
        "topics": {slug: stored(refs) for slug, refs in of_topic.items()},
    }
    return dumps(facets).encode("utf-8")


def _fragment(shown: dict, text: str, terms: str) -> bytes:
    """A result's file: what it shows, the text for its snippet, the entries of
    its segmented terms."""
    return dumps({**shown, "text": text, "terms": terms}).encode("utf-8")


def _arxiv_files(entries: list[dict]) -> dict[str, bytes]:
    """`<first seven characters>.json` -> {arXiv id: ref} of the papers with one."""
    filed: dict[str, dict[str, int]] = {}
    for ref, entry in enumerate(entries):
        if entry.get("arxiv"):
            filed.setdefault(f"{entry['arxiv'][:7]}.json", {})[entry["arxiv"]] = ref
    return {name: dumps(ids).encode("utf-8") for name, ids in sorted(filed.items())}


def _build_id(files: StoredIndex, rest: list[bytes]) -> str:
    """A digest of every search file of a build: the name of their folder."""
    digest = hashlib.sha1(dumps(files.head).encode("utf-8"))
    for part in (
        *files.shards,
        *(files.segments[k] for k in sorted(files.segments)),
        files.terms,
        *rest,
    ):
        digest.update(b"\0%d\0" % len(part))
        digest.update(part)
    return digest.hexdigest()[:16]


def _is_current(folder: Path, made_by: bytes, entries_json: bytes) -> bool:
    """Whether the cache holds the complete files of these entries, made by this code."""
    try:
        head = json.loads((folder / HEAD_FILE).read_bytes())
        return (
            (folder / STAMP_FILE).read_bytes() == made_by
            and (folder / ENTRIES_FILE).read_bytes() == entries_json
            and is_complete(folder / head["build"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        return False


def is_complete(build: Path, manifest_of: Path | None = None) -> bool:
    """Whether a build's folder holds every file its manifest (the one in
    `manifest_of`, else its own) names, each of its size: a file deleted or cut
    short (a full disk, a hand, another build) is seen."""
    try:
        manifest = json.loads(((manifest_of or build) / MANIFEST_FILE).read_bytes())
        return all(os.stat(build / name).st_size == size for name, size in manifest.items())
    except (OSError, ValueError, AttributeError, TypeError):
        return False


@contextmanager
def taking_turns(folder: Path):
    """An exclusive lock on `folder`: two builds in one project folder make and
    publish the search files one after the other, never both at once."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_FILE, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _write_new(path: Path, content: bytes, manifest: dict[str, int], name: str) -> None:
    """A file of a build's own folder, which nothing reads before the head names it."""
    with open(path, "wb") as handle:
        handle.write(content)
    manifest[name] = len(content)


def update_index(
    catalogue: Catalogue, settings: Settings, entries: list[dict] | None = None
) -> bool:
    """Write the search files into the cache; True if the index was rebuilt.
    `entries`: the catalogue's search_entries, if made already."""
    folder = settings.cache / SEARCH_DIR
    if entries is None:
        entries = search_entries(catalogue, settings.docs)
    topics = {t.slug: t.name for t in catalogue.taxonomy}
    shown = [{k: v for k, v in entry.items() if k not in INDEX_ONLY} for entry in entries]
    # Only the terminal reads this (python -m generator search): it is not published.
    entries_json = dumps({"topics": topics, "entries": shown}).encode("utf-8")
    # The code that made the index is part of what must match: a new index format or
    # a new scoring must not be hidden behind unchanged entries.
    made_by = fingerprint(b"").encode()
    with taking_turns(folder):
        return _update(folder, entries, shown, topics, entries_json, made_by)


def _update(
    folder: Path,
    entries: list[dict],
    shown: list[dict],
    topics: dict,
    entries_json: bytes,
    made_by: bytes,
) -> bool:
    if _is_current(folder, made_by, entries_json):
        return False
    with cycle_collector_paused():
        files = index_files(entries)
        fragments = [
            _fragment(result, entry["text"], terms)
            for result, entry, terms in zip(shown, entries, files.documents)
        ]
    facets = _facets(entries, topics)
    arxiv = _arxiv_files(entries)
    build = _build_id(files, [*fragments, facets, *(arxiv[k] for k in sorted(arxiv))])
    # Written beside, then renamed into place whole: a build cut short never
    # leaves a folder that could be taken for the index.
    partial = folder / f".{build}.{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    (partial / FRAGMENTS_DIR).mkdir(parents=True)
    manifest: dict[str, int] = {}
    for k, shard in enumerate(files.shards):
        _write_new(partial / shard_file(k), shard, manifest, shard_file(k))
    for name, segment in files.segments.items():
        _write_new(partial / name, segment, manifest, name)
    _write_new(partial / TERMS_FILE, files.terms, manifest, TERMS_FILE)
    for ref, fragment in enumerate(fragments):
        _write_new(
            partial / FRAGMENTS_DIR / f"{ref}.json",
            fragment,
            manifest,
            f"{FRAGMENTS_DIR}/{ref}.json",
        )
    _write_new(partial / FACETS_FILE, facets, manifest, FACETS_FILE)
    (partial / ARXIV_DIR).mkdir()
    for name, ids in arxiv.items():
        _write_new(partial / ARXIV_DIR / name, ids, manifest, f"{ARXIV_DIR}/{name}")
    _write_new(partial / MANIFEST_FILE, dumps(manifest).encode("utf-8"), {}, MANIFEST_FILE)
    target = folder / build
    shutil.rmtree(target, ignore_errors=True)  # (a damaged folder of the same files)
    os.replace(partial, target)
    write_atomic(folder / ENTRIES_FILE, entries_json)
    write_atomic(folder / STAMP_FILE, made_by)
    # The head last: it is what says the build's files are complete.
    head = {**files.head, "build": build, "shards": len(files.shards), "topics": topics,
            "years": _year_runs(entries)}  # fmt: skip
    write_atomic(folder / HEAD_FILE, dumps(head).encode("utf-8"))
    for old in folder.iterdir():  # earlier builds' files, and folders cut short
        if old.is_dir() and old.name != build:
            shutil.rmtree(old, ignore_errors=True)
    return True


def has_index(cache_dir: Path) -> bool:
    return (cache_dir / SEARCH_DIR / HEAD_FILE).is_file()


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)  # the cache's files never change: a link is a copy
    except OSError:
        shutil.copy2(source, target)


class DamagedIndex(Exception):
    """The cache's search files are not whole: nothing is published."""


def publish(cache_dir: Path, site_dir: Path) -> None:
    """Put the search files of the last index built, and lunr.js, into the built site;
    DamagedIndex if the cache's are not whole (the site's search is never partial)."""
    source, target = cache_dir / SEARCH_DIR, site_dir / SEARCH_DIR
    with taking_turns(source):
        head = json.loads((source / HEAD_FILE).read_bytes())
        build = head["build"]
        if not is_complete(source / build):
            raise DamagedIndex(
                f"{source / build}: search files missing or cut short; delete the cache and build "
                "again"
            )
        target.mkdir(parents=True, exist_ok=True)
        for old in target.iterdir():  # what an earlier build published (and copies cut short)
            if old.is_dir() and old.name != build:
                shutil.rmtree(old, ignore_errors=True)
        if not is_complete(target / build, manifest_of=source / build):
            # Beside it first, then renamed: a copy cut short is never taken for the whole.
            # (The manifest stays in the cache: no visitor needs it.)
            partial = target / f".{build}.{os.getpid()}"
            shutil.rmtree(partial, ignore_errors=True)
            shutil.copytree(source / build, partial, copy_function=_link_or_copy,
                            ignore=shutil.ignore_patterns(MANIFEST_FILE))  # fmt: skip
            shutil.rmtree(target / build, ignore_errors=True)
            os.replace(partial, target / build)
        shutil.copyfile(source / HEAD_FILE, target / HEAD_FILE)
        shutil.copyfile(LUNR_JS, target / "lunr.js")
