"""Why a new dump changes old papers' pages: related papers and topics before
and after one dump of new papers is added to a catalogue.

    python bench/churn.py [--papers 10000] [--new 50]

The catalogue is the sample's dumps and `--papers` synthetic papers
(bench/synth.py); the new dump holds `--new` more, of a later day (as
bench/serve.py's "new dump" edit). Each old paper whose page would change is
counted under why: a new paper among its related papers; the same related
papers in another order; another old paper among them; only the words they
are said to share; its topics (a page can count under both). Under `mkdocs
serve`, each of these pages is written and built again.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

from common import ROOT, machine
from synth import write_dumps

from generator.config import Settings
from generator.pipeline import collect

REASONS = (
    "a new paper among its related papers",
    "the same related papers, reordered",
    "another old paper among its related papers",
    "only the shared words changed",
    "its topics",
)


def catalogue(dumps: Path):
    settings = Settings(
        dumps=dumps,
        docs=dumps.parent / "docs",
        taxonomy=ROOT / "generator" / "topics.yml",
        cache=None,
        workers=2,
    )
    found, _ = collect(settings)
    return found


def why_changed(before, after) -> tuple[Counter, int, int]:
    """(reason -> old papers, old papers changed in any way, old papers)."""
    old = {p.id: p for p in before.papers}
    new_ids = {p.id for p in after.papers} - set(old)
    reasons: Counter = Counter()
    changed = 0
    for paper in after.papers:
        if paper.id not in old:
            continue
        was, now = before.related.get(paper.id, ()), after.related.get(paper.id, ())
        if paper != old[paper.id] or was != now:
            changed += 1
        ids_was, ids_now = [r.id for r in was], [r.id for r in now]
        if ids_was != ids_now:
            if set(ids_now) & new_ids:
                reasons[REASONS[0]] += 1
            elif set(ids_was) == set(ids_now):
                reasons[REASONS[1]] += 1
            else:
                reasons[REASONS[2]] += 1
        elif was != now:
            reasons[REASONS[3]] += 1
        if paper.topics != old[paper.id].topics:
            reasons[REASONS[4]] += 1
    return reasons, changed, len(old)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=10_000, help="synthetic papers")
    parser.add_argument("--new", type=int, default=50, help="papers in the new dump")
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as scratch:
        dumps = Path(scratch) / "dumps"
        shutil.copytree(ROOT / "dumps", dumps)
        write_dumps(dumps, args.papers)
        before = catalogue(dumps)
        new = Path(scratch) / "new"
        write_dumps(new, args.new, first=args.papers * 10)  # (as bench/serve.py: a later day)
        for dump in new.iterdir():
            shutil.move(dump, dumps / dump.name)
        after = catalogue(dumps)
    reasons, changed, old = why_changed(before, after)
    print(
        f"{old:,} papers, then {len(after.papers) - old:,} more in a new dump: the pages of "
        f"{changed:,} old papers change ({changed / old:.1%})"
    )
    for reason in REASONS:
        print(f"  {reasons[reason]:6,}  {reason}")


if __name__ == "__main__":
    sys.exit(main())
