"""The pages that list papers: topic pages, date pages and the home page."""

from __future__ import annotations

import functools
import posixpath
from collections import Counter, defaultdict
from operator import attrgetter

from .. import urls
from ..catalogue.filing import (
    Month,
    Period,
    by_month,
    by_organization,
    latest_periods,
    month_title,
    newest_dump,
    newest_first,
    sort_date,
    top_papers,
)
from ..catalogue.taxonomy import Topic
from ..model import Catalogue, Paper
from .contracts import PAPER_LIST_CLOSE, PAPER_LIST_OPEN
from .escape import text
from .feeds import announce
from .front_matter import page
from .templates import Templates, rendered

_ID = attrgetter("id")


def shown_date(paper: Paper) -> str:
    if paper.published:
        return paper.published.isoformat()
    if paper.first_seen:
        return f"seen {paper.first_seen.isoformat()}"
    return "unknown"


SNIPPET_WORDS = 20  # the first words of the abstract a row shows


def snippet(abstract: str) -> str:
    words = abstract.split(maxsplit=SNIPPET_WORDS)
    return " ".join(words[:SNIPPET_WORDS]) + (" …" if len(words) > SNIPPET_WORDS else "")


_ROOT_MARK = "\x00root\x00"


class PaperCards:
    """Lists of papers as cards (the card template): title, who, date, upvotes,
    links to read it and the summary line; stacked on a phone.

    A raw HTML block, as on paper pages. A paper is listed on each of its
    topics' pages and on its month's page, so its card is made once for all the
    list pages at one depth (the links in it lead back to the site root).
    """

    def __init__(self, templates: Templates | None = None, made: dict[str, str] | None = None):
        """`made`: cards made before (by an earlier build), as `made` has them."""
        self._template = (templates or Templates()).paper_card
        self._cards: dict[str, dict[str, str]] = {}  # root -> paper id -> card
        self.made: dict[str, str] = dict(made or {})  # paper id -> card, its root marked

    def __call__(self, papers: list[Paper], here: str) -> list[str]:
        """The list of `papers` on the page `here`."""
        root = urls.root(here)
        cards = self._cards.setdefault(root, {})
        for paper in papers:
            if paper.id not in cards:
                # (Made once, with a mark for the way back to the root; a dump's text
                # holds no NUL: the readers drop control characters.)
                made = self.made.get(paper.id)
                if made is None:
                    made = self.made[paper.id] = self._card(paper, _ROOT_MARK)
                cards[paper.id] = made.replace(_ROOT_MARK, root)
        return [PAPER_LIST_OPEN, *map(cards.__getitem__, map(_ID, papers)), PAPER_LIST_CLOSE]

    def _card(self, paper: Paper, root: str) -> str:
        links = []
        if paper.arxiv_id:
            links += [
                {"label": "arXiv", "href": f"https://arxiv.org/abs/{paper.arxiv_id}"},
                {"label": "PDF", "href": f"https://arxiv.org/pdf/{paper.arxiv_id}"},
            ]
        if paper.code:
            stars = f" ★ {paper.github_stars:,}" if paper.github_stars is not None else ""
            links.append({"label": f"code{stars}", "href": paper.code[0]})
        card = rendered(
            self._template,
            paper.id,
            paper=paper,
            href=root + urls.url(urls.paper_page(paper.id)),
            byline=paper.byline(),
            date=shown_date(paper),
            links=links,
            # (Hugging Face's one-sentence summary where there is one, as its lists show.)
            line=paper.ai_summary or snippet(paper.abstract),
        )
        return " ".join(card.split("\n"))  # (one line: no line of it may close the list)


PER_PAGE = 100  # papers a list page shows


