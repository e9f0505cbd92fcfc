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
    query = bounded(_PUNCTUATION.sub(" ", query))
    if _SYNTAX.search(query):
        try:
            return index.search(query)
        except QueryParseError:
            query = _SYNTAX_CHARS.sub(" ", query)
    words = [w for w in split_words(query.lower()) if stop_word_filter(Token(w))]
    if not words:
        return []
    return index.search(" ".join("+" + w for w in words)) or index.search(" ".join(words))


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
    for match in run_query(index, query):
        entry = entries[int(match["ref"])]
        if topic and topic not in entry.get("topics", ()):
            continue
        if year and not entry.get("date", "").startswith(f"{year}-"):
            continue
        if code and not entry.get("code"):
            continue
        hits.append(Hit(entry, match["score"]))
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
