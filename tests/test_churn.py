"""bench/churn.py: why a new dump changes old papers' pages (what issue 32's note reports)."""

import sys

from conftest import ROOT

from generator.catalogue.related import Relation
from generator.model import Catalogue, Paper

sys.path.insert(0, str(ROOT / "bench"))
from churn import REASONS, why_changed  # noqa: E402


def test_the_churn_bench_says_why_each_old_papers_page_changes():
    def paper(pid, topics=()):
        return Paper(id=pid, title=pid, abstract="An abstract.", topics=topics)

    def related(*ids, shared=("word",)):
        return tuple(Relation(pid, shared) for pid in ids)

    old = [paper(f"p{k}") for k in range(12)]
    was = {f"p{k}": related("p10", "p11") for k in range(10)}
    now = {
        "p0": related("new", "p11"),  # a new paper among them
        **{p: related("p11", "p10") for p in ("p1", "p2")},  # reordered
        **{p: related("p10", "p9") for p in ("p3", "p4", "p5")},  # another old paper
        **{p: related("p10", "p11", shared=("other",)) for p in ("p6", "p7", "p8", "p9")},
    }
    topics = [paper("p10", ("surveys",)), paper("p11", ("robotics",))]
    before = Catalogue(old, [], [], was)
    after = Catalogue([*old[:10], *topics, paper("new")], [], [], {**now, "new": related("p0")})
    reasons, changed, count = why_changed(before, after)
    assert [reasons[r] for r in REASONS] == [1, 2, 3, 4, 2]
    assert count == 12 and changed == 12
