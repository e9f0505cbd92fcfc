"""A curator's word on topics: dumps/overrides.yml."""

import shutil

from conftest import SEEDS, collect, generate, settings

from generator.model import CURATED, Implied
from generator.pipeline import build

PAPER = "streaming-deep-reinforcement-learning-finally-works"
# (language models only as LLM reasoning)
REASONING = "alphaone-reasoning-models-thinking-slow-and-fast-at-test-time"


def with_overrides(tmp_path, text: str):
    dumps = tmp_path / "dumps"
    shutil.copytree(SEEDS, dumps)
    (dumps / "overrides.yml").write_text(text, encoding="utf-8")
    return dumps


def test_a_curator_adds_and_removes_topics_and_wins_over_the_keywords(tmp_path):
    before = {p.id: p for p in collect()[0].papers}[PAPER]
    assert "reinforcement-learning" in before.topics and "safety-security" not in before.topics
    dumps = with_overrides(
        tmp_path, f"{PAPER}:\n  topics: [+safety-security, -reinforcement-learning, +agents]\n"
    )
    catalogue, report = collect(dumps)
    assert report.problems == []
    paper = {p.id: p for p in catalogue.papers}[PAPER]
    order = [t.slug for t in catalogue.taxonomy]
    assert paper.topics == tuple(
        sorted(
            {*before.topics, "safety-security", "agents"} - {"reinforcement-learning"},
            key=order.index,
        )
    )
    evidence = dict(zip(paper.topics, paper.evidence))
    assert evidence["safety-security"] == CURATED and evidence["agents"] == CURATED
    kept = set(before.topics) - {"reinforcement-learning", "agents"}
    assert all(evidence[slug] == dict(zip(before.topics, before.evidence))[slug] for slug in kept)


def test_unknown_ids_slugs_and_forms_are_one_line_each_with_file_and_line(tmp_path):
    dumps = with_overrides(
        tmp_path,
        f"{PAPER}:\n  topics: [+agents, +no-such-topic]\n"
        "no-such-paper:\n  topics: [+agents]\n"
        f"{PAPER}-again:\n  topics: agents\n"
        f"{PAPER}-too:\n  topic: [+agents]\n",
    )
    _, report = collect(dumps)
    path = dumps / "overrides.yml"
    assert sorted(map(str, report.problems)) == sorted([
        f"{path}:2: {PAPER}: no topic has the slug 'no-such-topic'",
        f"{path}:3: no-such-paper: no paper has this id (the end of its page's address)",
        f"{path}:5: {PAPER}-again: expected `<paper id>:` then `topics: [+slug, -slug]`",
        f"{path}:7: {PAPER}-too: expected only `topics:`",
    ])  # fmt: skip
    result = generate("build", dumps, "--strict")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{path}:3: no-such-paper: no paper has this id" in result.stderr


def test_the_page_says_why_it_has_each_topic_and_a_changed_override_renders_it_again(tmp_path):
    dumps = with_overrides(tmp_path, f"{PAPER}:\n  topics: [+agents]\n")
    run = settings(dumps=dumps, docs=tmp_path / "docs", cache=tmp_path / "cache")
    assert build(run, search=False).rendered == len(collect(dumps)[0].papers)
    page = (tmp_path / "docs" / "papers" / f"{PAPER}.md").read_text()
    why = page.split('<details class="paper-why">')[1].split("</details>")[0]
    assert "<li>Agents: curated</li>" in why
    assert "<li>Reinforcement learning: matched reinforcement learning" in why
    assert build(run, search=False).rendered == 0
    (dumps / "overrides.yml").write_text(f"{PAPER}:\n  topics: [+robotics]\n")
    assert build(run, search=False).rendered == 1


def test_a_curators_topics_bring_their_broader_ones_unless_the_curator_takes_those_away(tmp_path):
    before = {p.id: p for p in collect()[0].papers}
    for paper in (
        REASONING,
        "an-empirical-study-on-eliciting-and-improving-r1-like-reasoning-models",
    ):
        assert isinstance(dict(before[paper].topic_evidence())["language-models"], Implied)
    dumps = with_overrides(
        tmp_path,
        f"{PAPER}:\n  topics: [+llm-reasoning]\n"
        f"{REASONING}:\n  topics: [-llm-reasoning]\n"
        "an-empirical-study-on-eliciting-and-improving-r1-like-reasoning-models:\n  topics: "
        "[-language-models]\n",
    )
    catalogue, report = collect(dumps)
    assert report.problems == []
    after = {p.id: p for p in catalogue.papers}
    evidence = dict(after[PAPER].topic_evidence())
    assert evidence["llm-reasoning"] == CURATED and isinstance(evidence["language-models"], Implied)
    assert not {"llm-reasoning", "language-models"} & set(after[REASONING].topics)
    kept = after["an-empirical-study-on-eliciting-and-improving-r1-like-reasoning-models"].topics
    assert "llm-reasoning" in kept and "language-models" not in kept


def test_the_page_says_through_which_topic_a_broader_one_came(tmp_path):
    run = settings(dumps=SEEDS, docs=tmp_path / "docs", cache=tmp_path / "cache")
    build(run, search=False)
    page = (tmp_path / "docs" / "papers" / f"{REASONING}.md").read_text()
    why = page.split('<details class="paper-why">')[1].split("</details>")[0]
    assert "<li>Language models: via LLM reasoning</li>" in why
