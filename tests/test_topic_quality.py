"""The topics the generator gives, against a reader's labels (dumps/topic_labels.yml)."""

import sys

import pytest
from conftest import ROOT, collect

sys.path.insert(0, str(ROOT / "bench"))
import topics as quality  # noqa: E402  (bench/topics.py: the measure the note reports)


@pytest.fixture(scope="module")
def figures():
    return quality.measure()


def test_the_labels_name_sample_papers_and_known_topics():
    catalogue, _ = collect()
    ids, slugs = {p.id for p in catalogue.papers}, {t.slug for t in catalogue.taxonomy}
    labelled = {pid: topics for half in quality.labels().values() for pid, topics in half.items()}
    assert len(labelled) >= 150 and set(labelled) <= ids
    assert set().union(*labelled.values()) <= slugs
    tune, held_out = quality.labels().values()
    assert not set(tune) & set(held_out)


def test_topics_agree_with_the_reader_on_papers_not_tuned_on(figures):
    # Where tuning the taxonomy on the other half brought them (bench/topics.py): a
    # floor, so that a change to topics.yml or the matcher that loses agreement shows.
    held_out = figures["held_out"]
    assert held_out["precision"] >= 0.78 and held_out["recall"] >= 0.79, held_out
    assert figures["no_topic_share_rules"] <= 0.05


def test_learnt_topics_agree_better_cross_validated(figures):
    # Each fold's topics learnt from the other folds' labels (bench/topics.py): a floor
    # where the learning brought them, above the rules' 0.775 and 0.790.
    learnt = figures["learnt_cross_validated"]
    assert learnt["precision"] >= 0.82 and learnt["recall"] >= 0.79, learnt
    assert figures["no_topic_share"] <= 0.05


def test_the_learning_curve_teaches_each_fold_a_share_of_the_other_folds(monkeypatch):
    sample = quality.Sample.__new__(quality.Sample)  # (no build: only who teaches is looked at)
    taught = []

    def learnt(labels):
        taught.append(set(labels))
        return {pid: {"surveys"} for pid in every}

    monkeypatch.setattr(sample, "learnt", learnt, raising=False)
    every = {f"paper-{k:02d}": {"surveys"} for k in range(40)}
    predicted = sample.cross_validated(every, folds=4, share=0.5, seed=1)
    assert set(predicted) == set(every)
    held = [set(sorted(every)[fold::4]) for fold in range(4)]
    assert [len(t) for t in taught] == [15] * 4  # (half of the 30 the other folds hold)
    assert all(not t & h for t, h in zip(taught, held))
    first, taught[:] = list(taught), []
    sample.cross_validated(every, folds=4, share=0.5, seed=1)
    assert taught == first  # (the same draw for the same seed)
