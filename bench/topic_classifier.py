"""Would a per-topic classifier, blended with the keyword rules, agree better with
the reader? The experiment behind the note of issue 19; not part of the build.

    python bench/topic_classifier.py

For each topic, a logistic regression (scikit-learn) over the tf-idf of title
and abstract plus the rules' own signals (title hit, distinct abstract keywords,
occurrences, the rule's decision), trained on the tuning half of
dumps/topic_labels.yml, as arxiv-sanity-lite trains an SVM per tag. A
topic is given when its score is over a threshold. Prints the rules and a few
settings (C, weight of the rules' signals, threshold): five-fold
cross-validation on the tuning half, then each setting trained on the whole
tuning half and measured once on the held-out half.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import topics as quality  # bench/topics.py: the labels and the measure
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.catalogue.taxonomy import DEFAULT_TAXONOMY  # noqa: E402
from generator.catalogue.topics import EXCLUDE, KEYWORDS, TITLE_KEYWORDS, TopicMatcher  # noqa: E402
from generator.config import Settings  # noqa: E402
from generator.pipeline import collect  # noqa: E402

# C, signal weight, threshold.
SETTINGS = [
    (1, 0.5, 0.0),
    (3, 0.5, 0.0),
    (10, 0.5, -0.25),
    (10, 1.0, 0.0),
]


def signals(matcher: TopicMatcher, paper) -> list[list[float]]:
    """What the rules saw of each topic in the paper (title and abstract scanned once)."""
    title, abstract = matcher.scan(paper.title), matcher.scan(paper.abstract)
    seen = []
    for number, topic in enumerate(matcher.taxonomy):
        in_title = any((number, kind) in title for kind in (KEYWORDS, TITLE_KEYWORDS))
        hits = abstract.get((number, KEYWORDS), [])
        excluded = (number, EXCLUDE) in title or (number, EXCLUDE) in abstract
        distinct = min(len({order for order, _ in hits}), 4) / 2
        seen.append(
            [
                float(in_title),
                distinct,
                np.log1p(len(hits)),
                float(topic.slug in paper.topics),
                float(excluded),
            ]
        )
    return seen


def main() -> None:
    catalogue, _ = collect(
        Settings(
            dumps=ROOT / "dumps",
            docs=ROOT / "docs",
            taxonomy=DEFAULT_TAXONOMY,
            cache=None,
            workers=1,
        )
    )
    papers = {p.id: p for p in catalogue.papers}
    slugs = [t.slug for t in catalogue.taxonomy]
    matcher = TopicMatcher(catalogue.taxonomy)
    halves = quality.labels()
    tune, held_out = halves["tune"], halves["held_out"]
    ids = sorted(papers)
    row = {pid: k for k, pid in enumerate(ids)}
    vectorizer = TfidfVectorizer(
        sublinear_tf=True, ngram_range=(1, 2), min_df=2, stop_words="english"
    )
    text = vectorizer.fit_transform(
        f"{papers[i].title} . {papers[i].title} . {papers[i].abstract}" for i in ids
    )
    seen = {pid: signals(matcher, papers[pid]) for pid in [*tune, *held_out]}

    def features(pids: list[str], number: int, weight: float):
        rules = np.array([seen[pid][number] for pid in pids]) * weight
        return hstack([text[[row[i] for i in pids]], csr_matrix(rules)]).tocsr()

    def predict(
        train: list[str], test: list[str], c: float, weight: float, threshold: float
    ) -> dict[str, set[str]]:
        given = {pid: set() for pid in test}
        for number, slug in enumerate(slugs):
            wanted = np.array([slug in tune[pid] for pid in train])
            if wanted.sum() < 2:  # too few examples: the rules decide
                for pid in test:
                    if slug in papers[pid].topics:
                        given[pid].add(slug)
                continue
            model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
            scores = model.fit(features(train, number, weight), wanted).decision_function(
                features(test, number, weight)
            )
            for pid, score in zip(test, scores):
                if score > threshold:
                    given[pid].add(slug)
        return given

    rules = {pid: set(p.topics) for pid, p in papers.items()}
    print(
        f"rules:      tune {quality.agreement(rules, tune)}\n            held-out "
        f"{quality.agreement(rules, held_out)}"
    )
    tuned = sorted(tune)
    for c, weight, threshold in SETTINGS:
        folds: dict[str, set[str]] = {}
        for train, test in KFold(5, shuffle=True, random_state=0).split(tuned):
            folds |= predict(
                [tuned[k] for k in train], [tuned[k] for k in test], c, weight, threshold
            )
        held = predict(tuned, sorted(held_out), c, weight, threshold)
        print(
            f"C={c:<4} weight={weight} threshold={threshold:+}: tune (5-fold) "
            f"{quality.agreement(folds, tune)}"
        )
        print(f"{'':33}held-out {quality.agreement(held, held_out)}")


if __name__ == "__main__":
    main()
