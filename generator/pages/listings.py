"""The pages that list papers: topic pages, date pages and the home page."""

from __future__ import annotations

import posixpath
from collections import Counter, defaultdict
from collections.abc import Iterable
from operator import attrgetter

from .. import urls
from ..catalogue.filing import Month, by_month, by_organization, month_title, newest_additions, newest_first
from ..catalogue.taxonomy import Topic
from ..model import Catalogue, Paper
from .contracts import PAPER_LIST_CLOSE, PAPER_LIST_OPEN
from .escape import html_text, text
from .feeds import announce
from .front_matter import page

_ID = attrgetter("id")


def shown_date(paper: Paper) -> str:
    if paper.published:
        return paper.published.isoformat()
    if paper.first_seen:
        return f"seen {paper.first_seen.isoformat()}"
    return "unknown"


class PaperTable:
    """Lists of papers as tables of date, title, upvotes and a code marker.

    A raw HTML block, as on paper pages (a topic can list thousands of papers).
    A paper is listed on each of its topics' pages and on its month's page, so
    the row of each of `papers` is made once, up front, for every page whose
    way to the site root is `root`.
    """

    def __init__(self, root: str, papers: Iterable[Paper]):
        self.root = root
        self._rows = {p.id: self._row(p) for p in papers}

    def __call__(self, papers: list[Paper]) -> list[str]:
        """The table of `papers`, which come newest first (see `newest_first`)."""
        return [
            PAPER_LIST_OPEN,
            "<thead><tr><th>Date</th><th>Paper</th><th>Upvotes</th><th>Code</th></tr></thead>",
            "<tbody>",
            # (The rows of thousands of papers, without a step of Python for each.)
            *map(self._rows.__getitem__, map(_ID, papers)),
            "</tbody>",
            PAPER_LIST_CLOSE,
        ]

    def _row(self, paper: Paper) -> str:
        upvotes = "" if paper.upvotes is None else str(paper.upvotes)
        code = "code" if paper.code else ""
        href = self.root + urls.url(urls.paper_page(paper.id))
        title = f'<a href="{href}">{html_text(paper.title)}</a>'
        return f"<tr><td>{shown_date(paper)}</td><td>{title}</td><td>{upvotes}</td><td>{code}</td></tr>"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _relative(from_page: str, to_file: str) -> str:
    """A Markdown link target: `to_file` from `from_page`'s folder (MkDocs resolves it)."""
    return posixpath.relpath(to_file, posixpath.dirname(from_page) or ".")


def _follow(here: str, feed: str | None, exports: list[tuple[str, str]]) -> list[str]:
    """The line that offers the page's feed and exports."""
    links = []
    if feed:
        links.append(f"Subscribe: [Atom]({_relative(here, urls.feed(feed, 'xml'))}), "
                     f"[JSON Feed]({_relative(here, urls.feed(feed, 'json'))})")  # fmt: skip
    links.append("Download: " + ", ".join(f"[{label}]({_relative(here, file)})" for label, file in exports))
    return [" · ".join(links), ""]


def render_topic(topic: Topic, papers: list[Paper], table: PaperTable, feeds: bool) -> str:
    here = urls.topic_page(topic.slug)
    lines = [text(topic.description), ""]
    lines += _follow(here, topic.slug if feeds else None, [("BibTeX", urls.topic_export(topic.slug))])
    lines += [f"{_count(len(papers), 'paper')}, newest first.", ""]
    lines += table(papers) if papers else ["No paper has this topic yet."]
    meta = {"title": topic.name, **(announce(topic) if feeds else {})}
    return page(meta, "\n".join(lines))


def render_topic_index(taxonomy: list[Topic], counts: Counter, untopiced: int) -> str:
    lines = ["| Topic | Papers | About |", "| --- | ---: | --- |"]
    for topic in taxonomy:
        lines.append(
            f"| [{text(topic.name)}]({topic.slug}.md) | {counts[topic.slug]} | {text(topic.description)} |"
        )
    lines += ["", f"{_count(untopiced, 'paper')} match no topic."]
    return page({"title": "Topics"}, "\n".join(lines))


# (Links between pages written in Markdown are resolved by MkDocs: they name
# the page's Markdown file, relative to the page that links.)


def render_month(year: int, month: int, papers: list[Paper], table: PaperTable) -> str:
    published = [p for p in papers if p.published]
    captured = [p for p in papers if not p.published]
    lines = [f"[{year}]({year}.md) · {_count(len(papers), 'paper')}", ""]
    if published:
        lines += [f"## Published in {month_title(year, month)}", ""]
        lines += table(published) + [""]
    if captured:
        lines += [
            f"## First captured in {month_title(year, month)}",
            "",
            "These papers carry no publication date; they are filed under the month "
            "a dump first listed them.",
            "",
        ]
        lines += table(captured) + [""]
    return page({"title": month_title(year, month)}, "\n".join(lines))


def render_year(year: int, months: dict[Month, list[Paper]]) -> str:
    lines = ["| Month | Papers |", "| --- | ---: |"]
    for (y, m), papers in sorted(months.items(), reverse=True):
        if y == year:
            lines.append(f"| [{month_title(y, m)}]({y}-{m:02d}.md) | {len(papers)} |")
    return page({"title": str(year)}, "\n".join(lines))


