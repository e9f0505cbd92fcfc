"""Querying the search index, from the terminal (`python -m generator search`)
with the same rules as the site's search box (docs/assets/search-index.js)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from lunr.exceptions import QueryParseError
from lunr.index import Index
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token

from ..words import words as split_words
from .format import decode, shard_file
from .index import ENTRIES_FILE, HEAD_FILE, SEARCH_DIR


@dataclass(frozen=True)
class Hit:
    entry: dict
    score: float
    forgiven: bool = False  # found by words like the query's, none as typed


# Punctuation pasted with a phrase ("entangled, high-impact") would stay in
# the terms: anything but words and lunr's query syntax becomes a space.
_PUNCTUATION = re.compile(r"[^\w\s+\-:*~^]")
_SYNTAX = re.compile(r"(?:^|\s)[+-]|[:*~^]")
_SYNTAX_CHARS = re.compile(r"[:~^+\-*]")
# A fuzzy term's edit distance grows the terms it reaches, and the time, without
# bound (`foo~100` ran a minute and took 4 GB): two edits at most, as lunr's docs use.
MAX_EDIT_DISTANCE = 2
_FUZZY = re.compile(r"~(\d+)")
MAX_QUERY_CHARS = 500  # a query longer than this is cut
# A pasted arXiv id, bare or as its arXiv or Hugging Face address (docs/assets/search-index.js
# has the same): the paper it names, if the catalogue has it, is the one result.
ARXIV_QUERY = re.compile(
    r"\s*(?:arxiv:\s*|(?:https?://)?(?:www\.)?(?:arxiv\.org/(?:abs|pdf)|huggingface\.co/papers)/)?"
    r"(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?/?\s*",
    re.IGNORECASE,
)


def arxiv_id(query: str) -> str | None:
    """The arXiv id a query is, if it is one."""
    found = ARXIV_QUERY.fullmatch(query)
    return found.group(1) if found else None


def forgiving(word: str) -> str:
    """A word as a fuzzy term, for a query that found nothing: one edit from
    four letters on, two from eight (`difusion` finds diffusion)."""
    if len(word) >= 8:
        return f"{word}~2"
    return f"{word}~1" if len(word) >= 4 else word


def bounded(query: str) -> str:
    """The query cut to MAX_QUERY_CHARS, each fuzzy term's edit distance to MAX_EDIT_DISTANCE."""
    return _FUZZY.sub(
        lambda m: f"~{min(int(m.group(1)), MAX_EDIT_DISTANCE)}", query[:MAX_QUERY_CHARS]
    )


def run_query(index: Index, query: str) -> list[dict]:
    """Plain words: papers with every word first (all of them, else any of them).
    A query in lunr's syntax (`+must -not title:word learn*`) is run as written,
    or as plain words if lunr cannot parse it.

    docs/assets/search-index.js does exactly the same, so both rank alike."""
    return _matches(index, query)[0]


def _matches(index: Index, query: str) -> tuple[list[dict], bool]:
    """run_query's matches, and whether they are of words like the query's."""
    query = bounded(_PUNCTUATION.sub(" ", query))
    if _SYNTAX.search(query):
        try:
            return index.search(query), False
        except QueryParseError:
            query = _SYNTAX_CHARS.sub(" ", query)
    words = [w for w in split_words(query.lower()) if stop_word_filter(Token(w))]
    if not words:
        return [], False
    found = index.search(" ".join("+" + w for w in words)) or index.search(" ".join(words))
    near = [forgiving(w) for w in words]
    if found or near == words:
        return found, False
    return index.search(" ".join(near)), True  # nothing as typed: words like them


def search(
    index: Index,
    entries: list[dict],
    query: str,
    topic: str | None = None,
    year: int | None = None,
    code: bool = False,
) -> list[Hit]:
    """Ranked hits, filtered as the results page filters them."""
    hits = []
    named = arxiv_id(query)
    refs = [ref for ref, e in enumerate(entries) if named and e.get("arxiv") == named]
    if refs:  # (the paper a pasted arXiv id names, as the page finds it)
        matches, forgiven = [{"ref": refs[0], "score": 1.0}], False
    else:
        matches, forgiven = _matches(index, query)
    for match in matches:
        entry = entries[int(match["ref"])]
        if topic and topic not in entry.get("topics", ()):
            continue
        if year and not entry.get("date", "").startswith(f"{year}-"):
            continue
        if code and not entry.get("code"):
            continue
        hits.append(Hit(entry, match["score"], forgiven))
    return hits


def load(cache_dir: Path) -> tuple[Index, list[dict]]:
    """The index and its entries, as the last build left them in the cache."""
    folder = cache_dir / SEARCH_DIR
    head = json.loads((folder / HEAD_FILE).read_bytes())
    build = folder / head["build"]
    shards = [json.loads((build / shard_file(k)).read_bytes()) for k in range(head["shards"])]
    segments = {path.name: path.read_bytes() for path in build.glob("p-*.bin")}
    entries = json.loads((folder / ENTRIES_FILE).read_bytes())["entries"]
    return decode(head, shards, segments), entries
