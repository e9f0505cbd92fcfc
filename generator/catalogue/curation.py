"""A curator's word on topics (read/overrides.py), applied to the merged papers."""

from __future__ import annotations

from ..model import CURATED, Paper, Problem
from ..read.overrides import Override
from .taxonomy import Broader, Topic


def curate(
    papers: list[Paper], overrides: list[Override], taxonomy: list[Topic], path: str
) -> tuple[list[Paper], list[Problem]]:
    """The papers with the overrides applied (topics in taxonomy order; a topic a
    curator gave has CURATED as its evidence; the topics a curator's topics are
    part of are implied, unless the curator took them away), and a problem,
    naming `path` and the line, for each unknown paper id or topic slug."""
    place = {p.id: k for k, p in enumerate(papers)}
    broader = Broader(taxonomy)
    order = broader.order
    papers, problems = list(papers), []
    for override in overrides:
        if override.paper_id not in place:
            problems.append(
                Problem(
                    path,
                    override.line,
                    f"{override.paper_id}: no paper has this id (the end of its page's address)",
                )
            )
            continue
        paper = papers[place[override.paper_id]]
        evidence, removed = dict(paper.topic_evidence()), set()
        for change in override.changes:
            if change.slug not in order:
                problems.append(
                    Problem(
                        path,
                        change.line,
                        f"{override.paper_id}: no topic has the slug {change.slug!r}",
                    )
                )
            elif change.adds:
                evidence[change.slug] = CURATED
                removed.discard(change.slug)
            else:
                evidence.pop(change.slug, None)
                removed.add(change.slug)
        evidence = broader.add(evidence, keep_out=frozenset(removed))
        papers[place[override.paper_id]] = paper.replace(
            topics=tuple(evidence), evidence=tuple(evidence.values())
        )
    return papers, problems
