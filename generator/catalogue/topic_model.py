"""Topics learnt from labelled papers: the keyword rules' signals and a vote of
the nearest labelled papers, fused by one logistic regression shared by all topics.

The labelled papers are those a reader labelled (`dumps/topic_labels.yml`) and
those a curator fixed in `dumps/overrides.yml` (their curated topics): so a
curator's fix teaches the catalogue, and the next paper like it gets it too.
The readers' labels alone train the regression and its threshold; a fix votes,
so it changes the papers it is near and no others.
For each paper and topic the model reads nine numbers: whether a keyword of the
topic is in the title; how many of its keywords the abstract holds, and whether
enough; whether an exclude keyword is there; whether the rules give the topic;
the share of the 10 most alike labelled papers (cosine of the tf-idf vectors
the related papers use, weighted by it) that have the topic, the likeness of
the closest one that has it; how common the topic is among the labelled; and
the vote where the rules agree. A topic is given when the regression's
probability reaches the threshold that gave the best F1 on the labelled papers.

Trained in the build (a few hundred labelled papers: milliseconds), with no
randomness: the same papers and labels give the same topics. A curated paper
keeps its curated topics; a labelled paper's own label is left out of its vote.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

from ..model import Implied, Like, Paper
from ..runtime.parallel import fork_map
from .topics import EXCLUDE, KEYWORDS, TopicMatcher, distinct_keywords

NEIGHBOURS = 10  # labelled papers that vote
MIN_LABELLED = 30  # fewer labelled papers teach nothing reliable: the rules alone decide
MAX_ABSTRACT_HITS = 4  # more keywords in an abstract say no more
THRESHOLDS = np.arange(0.20, 0.70, 0.01)
BLOCK = 2000  # papers whose votes are counted together (bounds the dense block)


def keyword_signals(papers: Sequence[Paper], matcher: TopicMatcher) -> np.ndarray:
    """(papers, topics, 3): a title keyword, the distinct abstract keywords (at
    most 255), an exclude keyword. The reader finds them as it reads each dump
    (in its worker, and into the cache), so that a build scans only new dumps."""
    found = np.zeros((len(papers), len(matcher.taxonomy), 3), dtype=np.uint8)
    for row, paper in enumerate(papers):
        for number, kind in matcher.scan(paper.title):
            found[row, number, 2 if kind == EXCLUDE else 0] = 1
        for (number, kind), hits in matcher.scan(paper.abstract).items():
            if kind == EXCLUDE:
                found[row, number, 2] = 1
            elif kind == KEYWORDS:
                found[row, number, 1] = min(distinct_keywords(hits), 255)
    return found


Found = Sequence[tuple[Sequence[Paper], np.ndarray]]  # records, and their keyword_signals


def rule_signals(
    papers: list[Paper], matcher: TopicMatcher, workers: int, found: Found = ()
) -> np.ndarray:
    """The papers' keyword_signals, as float32. A paper's are taken from the
    records in `found` with its title and abstract; the other papers are
    scanned here, by forked workers, a block each."""
    where: dict[tuple[str, str], tuple[int, int]] = {}
    for number, (records, _) in enumerate(found):
        for row, record in enumerate(records):
            where.setdefault((record.title, record.abstract), (number, row))
    signals = np.zeros((len(papers), len(matcher.taxonomy), 3), dtype=np.float32)
    missing = []
    for k, paper in enumerate(papers):
        place = where.get((paper.title, paper.abstract))
        if place is None:
            missing.append(k)
        else:
            signals[k] = found[place[0]][1][place[1]]
    starts = range(0, len(missing), BLOCK)
    parts = fork_map(
        lambda start: keyword_signals([papers[k] for k in missing[start : start + BLOCK]], matcher),
        starts,
        workers,
        doing="reading topic keywords",
    )
    for start, part in zip(starts, parts):
        signals[missing[start : start + BLOCK]] = part
    return signals


class TopicModel:
    """The fused model: features of (paper, topic) pairs -> topics."""

    def __init__(
        self,
        matcher: TopicMatcher,
        vectors,
        labelled: list[int],
        truth: np.ndarray,
        taught: np.ndarray | None = None,
    ):
        """`vectors`: the papers' tf-idf rows; `labelled`: the rows of labelled
        papers; `truth`: their topics (labelled x topics, 0/1); `taught`: which of
        them set the weights, the prior and the threshold (all, if None): every
        labelled paper votes."""
        self.min_hits = np.array([t.min_hits for t in matcher.taxonomy], dtype=np.float32)
        order = matcher.broader.order
        self.implies = [
            (order[slug], order[parent])
            for slug, parents in matcher.broader.of.items()
            for parent in parents
        ]
        self.vectors, self.labelled, self.truth = vectors, np.array(labelled), truth
        self.taught = np.ones(len(labelled), dtype=bool) if taught is None else taught
        self.prior = truth[self.taught].mean(axis=0)
        self.by_label = vectors[self.labelled].T.tocsr()

    def nearest(
        self, rows: np.ndarray, voters: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The NEIGHBOURS most alike labelled papers of papers `rows` (their rows),
        and how alike, most alike first (see `_greatest`); only the labelled papers
        `voters` (a mask; all if None) count."""
        likeness = (self.vectors[rows] @ self.by_label).toarray()
        likeness[rows[:, None] == self.labelled[None, :]] = 0  # (not its own vote)
        if voters is not None:
            likeness[:, ~voters] = 0  # (a vote of 0 weighs nothing)
        return _greatest(likeness, self.labelled, min(NEIGHBOURS, len(self.labelled)))

    def everyones_nearest(self) -> tuple[np.ndarray, np.ndarray]:
        """`nearest` of every paper, a block at a time (bounds the dense likeness)."""
        blocks = [
            self.nearest(np.arange(start, min(start + BLOCK, self.vectors.shape[0])))
            for start in range(0, self.vectors.shape[0], BLOCK)
        ]
        return np.concatenate([b[0] for b in blocks]), np.concatenate([b[1] for b in blocks])

    def votes(
        self, near: np.ndarray, weight: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For papers with the nearest labelled papers `near` (rows), as alike as
        `weight`: the similarity-weighted share of them that have each topic, the
        likeness of the closest that has it, and which labelled paper that is (its
        place in `labelled`; -1 for none)."""
        nearest = np.searchsorted(self.labelled, near)  # (their places in `labelled`)
        has = self.truth[nearest]  # (rows, k, topics)
        weighted = weight[:, :, None] * has
        share = weighted.sum(axis=1) / np.maximum(weight.sum(axis=1, keepdims=True), 1e-9)
        closest = weighted.argmax(axis=1)  # (rows, topics): which of the k
        best = np.take_along_axis(weighted, closest[:, None, :], axis=1)[:, 0, :]
        who = np.where(best > 0, np.take_along_axis(nearest, closest, axis=1), -1)
        return share, best, who

    def features(self, signals: np.ndarray, share: np.ndarray, best: np.ndarray) -> np.ndarray:
        """(pairs, 9): one row per paper and topic."""
        title, hits, excluded = (signals[..., j] for j in range(3))
        rule = ((title > 0) | (hits >= self.min_hits)) & (excluded == 0)  # as TopicMatcher gives
        for narrower, broader in self.implies:
            rule[..., broader] |= rule[..., narrower]
        rule = rule.astype(np.float32)
        prior = np.broadcast_to(self.prior, share.shape)
        columns = (
            title,
            np.minimum(hits, MAX_ABSTRACT_HITS) / MAX_ABSTRACT_HITS,
            (hits >= self.min_hits).astype(np.float32),
            excluded,
            rule,
            share,
            best,
            prior,
            share * rule,
        )
        return np.stack(columns, axis=-1).reshape(-1, len(columns))

    def fit(self, signals: np.ndarray) -> tuple[LogisticRegression, float]:
        """The regression and threshold, trained on the papers `taught` (`signals`
        those of the labelled papers)."""
        share, best, _ = self.votes(*self.nearest(self.labelled[self.taught], self.taught))
        features = self.features(signals[self.taught], share, best)
        truth = self.truth[self.taught].reshape(-1)
        regression = LogisticRegression(max_iter=2000).fit(features, truth)
        chance = regression.predict_proba(features)[:, 1]
        threshold = max(THRESHOLDS, key=lambda t: f1(chance >= t, truth))
        return regression, float(threshold)


def _greatest(likeness: np.ndarray, labels: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Of each row of `likeness`, the labels (`labels`: of its columns, or of each
    of its cells) of its k greatest values, and those values, greatest first; of
    equal values, the lower label first. So the same neighbours, in the same order,
    whichever columns they are picked from: all the labelled papers, or the last
    build's neighbours and the papers labelled since (Neighbours)."""
    labels = np.broadcast_to(labels, likeness.shape)
    pick = np.argpartition(-likeness, k - 1, axis=1)[:, :k]
    value = np.take_along_axis(likeness, pick, axis=1)
    label = np.take_along_axis(labels, pick, axis=1)
    # A value the k share with some left out (two papers of the same words) is
    # picked by label; values of 0 weigh nothing, whichever are picked.
    last = value.min(axis=1, keepdims=True)
    tied = (last[:, 0] > 0) & ((likeness == last).sum(axis=1) > (value == last).sum(axis=1))
    for row in np.flatnonzero(tied):
        order = np.lexsort((labels[row], -likeness[row]))[:k]
        value[row], label[row] = likeness[row, order], labels[row, order]
    order = np.lexsort((label, -value), axis=1)
    return np.take_along_axis(label, order, axis=1), np.take_along_axis(value, order, axis=1)


class Neighbours:
    """Every paper's nearest labelled papers (TopicModel.nearest, all voting), as a
    process that builds again (`mkdocs serve`) found them last. The same texts with
    papers labelled since (a curator fixed another paper) need only those papers'
    likeness to each paper, not every labelled paper's (0.1 s of 0.35 at 10,000 papers)."""

    def __init__(self):
        self._vectors = None  # the rows they were found in (the same object: cache.vectors)
        self._labelled = np.zeros(0, dtype=np.int64)
        self._near: tuple[np.ndarray, np.ndarray] | None = None

    def of(self, model: TopicModel) -> tuple[np.ndarray, np.ndarray]:
        labelled = model.labelled
        k = min(NEIGHBOURS, len(labelled))
        again = self._near is not None and self._vectors is model.vectors
        if not (again and self._near[0].shape[1] == k and _within(self._labelled, labelled)):
            self._near = model.everyones_nearest()
        elif len(labelled) > len(self._labelled):
            new = np.setdiff1d(labelled, self._labelled)
            likeness = (model.vectors @ model.vectors[new].T).toarray()
            likeness[new, np.arange(len(new))] = 0  # (not its own vote)
            near, weight = self._near
            labels = np.hstack([near, np.broadcast_to(new, (len(near), len(new)))])
            self._near = _greatest(np.hstack([weight, likeness]), labels, k)
        self._vectors, self._labelled = model.vectors, labelled
        return self._near


def _within(some: np.ndarray, every: np.ndarray) -> bool:
    """Whether the sorted rows `some` are all among the sorted rows `every`."""
    return len(some) <= len(every) and np.isin(some, every, assume_unique=True).all()


_kept_neighbours = Neighbours()  # a process's (learn_topics(again=True))

# Under serve, the papers the last build gave other topics than their keywords'
# (5,700 of 10,000): paper id -> (the paper as it came, which topics were given it
# and which labelled papers they are like, the paper with them). The same paper
# (the same object: cache.merged) given the same is the paper made then.
_made: dict[str, tuple[Paper, tuple, Paper]] = {}


def f1(given: np.ndarray, truth: np.ndarray) -> float:
    hits = np.sum(given & (truth == 1))
    precision, recall = hits / max(given.sum(), 1), hits / max(truth.sum(), 1)
    return 2 * precision * recall / (precision + recall) if hits else 0.0


def learn_topics(
    papers: list[Paper],
    matcher: TopicMatcher,
    vectors,
    labels: Mapping[str, frozenset[str]],
    keep: frozenset[str],
    workers: int,
    found: Found = (),
    again: bool = False,
) -> list[Paper]:
    """The papers with the topics the model gives (those in `keep`, curated, as
    they are). `labels`: paper id -> its topics, for the papers that have them;
    `vectors`: the papers' tf-idf rows, None when there are none; `found`: the
    keyword signals of records (rule_signals); `again`: the process builds again
    (its last build's Neighbours are of use)."""
    taxonomy = matcher.taxonomy
    place = {p.id: k for k, p in enumerate(papers)}
    labelled = sorted(place[pid] for pid in labels if pid in place)
    if len(labelled) < MIN_LABELLED or vectors is None:
        return papers
    slugs = [t.slug for t in taxonomy]
    truth = np.array(
        [[slug in labels[papers[k].id] for slug in slugs] for k in labelled], dtype=np.float32
    )
    if truth.min() == truth.max():  # (every label says the same: nothing to tell apart)
        return papers
    signals = rule_signals(papers, matcher, workers, found)
    # The readers' labels alone set the weights and the threshold; a curator's fix
    # votes (unless the readers' labels are too few). So a fix changes the topics
    # of the papers it is among the nearest labelled of, and no others: it moved the
    # threshold and the weights for every paper before (one topic added to one paper
    # changed those of 1,000 of 10,469 papers; 313 with the threshold held).
    taught = np.array([papers[k].id not in keep for k in labelled])
    if taught.sum() < MIN_LABELLED or truth[taught].min() == truth[taught].max():
        taught = None
    model = TopicModel(matcher, vectors.rows, labelled, truth, taught)
    regression, threshold = model.fit(signals[labelled])
    near, weight = _kept_neighbours.of(model) if again else model.everyones_nearest()
    had, other = _topics_given(papers, slugs)
    out = list(papers)
    made = {}  # paper id -> (the paper, why its topics, the paper with them): for _made
    for start in range(0, len(papers), BLOCK):
        rows = np.arange(start, min(start + BLOCK, len(papers)))
        share, best, who = model.votes(near[rows], weight[rows])
        chance = regression.predict_proba(model.features(signals[rows], share, best))[:, 1]
        given = chance.reshape(len(rows), len(slugs)) >= threshold
        # (Only the papers given other topics than they have are looked at.)
        changed = other[rows] | ~(given == had[rows]).all(axis=1)
        for row in rows[changed].tolist():
            if papers[row].id not in keep:
                k = row - start
                args = (papers[row], given[k], who[k], papers, labelled, matcher)
                out[row] = _made_again(*args, made) if again else _with_topics(*args)
    if again:
        _made.clear()
        _made.update(made)
    return out


def _topics_given(papers: list[Paper], slugs: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(papers, topics): the topics each paper has; and which papers have theirs
    otherwise than the model gives them (not in taxonomy order, or one not in the
    taxonomy): those are looked at whatever it gives."""
    order = {slug: k for k, slug in enumerate(slugs)}
    given = np.zeros((len(papers), len(slugs)), dtype=bool)
    other = np.zeros(len(papers), dtype=bool)
    for row, paper in enumerate(papers):
        places = [order.get(slug, -1) for slug in paper.topics]
        if -1 in places or places != sorted(set(places)):
            other[row] = True
        else:
            given[row, places] = True
    return given, other


def _made_again(paper, given, who, papers, labelled, matcher: TopicMatcher, made: dict) -> Paper:
    """_with_topics, or the paper the last build made of the same (_made); into `made`."""
    numbers = np.flatnonzero(given)
    why = (numbers.tobytes(), *(papers[labelled[k]].id if k >= 0 else "" for k in who[numbers]))
    last = _made.get(paper.id)
    if last and last[0] is paper and last[1] == why:
        out = last[2]
    else:
        out = _with_topics(paper, given, who, papers, labelled, matcher)
    made[paper.id] = (paper, why, out)
    return out


def _with_topics(paper, given, who, papers, labelled, matcher: TopicMatcher) -> Paper:
    """The paper with the topics given, in taxonomy order: a topic the keywords
    gave keeps its words as evidence, another is Like the closest labelled paper
    that has it (a topic with neither is not given); the topics they are part of
    are implied."""
    numbers = np.flatnonzero(given).tolist()
    slugs = [matcher.taxonomy[number].slug for number in numbers]
    if tuple(slugs) == paper.topics:
        return paper  # (the keywords' topics, each with its words or implied: as they are)
    words = {slug: why for slug, why in paper.topic_evidence() if not isinstance(why, Implied)}
    implied = {parent for slug in slugs for parent in matcher.broader.of.get(slug, ())}
    evidence = {}
    for number, slug in zip(numbers, slugs):
        if words.get(slug):
            evidence[slug] = words[slug]
        elif slug in implied:
            continue  # (implied by a narrower topic given: said so, below)
        elif who[number] >= 0:
            evidence[slug] = Like((papers[labelled[who[number]]].id,))
    evidence = matcher.broader.add(evidence)
    return paper.with_topics(tuple(evidence), tuple(evidence.values()))
