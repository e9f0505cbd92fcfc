"""How far the topics the generator gives agree with a reader's: precision and
recall against tests/data/topic_labels.yml, on its tuning half, its held-out
half and all of it, and the share of sample papers left with no topic.

    python bench/topics.py [--errors [HALF]]

Precision: of the (paper, topic) pairs the generator gives, the share the
reader gave too; recall: of the reader's pairs, the share the generator gives.
`--errors` lists, paper by paper, the topics given wrongly (+) and missed (-),
on the tuning half unless told another: what is tuned on is read paper by paper,
the held-out half only measured.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LABELS = ROOT / "tests" / "data" / "topic_labels.yml"

from generator.catalogue.taxonomy import DEFAULT_TAXONOMY  # noqa: E402
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


def measure(taxonomy: Path = DEFAULT_TAXONOMY, dumps: Path = ROOT / "dumps") -> dict:
    catalogue, _ = collect(
        Settings(dumps=dumps, docs=ROOT / "docs", taxonomy=taxonomy, cache=None, workers=1)
    )
    given = {p.id: set(p.topics) for p in catalogue.papers}
    halves = labels()
    missing = [pid for half in halves.values() for pid in half if pid not in given]
    if missing:
        sys.exit(f"{LABELS}: papers not in the sample: {', '.join(missing[:5])}")
    every = {pid: topics for half in halves.values() for pid, topics in half.items()}
    return {
        "tune": agreement(given, halves["tune"]),
        "held_out": agreement(given, halves["held_out"]),
        "all": agreement(given, every),
        "no_topic_share": round(sum(not t for t in given.values()) / len(given), 3),
        "given": given,
        "read": every,
        "halves": halves,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--errors",
        nargs="?",
        const="tune",
        choices=("tune", "held_out", "all"),
        help="list the disagreements of a half",
    )
    parser.add_argument("--json", action="store_true", help="one JSON line")
    args = parser.parse_args()
    figures = measure()
    given, read, halves = figures.pop("given"), figures.pop("read"), figures.pop("halves")
    if args.json:
        print(json.dumps(figures))
        return
    for half in ("tune", "held_out", "all"):
        f = figures[half]
        print(
            f"{half:9} ({f['papers']:3} papers): precision {f['precision']:.3f}, recall "
            f"{f['recall']:.3f}, F1 {f['f1']:.3f}"
        )
    print(f"sample papers with no topic: {figures['no_topic_share']:.1%}")
    if args.errors:
        for pid, topics in sorted((read if args.errors == "all" else halves[args.errors]).items()):
            wrong, missed = sorted(given[pid] - topics), sorted(topics - given[pid])
            if wrong or missed:
                print(f"{pid}: " + " ".join([f"+{t}" for t in wrong] + [f"-{t}" for t in missed]))


if __name__ == "__main__":
    main()
