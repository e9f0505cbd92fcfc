"""Many appearances of a paper -> one record per paper."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..model import HUB_KINDS, Paper, Problem, UpvoteCount
from .slugs import title_key


def _recency(paper: Paper) -> tuple:
    """Sort key: unknown capture dates count as oldest; file order breaks ties."""
    source = paper.sources[0]
    return (source.captured is not None, source.captured or dt.date.min, source.file, source.line)


def _first(values: Iterable):
    return next((v for v in values if v is not None), None)


def _authors(newest_first: list[Paper]) -> tuple[tuple[str, ...], int | None]:
    """The names and how many authors there are: the newest whole list (an API
    record's), else the longest of the lists that name only the first authors
    (a paper page's capture folds the rest away: `+ 8 authors`); else a count."""
    whole = next(
        (p for p in newest_first if p.authors and p.authors_count in (None, len(p.authors))),
        None,
    )
    if whole:
        return whole.authors, len(whole.authors)
    named = max(newest_first, key=lambda p: len(p.authors))
    if named.authors:
        return named.authors, named.authors_in_all
    return (), _first(p.authors_count for p in newest_first)


def upvotes_by_day(counts) -> tuple[UpvoteCount, ...]:
    """One count per capture day, in day order: of two saves of one day (one made
    the next morning, say), the higher, since upvotes only grow; so a day's
    count never depends on which file name sorts last."""
    best: dict = {}
    for count in counts:
        if count.upvotes >= best.get(count.captured, -1):
            best[count.captured] = count.upvotes
    return tuple(UpvoteCount(day, best[day]) for day in sorted(best))


def _wholeness(paper: Paper) -> int:
    """How whole a record's abstract is: 3 whole; 2 cut short (a digest's `...`);
    1 Hugging Face's summary alone (a trending card's); 0 none. A record does
    not replace a wholer abstract with its own."""
    text = paper.abstract
    if not text:
        return 0
    if text == paper.ai_summary:
        return 1
    return 2 if text.endswith(("...", "…")) else 3


def merge_group(appearances: list[Paper]) -> Paper:
    """Fold the appearances of one paper, newest capture first for every field."""
    if len(appearances) == 1:
        return appearances[0]  # most papers: nothing to fold
    newest_first = sorted(appearances, key=_recency, reverse=True)
    # The newest of the records with the wholest abstract (max keeps the first of equals).
    latest = max(newest_first, key=_wholeness)
    history = upvotes_by_day(u for p in appearances for u in p.upvote_history)
    # The Hub's repositories citing the paper, from the newest record that lists them.
    hub = next(
        (p for p in newest_first if any(getattr(p, f"{k}_total") is not None for k in HUB_KINDS)),
        latest,
    )
    code = tuple(dict.fromkeys(url for p in newest_first for url in p.code))
    links = tuple(dict.fromkeys(url for p in newest_first for url in p.links))
    published = _first(p.published for p in newest_first)
    authors, authors_count = _authors(newest_first)
    stars_of = next((p for p in newest_first if p.github_stars is not None), None)
    return latest.replace(
        authors=authors,
        authors_count=authors_count,
        organization=_first(p.organization for p in newest_first),
        organization_handle=_first(p.organization_handle for p in newest_first),
        published=published,
        published_text=None if published else _first(p.published_text for p in newest_first),
        # (The latest capture day's count; a record with no capture date counts last.)
        upvotes=history[-1].upvotes if history else _first(p.upvotes for p in newest_first),
        upvote_history=history,
        # (The stars are those of the repository that record named first.)
        github_stars=stars_of.github_stars if stars_of and stars_of.code[:1] == code[:1] else None,
        code=code,
        links=links,
        arxiv_id=_first(p.arxiv_id for p in newest_first),
        project_page=_first(p.project_page for p in newest_first),
        keywords=next((p.keywords for p in newest_first if p.keywords), ()),
        ai_summary=_first(p.ai_summary for p in newest_first),
        daily_date=_first(p.daily_date for p in newest_first),
        comments=_first(p.comments for p in newest_first),
        submitted_by=_first(p.submitted_by for p in newest_first),
        **{k: getattr(hub, k) for k in HUB_KINDS},
        **{f"{k}_total": getattr(hub, f"{k}_total") for k in HUB_KINDS},
        sources=tuple(sorted((s for p in appearances for s in p.sources), key=_source_order)),
    )


def _source_order(source) -> tuple:
    return (source.captured is None, source.captured or dt.date.max, source.file, source.line)


def merge_papers(
    records: Iterable[Paper], pinned: dict[str, str] | None = None
) -> tuple[list[Paper], list[Problem]]:
    """One paper per title key, or per arXiv id where records have one, sorted by id.

    Records are grouped by id first (an id is a function of the title key, so
    the papers of one key share it), and only a group of several is split by
    key: most ids have one record, whose key need not be computed again. Then
    groups that name the same arXiv id are one paper, under the id of its
    earliest capture (so a page keeps its address when a later dump spells the
    title differently). Two different papers that claim one page are a problem
    to resolve, never a page that silently shows one of them: the first by key
    is kept, the others reported. A paper whose arXiv id is `pinned` (dumps/pages.yml)
    has the page pinned, whatever its captures.
    """
    by_id: dict[str, list[Paper]] = {}
    for record in records:
        by_id.setdefault(record.id, []).append(record)
    groups: list[list[Paper]] = []
    for page_id in sorted(by_id):
        group = by_id[page_id]
        if len(group) == 1:
            groups.append(group)
            continue
        by_key: dict[str, list[Paper]] = {}
        for record in group:
            by_key.setdefault(title_key(record.title), []).append(record)
        for key in sorted(by_key):
            groups.extend(_split_by_arxiv_id(by_key[key]))
    groups = _join_by_arxiv_id(groups)
    papers: list[Paper] = []
    problems = []
    kept: dict[str, Paper] = {}
    for group in groups:
        paper = merge_group(group)
        if len(group) > 1:  # (the page of its earliest capture)
            page_id = min(group, key=lambda r: _source_order(r.sources[0])).id
            paper = paper if paper.id == page_id else paper.replace(id=page_id)
        if pinned and paper.arxiv_id in pinned and pinned[paper.arxiv_id] != paper.id:
            paper = paper.replace(id=pinned[paper.arxiv_id])
        page_id = paper.id
        if page_id in kept:
            where, other = paper.sources[0], kept[page_id]
            problems.append(
                Problem(
                    where.file,
                    where.line,
                    f"the titles {paper.title!r} and {other.title!r} both map to the page "
                    f"papers/{page_id}/; edit one of them",
                )
            )
            continue
        kept[page_id] = paper
        papers.append(paper)
    papers.sort(key=lambda p: p.id)
    return papers, problems


def _split_by_arxiv_id(group: list[Paper]) -> list[list[Paper]]:
    """One title's records as one paper, or one paper per arXiv id when they name
    several (two papers may share a title): the paper captured first keeps the
    title's page, each other one has its own, `<title's page>-<arXiv id>`.
    Records with no id go with the first."""
    ids = {r.arxiv_id for r in group if r.arxiv_id}
    if len(ids) < 2:
        return [group]
    by_arxiv: dict[str, list[Paper]] = {}
    for record in group:
        by_arxiv.setdefault(record.arxiv_id or "", []).append(record)
    first_seen = {
        a: min(_source_order(r.sources[0]) for r in records) for a, records in by_arxiv.items() if a
    }
    order = sorted(first_seen, key=lambda a: (first_seen[a], a))
    split = [by_arxiv[order[0]] + by_arxiv.get("", [])]
    for arxiv_id in order[1:]:
        page_id = f"{group[0].id}-{arxiv_id.replace('.', '-').replace('/', '-')}"
        split.append([r.replace(id=page_id) for r in by_arxiv[arxiv_id]])
    return split


def _join_by_arxiv_id(groups: list[list[Paper]]) -> list[list[Paper]]:
    """The groups, those that share an arXiv id joined (in the order of the first)."""
    parent: dict[int, int] = {}  # a group joined to an earlier one -> that one

    def root(k: int) -> int:
        while k in parent:
            k = parent[k]
        return k

    owner: dict[str, int] = {}  # arXiv id -> the first group that has it
    for k, group in enumerate(groups):
        for arxiv_id in {r.arxiv_id for r in group if r.arxiv_id}:
            if arxiv_id not in owner:
                owner[arxiv_id] = k
                continue
            a, b = root(k), root(owner[arxiv_id])
            if a != b:
                parent[max(a, b)] = min(a, b)
    if not parent:
        return groups  # most catalogues: no two titles for one arXiv id
    merged: dict[int, list[Paper]] = {}
    for k, group in enumerate(groups):
        merged.setdefault(root(k), []).extend(group)
    return list(merged.values())
