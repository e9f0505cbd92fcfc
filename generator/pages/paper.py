"""A paper's page: its record as front matter, its body as one block of HTML.

HTML rather than Markdown: Python-Markdown passes a raw HTML block through
without its inline processing, which took most of a large build's time, and
MkDocs' page workers skip even that (contracts.py). So the links in it are
written as the URLs MkDocs makes (urls.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from urllib.parse import urljoin

from .. import urls
from ..catalogue.related import Relation
from ..model import CURATED, Catalogue, Implied, Paper
from .bibtex import entry
from .contracts import PAPER_BODY_CLOSE, PAPER_BODY_OPEN, PAPER_TEMPLATE
from .escape import attr, html_text, query_value
from .front_matter import page


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


def _links_section(anchor: str, heading: str, found: tuple[str, ...]) -> list[str]:
    if not found:
        return []
    return [f'<h2 id="{anchor}">{heading}</h2>', "<ul>"] + [
        f"<li>{_link(url)}</li>" for url in found
    ] + ["</ul>"]  # fmt: skip


SHOWN_AUTHORS = 12  # a collaboration's thousands are left to the exports


def _authors(names: tuple[str, ...]) -> str:
    shown = ", ".join(map(html_text, names[:SHOWN_AUTHORS]))
    more = len(names) - SHOWN_AUTHORS
    return f"{shown} and {more} more" if more > 0 else shown


def _code_section(paper: Paper) -> list[str]:
    """The code links; the first is the repository the stars are of."""
    lines = _links_section("code", "Code", paper.code)
    if lines and paper.github_stars is not None:
        lines[2] = lines[2].replace(
            "</li>", f' <span class="paper-stars">★ {paper.github_stars:,}</span></li>', 1
        )
    return lines


def _elsewhere(paper: Paper) -> list[str]:
    """The paper on arXiv and Hugging Face: direct links when its arXiv id is known,
    else searches by title."""
    query = attr(query_value(paper.title))
    if paper.arxiv_id:
        arxiv = attr(paper.arxiv_id)
        links = [
            f'<li><a href="https://arxiv.org/abs/{arxiv}">arXiv</a> (<a href="https://arxiv.org/pdf/{arxiv}">PDF</a>)</li>',
            f'<li><a href="https://huggingface.co/papers/{arxiv}">Hugging Face</a></li>',
        ]
    else:
        links = [
            f'<li><a href="https://arxiv.org/search/?query={query}&amp;searchtype=title">arXiv</a></li>',
            f'<li><a href="https://huggingface.co/papers?q={query}">Hugging Face</a></li>',
        ]
    links.append(
        f'<li><a href="https://scholar.google.com/scholar?q={query}">Google Scholar</a></li>'
    )
    return ['<h2 id="find-it-elsewhere">Find it elsewhere</h2>', "<ul>", *links, "</ul>"]


HUB_PAGES = {
    "models": ("Models", ""),
    "datasets": ("Datasets", "datasets/"),
    "spaces": ("Spaces", "spaces/"),
}


def _hub_section(paper: Paper) -> list[str]:
    """The Hub's models, datasets and Spaces that cite the paper (from a
    `/api/papers/{id}` response): how many, and links to those it listed."""
    lines = []
    for kind, (name, folder) in HUB_PAGES.items():
        ids, total = getattr(paper, kind), getattr(paper, f"{kind}_total")
        if not total:
            continue
        shown = "".join(
            f'<li><a href="https://huggingface.co/{folder}{attr(i)}">{html_text(i)}</a></li>'
            for i in ids
        )
        more = ""
        # The Hub lists them all by the arXiv id they cite.
        if paper.arxiv_id and total > len(ids):
            every = f"https://huggingface.co/{kind}?other=arxiv:{attr(paper.arxiv_id)}"
            more = f' (<a href="{every}">all {total:,}</a>)'
        lines.append(f"<p>{name} citing this paper: {total:,}{more}</p>")
        if shown:
            lines.append(f'<ul class="paper-hub">{shown}</ul>')
    return ['<h2 id="hub">On the Hugging Face Hub</h2>', *lines] if lines else []


def _comments(paper: Paper) -> str:
    said = f"{paper.comments:,} comment{'' if paper.comments == 1 else 's'}"
    if paper.arxiv_id:
        return (
            f'<a href="https://huggingface.co/papers/{attr(paper.arxiv_id)}#community">{said}</a>'
        )
    return said


CHART = (240, 48, 4)  # width, height, margin


def upvote_chart(paper: Paper) -> list[str]:
    """The upvotes of each capture as a small line chart (SVG, no script), with
    its figures as text for those who cannot see it; nothing for fewer than two."""
    points = paper.upvote_history
    if len(points) < 2:
        return []
    width, height, margin = CHART
    first, last = points[0].captured.toordinal(), points[-1].captured.toordinal()
    most = max(p.upvotes for p in points) or 1
    span = (last - first) or 1
    xy = " ".join(
        f"{margin + (p.captured.toordinal() - first) * (width - 2 * margin) / span:.1f},"
        f"{height - margin - p.upvotes * (height - 2 * margin) / most:.1f}"
        for p in points
    )
    said = ", ".join(f"{p.upvotes} on {p.captured.isoformat()}" for p in points)
    return [
        '<h2 id="upvotes">Upvotes</h2>',
        f'<svg class="paper-upvotes" role="img" aria-labelledby="upvotes-said" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f'<polyline fill="none" stroke="currentColor" stroke-width="2" points="{xy}"/></svg>',
        f'<p id="upvotes-said">Upvotes by capture: {said}.</p>',
    ]


def page_url(paper_id: str, site_url: str | None) -> str | None:
    """A paper page's absolute address, when the site has one."""
    return urljoin(site_url, urls.url(urls.paper_page(paper_id))) if site_url else None


