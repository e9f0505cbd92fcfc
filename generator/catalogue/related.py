"""Related papers: for each paper, the few papers most alike in words.

As arxiv-sanity-lite does: tf-idf vectors of title and abstract (scikit-learn's
CountVectorizer and TfidfTransformer, sublinear term counts, the title counted
twice), compared by cosine. The words of each dump are counted as it is read,
and cached with its records: a build counts only the words of new dumps.
Each paper is compared through its strongest terms only, and terms that a
fifth of the catalogue shares are left out: both bound the work of the sparse
product, which otherwise grows with the square of the common terms' counts
(minutes at 50,000 papers). The pairs are scored in row blocks by
forked workers; a block's pairs below a floor are dropped before sorting, so
each block sorts a few candidates per paper, not every pair that shares a word.
A pair with one word in common is related only if few papers have that word
(at most a hundredth of the catalogue, or five).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from scipy.sparse import csr_matrix, vstack
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfTransformer

from ..model import Paper
from ..runtime.parallel import fork_map
from ..words import words

RELATED = 5  # papers listed
SHARED_TERMS = 3  # the words shown as the reason
QUERY_TERMS = 30  # a paper's strongest terms, through which it is compared
MAX_SHARE = 0.2  # terms in more of the catalogue than this say little
FLOOR = 0.05  # a cosine below this is no relation
# One word alone in common is a relation only if few papers have it (`tibetan`, not
# `fast`): papers known by their title alone were related by any word of it.
ONE_WORD_SHARE = 0.01
ONE_WORD_MIN = 5
BLOCK = 1000  # papers scored together


class Relation(NamedTuple):
    """A quarter of a million at 50,000 papers: a named tuple, which the cache
    pickles and loads faster than a frozen dataclass with slots (at 10,000
    papers, 0.09 s to store and 0.13 s to load, not 0.23 and 0.21 s)."""

    id: str  # the related paper
    shared: tuple[str, ...]  # the terms that weigh most in the likeness


def _terms(text: str) -> list[str]:
    """A text's index terms: its words, lowercased, but stop words, numbers and
    words of one or two letters."""
    return [
        w
        for w in words(text.lower())
        if len(w) > 2 and w not in ENGLISH_STOP_WORDS and not w.isdigit()
    ]


def _strongest(matrix, count: int):
    """`matrix` (CSR) with each row's `count` largest values kept, the rest dropped."""
    pruned = matrix.copy()
    for row in range(pruned.shape[0]):
        start, end = pruned.indptr[row], pruned.indptr[row + 1]
        if end - start > count:
            values = pruned.data[start:end]
            values[values < np.partition(values, end - start - count)[end - start - count]] = 0
    pruned.eliminate_zeros()
    return pruned


def _text(paper: Paper) -> str:
    return f"{paper.title} {paper.title} {paper.abstract}"


@dataclass(frozen=True)
class TermCounts:
    """Some papers' term counts, as CountVectorizer gives them: a row a paper (CSR)."""

    counts: csr_matrix
    # The columns' terms, a line each (one string pickles and loads faster than thousands).
    names: str

    def terms(self) -> list[str]:
        return self.names.split("\n") if self.names else []


def count_terms(papers: Sequence[Paper]) -> TermCounts:
    """The term counts of `papers`; the reader counts each dump's records as it
    reads them (in its worker, and into the cache), so that a build counts only
    the words of new dumps."""
    counter = CountVectorizer(analyzer=_terms, dtype=np.float32)
    try:
        counts = counter.fit_transform(map(_text, papers))
    except ValueError:  # not a word in them
        return TermCounts(csr_matrix((len(papers), 0), dtype=np.float32), "")
    return TermCounts(csr_matrix(counts), "\n".join(counter.get_feature_names_out()))


Counted = Sequence[tuple[Sequence[Paper], TermCounts]]  # records, and their term counts


