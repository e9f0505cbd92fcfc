"""How the lunr index is stored in the site, so that a query fetches what it needs
and little more, however large the catalogue.

A lunr score only reads a document's field vectors at the query's terms, so
each term's postings, with the scores lunr computed for them, are all a query
needs. A term's postings are stored as *entries*, one per document holding the
term: `ref, mask, score...` (the mask says which fields hold it, one score per
such field, in thousandths: lunr rounds scores to 3 places), written as LEB128
varints (`varints`), refs as the difference from the entry before. The files:

- the head, `index.json`: `{"format", "version", "fields", "pipeline",
  "documents", "starts", "build", ...}`; shard k holds the terms t with
  `starts[k - 1] <= t < starts[k]` (JavaScript's string order);
- shard k, `s-<k>.json`: `[[term, index, bounds, set, entries], ...]`, `index`
  being lunr's `_index` of the term. A term's entries are cut into segments
  by impact (the sum of the entry's scores): the `SEGMENT` highest first, each
  later segment `GROWTH` times the one before, refs ascending within each;
  `bounds[j]` is the lowest impact in segment j. The shard holds segment 0
  (base64); segment j > 0 is `p-<index>-<j>.bin` (the varints, gzipped). A
  term with more than one segment has its `set` of documents, every ref
  holding it (`encode_set`), else 0;
- `terms.json`, every term sorted, for the queries whose terms cannot be found
  from their first letters (fuzzy `teachin~1`, `*ing`);
- per document, the entries of its terms that have more than one segment
  (`StoredIndex.documents`, base64: search/index.py puts them in the
  document's file).

So a plain query fetches one shard per word and ranks its candidates (the
documents in every word's set) from the highest-impact entries down, fetching
later segments, or candidates' own files, only while a document it has not
scored yet could still make the page of results (docs/assets/search-index.js). The
terminal loads everything (`decode`). Scores are lunr's own, to the bit, so
both rank alike. Where the files go, and how a browser never mixes two
builds' files, is search/index.py's business.
"""

from __future__ import annotations

import base64
import gzip
import json
from dataclasses import dataclass, field

import numpy as np
from lunr import __TARGET_JS_VERSION__
from lunr.index import Index
from lunr.token_set import TokenSet
from lunr.vector import Vector

from .stemmer import query_pipeline

FORMAT = 4  # 4: impact-ordered segments, sets, per-document entries
# A term's first segment: enough entries that a two-word query's first page
# usually needs no other; later segments grow so that few are ever fetched.
SEGMENT = 400
GROWTH = 4
# About this many bytes a shard (before gzip; 7 KB after, at 10,000 papers): a query's words
# cost a few small fetches, and the head's list of shards stays short.
SHARD_BYTES = 12_000
# Entries encoded at a time: the encoding's arrays are several times as long as
# its entries (900 MB at once for 50,000 papers, 4.5 million entries).
CHUNK = 500_000


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


quoted = json.encoder.encode_basestring  # a str as dumps writes it


def shard_file(k: int) -> str:
    return f"s-{k}.json"


def segment_file(term: int, j: int) -> str:
    return f"p-{term}-{j}.bin"


TERMS_FILE = "terms.json"


@dataclass
class Postings:
    """Every (term, document, field) score of an index, sorted by term, ref, field."""

    terms: list[str]  # terms[i] is the term lunr numbers i
    fields: list[str]
    documents: int
    term: np.ndarray  # (integers of any width: int64, or int32 and int8 to save memory)
    ref: np.ndarray
    field: np.ndarray
    milli: np.ndarray  # the score × 1000, an integer (lunr rounds scores to 3 places)

    @classmethod
    def of(cls, terms, fields, documents, term, ref, field, milli) -> Postings:
        columns = [np.asarray(a, np.int64) for a in (term, ref, field, milli)]
        order = _sort_by(*columns[:3])
        return cls(terms, fields, documents, *(a[order] for a in columns))


@dataclass
class StoredIndex:
    head: dict
    shards: list[bytes]  # shards[k]: the bytes of shard k
    segments: dict[str, bytes]  # file name -> bytes, segments after the first
    terms: bytes  # terms.json
    documents: list[str] = field(repr=False)  # per ref: its segmented terms' entries


def from_lunr(index: Index, documents: int) -> Postings:
    """The postings of a lunr.py `index` whose refs are "0" .. str(documents - 1)."""
    inverted = index.inverted_index
    terms = sorted(inverted, key=lambda term: inverted[term]["_index"])
    if [inverted[t]["_index"] for t in terms] != list(range(len(terms))):
        raise ValueError("term indexes are not 0 .. n - 1")
    columns: list[list[int]] = [[], [], [], []]
    for ref in range(documents):
        for f, name in enumerate(index.fields):
            elements = index.field_vectors[f"{name}/{ref}"].elements
            for i in range(0, len(elements), 2):
                values = (elements[i], ref, f, round(elements[i + 1] * 1000))
                for column, value in zip(columns, values):
                    column.append(value)
    return Postings.of(terms, list(index.fields), documents, *columns)


