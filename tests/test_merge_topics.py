"""Merging appearances into papers, and assigning topics."""

import datetime as dt
from pathlib import Path

import pytest
from conftest import SEEDS, collect

from generator.catalogue.merge import merge_papers
from generator.catalogue.slugs import slug_for
from generator.catalogue.taxonomy import load_taxonomy
from generator.catalogue.topics import TopicMatcher, assign_topics
from generator.model import Implied, InputError, Paper, Source

REQUIRED_TOPICS = {
    "reinforcement-learning", "continual-learning", "curriculum-learning", "llm-reasoning",
    "alignment-rlhf", "agents", "knowledge-distillation", "meta-learning", "learning-dynamics",
    "computer-vision", "robotics", "pretraining", "language-models",
}  # fmt: skip


def appearance(title, file, captured, **fields):
    return Paper(id=slug_for(title), title=title, abstract="Same abstract.",
                 sources=(Source(file, 1, captured),), **fields)


def test_same_paper_in_several_dumps_becomes_one_record_with_every_source():
    papers, problems = merge_papers([
        appearance("Self-Rewarding Language Models", "a.txt", dt.date(2025, 1, 1), upvotes=3),
        appearance("self-rewarding language models", "b.txt", dt.date(2025, 6, 1), upvotes=9),
        appearance("Self Rewarding Language Models", "c.txt", dt.date(2025, 9, 1), authors_count=4),
    ])
    [paper] = papers
    assert problems == []
    assert paper.upvotes == 9  # latest capture that has a value
    assert paper.authors_count == 4  # from whichever dump has it
    assert [s.file for s in paper.sources] == ["a.txt", "b.txt", "c.txt"]
    assert paper.first_seen == dt.date(2025, 1, 1)


def test_different_titles_claiming_one_page_keep_the_first_by_key_merged():
    # "- -" and "---" are different titles (punctuation alone is kept) with one slug.
    records = [
        appearance("---", "b.txt", dt.date(2025, 2, 1)),
        appearance("- -", "a.txt", dt.date(2025, 1, 1), upvotes=1),
        appearance("- -", "c.txt", dt.date(2025, 3, 1)),
    ]
    assert len({r.id for r in records}) == 1
    for order in (records, records[::-1]):
        [paper], [problem] = merge_papers(order)
        assert paper.title == "- -" and paper.upvotes == 1
        assert [s.file for s in paper.sources] == ["a.txt", "c.txt"]
        assert (problem.file, problem.line) == ("b.txt", 1)
        assert "'---' and '- -' both map to the page papers/---/" in problem.message


def test_unknown_capture_dates_count_as_oldest_for_upvotes():
    [paper], _ = merge_papers([
        appearance("X Paper Title", "dated.txt", dt.date(2025, 1, 1), upvotes=2),
        appearance("X Paper Title", "undated.txt", None, upvotes=50),
    ])
    assert paper.upvotes == 2


def test_taxonomy_has_the_required_topics():
    slugs = {t.slug for t in load_taxonomy()}
    assert REQUIRED_TOPICS <= slugs


def topics_of(title, abstract):
    paper = Paper(id="x", title=title, abstract=abstract)
    return assign_topics(paper, load_taxonomy()).topics


def test_direct_feedback_alignment_is_not_llm_alignment():
    topics = topics_of(
        "Principled Training of Neural Networks with Direct Feedback Alignment",
        "Direct feedback alignment trains networks without backpropagation by projecting errors.",
    )
    assert "alignment-rlhf" not in topics


def test_rlhf_paper_is_alignment_and_reinforcement_learning():
    topics = topics_of("RLHF Workflow: From Reward Modeling to Online RLHF", "We align models.")
    assert {"alignment-rlhf", "reinforcement-learning"} <= set(topics)


def test_acronym_keywords_match_capitals_only():
    assert "reinforcement-learning" in topics_of("Offline RL at Scale", "x")
    assert "reinforcement-learning" not in topics_of("The url Parser", "x")


