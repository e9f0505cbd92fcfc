"""How far the topics the generator gives agree with a reader's: precision and
recall against dumps/topic_labels.yml.

    python bench/topics.py [--errors [HALF]] [--folds 10] [--cost 10000]

The keyword rules alone are measured on the labels' tuning half, held-out half
and all of them. The topics the build gives learn from the labels
(catalogue/topic_model.py), so they are measured cross-validated: the labelled
papers are dealt into folds (in a fixed order), and each fold's topics are those
the build gives when only the other folds are labelled; overall and per topic.
Then the share of sample papers left with no topic when every label teaches.

Precision: of the (paper, topic) pairs the generator gives, the share the
reader gave too; recall: of the reader's pairs, the share the generator gives.
`--errors` lists, paper by paper, the topics the rules give wrongly (+) and
miss (-), on the tuning half unless told another. `--curve` is the learning
curve: the same cross-validation with each fold taught by only a share of the
other folds' labels (three draws a share), so how much more labelling would
bring. `--cost N` times reading and merging N papers (the sample's and
synthetic ones) with the labels teaching and without, side by side, three
rounds: what learning adds to a build.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LABELS = ROOT / "dumps" / "topic_labels.yml"

from generator.catalogue.related import term_vectors  # noqa: E402
from generator.catalogue.taxonomy import DEFAULT_TAXONOMY  # noqa: E402
from generator.catalogue.topic_model import learn_topics  # noqa: E402
from generator.catalogue.topics import TopicMatcher  # noqa: E402
from generator.config import Settings  # noqa: E402
from generator.pipeline import collect  # noqa: E402


def labels() -> dict[str, dict[str, set[str]]]:
    """Half ("tune", "held_out") -> paper id -> the reader's topics."""
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    return {
        half: {pid: set(topics) for pid, topics in papers.items()} for half, papers in data.items()
    }


def agreement(given: dict[str, set[str]], read: dict[str, set[str]]) -> dict[str, float]:
    """Precision, recall and F1 of `given` against `read`, over the papers of `read`."""
    hits = sum(len(given[pid] & topics) for pid, topics in read.items())
    made = sum(len(given[pid]) for pid in read)
    wanted = sum(len(topics) for topics in read.values())
    precision = hits / made if made else 1.0
    recall = hits / wanted if wanted else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "papers": len(read),
    }


class Sample:
    """The sample's papers with the topics the rules give them, and what learning needs."""

    def __init__(self, taxonomy: Path = DEFAULT_TAXONOMY, dumps: Path = ROOT / "dumps"):
        with tempfile.TemporaryDirectory() as scratch:  # (the dumps without the labels)
            rules = Path(scratch) / "dumps"
            shutil.copytree(dumps, rules, ignore=shutil.ignore_patterns(LABELS.name))
            self.settings = Settings(
                dumps=rules, docs=ROOT / "docs", taxonomy=taxonomy, cache=None, workers=2
            )
            catalogue, _ = collect(self.settings)
        self.papers, self.taxonomy = catalogue.papers, catalogue.taxonomy
        self.given = {p.id: set(p.topics) for p in self.papers}
        self.matcher = TopicMatcher(self.taxonomy)
        self.vectors = term_vectors(self.papers, self.settings.workers)

    def learnt(self, taught: dict[str, set[str]]) -> dict[str, set[str]]:
        """Every paper's topics as the build gives them with the labels `taught`."""
        teach = {pid: frozenset(topics) for pid, topics in taught.items()}
        found = learn_topics(
            self.papers, self.matcher, self.vectors, teach, frozenset(), self.settings.workers
        )
        return {p.id: set(p.topics) for p in found}

    def cross_validated(
        self, every: dict[str, set[str]], folds: int, share: float = 1.0, seed: int = 0
    ) -> dict[str, set[str]]:
        """Each labelled paper's topics when the build is taught the other folds'
        labels (dealt in a fixed order), or only a `share` of them (drawn by `seed`)."""
        labelled = sorted(every)
        draw = random.Random(seed)
        predicted: dict[str, set[str]] = {}
        for fold in range(folds):
            held = set(labelled[fold::folds])
            taught = [pid for pid in labelled if pid not in held]
            if share < 1:
                taught = sorted(draw.sample(taught, round(share * len(taught))))
            topics = self.learnt({pid: every[pid] for pid in taught})
            predicted.update((pid, topics[pid]) for pid in held)
        return predicted


def every_label() -> dict[str, set[str]]:
    """Paper id -> the reader's topics, both halves."""
    return {pid: topics for half in labels().values() for pid, topics in half.items()}


def measure(
    taxonomy: Path = DEFAULT_TAXONOMY, dumps: Path = ROOT / "dumps", folds: int = 10
) -> dict:
    """The rules' agreement by half; the learnt topics' agreement, cross-validated,
    overall and per topic; the share of papers with no topic."""
    sample = Sample(taxonomy, dumps)
    given = sample.given
    halves = labels()
    missing = [pid for half in halves.values() for pid in half if pid not in given]
    if missing:
        sys.exit(f"{LABELS}: papers not in the sample: {', '.join(missing[:5])}")
    every = every_label()
    predicted = sample.cross_validated(every, folds)
    slugs = [t.slug for t in sample.taxonomy]
    per_topic = {
        slug: agreement(
            {pid: topics & {slug} for pid, topics in predicted.items()},
            {pid: topics & {slug} for pid, topics in every.items()},
        )
        for slug in slugs
    }
    taught = sample.learnt(every)
    return {
        "tune": agreement(given, halves["tune"]),
        "held_out": agreement(given, halves["held_out"]),
        "all": agreement(given, every),
        "learnt_cross_validated": agreement(predicted, every),
        "folds": folds,
        "no_topic_share_rules": round(sum(not t for t in given.values()) / len(given), 3),
        "no_topic_share": round(sum(not t for t in taught.values()) / len(taught), 3),
        "per_topic": per_topic,
        "given": given,
        "read": every,
        "halves": halves,
    }