def js_order(term: str) -> bytes:
    """The key that sorts strings as JavaScript compares them (UTF-16 code units)."""
    return term.encode("utf-16-be")


def varints(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Non-negative integers as LEB128 bytes (7 bits a byte, low first, the high bit
    set on all but a number's last byte); and where each number's bytes start."""
    v = np.asarray(values, np.int64)
    width = np.ones(len(v), np.int8)  # (bytes per number: at 100,000 papers, 30 M numbers)
    for bits in range(7, 63, 7):
        longer = v >= 1 << bits
        if not longer.any():
            break
        width += longer
    at = np.cumsum(width, dtype=np.int64)
    at -= width
    out = np.empty(int(at[-1] + width[-1]) if len(v) else 0, np.uint8)
    out[at] = v & 127  # every number's first byte
    for j in range(1, int(width.max(initial=1))):
        has = np.flatnonzero(width > j)
        out[at[has] + j - 1] |= 128  # (the byte before has a byte after it)
        out[at[has] + j] = v[has] >> 7 * j & 127
    return out, at


def unvarints(stored: str | bytes) -> np.ndarray:
    """The integers of `varints`' bytes, or of a base64 string of them."""
    data = np.frombuffer(base64.b64decode(stored) if isinstance(stored, str) else stored, np.uint8)
    if not len(data):
        return np.zeros(0, np.int64)
    ends = np.flatnonzero(data < 128)
    starts = np.r_[0, ends[:-1] + 1]
    shift = 7 * (np.arange(len(data)) - np.repeat(starts, ends - starts + 1))
    return np.add.reduceat((data & 127).astype(np.int64) << shift, starts)


def b64(data: np.ndarray) -> str:
    return base64.b64encode(data.tobytes()).decode("ascii")


def encode_set(refs: np.ndarray, documents: int) -> str:
    """Sorted refs as the shorter of `gaps:` (base64 varints of the differences)
    and `bits:` (a base64 bitmap, ref r at bit r % 8 of byte r // 8)."""
    gaps, _ = varints(np.diff(refs, prepend=0))
    if len(gaps) <= -(-documents // 8):
        return "gaps:" + b64(gaps)
    bits = np.zeros(documents, np.uint8)
    bits[refs] = 1
    return "bits:" + b64(np.packbits(bits, bitorder="little"))


def _sort_by(*keys: np.ndarray) -> np.ndarray:
    """The order that sorts by the first key, then the next... (non-negative
    integers): one stable argsort of the keys packed in an int64 when they fit,
    three to five times faster than np.lexsort here."""
    bits = [max(int(k.max(initial=0)).bit_length(), 1) for k in keys]
    if sum(bits) > 63:
        return np.lexsort(keys[::-1])
    packed = np.zeros(len(keys[0]), np.int64)
    for key, width in zip(keys, bits):
        packed = (packed << width) | key.astype(np.int64)
    return np.argsort(packed, kind="stable")


def firsts(values: np.ndarray) -> np.ndarray:
    """Where each run of equal values starts."""
    return (
        np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
        if len(values)
        else np.zeros(0, np.int64)
    )


def _tokens(
    entry_ref, entry_mask, starts, ends, milli, group_of_entry
) -> tuple[np.ndarray, np.ndarray]:
    """Entries flattened to `dref, mask, score...`, refs as differences within
    each group; and where each entry starts."""
    nfields = ends - starts
    width = 2 + nfields
    at = np.cumsum(width) - width
    out = np.empty(int(width.sum()), np.int64)
    first = np.zeros(len(at), bool)
    first[firsts(group_of_entry)] = True
    out[at] = np.where(first, entry_ref, entry_ref - np.r_[0, entry_ref[:-1]])
    out[at + 1] = entry_mask
    # The scores of entry e are postings starts[e] .. ends[e] - 1.
    which = np.repeat(np.arange(len(starts)), nfields)
    offset = np.arange(len(which)) - np.repeat(np.cumsum(nfields) - nfields, nfields)
    out[np.repeat(at + 2, nfields) + offset] = milli[starts[which] + offset]
    return out, at


def _encoded(keys, masks, starts, ends, milli, group) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Entries, in group order, as varints (`_tokens`): the bytes, each group's first
    entry, and where each group's bytes start, then their end."""
    tokens, at = _tokens(keys, masks, starts, ends, milli, group)
    data, data_at = varints(tokens)
    first = firsts(group)
    return data, first, np.r_[data_at[at[first]], len(data)].tolist()


def _ranks(e_term, e_impact, e_ref, term_start) -> np.ndarray:
    """Each entry's rank by impact within its term, highest first (ties by ref)."""
    by_impact = _sort_by(e_term, e_impact.max(initial=0) - e_impact, e_ref)
    rank = np.empty(len(e_term), np.int64)
    rank[by_impact] = np.arange(len(e_term)) - term_start[e_term[by_impact]]
    return rank


def _slices(cuts: np.ndarray, length: int) -> list[tuple[int, int]]:
    """[start, end) slices of 0 .. length - 1, each about CHUNK long, cut only at `cuts`."""
    cuts = np.append(cuts, length)
    bounds = [0, *np.unique(cuts[np.searchsorted(cuts, np.arange(CHUNK, length, CHUNK))]), length]
    return [(int(a), int(b)) for a, b in zip(bounds, bounds[1:]) if a < b]


def _term_segments(
    e_term, e_ref, e_mask, starts, ends, milli, segment, n_limits, term_start
) -> tuple[dict[int, str], dict[str, bytes]]:
    """Each term's segment 0 (base64, for its shard row) and its later segments'
    files (gzipped varints), from the entries (in term order) and their
    segments; a slice of whole terms at a time."""
    rows: dict[int, str] = {}
    segments: dict[str, bytes] = {}
    for a, b in _slices(term_start, len(e_term)):
        order = a + _sort_by(e_term[a:b] - e_term[a], segment[a:b], e_ref[a:b])
        group = e_term[order] * n_limits + segment[order]  # one group per (term, segment)
        data, group_first, group_at = _encoded(
            e_ref[order], e_mask[order], starts[order], ends[order], milli, group
        )
        for g, (t, j) in enumerate(zip(*np.divmod(group[group_first], n_limits))):
            part = data[group_at[g] : group_at[g + 1]]
            if j == 0:
                rows[int(t)] = b64(part)
            else:
                # Gzipped here, not left to the host: not every host compresses binary files.
                segments[segment_file(t, j)] = gzip.compress(part.tobytes(), 6, mtime=0)
    return rows, segments


def _document_entries(
    e_term, e_ref, e_mask, starts, ends, milli, segmented, documents
) -> list[str]:
    """Per document, the entries (base64) of its terms that have later segments
    (`segmented`, per entry), terms ascending; a slice of documents at a time."""
    chosen = np.flatnonzero(segmented)
    by_ref = chosen[np.argsort(e_ref[chosen], kind="stable")]  # (terms ascending within a ref)
    refs = e_ref[by_ref]
    per_doc = [""] * documents
    for a, b in _slices(firsts(refs), len(refs)):
        part = by_ref[a:b]
        data, doc_first, bounds = _encoded(
            e_term[part], e_mask[part], starts[part], ends[part], milli, refs[a:b]
        )
        for g, ref in enumerate(refs[a:b][doc_first].tolist()):
            per_doc[ref] = b64(data[bounds[g] : bounds[g + 1]])
    return per_doc


def stored(postings: Postings, pipeline: list[str]) -> StoredIndex:
    """The files of an index (see the module's docstring). The work is split in
    functions so that each one's arrays, as long as the postings, are freed when
    it returns, not kept to the end."""
    p, documents = postings, postings.documents
    n_terms = len(p.terms)
    # One entry per (term, ref): its postings are p[starts[e]:ends[e]].
    starts = (
        np.flatnonzero(np.r_[True, (p.term[1:] != p.term[:-1]) | (p.ref[1:] != p.ref[:-1])])
        if len(p.term)
        else np.zeros(0, np.int64)
    )
    ends = np.r_[starts[1:], len(p.term)]
    e_term, e_ref = p.term[starts], p.ref[starts]
    e_mask = np.bitwise_or.reduceat(np.int64(1) << p.field, starts) if len(starts) else starts
    e_impact = np.add.reduceat(p.milli, starts) if len(starts) else starts
    per_term = np.bincount(e_term, minlength=n_terms)
    term_start = np.concatenate(([0], np.cumsum(per_term)[:-1]))
    # Each entry's segment, by its rank within its term.
    limits = [SEGMENT]  # segment j holds the ranks limits[j - 1] .. limits[j] - 1
    while limits[-1] < per_term.max(initial=0):
        limits.append(limits[-1] + SEGMENT * GROWTH ** len(limits))
    segment = np.searchsorted(
        np.array(limits), _ranks(e_term, e_impact, e_ref, term_start), side="right"
    )
    segments_of = np.searchsorted(np.array(limits), per_term - 1, side="right") + 1  # per term
    low = np.full(n_terms * len(limits), np.iinfo(np.int64).max, np.int64)
    np.minimum.at(low, e_term * len(limits) + segment, e_impact)
    low = low.reshape(n_terms, len(limits))  # low[t, j]: the lowest impact in segment j
    del e_impact
    rows, segments = _term_segments(
        e_term, e_ref, e_mask, starts, ends, p.milli, segment, len(limits), term_start
    )
    del segment

    # Shards, in JavaScript's string order.
    shards: list[bytes] = []
    shard_starts: list[str] = []
    current: list[str] = []
    size = 0
    by_term_order = sorted(range(n_terms), key=lambda t: js_order(p.terms[t]))
    for t in by_term_order:
        n = int(segments_of[t])
        term_set = "0"
        if n > 1:
            term_set = quoted(
                encode_set(e_ref[term_start[t] : term_start[t] + per_term[t]], documents)
            )
        bounds = ",".join(map(str, low[t, :n].tolist()))
        # (a row is `dumps([term, t, bounds, set, entries])`, written directly:
        # 152,000 rows at 100k papers)
        row = f'[{quoted(p.terms[t])},{t},[{bounds}],{term_set},"{rows.get(t, "")}"]'
        if current and size + len(row) > SHARD_BYTES:
            shards.append(("[" + ",".join(current) + "]").encode("utf-8"))
            shard_starts.append(p.terms[t])
            current, size = [], 0
        current.append(row)
        size += len(row) + 1
    shards.append(("[" + ",".join(current) + "]").encode("utf-8"))
    del rows

    per_doc = _document_entries(
        e_term, e_ref, e_mask, starts, ends, p.milli, segments_of[e_term] > 1, documents
    )
    head = {
        "format": FORMAT,
        "version": __TARGET_JS_VERSION__,
        "fields": p.fields,
        "pipeline": pipeline,
        "documents": documents,
        "starts": shard_starts,
    }
    terms_json = dumps([p.terms[t] for t in by_term_order]).encode("utf-8")
    return StoredIndex(head, shards, segments, terms_json, per_doc)


def entries_of(row: list, segments: dict[str, bytes]) -> list[tuple[int, int, list[int]]]:
    """A shard row's term's entries, every segment: (ref, mask, scores in thousandths)."""
    _, t, bounds, _, first = row
    out = []
    later = [gzip.decompress(segments[segment_file(t, j)]) for j in range(1, len(bounds))]
    for stored in [first, *later]:
        tokens = unvarints(stored).tolist()
        i, ref = 0, 0
        while i < len(tokens):
            ref = tokens[i] if i == 0 else ref + tokens[i]
            mask = tokens[i + 1]
            n = bin(mask).count("1")
            out.append((ref, mask, tokens[i + 2 : i + 2 + n]))
            i += 2 + n
    return out


def decode(head: dict, shards: list[list], segments: dict[str, bytes]) -> Index:
    """The whole lunr.py Index from the parsed head, every shard and every segment."""
    if head.get("format") != FORMAT:
        raise ValueError(f"search index format {head.get('format')!r}, expected {FORMAT}")
    fields: list[str] = head["fields"]
    inverted: dict[str, dict] = {}
    # (ref, field) -> [(term index, score)], in lunr's own order of field refs.
    elements: dict[str, list] = {
        f"{name}/{ref}": [] for ref in range(head["documents"]) for name in fields
    }
    for shard in shards:
        for row in shard:
            term, t = row[0], row[1]
            posting: dict = {name: {} for name in fields}
            for ref, mask, scores in entries_of(row, segments):
                held = [f for f in range(len(fields)) if mask >> f & 1]
                for f, milli in zip(held, scores):
                    posting[fields[f]][str(ref)] = {}
                    elements[f"{fields[f]}/{ref}"].append((t, milli / 1000))
            for name in fields:  # refs ascending, as lunr's builder has them
                posting[name] = dict(sorted(posting[name].items(), key=lambda item: int(item[0])))
            inverted[term] = {**posting, "_index": t}
    inverted = dict(sorted(inverted.items(), key=lambda item: item[1]["_index"]))
    vectors = {}
    for field_ref, pairs in elements.items():
        pairs.sort()
        vectors[field_ref] = Vector([x for pair in pairs for x in pair])
    return Index(
        inverted_index=inverted,
        field_vectors=vectors,
        token_set=TokenSet.from_list(sorted(inverted)),
        fields=fields,
        pipeline=query_pipeline(head["pipeline"]),
    )
