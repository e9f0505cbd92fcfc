"""Topics learnt from labelled papers and from a curator's fixes
(catalogue/topic_model.py); the figures are bench/topics.py's."""

import shutil

import numpy as np
import pytest
import scipy.sparse
from conftest import SEEDS, settings

from generator.catalogue.related import term_vectors
from generator.catalogue.topic_model import NEIGHBOURS, Neighbours, TopicModel
from generator.catalogue.topics import TopicMatcher
from generator.model import CURATED, InputError, Like
from generator.pages.paper import render_paper
from generator.pipeline import collect
from generator.read.labels import load_labels

TOPIC = "robotics"


def _papers(dumps):
    catalogue, report = collect(settings(dumps))
    assert report.problems == []
    return catalogue, {p.id: p for p in catalogue.papers}


def test_a_curators_fixes_teach_a_similar_unlabelled_paper(tmp_path):
    dumps = tmp_path / "dumps"
    shutil.copytree(SEEDS, dumps)
    catalogue, before = _papers(dumps)
    labelled = set(load_labels(dumps, frozenset(t.slug for t in catalogue.taxonomy))[0])
    # An unlabelled paper without the topic, and the eight papers most like it.
    papers = catalogue.papers
    rows = term_vectors(papers, 1).rows
    unlabelled = next(
        k for k, p in enumerate(papers) if p.id not in labelled and TOPIC not in p.topics
    )
    likeness = (rows @ rows[unlabelled].T).toarray().ravel()
    likeness[unlabelled] = -1
    alike = [papers[k].id for k in np.argsort(-likeness, kind="stable")[:8]]
    assert not any(TOPIC in before[pid].topics for pid in alike)

    (dumps / "overrides.yml").write_text(
        "".join(f"{pid}:\n  topics: [+{TOPIC}]\n" for pid in alike), encoding="utf-8"
    )
    catalogue, after = _papers(dumps)
    target = after[papers[unlabelled].id]
    assert TOPIC in target.topics, "the curated papers taught nothing"
    why = dict(target.topic_evidence())[TOPIC]
    assert isinstance(why, Like) and why[0] in alike
    assert all(dict(after[pid].topic_evidence())[TOPIC] == CURATED for pid in alike)
    # The page says which labelled paper it is like, with a link to it.
    page = render_paper(target, catalogue)
    assert f'like <a href="../{why[0]}/">{after[why[0]].title}</a>' in page
    # The same dumps and labels give the same topics.
    assert {p.id: p.topics for p in collect(settings(dumps))[0].papers} == {
        p.id: p.topics for p in catalogue.papers
    }


def test_with_no_labels_and_no_fixes_the_keywords_alone_decide(tmp_path):
    dumps = tmp_path / "dumps"
    shutil.copytree(SEEDS, dumps)
    (dumps / "topic_labels.yml").unlink()
    rules, _ = _papers(dumps)
    learnt, _ = _papers(SEEDS)
    assert not any(isinstance(w, Like) for p in rules.papers for w in p.evidence)
    assert any(isinstance(w, Like) for p in learnt.papers for w in p.evidence)
    assert sum(not p.topics for p in learnt.papers) <= 0.05 * len(learnt.papers)


def test_a_labels_file_says_each_mistake_in_one_line_and_keeps_the_rest(tmp_path):
    (tmp_path / "topic_labels.yml").write_text(
        "a-paper: [agents, nope]\ntune:\n  b-paper: agents\n  c-paper: [robotics]\n",
        encoding="utf-8",
    )
    catalogue, _ = collect(settings(SEEDS))
    labels, problems, notes = load_labels(tmp_path, frozenset(t.slug for t in catalogue.taxonomy))
    assert labels == {"a-paper": {"agents"}, "c-paper": {"robotics"}}
    path = tmp_path / "topic_labels.yml"
    assert [str(p) for p in problems] == [
        f"{path}:3: b-paper: expected `<paper id>: [topic slug, ...]`"
    ]
    assert [str(n) for n in notes] == [
        f"{path}:1: no topic has the slug 'nope': its labels teach nothing"
    ]
    (tmp_path / "topic_labels.yml").write_text("a-paper: [agents\n", encoding="utf-8")
    with pytest.raises(InputError):
        load_labels(tmp_path, frozenset())