def paged_list(
    first: str,
    meta: dict,
    head: list[str],
    papers: list[Paper],
    table: PaperCards,
    anchors: dict[int, str] | None = None,
) -> dict[str, str]:
    """A list of papers over pages of PER_PAGE: `first` (which opens with `head`),
    then `first`'s page/2, page/3...; each with links to the others. `anchors`:
    place in `papers` -> the id its card takes (a link can lead to it)."""
    count = max(1, -(-len(papers) // PER_PAGE))
    pages = {}
    for number in range(1, count + 1):
        here = urls.list_page(first, number)
        lines = (
            list(head)
            if number == 1
            else [f"[{text(meta['title'])}]({_relative(here, first)}), newest first.", ""]
        )
        pager = _pager(first, here, number, count)
        start = (number - 1) * PER_PAGE
        cards = table(papers[start : start + PER_PAGE], here)
        for place, anchor in (anchors or {}).items():
            if start <= place < start + PER_PAGE:
                # (cards[0] opens the list; a card is an <li>, whatever its template)
                k = place - start + 1
                cards[k] = cards[k].replace("<li", f'<li id="{anchor}"', 1)
        lines += pager + cards + [""] + pager
        title = meta["title"] if number == 1 else f"{meta['title']}, page {number} of {count}"
        pages[here] = page(
            {**meta, "title": title} if number == 1 else {"title": title}, "\n".join(lines)
        )
    return pages


def _pager(first: str, here: str, number: int, count: int) -> list[str]:
    """Links to the newer and older pages of a list, and page numbers: the first,
    the last and two either side of this one (`1 … 8 9 **10** 11 12 … 46`)."""
    if count == 1:
        return []

    def to(n: int, label: str) -> str:
        return f"[{label}]({_relative(here, urls.list_page(first, n))})"

    links = [f"Page {number} of {count}"]
    if number > 1:
        links.append(to(number - 1, "newer"))
    if number < count:
        links.append(to(number + 1, "older"))
    numbers, previous = [], 0
    for n in sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)}):
        if n - previous > 1:
            numbers.append("…")
        numbers.append(f"**{n}**" if n == number else to(n, str(n)))
        previous = n
    return [" · ".join(links) + " · " + " ".join(numbers), ""]


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@functools.lru_cache(maxsize=1 << 14)  # (relpath: 20 µs; a build asks for the same few thousand)
def _relative(from_page: str, to_file: str) -> str:
    """A Markdown link target: `to_file` from `from_page`'s folder (MkDocs resolves it)."""
    return posixpath.relpath(to_file, posixpath.dirname(from_page) or ".")


def _follow(here: str, feed: str | None, exports: list[tuple[str, str]]) -> list[str]:
    """The line that offers the page's feed and exports."""
    links = []
    if feed:
        links.append(f"Subscribe: [Atom]({_relative(here, urls.feed(feed, 'xml'))}), "
                     f"[JSON Feed]({_relative(here, urls.feed(feed, 'json'))})")  # fmt: skip
    links.append(
        "Download: " + ", ".join(f"[{label}]({_relative(here, file)})" for label, file in exports)
    )
    return [" · ".join(links), ""]


def render_topic(
    topic: Topic, papers: list[Paper], table: PaperCards, feeds: bool
) -> dict[str, str]:
    """A topic's pages: its papers newest first, over as many pages as they
    take, and its most upvoted."""
    first, upvoted = urls.topic_page(topic.slug), urls.topic_upvoted(topic.slug)
    head = [text(topic.description), ""]
    head += _follow(
        first, topic.slug if feeds else None, [("BibTeX", urls.topic_export(topic.slug))]
    )
    meta = {"title": topic.name, **(announce(topic) if feeds else {})}
    if not papers:
        return {first: page(meta, "\n".join(head + ["No paper has this topic yet."]))}
    starts = month_starts(papers)
    head += monthly_chart(papers, first, starts) + [""]
    head += [
        f"{_count(len(papers), 'paper')}, newest first · [most "
        f"upvoted]({_relative(first, upvoted)})",
        "",
    ]
    anchors = {place: month_anchor(*month) for month, place in starts.items()}
    pages = paged_list(first, meta, head, papers, table, anchors)
    pages[upvoted] = render_upvoted(topic, papers, table)
    return pages


def render_upvoted(topic: Topic, papers: list[Paper], table: PaperCards) -> str:
    here = urls.topic_upvoted(topic.slug)
    counted = sorted((p for p in papers if p.upvotes is not None), key=lambda p: -p.upvotes)[
        :PER_PAGE
    ]
    lines = [
        f"The {_count(len(counted), 'paper')} of "
        f"[{text(topic.name)}]({_relative(here, urls.topic_page(topic.slug))}) "
        "with the most upvotes, as their latest capture counted them.",
        "",
    ]
    lines += table(counted, here) if counted else ["No paper of this topic has an upvote count."]
    return page({"title": f"{topic.name}: most upvoted"}, "\n".join(lines))


