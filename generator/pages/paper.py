"""A paper's page: its record as front matter, its body as one block of HTML
made by the template `catalogue/paper_body.html` (templates.py) from the values
this module prepares.

HTML rather than Markdown: Python-Markdown passes a raw HTML block through
without its inline processing, which took most of a large build's time, and
MkDocs' page workers skip even that (contracts.py). So the links in it are
written as the URLs MkDocs makes (urls.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from urllib.parse import urljoin

from .. import urls
from ..catalogue.related import Relation
from ..model import CURATED, Catalogue, Implied, Like, Paper
from .bibtex import cite_keys, entry
from .contracts import PAPER_BODY_CLOSE, PAPER_BODY_OPEN, PAPER_TEMPLATE
from .escape import query_value
from .front_matter import page
from .templates import Templates, rendered


def _published(paper: Paper) -> str:
    if paper.published:
        return f"Published {paper.published.isoformat()}"
    if paper.published_text:
        return (
            f"Published {paper.published_text}, year unknown "
            "(the dump has no capture date to resolve it)"
        )
    return "Publication date unknown"


SHOWN_AUTHORS = 12  # a collaboration's thousands are left to the exports


def _authors(shown: tuple[str, ...], more: int) -> str:
    """The names shown, and how many more there are, as text."""
    return f"{', '.join(shown)} and {more} more" if more > 0 else ", ".join(shown)


# lunr's query syntax (a field, an edit distance, a boost, a wildcard, an escape): a
# word of a name holding any is left out of the search for the name's papers.
_QUERY_SYNTAX = re.compile(r"[:~^*+\\]")


def author_search(name: str) -> str | None:
    """The search for a name's papers: each of its words (split where lunr splits
    it, indexing it: spaces and hyphens) among the authors (`+authors:Ada
    +authors:Lovelace`); None if no word of it can be searched."""
    words = name.replace("-", " ").split()
    if _QUERY_SYNTAX.search(name):  # (rare: checked word by word only then)
        words = [word for word in words if not _QUERY_SYNTAX.search(word)]
    return " ".join(f"+authors:{word}" for word in words) or None


def _button(label: str, href: str, note: str | None = None) -> dict:
    return {"label": label, "href": href, "note": note}


def _buttons(paper: Paper) -> list[dict]:
    """Where to read the paper, as Hugging Face's paper pages put it: arXiv, the
    PDF, Hugging Face, the code (with its stars), the project page; searches by
    title where the arXiv id is unknown."""
    query = query_value(paper.title)
    if paper.arxiv_id:
        buttons = [
            _button("arXiv", f"https://arxiv.org/abs/{paper.arxiv_id}"),
            _button("PDF", f"https://arxiv.org/pdf/{paper.arxiv_id}"),
            _button("Hugging Face", f"https://huggingface.co/papers/{paper.arxiv_id}"),
        ]
    else:
        buttons = [
            _button("Search arXiv", f"https://arxiv.org/search/?query={query}&searchtype=title"),
            _button("Search Hugging Face", f"https://huggingface.co/papers?q={query}"),
        ]
    if paper.code:
        stars = f"★ {paper.github_stars:,}" if paper.github_stars is not None else None
        buttons.append(_button("Code", paper.code[0], stars))
    if paper.project_page:
        buttons.append(_button("Project page", paper.project_page))
    buttons.append(_button("Google Scholar", f"https://scholar.google.com/scholar?q={query}"))
    return buttons


HUB_PAGES = {
    "models": ("Models", ""),
    "datasets": ("Datasets", "datasets/"),
    "spaces": ("Spaces", "spaces/"),
}


def _hub(paper: Paper) -> list[dict]:
    """The Hub's models, datasets and Spaces that cite the paper (from a
    `/api/papers/{id}` response): how many, and those it listed."""
    kinds = []
    for kind, (name, folder) in HUB_PAGES.items():
        ids, total = getattr(paper, kind), getattr(paper, f"{kind}_total")
        if not total:
            continue
        every = None
        if paper.arxiv_id and total > len(ids):
            # (The Hub lists them all by the arXiv id they cite.)
            every = f"https://huggingface.co/{kind}?other=arxiv:{paper.arxiv_id}"
        repositories = [{"id": i, "href": f"https://huggingface.co/{folder}{i}"} for i in ids]
        kinds.append({"name": name, "total": total, "every": every, "repositories": repositories})
    return kinds


def _part(text: str, href: str | None = None) -> dict:
    """A piece of a line of facts, linked or not."""
    return {"text": text, "href": href}


def _comments(paper: Paper) -> dict:
    said = f"{paper.comments:,} comment{'' if paper.comments == 1 else 's'}"
    href = f"https://huggingface.co/papers/{paper.arxiv_id}#community" if paper.arxiv_id else None
    return _part(said, href)


CHART = (240, 48, 4)  # width, height, margin


def upvote_chart(paper: Paper) -> dict | None:
    """The upvotes of each capture as a small line chart's points, with its
    figures as text for those who cannot see it; None for fewer than two."""
    points = paper.upvote_history
    if len(points) < 2:
        return None
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
    return {"width": width, "height": height, "points": xy, "said": said}


def page_url(paper_id: str, site_url: str | None) -> str | None:
    """A paper page's absolute address, when the site has one."""
    return urljoin(site_url, urls.url(urls.paper_page(paper_id))) if site_url else None


