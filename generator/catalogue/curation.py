"""A curator's word on topics (read/overrides.py), applied to the merged papers."""

from __future__ import annotations

from ..model import CURATED, Paper, Problem
from ..read.overrides import Override
from .taxonomy import Topic


def curate(papers: list[Paper], overrides: list[Override], taxonomy: list[Topic], path: str) -> tuple[list[Paper], list[Problem]]:
    """The papers with the overrides applied (topics in taxonomy order; a topic a
    curator gave has CURATED as its evidence), and a problem, naming `path` and
    the line, for each unknown paper id or topic slug."""
    place = {p.id: k for k, p in enumerate(papers)}
    order = {t.slug: n for n, t in enumerate(taxonomy)}
    papers, problems = list(papers), []
    for override in overrides:
        if override.paper_id not in place:
            problems.append(Problem(path, override.line, f"{override.paper_id}: no paper has this id (the end of its page's address)"))
            continue
        paper = papers[place[override.paper_id]]
        evidence = dict(paper.topic_evidence())
        for change in override.changes:
            if change.slug not in order:
                problems.append(Problem(path, change.line, f"{override.paper_id}: no topic has the slug {change.slug!r}"))
            elif change.adds:
                evidence[change.slug] = CURATED
            else:
                evidence.pop(change.slug, None)
        topics = sorted(evidence, key=order.__getitem__)
        papers[place[override.paper_id]] = paper.replace(topics=tuple(topics), evidence=tuple(evidence[s] for s in topics))
    return papers, problems