def month_anchor(year: int, month: int) -> str:
    """The id of the card of a list's newest paper of a month."""
    return f"month-{year}-{month:02d}"


def month_starts(papers: list[Paper]) -> dict[Month, int]:
    """Each month's place in `papers` (newest first): that of its newest paper."""
    starts: dict[Month, int] = {}
    for place, day in enumerate(map(sort_date, papers)):
        if day:
            starts.setdefault((day.year, day.month), place)
    return starts


CHART = (640, 80)  # width, height of the bars


def monthly_chart(papers: list[Paper], first: str, starts: dict[Month, int]) -> list[str]:
    """Papers per month (by the date they are filed under) as bars, an SVG with
    no script, its figures as a table for those who cannot see it; a bar and a
    month in the table lead to where the month's papers begin in the list of
    `papers` whose first page is `first` (`starts`: month_starts), which the
    chart heads."""
    months = Counter((d.year, d.month) for d in map(sort_date, papers) if d)
    if not months:
        return []
    (y, m), last = min(months), max(months)
    span = []
    while (y, m) <= last:
        span.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    width, height = CHART
    most = max(months.values())
    step = width / len(span)
    link = {
        ym: urls.link(first, urls.list_page(first, starts[ym] // PER_PAGE + 1))
        + f"#{month_anchor(*ym)}"
        for ym in span
        if months[ym]
    }
    bars = "".join(
        f'<a href="{link[ym]}" aria-label="{month_title(*ym)}: {months[ym]}">'
        f'<rect x="{k * step:.1f}" y="{height - months[ym] * height / most:.1f}" '
        f'width="{max(step - 1, 0.5):.1f}" height="{months[ym] * height / most:.1f}"/></a>'
        for k, ym in enumerate(span)
        if months[ym]
    )
    busiest = max(span, key=lambda ym: (months[ym], ym))
    said = (
        f"Papers per month, {month_title(*span[0])} to {month_title(*span[-1])}: "
        f"most in {month_title(*busiest)} ({months[busiest]})."
    )
    rows = "".join(
        f'<tr><td><a href="{link[ym]}">{month_title(*ym)}</a></td><td>{months[ym]}</td></tr>'
        for ym in reversed(span)
        if months[ym]
    )
    return [
        f'<figure class="topic-chart"><svg aria-label="{said}" '
        f'viewBox="0 0 {width} {height}" preserveAspectRatio="none" width="100%" '
        f'height="{height}"><g fill="currentColor">{bars}</g></svg>'
        f"<figcaption>{said} <details><summary>Every month with papers</summary>"
        "<table><thead><tr><th>Month</th><th>Papers</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></details></figcaption></figure>",
    ]


def render_topic_index(taxonomy: list[Topic], counts: Counter, untopiced: int) -> str:
    lines = ["| Topic | Papers | About |", "| --- | ---: | --- |"]
    for topic in taxonomy:
        lines.append(
            f"| [{text(topic.name)}]({topic.slug}.md) | {counts[topic.slug]} | "
            f"{text(topic.description)} |"
        )
    lines += ["", f"{_count(untopiced, 'paper')} match no topic."]
    return page({"title": "Topics"}, "\n".join(lines))


# (Links between pages written in Markdown are resolved by MkDocs: they name
# the page's Markdown file, relative to the page that links.)


def render_month(
    year: int, month: int, papers: list[Paper], table: PaperCards, around: list[Month | None]
) -> dict[str, str]:
    """A month's papers; `around`: the months with papers before and after it."""
    first = urls.month_page(year, month)
    before, after = around
    nearby = []
    if before:
        nearby.append(f"[← {month_title(*before)}]({_relative(first, urls.month_page(*before))})")
    if after:
        nearby.append(f"[{month_title(*after)} →]({_relative(first, urls.month_page(*after))})")
    head = [
        " · ".join(nearby),
        "",
        f"[{year}]({_relative(first, urls.year_page(year))}) · {_count(len(papers), 'paper')}, "
        "newest first. "
        "A paper with no publication date is filed under the month a dump first listed it "
        "(its date reads “seen”).",
        "",
    ]
    return paged_list(first, {"title": month_title(year, month)}, head, papers, table)


def render_year(year: int, months: dict[Month, list[Paper]]) -> str:
    lines = ["| Month | Papers |", "| --- | ---: |"]
    for (y, m), papers in sorted(months.items(), reverse=True):
        if y == year:
            lines.append(f"| [{month_title(y, m)}]({y}-{m:02d}.md) | {len(papers)} |")
    return page({"title": str(year)}, "\n".join(lines))


def render_undated(papers: list[Paper], table: PaperCards) -> dict[str, str]:
    head = [
        "Neither a publication date nor a capture date is known for these papers: "
        "they come only from dumps whose capture date is unknown. Give those dumps a "
        "date (a `YYYY-MM-DD` file name or an entry in `dumps/captures.yml`) to file them.",
        "",
    ]
    return paged_list(urls.UNDATED, {"title": "No known date"}, head, papers, table)


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


HOME_TOP = 10  # the papers of each period the home page shows


def _periods_line(here: str, periods: list[Period], current: str | None) -> str:
    """Links to the top papers of the day, week, month and year (bold: `current`)."""
    said = {"day": "Day", "week": "Week", "month": "Month", "year": "Year"}
    return "Top papers of the: " + " · ".join(
        f"**{said[p.name]}**" if p.name == current
        else f"[{said[p.name]}]({_relative(here, urls.top_page(p.name))})"
        for p in periods
    )  # fmt: skip


_WHEN = {"day": "that day", "week": "those seven days", "month": "that month", "year": "that year"}


def render_top(periods: list[Period], period: Period, top: list[Paper], table: PaperCards) -> str:
    """The `top` papers of a period, as Hugging Face's daily, weekly and monthly views."""
    here = urls.top_page(period.name)
    shown = f" (the first {PER_PAGE})" if len(top) > PER_PAGE else ""
    title = f"Top papers{',' if period.name == 'week' else ' of'} {period.title}"
    head = [
        # (Its own heading: the nav names the day's page "Top", and MkDocs would show that.)
        f"# {title}",
        "",
        _periods_line(here, periods, period.name),
        "",
        f"{_count(len(top), 'paper')} on Hugging Face's lists {_WHEN[period.name]}, "
        f"most upvoted first{shown}. A paper's day is the day of the daily list that "
        "had it, else the day a dump first listed it.",
        "",
    ]
    return page({"title": title}, "\n".join(head + table(top[:PER_PAGE], here)))


def render_no_top() -> str:
    """The top papers' page of a catalogue with no paper dated by a list's day."""
    body = (
        "# Top papers\n\nNo paper has a day yet: a paper's day is the day of the daily list "
        "that had it, else the day a dump first listed it, and no dump here is dated. A "
        "dump's day is a date in its name (`2026-11-03-daily.json`), in "
        "`dumps/captures.yml`, or the one it states."
    )
    return page({"title": "Top papers"}, body)


def render_home(
    catalogue: Catalogue,
    counts: Counter,
    feeds: bool,
    table: PaperCards,
    periods: list[Period],
    tops: dict[str, list[Paper]],
) -> str:
    latest = newest_dump(catalogue.dumps)
    captured = latest.captured.isoformat() if latest else "unknown"
    lines = [
        f"**{_count(len(catalogue.papers), 'paper')}** from "
        f"**{_count(len(catalogue.dumps), 'dump')}**, "
        f"in **{_count(len(catalogue.taxonomy), 'topic')}** (see [topics]({urls.TOPIC_INDEX})). "
        f"Latest capture: **{captured}**.",
        "",
        f"Browse by [topic]({urls.TOPIC_INDEX}), by [date]({urls.DATE_INDEX}) or by "
        f"[organisation]({urls.ORG_INDEX}), or search.",
        "",
    ]
    exports = [
        ("JSON", urls.export("json")),
        ("CSV", urls.export("csv")),
        ("BibTeX", urls.export("bib")),
    ]
    lines += _follow(urls.HOME, "all" if feeds else None, exports)
    # The top papers of the latest day and week, whatever the last dump held.
    for period, heading in zip(periods[:2], ("Top papers of the day", "Top papers of the week")):
        top = tops[period.name]
        more = ""
        if len(top) > HOME_TOP:
            more = f"[all {len(top)} of the {period.name}]({urls.top_page(period.name)})"
        lines += [f"## {heading} ({period.title})", ""]
        lines += table(top[:HOME_TOP], urls.HOME) + [""]
        lines += [" · ".join(filter(None, [more, _periods_line(urls.HOME, periods, None)])), ""]
    lines += ["## Topics", "", "| Topic | Papers |", "| --- | ---: |"]
    for topic in sorted(catalogue.taxonomy, key=lambda t: (-counts[t.slug], t.slug)):
        lines.append(
            f"| [{text(topic.name)}]({urls.topic_page(topic.slug)}) | {counts[topic.slug]} |"
        )
    meta = {"title": "Paper catalogue", "hide": ["navigation"], **(announce(None) if feeds else {})}
    return page(meta, "\n".join(lines))


def render_organization(
    handle: str, name: str, papers: list[Paper], table: PaperCards
) -> dict[str, str]:
    head = [
        f"Hugging Face handle: {text(handle)} · {_count(len(papers), 'paper')}, newest first.",
        "",
    ]
    return paged_list(urls.org_page(handle), {"title": name}, head, papers, table)


def render_organization_index(orgs: dict[str, tuple[str, list[Paper]]]) -> str:
    lines = ["Papers by the organisation a listing named for them.", ""]
    if not orgs:
        return page(
            {"title": "Organisations"}, "\n".join(lines + ["No dump names an organisation yet."])
        )
    lines += ["| Organisation | Papers |", "| --- | ---: |"]
    for handle, (name, papers) in sorted(orgs.items(), key=lambda o: (-len(o[1][1]), o[0].lower())):
        lines.append(f"| [{text(name)}]({handle}.md) | {len(papers)} |")
    return page({"title": "Organisations"}, "\n".join(lines))


# The index pages in two parts of about the same work, made side by side: the
# topic pages; and the date, organisation, top and home pages (every paper is on
# a date page: that part makes every paper's card).
INDEX_PARTS = ("topics", "dates")


def render_index_pages(
    catalogue: Catalogue,
    templates: Templates | None = None,
    feeds: bool = False,
    table: PaperCards | None = None,
    parts: tuple[str, ...] = INDEX_PARTS,
) -> dict[str, str]:
    """The topic, date and home pages (those of `parts`), keyed by their page
    path; with `feeds`, the home and topic pages offer theirs. `table` makes
    their lists (one of `templates` unless given)."""
    pages = {}
    # Every list below is taken from this one, so all come newest first.
    ordered = newest_first(catalogue.papers)
    table = table or PaperCards(templates)
    by_topic: dict[str, list[Paper]] = defaultdict(list)
    for paper in ordered:
        for slug in paper.topics:
            by_topic[slug].append(paper)
    counts = Counter({slug: len(papers) for slug, papers in by_topic.items()})
    if "topics" in parts:
        for topic in catalogue.taxonomy:
            pages.update(render_topic(topic, by_topic[topic.slug], table, feeds))
        untopiced = sum(1 for p in catalogue.papers if not p.topics)
        pages[urls.TOPIC_INDEX] = render_topic_index(catalogue.taxonomy, counts, untopiced)
    if "dates" in parts:
        pages.update(_dates_and_home(catalogue, ordered, counts, table, feeds))
    return pages


def _dates_and_home(
    catalogue: Catalogue, ordered: list[Paper], counts: Counter, table: PaperCards, feeds: bool
) -> dict[str, str]:
    """The date, organisation, top and home pages."""
    pages = {}
    months, undated = by_month(ordered)
    order = sorted(months)
    for k, (year, month) in enumerate(order):
        around = [order[k - 1] if k else None, order[k + 1] if k + 1 < len(order) else None]
        pages.update(render_month(year, month, months[(year, month)], table, around))
    for year in {y for y, _ in months}:
        pages[urls.year_page(year)] = render_year(year, months)
    if undated:
        pages.update(render_undated(undated, table))
    pages[urls.DATE_INDEX] = render_date_index(months, undated)

    orgs = by_organization(ordered)
    for handle, (name, papers) in orgs.items():
        pages.update(render_organization(handle, name, papers, table))
    pages[urls.ORG_INDEX] = render_organization_index(orgs)

    periods = latest_periods(catalogue.papers)
    tops = top_papers(catalogue.papers, periods)
    for period in periods:
        pages[urls.top_page(period.name)] = render_top(periods, period, tops[period.name], table)
    if not periods:  # (the nav links the day's page: it is there, saying why it is empty)
        pages[urls.TOP_INDEX] = render_no_top()
    pages[urls.HOME] = render_home(catalogue, counts, feeds, table, periods, tops)
    return pages