def paper_meta(paper: Paper) -> dict:
    """A paper page's front matter: the record, and the page's template."""
    meta = paper.to_dict()
    meta["template"] = PAPER_TEMPLATE  # (which has no navigation to hide)
    return meta


class PaperRenderer:
    """Paper pages of one catalogue, from the paper body template."""

    def __init__(
        self,
        catalogue: Catalogue,
        site_url: str | None = None,
        entries: Mapping[str, str] | None = None,
        templates: Templates | None = None,
        keys: Mapping[str, str] | None = None,
    ):
        """`entries`: BibTeX entries of papers made already (the others are made
        here, with their `keys`)."""
        self.here = here = urls.paper_page("x")  # every paper page lies at this depth
        self.topic_hrefs = {
            t.slug: urls.link(here, urls.topic_page(t.slug)) for t in catalogue.taxonomy
        }
        self.topic_names = {t.slug: t.name for t in catalogue.taxonomy}
        self.titles = {p.id: p.title for p in catalogue.papers}
        self.related = catalogue.related
        self._hrefs: dict[str, str] = {}
        self.site_url = site_url
        self.entries = entries or {}
        self.keys = keys if keys is not None else cite_keys(catalogue.papers)
        self.template = (templates or Templates()).paper_body
        self.search = urls.link(here, urls.SEARCH)

    def __call__(self, paper: Paper) -> str:
        """Front matter, then the body."""
        facts = []
        if paper.authors_count is not None and not paper.authors:
            facts.append(_part(f"{paper.authors_count} authors"))
        if paper.organization:
            facts.append(self._organization(paper))
        facts.append(_part(_published(paper)))
        if paper.upvotes is not None:
            facts.append(_part(f"{paper.upvotes} upvotes"))
        captured = []
        if paper.daily_date:
            captured.append(_part(f"On the daily list {paper.daily_date.isoformat()}"))
        if paper.submitted_by:
            captured.append(_part(f"submitted by {paper.submitted_by}"))
        if paper.comments is not None:
            captured.append(_comments(paper))
        shown = paper.authors[:SHOWN_AUTHORS]
        more = paper.authors_in_all - len(shown)
        body = rendered(
            self.template,
            paper.id,
            paper=paper,
            authors=_authors(shown, more),
            author_links=[self._author_link(name) for name in shown],
            more_authors=more,
            facts=facts,
            buttons=_buttons(paper),
            topics=self._topics(paper),
            links=((paper.project_page,) if paper.project_page else ()) + paper.links,
            hub=_hub(paper),
            related=self._related(self.related.get(paper.id, ())),
            bibtex=self._bibtex(paper),
            captured=captured,
            chart=upvote_chart(paper),
        )
        return page(paper_meta(paper), f"{PAPER_BODY_OPEN}\n{body}\n{PAPER_BODY_CLOSE}")

    def _bibtex(self, paper: Paper) -> str:
        made = self.entries.get(paper.id) or entry(
            paper, page_url(paper.id, self.site_url), self.keys.get(paper.id)
        )
        return made.rstrip()

    def _topics(self, paper: Paper) -> list[dict]:
        """Each topic, and why the paper has it: the words that matched, a
        curator, the narrower topics it has, or the labelled paper it is like
        (`like`: its title and link)."""
        shown = []
        for slug, words in paper.topic_evidence():
            like = None
            if isinstance(words, Like):
                why = "like"
                like = {"title": self.titles[words[0]], "href": self._href(words[0])}
            elif isinstance(words, Implied):  # (first: a topic may be named "curated")
                why = "via " + ", ".join(self.topic_names[narrower] for narrower in words)
            elif words == CURATED:
                why = "curated"
            elif words:
                why = "matched " + ", ".join(words)
            else:
                why = "matched"
            name, href = self.topic_names[slug], self.topic_hrefs[slug]
            shown.append({"name": name, "href": href, "why": why, "like": like})
        return shown

    def _organization(self, paper: Paper) -> dict:
        page = urls.org_page(paper.organization_handle) if paper.organization_handle else None
        return _part(paper.organization, urls.link(self.here, page) if page else None)

    def _author_link(self, name: str) -> dict:
        """A name, with the search for its papers here."""
        search = author_search(name)
        return {"name": name, "href": f"{self.search}?q={query_value(search)}" if search else None}

    def _href(self, paper_id: str) -> str:
        """The link to another paper's page (made once: a paper is related to several)."""
        href = self._hrefs.get(paper_id)
        if href is None:
            href = self._hrefs[paper_id] = urls.link(self.here, urls.paper_page(paper_id))
        return href

    def _related(self, relations: tuple[Relation, ...]) -> list[dict]:
        return [
            {
                "title": self.titles[r.id],
                "href": self._href(r.id),
                "shared": r.shared,
            }
            for r in relations
        ]


def render_paper(paper: Paper, catalogue: Catalogue) -> str:
    """One paper's page (make a PaperRenderer for many)."""
    return PaperRenderer(catalogue)(paper)


def render_paper_pages(papers: Iterable[Paper], render: PaperRenderer) -> Iterator[tuple[str, str]]:
    """(page path, page text) for each paper, one at a time."""
    return ((urls.paper_page(p.id), render(p)) for p in papers)
