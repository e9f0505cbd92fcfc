"""Many appearances of a paper -> one record per paper."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..model import Paper, Problem
from .slugs import title_key


def _recency(paper: Paper) -> tuple:
    """Sort key: unknown capture dates count as oldest; file order breaks ties."""
    source = paper.sources[0]
    return (source.captured is not None, source.captured or dt.date.min, source.file, source.line)


def _first(values: Iterable):
    return next((v for v in values if v is not None), None)


def merge_group(appearances: list[Paper]) -> Paper:
    """Fold the appearances of one paper, newest capture first for every field."""
    if len(appearances) == 1:
        return appearances[0]  # most papers: nothing to fold
    newest_first = sorted(appearances, key=_recency, reverse=True)
    latest = newest_first[0]
    code = tuple(dict.fromkeys(url for p in newest_first for url in p.code))
    links = tuple(dict.fromkeys(url for p in newest_first for url in p.links))
    published = _first(p.published for p in newest_first)
    return latest.replace(
        authors_count=_first(p.authors_count for p in newest_first),
        organization=_first(p.organization for p in newest_first),
        published=published,
        published_text=None if published else _first(p.published_text for p in newest_first),
        upvotes=_first(p.upvotes for p in newest_first),
        code=code,
        links=links,
        sources=tuple(sorted((s for p in appearances for s in p.sources), key=_source_order)),
    )


def _source_order(source) -> tuple:
    return (source.captured is None, source.captured or dt.date.max, source.file, source.line)


def merge_papers(records: Iterable[Paper]) -> tuple[list[Paper], list[Problem]]:
    """One paper per title key, sorted by id.

    Records are grouped by id first (an id is a function of the title key, so
    the papers of one key share it), and only a group of several is split by
    key: most ids have one record, whose key need not be computed again.
    Two different papers that claim one page are a problem to resolve, never a
    page that silently shows one of them: the first by key is kept, the others reported.
    """
    by_id: dict[str, list[Paper]] = {}
    for record in records:
        by_id.setdefault(record.id, []).append(record)
    papers: list[Paper] = []
    problems = []
    for page_id in sorted(by_id):
        group = by_id[page_id]
        if len(group) == 1:
            papers.append(group[0])
            continue
        by_key: dict[str, list[Paper]] = {}
        for record in group:
            by_key.setdefault(title_key(record.title), []).append(record)
        kept, *others = (merge_group(by_key[key]) for key in sorted(by_key))
        papers.append(kept)
        for paper in others:
            where = paper.sources[0]
            problems.append(
                Problem(
                    where.file,
                    where.line,
                    f"the titles {paper.title!r} and {kept.title!r} both map to the page "
                    f"papers/{page_id}/; edit one of them",
                )
            )
    return papers, problems