def render_undated(papers: list[Paper], table: PaperTable) -> str:
    lines = [
        "Neither a publication date nor a capture date is known for these papers: "
        "they come only from dumps whose capture date is unknown. Give those dumps a "
        "date (a `YYYY-MM-DD` file name or an entry in `dumps/captures.yml`) to file them.",
        "",
    ]
    lines += table(papers)
    return page({"title": "No known date"}, "\n".join(lines))


def render_date_index(months: dict[Month, list[Paper]], undated: list[Paper]) -> str:
    years = Counter()
    for (year, _), papers in months.items():
        years[year] += len(papers)
    lines = [
        "Papers are filed by publication month where it is known, otherwise by the month "
        "a dump first listed them; each month page says which.",
        "",
        "| Year | Papers |",
        "| --- | ---: |",
    ]
    lines += [f"| [{year}]({year}.md) | {years[year]} |" for year in sorted(years, reverse=True)]
    lines += ["", "## No known date", ""]
    if undated:
        undated_md = urls.UNDATED.rpartition("/")[2]
        lines.append(f"[{_count(len(undated), 'paper')} with no known date]({undated_md})")
    else:
        lines.append("Every paper has a date.")
    return page({"title": "Dates"}, "\n".join(lines))


def render_home(catalogue: Catalogue, counts: Counter, feeds: bool) -> str:
    latest, added = newest_additions(catalogue)
    captured = latest.captured.isoformat() if latest else "unknown"
    lines = [
        f"**{_count(len(catalogue.papers), 'paper')}** from **{_count(len(catalogue.dumps), 'dump')}**, "
        f"in **{_count(len(catalogue.taxonomy), 'topic')}** (see [topics]({urls.TOPIC_INDEX})). "
        f"Latest capture: **{captured}**.",
        "",
        f"Browse by [topic]({urls.TOPIC_INDEX}), by [date]({urls.DATE_INDEX}) or by "
        f"[organisation]({urls.ORG_INDEX}), or search.",
        "",
    ]
    exports = [("JSON", urls.export("json")), ("CSV", urls.export("csv")), ("BibTeX", urls.export("bib"))]
    lines += _follow(urls.HOME, "all" if feeds else None, exports)
    if latest:
        lines += [f"## New in the latest dump ({captured})", ""]
        if added:
            lines += PaperTable(urls.root(urls.HOME), added)(newest_first(added))
        else:
            lines.append("No paper new to the catalogue.")
        lines.append("")
    lines += ["## Topics", "", "| Topic | Papers |", "| --- | ---: |"]
    for topic in sorted(catalogue.taxonomy, key=lambda t: (-counts[t.slug], t.slug)):
        lines.append(f"| [{text(topic.name)}]({urls.topic_page(topic.slug)}) | {counts[topic.slug]} |")
    meta = {"title": "Paper catalogue", "hide": ["navigation"], **(announce(None) if feeds else {})}
    return page(meta, "\n".join(lines))


def render_organization(handle: str, name: str, papers: list[Paper], table: PaperTable) -> str:
    lines = [f"Hugging Face handle: {text(handle)} · {_count(len(papers), 'paper')}, newest first.", ""]
    lines += table(papers)
    return page({"title": name}, "\n".join(lines))


def render_organization_index(orgs: dict[str, tuple[str, list[Paper]]]) -> str:
    lines = ["Papers by the organisation a listing named for them.", ""]
    if not orgs:
        return page({"title": "Organisations"}, "\n".join(lines + ["No dump names an organisation yet."]))
    lines += ["| Organisation | Papers |", "| --- | ---: |"]
    for handle, (name, papers) in sorted(orgs.items(), key=lambda o: (-len(o[1][1]), o[0].lower())):
        lines.append(f"| [{text(name)}]({handle}.md) | {len(papers)} |")
    return page({"title": "Organisations"}, "\n".join(lines))


def render_index_pages(catalogue: Catalogue, feeds: bool = False) -> dict[str, str]:
    """The topic, date and home pages, keyed by their page path; with `feeds`,
    the home and topic pages offer theirs."""
    pages = {}
    # Every list below is taken from this one, so all come newest first.
    ordered = newest_first(catalogue.papers)
    # Topic, date and organisation pages all lie at one depth, so they share their rows.
    table = PaperTable(urls.root(urls.topic_page("x")), ordered)
    by_topic: dict[str, list[Paper]] = defaultdict(list)
    for paper in ordered:
        for slug in paper.topics:
            by_topic[slug].append(paper)
    counts = Counter({slug: len(papers) for slug, papers in by_topic.items()})
    for topic in catalogue.taxonomy:
        pages[urls.topic_page(topic.slug)] = render_topic(topic, by_topic[topic.slug], table, feeds)
    untopiced = sum(1 for p in catalogue.papers if not p.topics)
    pages[urls.TOPIC_INDEX] = render_topic_index(catalogue.taxonomy, counts, untopiced)

    months, undated = by_month(ordered)
    for (year, month), papers in months.items():
        pages[urls.month_page(year, month)] = render_month(year, month, papers, table)
    for year in {y for y, _ in months}:
        pages[urls.year_page(year)] = render_year(year, months)
    if undated:
        pages[urls.UNDATED] = render_undated(undated, table)
    pages[urls.DATE_INDEX] = render_date_index(months, undated)

    orgs = by_organization(ordered)
    for handle, (name, papers) in orgs.items():
        pages[urls.org_page(handle)] = render_organization(handle, name, papers, table)
    pages[urls.ORG_INDEX] = render_organization_index(orgs)

    pages[urls.HOME] = render_home(catalogue, counts, feeds)
    return pages