def _term_counts(papers: list[Paper], workers: int, counted: Counted):
    """Each paper's term counts (CSR, a row a paper) and the terms, in
    alphabetical order as CountVectorizer orders them. A paper's row is taken
    from the records in `counted` with its title and abstract; the other papers
    are counted here, a share a worker."""
    parts = [terms for _, terms in counted]
    where: dict[tuple[str, str], tuple[int, int]] = {}
    for number, (records, _) in enumerate(counted):
        for row, record in enumerate(records):
            where.setdefault((record.title, record.abstract), (number, row))
    places = [where.get((p.title, p.abstract)) for p in papers]
    missing = [k for k, place in enumerate(places) if place is None]
    if missing:
        size = -(-len(missing) // workers)
        shares = [missing[start : start + size] for start in range(0, len(missing), size)]
        made = fork_map(
            lambda s: count_terms([papers[k] for k in shares[s]]),
            range(len(shares)),
            workers,
            doing="counting the words of papers",
        )
        for share, terms in zip(shares, made):
            parts.append(terms)
            for row, k in enumerate(share):
                places[k] = (len(parts) - 1, row)
    return _joined(parts, places)


def _joined(parts: list[TermCounts], places: list[tuple[int, int]]):
    """The rows `places` names (part, row), one a paper, with the parts' terms joined."""
    vocabulary: dict[str, int] = {}
    columns = [
        np.fromiter((vocabulary.setdefault(t, len(vocabulary)) for t in part.terms()), np.int64)
        for part in parts
    ]
    names = np.array(list(vocabulary), dtype=object)
    order = np.argsort(names, kind="stable")  # (str comparison: CountVectorizer's order)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    part_of = np.fromiter((place[0] for place in places), np.int64, len(places))
    row_of = np.fromiter((place[1] for place in places), np.int64, len(places))
    taken, blocks = [], []
    for number, part in enumerate(parts):
        picked = np.flatnonzero(part_of == number)
        rows = part.counts[row_of[picked]]
        remap = rank[columns[number]]
        blocks.append(
            csr_matrix(
                (rows.data, remap[rows.indices], rows.indptr), shape=(len(picked), len(names))
            )
        )
        taken.append(picked)
    # Stacked part by part, then put back in paper order.
    counts = vstack(blocks, format="csr")[np.argsort(np.concatenate(taken), kind="stable")]
    counts.sort_indices()
    return counts, names[order]


@dataclass(frozen=True)
class Vectors:
    """The papers' tf-idf vectors (CSR, a row a paper, unit length) and their terms."""

    rows: csr_matrix
    names: np.ndarray


def term_vectors(papers: list[Paper], workers: int, counted: Counted = ()) -> Vectors | None:
    """The tf-idf vectors of title and abstract: what TfidfVectorizer gives with
    these counts, min_df=2 and max_df MAX_SHARE. None when no term is in two
    papers. `counted`: records whose term counts are known (see count_terms)."""
    if len(papers) < 2:
        return None
    counts, names = _term_counts(papers, workers, counted)
    frequency = np.bincount(counts.indices, minlength=len(names))
    kept = np.flatnonzero((frequency >= 2) & (frequency <= max(2, int(MAX_SHARE * len(papers)))))
    if not len(kept):
        return None
    vectors = TfidfTransformer(sublinear_tf=True).fit_transform(counts[:, kept])
    return Vectors(csr_matrix(vectors), names[kept])


def related_papers(
    papers: list[Paper], workers: int, counted: Counted = (), found: Vectors | None = None
) -> dict[str, tuple[Relation, ...]]:
    """Paper id -> its related papers, most alike first (none for a paper alike to
    none), from the papers' term_vectors (made here unless `found`)."""
    found = found or term_vectors(papers, workers, counted)
    if found is None:  # no term in two papers: nothing is related
        return {}
    vectors, names = found.rows, found.names
    queries = _strongest(vectors, QUERY_TERMS)
    by_term = vectors.T.tocsr()
    papers_with = np.diff(by_term.indptr)
    common = set(names[papers_with > max(ONE_WORD_MIN, ONE_WORD_SHARE * len(papers))].tolist())

    def block(start: int) -> list[list[tuple[int, tuple[str, ...]]]]:
        """The related papers of papers start .. start + BLOCK - 1."""
        scores = (queries[start : start + BLOCK] @ by_term).tocsr()
        # The few scores over the floor are found first, and their rows only then
        # (about one score in a hundred is over it).
        over = np.flatnonzero(scores.data >= FLOOR)
        rows = np.searchsorted(scores.indptr, over, side="right") - 1
        cols, values = scores.indices[over], scores.data[over]
        other = cols != rows + start  # a paper is not related to itself
        rows, cols, values = rows[other], cols[other], values[other]
        # Within each row, the highest scores first (ties in paper order), the first few kept.
        order = np.lexsort((cols, -values, rows))
        rows, cols = _firsts(rows[order], cols[order], RELATED)
        shared = _shared(vectors, rows + start, cols, names)
        found = [[] for _ in range(scores.shape[0])]
        for row, col, terms in zip(rows.tolist(), cols.tolist(), shared):
            if len(terms) > 1 or terms[0] not in common:
                found[row].append((col, terms))
        return found

    blocks = fork_map(block, range(0, len(papers), BLOCK), workers, doing="finding related papers")
    related = {}
    # (Each block's words came back as copies of their own: one string a word is
    # kept, for the tens of megabytes they take at 50,000 papers.)
    one = {}
    for start, found in zip(range(0, len(papers), BLOCK), blocks):
        for row, relations in enumerate(found):
            if relations:
                related[papers[start + row].id] = tuple(
                    Relation(papers[c].id, tuple(one.setdefault(w, w) for w in shared))
                    for c, shared in relations
                )
    return related


def _firsts(rows, values, count: int):
    """(rows, values) sorted by row, with only the first `count` of each row kept."""
    starts = np.searchsorted(rows, rows)  # where each one's row begins
    keep = np.arange(len(rows)) - starts < count
    return rows[keep], values[keep]


def _shared(vectors, a, b, names) -> list[tuple[str, ...]]:
    """For each pair of papers a[k], b[k]: their terms whose weights' product is
    largest, most first (ties in term order), a word and its plural once."""
    products = vectors[a].multiply(vectors[b]).tocsr()
    products.eliminate_zeros()
    products.sort_indices()
    pairs = np.repeat(np.arange(len(a)), np.diff(products.indptr))
    order = np.lexsort((products.indices, -products.data, pairs))
    pairs, terms = _firsts(pairs[order], products.indices[order], 2 * SHARED_TERMS)
    # Pair k's terms are terms[bounds[k]:bounds[k + 1]].
    bounds = np.searchsorted(pairs, np.arange(len(a) + 1)).tolist()
    found = names[terms].tolist()
    return [_one_of_each(found[begin:end]) for begin, end in zip(bounds, bounds[1:])]


def _one_of_each(terms: list[str]) -> tuple[str, ...]:
    """The first SHARED_TERMS terms, a word and its plural counted once (the reason
    read `shared: surveys, survey, small`)."""
    kept: list[str] = []
    seen: set[str] = set()
    for term in terms:
        singular = term[:-1] if term.endswith("s") and not term.endswith("ss") else term
        if singular not in seen:
            seen.add(singular)
            kept.append(term)
            if len(kept) == SHARED_TERMS:
                break
    return tuple(kept)