def paper_meta(paper: Paper) -> dict:
    """A paper page's front matter: the record, and the page's template."""
    meta = paper.to_dict()
    meta["template"] = PAPER_TEMPLATE  # (which has no navigation to hide)
    return meta


class PaperRenderer:
    """Paper pages of one catalogue."""

    def __init__(
        self,
        catalogue: Catalogue,
        site_url: str | None = None,
        entries: Mapping[str, str] | None = None,
    ):
        """`entries`: BibTeX entries of papers made already (the others are made here)."""
        self.here = here = urls.paper_page("x")  # every paper page lies at this depth
        self.topic_links = {
            t.slug: f'<a href="{urls.link(here, urls.topic_page(t.slug))}">{html_text(t.name)}</a>'
            for t in catalogue.taxonomy
        }
        self.topic_names = {t.slug: t.name for t in catalogue.taxonomy}
        self.titles = {p.id: p.title for p in catalogue.papers}
        self.related = catalogue.related
        self.site_url = site_url
        self.entries = entries or {}

    def __call__(self, paper: Paper) -> str:
        """Front matter, then the body."""
        facts = [_published_line(paper)]
        if paper.upvotes is not None:
            facts.append(f"{paper.upvotes} upvotes")
        if paper.authors_count is not None and not paper.authors:
            facts.append(f"{paper.authors_count} authors")
        if paper.organization:
            facts.append(self._organization(paper))
        if paper.daily_date:
            facts.append(f"On the daily list {paper.daily_date.isoformat()}")
        if paper.submitted_by:
            facts.append(f"submitted by {html_text(paper.submitted_by)}")
        if paper.comments is not None:
            facts.append(_comments(paper))
        lines = [PAPER_BODY_OPEN]
        if paper.authors:
            lines.append(f'<p class="paper-authors">{_authors(paper.authors)}</p>')
        lines.append(f'<p class="paper-facts">{" · ".join(facts)}</p>')
        if paper.topics:
            lines.append(
                f'<p class="paper-topics"><strong>Topics:</strong> {self._topics(paper)}</p>'
            )
        if paper.keywords:
            lines.append(
                '<p class="paper-keywords"><strong>Keywords:</strong> '
                f"{html_text(', '.join(paper.keywords))}</p>"
            )
        if paper.ai_summary:
            lines.append(
                '<p class="paper-ai-summary"><strong>AI summary (Hugging Face):</strong> '
                f"{html_text(paper.ai_summary)}</p>"
            )
        lines.append('<h2 id="abstract">Abstract</h2>')
        if paper.abstract == paper.ai_summary:
            lines.append(
                "<p>Not in the dumps: the captures that list this paper show Hugging Face's AI "
                "summary instead.</p>"
            )
        else:
            lines.append(f'<p class="paper-abstract">{html_text(paper.abstract)}</p>')
        lines += _code_section(paper)
        lines += _links_section(
            "links", "Links", ((paper.project_page,) if paper.project_page else ()) + paper.links
        )
        lines += _hub_section(paper)
        lines += upvote_chart(paper)
        lines += self._related(self.related.get(paper.id, ()))
        lines += self._cite(paper)
        lines += _elsewhere(paper)
        lines += [
            '<h2 id="sources">Sources</h2>',
            "<table>",
            "<thead><tr><th>Dump</th><th>Line or item</th><th>Captured</th></tr></thead>",
            "<tbody>",
        ]
        for source in paper.sources:
            captured = source.captured.isoformat() if source.captured else "unknown"
            lines.append(
                f"<tr><td>{html_text(source.file)}</td><td>{source.line}</td><td>{captured}</td></tr>"
            )
        lines += ["</tbody>", "</table>", PAPER_BODY_CLOSE]
        return page(paper_meta(paper), "\n".join(lines))

    def _topics(self, paper: Paper) -> str:
        """Each topic's link, and why the paper has it: the words that matched, a
        curator, or the narrower topics it has."""
        shown = []
        for slug, words in paper.topic_evidence():
            link = self.topic_links[slug]
            if isinstance(words, Implied):  # (first: a topic may be named "curated")
                names = ", ".join(self.topic_names[narrower] for narrower in words)
                link += f' <small class="paper-why">(via {html_text(names)})</small>'
            elif words == CURATED:
                link += ' <small class="paper-why">(curated)</small>'
            elif words:
                link += (
                    f' <small class="paper-why">(matched: {html_text(", ".join(words))})</small>'
                )
            shown.append(link)
        return ", ".join(shown)

    def _organization(self, paper: Paper) -> str:
        page = urls.org_page(paper.organization_handle) if paper.organization_handle else None
        name = html_text(paper.organization)
        return f'<a href="{urls.link(self.here, page)}">{name}</a>' if page else name

    def _related(self, relations: tuple[Relation, ...]) -> list[str]:
        lines = ['<h2 id="related">Related papers</h2>']
        if not relations:
            return lines + ["<p>No other paper in the catalogue shares enough of its words.</p>"]
        lines.append('<ul class="paper-related">')
        for relation in relations:
            href = urls.link(self.here, urls.paper_page(relation.id))
            why = (
                f" <small>shared: {html_text(', '.join(relation.shared))}</small>"
                if relation.shared
                else ""
            )
            lines.append(
                f'<li><a href="{attr(href)}">{html_text(self.titles[relation.id])}</a>{why}</li>'
            )
        return lines + ["</ul>"]

    def _cite(self, paper: Paper) -> list[str]:
        bibtex = self.entries.get(paper.id) or entry(paper, page_url(paper.id, self.site_url))
        return [
            '<h2 id="cite">Cite</h2>',
            f'<pre class="paper-bibtex"><code>{html_text_keep_lines(bibtex.rstrip())}</code></pre>',
            # (Shown by docs/assets/copy.js where the clipboard can be used.)
            '<button class="paper-copy" type="button" data-copy=".paper-bibtex" hidden>Copy '
            "BibTeX</button>",
        ]


def html_text_keep_lines(value: str) -> str:
    """Text for a <pre>: HTML's characters as entities, line breaks kept."""
    return "\n".join(html_text(line) for line in value.split("\n"))


def render_paper(paper: Paper, catalogue: Catalogue) -> str:
    """One paper's page (make a PaperRenderer for many)."""
    return PaperRenderer(catalogue)(paper)


def render_paper_pages(papers: Iterable[Paper], render: PaperRenderer) -> Iterator[tuple[str, str]]:
    """(page path, page text) for each paper, one at a time."""
    return ((urls.paper_page(p.id), render(p)) for p in papers)
