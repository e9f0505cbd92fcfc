"""Papers -> Markdown pages (paper, topic, date and home pages), as strings.

Every piece of text that came from a dump is made inert: in Markdown through
`text()`, which turns markup and every character Markdown or math would act on
into HTML entities; inside the raw HTML blocks that paper pages and paper lists
are made of (Markdown does not process them) through `html_text()`; in
attribute values through `attr()`. Front matter is only written through
python-frontmatter (front_matter.py).
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from urllib.parse import quote_plus

from .front_matter import page
from .model import DumpResult, Paper
from .topics import Topic

# Characters Python-Markdown (or math, or a table cell) would act on.
_INERT = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]#|$~^"}
_INERT.update(
    {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#39;"}
)
_INERT.update({ord("\n"): " ", ord("\r"): " "})

UNDATED_PAGE = "undated"
PAPER_TEMPLATE = "paper.html"  # overrides/paper.html: the slim page
PAPERS_DIR = "papers"  # one page per paper: papers/<id>.md
# A paper page's body is one raw HTML block: this element, written by render_paper.
PAPER_BODY = ("<div class=\"paper\">", "</div>")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def text(value: object) -> str:
    """Untrusted text as inert HTML/Markdown: shows every character, means nothing."""
    return str(value).translate(_INERT)


def html_text(value: object) -> str:
    """Untrusted text inside a raw HTML block, which Markdown leaves alone:
    only the characters HTML acts on become entities (every entity costs the
    build an HTML parser call, and there are tens of thousands of pages)."""
    return html.escape(str(value), quote=False).replace("\n", " ").replace("\r", " ")


def attr(value: str) -> str:
    """A URL or other value for a double-quoted HTML attribute."""
    return html.escape(value, quote=True)


# quote_plus of each ASCII character: an ASCII title is quoted by one translate
# (quote_plus takes a step of Python per character that needs quoting).
_QUERY_ASCII = {c: quote_plus(chr(c)) for c in range(128)}


def query_value(value: str) -> str:
    """`value` as a URL query value: `quote_plus(value)`."""
    return value.translate(_QUERY_ASCII) if value.isascii() else quote_plus(value)


def paper_path(paper: Paper) -> str:
    return f"{PAPERS_DIR}/{paper.id}.md"


@dataclass(frozen=True)
class Catalogue:
    """Everything the pages are made from, read in full before anything is written."""

    papers: list[Paper]
    taxonomy: list[Topic]
    dumps: list[DumpResult]


# ---------------------------------------------------------------- dates


def sort_date(paper: Paper) -> dt.date | None:
    """The date a paper is filed under: its publication, else its first capture."""
    return paper.published or paper.first_seen


def newest_first(papers: list[Paper]) -> list[Paper]:
    return sorted(papers, key=lambda p: (-(sort_date(p) or dt.date.min).toordinal(), p.id))


def shown_date(paper: Paper) -> str:
    if paper.published:
        return paper.published.isoformat()
    if paper.first_seen:
        return f"seen {paper.first_seen.isoformat()}"
    return "unknown"


def month_title(year: int, month: int) -> str:
    return f"{MONTH_NAMES[month - 1]} {year}"


# ---------------------------------------------------------------- paper page


def _link(url: str) -> str:
    return f'<a href="{attr(url)}">{html_text(url)}</a>'


def _published_line(paper: Paper) -> str:
    if paper.published:
        return f"Published {paper.published.isoformat()}"
    if paper.published_text:
        return (
            f"Published {html_text(paper.published_text)}, year unknown "
            "(the dump has no capture date to resolve it)"
        )
    return "Publication date unknown"


def _links_section(anchor: str, heading: str, urls: tuple[str, ...]) -> list[str]:
    if not urls:
        return []
    return [f'<h2 id="{anchor}">{heading}</h2>', "<ul>"] + [
        f"<li>{_link(url)}</li>" for url in urls
    ] + ["</ul>"]  # fmt: skip


def render_paper(paper: Paper, topic_names: dict[str, str]) -> str:
    """Front matter, then the body as one block of HTML.

    HTML rather than Markdown: Python-Markdown passes a raw HTML block through
    without its inline processing, which took most of a large build's time. So
    links are written as the URLs MkDocs makes (`use_directory_urls`: a page
    papers/<id>.md is served at papers/<id>/).
    """
    facts = [_published_line(paper)]
    if paper.upvotes is not None:
        facts.append(f"{paper.upvotes} upvotes")
    if paper.authors_count is not None:
        facts.append(f"{paper.authors_count} authors")
    if paper.organization:
        facts.append(html_text(paper.organization))
    lines = [PAPER_BODY[0], f'<p class="paper-facts">{" · ".join(facts)}</p>']
    if paper.topics:
        links = ", ".join(
            f'<a href="../../topics/{slug}/">{html_text(topic_names[slug])}</a>' for slug in paper.topics
        )
        lines.append(f'<p class="paper-topics"><strong>Topics:</strong> {links}</p>')
    lines += ['<h2 id="abstract">Abstract</h2>', f'<p class="paper-abstract">{html_text(paper.abstract)}</p>']
    lines += _links_section("code", "Code", paper.code)
    lines += _links_section("links", "Links", paper.links)
    query = attr(query_value(paper.title))
    lines += [
        '<h2 id="find-it-elsewhere">Find it elsewhere</h2>',
        "<ul>",
        f'<li><a href="https://arxiv.org/search/?query={query}&amp;searchtype=title">arXiv</a></li>',
        f'<li><a href="https://huggingface.co/papers?q={query}">Hugging Face</a></li>',
        f'<li><a href="https://scholar.google.com/scholar?q={query}">Google Scholar</a></li>',
        "</ul>",
        '<h2 id="sources">Sources</h2>',
        "<table>",
        "<thead><tr><th>Dump</th><th>Line</th><th>Captured</th></tr></thead>",
        "<tbody>",
    ]
    for source in paper.sources:
        captured = source.captured.isoformat() if source.captured else "unknown"
        lines.append(f"<tr><td>{html_text(source.file)}</td><td>{source.line}</td><td>{captured}</td></tr>")
    lines += ["</tbody>", "</table>", PAPER_BODY[1]]
    meta = paper.to_dict()
    meta["template"] = PAPER_TEMPLATE  # (which has no navigation to hide)
    return page(meta, "\n".join(lines))


# ---------------------------------------------------------------- lists


_ID = attrgetter("id")


class PaperTable:
    """Lists of papers as tables of date, title, upvotes and a code marker.

    An HTML block, as on paper pages (a topic can list thousands of papers).
    A paper is listed on each of its topics' pages and on its month's page,
    so the row of each of `papers` is made once, up front, for every page whose
    way to the site root is `root`.
    """

    def __init__(self, root: str, papers: Iterable[Paper]):
        self.root = root
        self._rows = {p.id: self._row(p) for p in papers}

    def __call__(self, papers: list[Paper]) -> list[str]:
        """The table of `papers`, which come newest first (see `newest_first`)."""
        return [
            '<table class="paper-list">',
            "<thead><tr><th>Date</th><th>Paper</th><th>Upvotes</th><th>Code</th></tr></thead>",
            "<tbody>",
            # (The rows of thousands of papers, without a step of Python for each.)
            *map(self._rows.__getitem__, map(_ID, papers)),
            "</tbody>",
            "</table>",
        ]

    def _row(self, paper: Paper) -> str:
        upvotes = "" if paper.upvotes is None else str(paper.upvotes)
        code = "code" if paper.code else ""
        title = f'<a href="{self.root}papers/{paper.id}/">{html_text(paper.title)}</a>'
        return f"<tr><td>{shown_date(paper)}</td><td>{title}</td><td>{upvotes}</td><td>{code}</td></tr>"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def render_topic(topic: Topic, papers: list[Paper], table: PaperTable) -> str:
    lines = [text(topic.description), "", f"{_count(len(papers), 'paper')}, newest first.", ""]
    lines += table(papers) if papers else ["No paper has this topic yet."]
    return page({"title": topic.name}, "\n".join(lines))


def render_topic_index(taxonomy: list[Topic], counts: Counter, untopiced: int) -> str:
    lines = ["| Topic | Papers | About |", "| --- | ---: | --- |"]
    for topic in taxonomy:
        lines.append(
            f"| [{text(topic.name)}]({topic.slug}.md) | {counts[topic.slug]} | {text(topic.description)} |"
        )
    lines += ["", f"{_count(untopiced, 'paper')} match no topic."]
    return page({"title": "Topics"}, "\n".join(lines))


# ---------------------------------------------------------------- date pages


def by_month(papers: list[Paper]) -> tuple[dict, list[Paper]]:
    months: dict[tuple[int, int], list[Paper]] = defaultdict(list)
    undated = []
    for paper in papers:
        day = sort_date(paper)
        if day:
            months[(day.year, day.month)].append(paper)
        else:
            undated.append(paper)
    return months, undated


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


def render_year(year: int, months: dict[tuple[int, int], list[Paper]]) -> str:
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


def render_date_index(months: dict, undated: list[Paper]) -> str:
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
        lines.append(f"[{_count(len(undated), 'paper')} with no known date]({UNDATED_PAGE}.md)")
    else:
        lines.append("Every paper has a date.")
    return page({"title": "Dates"}, "\n".join(lines))


# ---------------------------------------------------------------- home


def newest_dump(dumps: list[DumpResult]) -> DumpResult | None:
    dated = [d for d in dumps if d.captured]
    return max(dated, key=lambda d: (d.captured, d.file)) if dated else None


def newest_additions(catalogue: Catalogue) -> tuple[DumpResult | None, list[Paper]]:
    """Papers that the newest dump listed for the first time."""
    latest = newest_dump(catalogue.dumps)
    if latest is None:
        return None, []
    listed = {record.id for record in latest.papers}  # (most papers are not: a quick no)
    added = [
        p
        for p in catalogue.papers
        if p.id in listed
        and any(s.file == latest.file for s in p.sources)
        and all(s.captured == latest.captured for s in p.sources if s.captured)
    ]
    return latest, added


def render_home(catalogue: Catalogue, counts: Counter) -> str:
    latest, added = newest_additions(catalogue)
    captured = latest.captured.isoformat() if latest else "unknown"
    lines = [
        f"**{_count(len(catalogue.papers), 'paper')}** from **{_count(len(catalogue.dumps), 'dump')}**, "
        f"in **{_count(len(catalogue.taxonomy), 'topic')}** (see [topics](topics/index.md)). "
        f"Latest capture: **{captured}**.",
        "",
        "Browse by [topic](topics/index.md) or by [date](dates/index.md), or search.",
        "",
    ]
    if latest:
        lines += [f"## New in the latest dump ({captured})", ""]
        lines += PaperTable("", added)(newest_first(added)) if added else ["No paper new to the catalogue."]
        lines.append("")
    lines += ["## Topics", "", "| Topic | Papers |", "| --- | ---: |"]
    for topic in sorted(catalogue.taxonomy, key=lambda t: (-counts[t.slug], t.slug)):
        lines.append(f"| [{text(topic.name)}](topics/{topic.slug}.md) | {counts[topic.slug]} |")
    return page({"title": "Paper catalogue", "hide": ["navigation"]}, "\n".join(lines))


# ---------------------------------------------------------------- all pages


def render_paper_pages(papers: Iterable[Paper], taxonomy: list[Topic]) -> Iterator[tuple[str, str]]:
    """(path under the docs directory, page) for each paper, one at a time."""
    names = {t.slug: t.name for t in taxonomy}
    return ((paper_path(p), render_paper(p, names)) for p in papers)


def render_index_pages(catalogue: Catalogue) -> dict[str, str]:
    """The topic, date and home pages, keyed by their path under the docs directory."""
    pages = {}
    # Every list below is taken from this one, so all come newest first.
    ordered = newest_first(catalogue.papers)
    table = PaperTable("../../", ordered)  # topics/<slug>/ and dates/<page>/ alike
    by_topic: dict[str, list[Paper]] = defaultdict(list)
    for paper in ordered:
        for slug in paper.topics:
            by_topic[slug].append(paper)
    counts = Counter({slug: len(papers) for slug, papers in by_topic.items()})
    for topic in catalogue.taxonomy:
        pages[f"topics/{topic.slug}.md"] = render_topic(topic, by_topic[topic.slug], table)
    untopiced = sum(1 for p in catalogue.papers if not p.topics)
    pages["topics/index.md"] = render_topic_index(catalogue.taxonomy, counts, untopiced)

    months, undated = by_month(ordered)
    for (year, month), papers in months.items():
        pages[f"dates/{year}-{month:02d}.md"] = render_month(year, month, papers, table)
    for year in {y for y, _ in months}:
        pages[f"dates/{year}.md"] = render_year(year, months)
    if undated:
        pages[f"dates/{UNDATED_PAGE}.md"] = render_undated(undated, table)
    pages["dates/index.md"] = render_date_index(months, undated)

    pages["index.md"] = render_home(catalogue, counts)
    return pages
