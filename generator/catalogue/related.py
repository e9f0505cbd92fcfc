"""Related papers: for each paper, the few papers most alike in words.

As arxiv-sanity-lite does: tf-idf vectors of title and abstract (scikit-learn's
CountVectorizer and TfidfTransformer, sublinear term counts, the title counted
twice), compared by cosine. Each paper is compared through its strongest terms only, and terms
that a fifth of the catalogue shares are left out: both bound the work of the
sparse product, which otherwise grows with the square of the common terms'
counts (minutes at 50,000 papers). The pairs are scored in row blocks by
forked workers; a block's pairs below a floor are dropped before sorting, so
each block sorts a few candidates per paper, not every pair that shares a word.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def _text(paper: Paper) -> str:
    return f"{paper.title} {paper.title} {paper.abstract}"


def _term_counts(papers: list[Paper], workers: int):
    """Each paper's term counts (CSR, a row a paper) and the terms, in
    alphabetical order: CountVectorizer counts a share of the papers in each
    worker (tokenizing is Python, most of the time), and the shares' terms are
    joined here."""
    size = -(-len(papers) // workers)

    def count(start: int):
        share = papers[start : start + size]
        counter = CountVectorizer(analyzer=_terms, dtype=np.float32)
        try:
            return counter.fit_transform(map(_text, share)), counter.get_feature_names_out()
        except ValueError:  # not a word in the share
            return csr_matrix((len(share), 0), dtype=np.float32), np.array([], dtype=object)

    parts = fork_map(count, range(0, len(papers), size), workers, doing="counting the words of papers")
    names, column = np.unique(np.concatenate([n for _, n in parts]), return_inverse=True)
    rows, first = [], 0
    for counts, share_names in parts:
        columns = column[first : first + len(share_names)]
        first += len(share_names)
        rows.append(csr_matrix((counts.data, columns[counts.indices], counts.indptr), shape=(counts.shape[0], len(names))))
    counts = vstack(rows, format="csr")
    counts.sort_indices()
    return counts, names


def _vectors(papers: list[Paper], workers: int):
    """The tf-idf vectors (CSR, a row a paper) of title and abstract, and their
    terms' names: what TfidfVectorizer gives with these counts, min_df=2 and
    max_df MAX_SHARE. ValueError when no term is in two papers."""
    counts, names = _term_counts(papers, workers)
    frequency = np.bincount(counts.indices, minlength=len(names))
    kept = np.flatnonzero((frequency >= 2) & (frequency <= max(2, int(MAX_SHARE * len(papers)))))
    if not len(kept):
        raise ValueError("no term in two papers")
    vectors = TfidfTransformer(sublinear_tf=True).fit_transform(counts[:, kept])
    return csr_matrix(vectors), names[kept]


def related_papers(papers: list[Paper], workers: int) -> dict[str, tuple[Relation, ...]]:
    """Paper id -> its related papers, most alike first (none for a paper alike to none)."""
    if len(papers) < 2:
        return {}
    try:
        vectors, names = _vectors(papers, workers)
    except ValueError:  # no term in two papers: nothing is related
        return {}
    queries = _strongest(vectors, QUERY_TERMS)
    by_term = vectors.T.tocsr()

    def block(start: int) -> list[list[tuple[int, tuple[str, ...]]]]:
        """The related papers of papers start .. start + BLOCK - 1."""
        scores = (queries[start : start + BLOCK] @ by_term).tocsr()
        rows = np.repeat(np.arange(scores.shape[0]), np.diff(scores.indptr))
        keep = (scores.data >= FLOOR) & (scores.indices != rows + start)
        rows, cols, values = rows[keep], scores.indices[keep], scores.data[keep]
        # Within each row, the highest scores first (ties in paper order), the first few kept.
        order = np.lexsort((cols, -values, rows))
        rows, cols = _firsts(rows[order], cols[order], RELATED)
        shared = _shared(vectors, rows + start, cols, names)
        found = [[] for _ in range(scores.shape[0])]
        for row, col, terms in zip(rows.tolist(), cols.tolist(), shared):
            found[row].append((col, terms))
        return found

    blocks = fork_map(block, range(0, len(papers), BLOCK), workers, doing="finding related papers")
    related = {}
    for start, found in zip(range(0, len(papers), BLOCK), blocks):
        for row, relations in enumerate(found):
            if relations:
                related[papers[start + row].id] = tuple(Relation(papers[c].id, shared) for c, shared in relations)
    return related


def _firsts(rows, values, count: int):
    """(rows, values) sorted by row, with only the first `count` of each row kept."""
    starts = np.searchsorted(rows, rows)  # where each one's row begins
    keep = np.arange(len(rows)) - starts < count
    return rows[keep], values[keep]


def _shared(vectors, a, b, names) -> list[tuple[str, ...]]:
    """For each pair of papers a[k], b[k]: their terms whose weights' product is
    largest, most first (ties in term order)."""
    products = vectors[a].multiply(vectors[b]).tocsr()
    products.eliminate_zeros()
    products.sort_indices()
    pairs = np.repeat(np.arange(len(a)), np.diff(products.indptr))
    order = np.lexsort((products.indices, -products.data, pairs))
    pairs, terms = _firsts(pairs[order], products.indices[order], SHARED_TERMS)
    shared: list[list[str]] = [[] for _ in range(len(a))]
    for pair, term in zip(pairs.tolist(), names[terms].tolist()):
        shared[pair].append(term)
    return [tuple(s) for s in shared]