def test_a_paper_given_other_topics_is_a_new_paper_as_replace_makes_it():
    catalogue, _ = _papers(SEEDS)
    paper = next(p for p in catalogue.papers if p.topics and len(p.sources) > 1)
    seen, topics, evidence = paper.first_seen, paper.topics, paper.evidence
    given = paper.with_topics(("robotics",), (Like(("2401.00001",)),))
    assert given == paper.replace(topics=("robotics",), evidence=(Like(("2401.00001",)),))
    assert given.first_seen == seen and given.sources == paper.sources
    assert (paper.topics, paper.evidence) == (topics, evidence)  # (the paper itself unchanged)


def test_a_curators_fix_changes_only_papers_it_is_among_the_nearest_labelled_of(tmp_path):
    """The readers' labels set the model's weights and threshold; a fix only votes.
    A fix moved them before, so one topic added to one paper changed the topics of
    papers nowhere near it (1,000 of 10,469 synthetic papers)."""
    dumps = tmp_path / "dumps"
    shutil.copytree(SEEDS, dumps)
    catalogue, before = _papers(dumps)
    labelled = set(load_labels(dumps, frozenset(t.slug for t in catalogue.taxonomy))[0])
    papers = catalogue.papers
    place = {p.id: k for k, p in enumerate(papers)}
    rows = term_vectors(papers, 1).rows
    fixed = [p for p in papers[::37] if p.id not in labelled and TOPIC not in p.topics][:4]
    assert len(fixed) == 4
    for paper in fixed:
        (dumps / "overrides.yml").write_text(f"{paper.id}:\n  topics: [+{TOPIC}]\n")
        _, after = _papers(dumps)
        voters = np.array(sorted(place[pid] for pid in labelled | {paper.id} if pid in place))
        for pid in (pid for pid in after if pid != paper.id):
            if after[pid].topics == before[pid].topics:
                continue
            likeness = (rows[place[pid]] @ rows[voters].T).toarray().ravel()
            likeness[voters == place[pid]] = -1  # (not its own vote)
            nearest = voters[np.argsort(-likeness, kind="stable")[:NEIGHBOURS]]
            assert place[paper.id] in nearest, f"fixing {paper.id} changed {pid}"


def test_the_nearest_labelled_papers_are_the_same_found_at_once_or_as_labels_come():
    """Every paper's nearest labelled papers, found among all the labelled papers
    or as the last build's and those labelled since: the same papers in the same
    order, even where more papers than NEIGHBOURS are equally alike."""
    catalogue, _ = _papers(SEEDS)
    rows = term_vectors(catalogue.papers, 1).rows
    # Fifteen copies of three papers: each copy has fourteen equally alike.
    copied = [3, 40, 77]
    rows = scipy.sparse.vstack([rows] + [rows[copied]] * 15).tocsr()
    randoms = np.random.default_rng(7)
    labelled = np.union1d(
        randoms.choice(len(catalogue.papers), 60, replace=False),
        np.arange(len(catalogue.papers), rows.shape[0]),
    )
    truth = randoms.integers(0, 2, (len(labelled), len(catalogue.taxonomy))).astype(np.float32)
    matcher = TopicMatcher(catalogue.taxonomy)
    every = TopicModel(matcher, rows, list(labelled), truth)
    earlier = np.sort(randoms.choice(len(labelled), len(labelled) - 20, replace=False))
    neighbours = Neighbours()
    neighbours.of(TopicModel(matcher, rows, list(labelled[earlier]), truth[earlier]))
    found_so, found_at_once = neighbours.of(every), every.everyones_nearest()
    assert NEIGHBOURS < 15
    assert all((a == b).all() for a, b in zip(found_so, found_at_once))
    assert all((a == b).all() for a, b in zip(every.votes(*found_so), every.votes(*found_at_once)))