CURVE_SHARES = (0.5, 2 / 3, 5 / 6, 1.0)


def curve(folds: int = 10, draws: int = 3) -> list[dict]:
    """The cross-validated agreement with each fold taught a share of the other
    folds' labels: per share, the labels taught and each draw's figures."""
    sample, every = Sample(), every_label()
    points = []
    for share in CURVE_SHARES:
        runs = [
            agreement(sample.cross_validated(every, folds, share, seed), every)
            for seed in range(draws if share < 1 else 1)  # (all of them: one way only)
        ]
        taught = round(share * (len(every) - len(every) // folds))
        points.append({"share": round(share, 3), "taught": taught, "runs": runs})
    return points


def cost(papers: int, rounds: int = 3) -> None:
    """Seconds to collect `papers` papers with and without the labels, side by side."""

    sys.path.insert(0, str(ROOT / "bench"))
    from synth import write_dumps

    with tempfile.TemporaryDirectory() as scratch:
        labelled, unlabelled = Path(scratch) / "labelled", Path(scratch) / "unlabelled"
        shutil.copytree(ROOT / "dumps", labelled)
        sample = len(collect(_settings(labelled))[0].papers)
        write_dumps(labelled, papers - sample, first=0)
        shutil.copytree(labelled, unlabelled)
        (unlabelled / LABELS.name).unlink()
        seconds: dict[str, list[float]] = {"labels": [], "none": [], "stage": []}
        for _ in range(rounds):
            for name, dumps in (("none", unlabelled), ("labels", labelled)):
                start = time.perf_counter()
                catalogue, report = collect(_settings(dumps))
                seconds[name].append(time.perf_counter() - start)
                if name == "labels":
                    seconds["stage"].append(report.seconds["topics"])
        median = {k: statistics.median(v) for k, v in seconds.items()}
        added = median["labels"] - median["none"]
        print(
            f"{len(catalogue.papers):,} papers, 2 workers, median of {rounds}: read and merge "
            f"{median['none']:.2f} s without labels, {median['labels']:.2f} s with them "
            f"(+{added:.2f} s; tf-idf and topics: {median['stage']:.2f} s)"
        )


def _settings(dumps: Path) -> Settings:
    return Settings(
        dumps=dumps, docs=ROOT / "docs", taxonomy=DEFAULT_TAXONOMY, cache=None, workers=2
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--errors",
        nargs="?",
        const="tune",
        choices=("tune", "held_out", "all"),
        help="list the disagreements of a half",
    )
    parser.add_argument("--folds", type=int, default=10, help="cross-validation folds")
    parser.add_argument("--json", action="store_true", help="one JSON line")
    parser.add_argument("--cost", type=int, metavar="N", help="time learning at N papers")
    parser.add_argument("--curve", action="store_true", help="the learning curve")
    args = parser.parse_args()
    if args.cost:
        cost(args.cost)
        return
    if args.curve:
        print(f"learnt topics, {args.folds}-fold cross-validated, taught a share of the labels:")
        for point in curve(args.folds):
            runs = point["runs"]
            mean = {k: statistics.mean(r[k] for r in runs) for k in ("precision", "recall", "f1")}
            print(
                f"  {point['share']:5.0%} (about {point['taught']} labelled papers teach), "
                f"mean of {len(runs)}: precision {mean['precision']:.3f}, recall "
                f"{mean['recall']:.3f}, F1 {mean['f1']:.3f} (F1 "
                + ", ".join(f"{r['f1']:.3f}" for r in runs)
                + ")"
            )
        return
    figures = measure(folds=args.folds)
    given, read, halves = figures.pop("given"), figures.pop("read"), figures.pop("halves")
    if args.json:
        print(json.dumps(figures))
        return

    def line(name: str, f: dict) -> str:
        return (
            f"{name:28} ({f['papers']:3} papers): precision {f['precision']:.3f}, recall "
            f"{f['recall']:.3f}, F1 {f['f1']:.3f}"
        )

    print("keyword rules alone:")
    for half in ("tune", "held_out", "all"):
        print("  " + line(half, figures[half]))
    print(f"learnt topics, {figures['folds']}-fold cross-validated:")
    print("  " + line("all", figures["learnt_cross_validated"]))
    for slug, f in figures["per_topic"].items():
        labelled = sum(slug in topics for topics in read.values())
        print(
            f"    {slug:26} ({labelled:3} labelled): precision {f['precision']:.3f}, "
            f"recall {f['recall']:.3f}, F1 {f['f1']:.3f}"
        )
    print(
        f"sample papers with no topic: {figures['no_topic_share']:.1%} "
        f"(rules alone: {figures['no_topic_share_rules']:.1%})"
    )
    if args.errors:
        for pid, topics in sorted((read if args.errors == "all" else halves[args.errors]).items()):
            wrong, missed = sorted(given[pid] - topics), sorted(topics - given[pid])
            if wrong or missed:
                print(f"{pid}: " + " ".join([f"+{t}" for t in wrong] + [f"-{t}" for t in missed]))


if __name__ == "__main__":
    main()
