"""Related papers: for each paper, the few papers most alike in words.

As arxiv-sanity-lite does: tf-idf vectors of title and abstract (scikit-learn's
TfidfVectorizer, sublinear term counts, the title counted twice), compared by
cosine. Each paper is compared through its strongest terms only, and terms
that a fifth of the catalogue shares are left out: both bound the work of the
sparse product, which otherwise grows with the square of the common terms'
counts (minutes at 50,000 papers). The pairs are scored in row blocks by
forked workers; a block's pairs below a floor are dropped before sorting, so
each block sorts a few candidates per paper, not every pair that shares a word.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from ..model import Paper
from ..runtime.parallel import fork_map
from ..words import words

RELATED = 5  # papers listed
SHARED_TERMS = 3  # the words shown as the reason
QUERY_TERMS = 30  # a paper's strongest terms, through which it is compared
MAX_SHARE = 0.2  # terms in more of the catalogue than this say little
FLOOR = 0.05  # a cosine below this is no relation
BLOCK = 1000  # papers scored together


@dataclass(frozen=True)
class Relation:
    id: str  # the related paper
    shared: tuple[str, ...]  # the terms that weigh most in the likeness


def _terms(text: str) -> list[str]:
    """A text's index terms: its words, lowercased, but stop words, numbers and
    words of one or two letters."""
    return [w for w in words(text.lower()) if len(w) > 2 and w not in ENGLISH_STOP_WORDS and not w.isdigit()]


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


def related_papers(papers: list[Paper], workers: int) -> dict[str, tuple[Relation, ...]]:
    """Paper id -> its related papers, most alike first (none for a paper alike to none)."""
    if len(papers) < 2:
        return {}
    vectorizer = TfidfVectorizer(
        analyzer=_terms,
        sublinear_tf=True,
        min_df=2,
        max_df=max(2, int(MAX_SHARE * len(papers))),
        dtype=np.float32,
    )
    try:
        vectors = vectorizer.fit_transform(f"{p.title} {p.title} {p.abstract}" for p in papers).tocsr()
    except ValueError:  # no term in two papers: nothing is related
        return {}
    names = vectorizer.get_feature_names_out()
    queries = _strongest(vectors, QUERY_TERMS)
    by_term = vectors.T.tocsr()

    def block(start: int) -> list[list[tuple[int, tuple[str, ...]]]]:
        """The related papers of papers start .. start + BLOCK - 1."""
        scores = (queries[start : start + BLOCK] @ by_term).tocsr()
        rows = np.repeat(np.arange(scores.shape[0]), np.diff(scores.indptr))
        keep = (scores.data >= FLOOR) & (scores.indices != rows + start)
        rows, cols, values = rows[keep], scores.indices[keep], scores.data[keep]
        # Within each row, the highest scores first; ties in paper order.
        order = np.argsort(rows + (1.0 - values.astype(np.float64)) * 0.5, kind="stable")
        rows, cols = rows[order], cols[order]
        firsts = np.searchsorted(rows, np.arange(scores.shape[0]))
        ends = np.searchsorted(rows, np.arange(scores.shape[0]), side="right")
        found = []
        for row, (first, end) in enumerate(zip(firsts, ends)):
            paper = start + row
            found.append([(int(c), _shared(vectors, paper, int(c), names)) for c in cols[first : min(end, first + RELATED)]])
        return found

    blocks = fork_map(block, range(0, len(papers), BLOCK), workers, doing="finding related papers")
    related = {}
    for start, found in zip(range(0, len(papers), BLOCK), blocks):
        for row, relations in enumerate(found):
            if relations:
                related[papers[start + row].id] = tuple(Relation(papers[c].id, shared) for c, shared in relations)
    return related


def _shared(vectors, a: int, b: int, names) -> tuple[str, ...]:
    """The terms of papers a and b whose weights' product is largest."""
    a_terms = vectors.indices[vectors.indptr[a] : vectors.indptr[a + 1]]
    b_terms = vectors.indices[vectors.indptr[b] : vectors.indptr[b + 1]]
    common, in_a, in_b = np.intersect1d(a_terms, b_terms, assume_unique=True, return_indices=True)
    if not len(common):
        return ()
    weights = vectors.data[vectors.indptr[a] + in_a] * vectors.data[vectors.indptr[b] + in_b]
    strongest = np.argsort(-weights, kind="stable")[:SHARED_TERMS]
    return tuple(str(names[common[k]]) for k in strongest)