def test_at_most_five_percent_of_sample_papers_have_no_topic():
    catalogue, _ = collect(SEEDS)
    untopiced = [p for p in catalogue.papers if not p.topics]
    assert len(untopiced) <= 0.05 * len(catalogue.papers)


def taxonomy_problems(tmp_path: Path, text: str) -> tuple[Path, list[str]]:
    """The file `text` was written to, and the problems load_taxonomy reports in it."""
    bad = tmp_path / "topics.yml"
    bad.write_text(text)
    with pytest.raises(InputError) as info:
        load_taxonomy(bad)
    return bad, [str(p) for p in info.value.problems]


def test_every_taxonomy_mistake_is_reported_at_once(tmp_path: Path):
    bad, problems = taxonomy_problems(
        tmp_path, "- slug: Bad Slug\n  keywords: [x]\n- slug: ok\n  keywords: x\n- slug: empty\n"
    )
    assert problems == [
        f"{bad}:1: topic 1: slug 'Bad Slug' must be lowercase words joined by hyphens",
        f"{bad}:4: topic 'ok': keywords must be a list of words",
        f"{bad}:3: topic 'ok': needs keywords or title_keywords",
        f"{bad}:5: topic 'empty': needs keywords or title_keywords",
    ]


def test_a_paper_gets_the_broader_topics_of_its_topics_through_any_number_of_steps(tmp_path: Path):
    taxonomy = tmp_path / "topics.yml"
    taxonomy.write_text(
        "- slug: proofs\n  keywords: [proof]\n  broader: [maths]\n"
        "- slug: science\n  keywords: [experiment]\n"
        "- slug: maths\n  keywords: [algebra]\n  broader: [science]\n"
        "- slug: cycling\n  keywords: [wheel]\n  broader: [cycling-too]\n"
        "- slug: cycling-too\n  keywords: [spoke]\n  broader: [cycling]\n"
    )
    matcher = TopicMatcher(load_taxonomy(taxonomy))
    assert matcher.topics_and_evidence("A proof", "") == (
        ("proofs", "science", "maths"),
        (("proof",), ("proofs",), ("proofs",)),
    )
    topics, evidence = matcher.topics_and_evidence("Algebra by experiment", "")
    # Matched, not implied.
    assert topics == ("science", "maths") and not any(isinstance(e, Implied) for e in evidence)
    assert isinstance(matcher.topics_and_evidence("A proof", "")[1][1], Implied)
    assert matcher.topics("A wheel", "") == ("cycling", "cycling-too")  # a loop ends


def test_llm_reasoning_is_filed_under_language_models_too():
    paper = Paper(id="x", title="Chain-of-thought reasoning for math word problems", abstract="")
    filed = assign_topics(paper, load_taxonomy())
    evidence = dict(filed.topic_evidence())
    assert evidence["language-models"] == ("llm-reasoning",) and isinstance(
        evidence["language-models"], Implied
    )


def test_broader_must_name_other_topics_of_the_taxonomy(tmp_path: Path):
    bad, problems = taxonomy_problems(
        tmp_path,
        "- slug: a\n  keywords: [x]\n  broader: [b, nowhere]\n"
        "- slug: b\n  keywords: [y]\n  broader: [b]\n"
        "- slug: c\n  keywords: [z]\n  broader: b\n",
    )
    assert problems == [
        f"{bad}:9: topic 'c': broader must be a list of topic slugs",
        f"{bad}:3: topic 'a': broader: no topic has the slug 'nowhere'",
        f"{bad}:6: topic 'b': broader: a topic is not broader than itself",
    ]


def test_a_taxonomy_that_is_not_yaml_names_its_line(tmp_path: Path):
    bad = tmp_path / "topics.yml"
    bad.write_text("- slug: ok\n  keywords: [x\n- slug: next\n")
    with pytest.raises(InputError) as info:
        load_taxonomy(bad)
    [problem] = info.value.problems
    assert problem.file == str(bad) and problem.line == 3 and "not valid YAML" in problem.message
