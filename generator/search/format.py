"""How the lunr index is stored in the site: a small head and term-sharded postings.

lunr's own serialisation (24 MB for 10,000 papers) holds every posting twice,
once as an object in the inverted index and once in a field vector, and the
page must fetch and parse all of it before the first result. But a lunr score
only ever reads a document's field vector at the query's terms (the query
vector is zero elsewhere), so each term's postings, with the scores lunr
computed for them, are all a query needs. Stored:

- the head: `{"format", "version", "fields", "pipeline", "documents", "terms",
  "shards"}`; `terms[i]` is the term with lunr's `_index` i; document refs are
  0 .. documents - 1;
- shard k, for k < shards: `[[i, postings of field 0, of field 1, ...], ...]`
  for every term i with i % shards == k, a field's postings being
  `[ref, score, ref, score, ...]` with refs ascending.

The page fetches the head, then only the shards of the terms a query expands
to (docs/assets/search.js); the terminal loads them all (`decode`). Scores
are lunr's own, to the bit, so both rank alike. Where the files go, and how a
browser never mixes two builds' files, is search/index.py's business.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import chain

from lunr import __TARGET_JS_VERSION__
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.token_set import TokenSet
from lunr.vector import Vector

FORMAT = 3  # 3: the head names the folder of its build's files
# About this many postings per shard: a query's few terms cost a few small fetches.
SHARD_POSTINGS = 8000


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def shard_file(k: int) -> str:
    return f"index-{k}.json"


@dataclass
class StoredIndex:
    head: dict
    shards: list[bytes]  # shards[k]: the bytes of shard k


def encode(index: Index, documents: int) -> StoredIndex:
    """A lunr.py `index`, whose refs are "0" .. str(documents - 1), as the files above."""
    inverted = index.inverted_index
    terms = sorted(inverted, key=lambda term: inverted[term]["_index"])
    if [inverted[t]["_index"] for t in terms] != list(range(len(terms))):
        raise ValueError("term indexes are not 0 .. n - 1")
    postings: list[list[list]] = [[[] for _ in index.fields] for _ in terms]
    for ref in range(documents):
        for f, field in enumerate(index.fields):
            elements = index.field_vectors[f"{field}/{ref}"].elements
            for i in range(0, len(elements), 2):
                postings[elements[i]][f] += (ref, elements[i + 1])
    return stored(terms, index.fields, index.pipeline.serialize(), documents, postings)


def stored(
    terms: list[str], fields: list[str], pipeline: list[str], documents: int, postings: list[list[list]]
) -> StoredIndex:
    """The files from the index's parts: `postings[i][f]` is `[ref, score, ...]`,
    refs ascending, of term i in field f."""
    total = sum(map(len, chain.from_iterable(postings))) // 2
    count = max(1, -(-total // SHARD_POSTINGS))
    shards = [
        dumps([[t, *postings[t]] for t in range(k, len(terms), count)]).encode("utf-8")
        for k in range(count)
    ]
    head = {
        "format": FORMAT,
        "version": __TARGET_JS_VERSION__,
        "fields": fields,
        "pipeline": pipeline,
        "documents": documents,
        "terms": terms,
        "shards": count,
    }
    return StoredIndex(head, shards)


def decode(head: dict, shards: list[list]) -> Index:
    """The whole lunr.py Index from the parsed head and every parsed shard."""
    if head.get("format") != FORMAT:
        raise ValueError(f"search index format {head.get('format')!r}, expected {FORMAT}")
    fields: list[str] = head["fields"]
    terms: list[str] = head["terms"]
    inverted: dict[str, dict] = {}
    for position, term in enumerate(terms):
        inverted[term] = {field: {} for field in fields}
        inverted[term]["_index"] = position
    # (ref, field) -> [(term index, score)], in lunr's own order of field refs.
    elements: dict[str, list] = {
        f"{field}/{ref}": [] for ref in range(head["documents"]) for field in fields
    }
    for shard in shards:
        for t, *by_field in shard:
            term = terms[t]
            for field, refs_scores in zip(fields, by_field):
                for i in range(0, len(refs_scores), 2):
                    ref = str(refs_scores[i])
                    inverted[term][field][ref] = {}
                    elements[f"{field}/{ref}"].append((t, refs_scores[i + 1]))
    vectors = {}
    for field_ref, pairs in elements.items():
        pairs.sort()
        vectors[field_ref] = Vector([x for pair in pairs for x in pair])
    return Index(
        inverted_index=inverted,
        field_vectors=vectors,
        token_set=TokenSet.from_list(sorted(terms)),
        fields=fields,
        pipeline=Pipeline.load(head["pipeline"]),
    )
