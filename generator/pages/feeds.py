"""Feeds to follow the catalogue: Atom (by feedgen) and JSON Feed 1.1, for the
whole catalogue and for each topic.

Newest to the catalogue first: by first capture, then publication date; the
latest `ENTRIES`. An entry's id is a UUID made from its page id, so it stays
the same wherever the site is hosted. Text goes in as text (feedgen and json
escape it); nothing from a dump becomes markup. Links are absolute, so feeds
need the site's address; papers with no known date are left out (a feed entry
needs one).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

from feedgen.feed import FeedGenerator
from lxml import etree

from .. import urls
from ..catalogue.taxonomy import Topic
from ..model import Catalogue, Paper

ENTRIES = 50
SITE_NAME = "Paper catalogue"
_ID_SPACE = uuid.UUID("5c1e2a0e-6f0b-4d2b-9a43-6a2f7a7c0b11")  # this catalogue's papers


def feed_order(papers: list[Paper]) -> list[Paper]:
    """Dated papers, newest to the catalogue first."""
    dated = [p for p in papers if p.first_seen or p.published]
    return sorted(
        dated,
        key=lambda p: (
            (p.first_seen or p.published).toordinal(),
            (p.published or dt.date.min).toordinal(),
            p.id,
        ),
        reverse=True,
    )


def entry_id(paper: Paper) -> str:
    return f"urn:uuid:{uuid.uuid5(_ID_SPACE, paper.id)}"


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _date(paper: Paper) -> dt.datetime:
    """When the paper came to the catalogue (or was published, if that is all we know)."""
    return _moment(paper.first_seen or paper.published)


def feed_paths(taxonomy) -> list[str]:
    """The paths Feeds.pages makes, without making them."""
    names = ["all", *(topic.slug for topic in taxonomy)]
    return [urls.feed(name, kind) for name in names for kind in ("xml", "json")]


class Feeds:
    """The feeds of one catalogue, for a site at `site_url`."""

    def __init__(self, catalogue: Catalogue, site_url: str):
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        self.names = {t.slug: t.name for t in catalogue.taxonomy}
        self.ordered = feed_order(catalogue.papers)

    def url(self, page: str) -> str:
        # (A page's path from the site root, never `/...` or `../`: joined as text,
        # which urljoin did in 35 µs, 0.1 s of a build's feeds.)
        return self.site_url + page

    def pages(self) -> dict[str, str]:
        """Every feed, keyed by its path in the docs folder."""
        feeds = {}
        for name, title, home, papers in self._feeds():
            feeds[urls.feed(name, "xml")] = self.atom(name, title, home, papers)
            feeds[urls.feed(name, "json")] = self.json_feed(name, title, home, papers)
        return feeds

    def _feeds(self):
        yield "all", SITE_NAME, urls.HOME, self.ordered[:ENTRIES]
        by_topic: dict[str, list[Paper]] = {slug: [] for slug in self.names}
        for paper in self.ordered:
            for slug in paper.topics:
                if len(by_topic[slug]) < ENTRIES:
                    by_topic[slug].append(paper)
        for slug, papers in by_topic.items():
            yield slug, f"{SITE_NAME}: {self.names[slug]}", urls.topic_page(slug), papers

    def atom(self, name: str, title: str, home: str, papers: list[Paper]) -> str:
        feed = FeedGenerator()
        feed.id(self.url(urls.url(home)))
        feed.title(title)
        feed.link(href=self.url(urls.url(home)), rel="alternate")
        feed.link(href=self.url(urls.feed(name, "xml")), rel="self")
        feed.generator("paper catalogue")
        # RFC 4287: a feed names an author, or each of its entries does.
        feed.author({"name": SITE_NAME})
        # The newest entry's date, not the build's: a feed rebuilt unchanged stays the same.
        feed.updated(_date(papers[0]) if papers else _moment(dt.date(1970, 1, 1)))
        for paper in reversed(papers):  # (feedgen puts each new entry first)
            item = feed.add_entry()
            item.id(entry_id(paper))
            item.title(paper.title)
            item.link(href=self.url(urls.url(urls.paper_page(paper.id))))
            if paper.arxiv_id:  # (the paper itself, beside its page here; see _related)
                item.link(href=f"{ARXIV_ABS}{paper.arxiv_id}", rel="related")
            item.summary(paper.abstract)
            if paper.authors or paper.organization:
                item.author(_bylines(paper, "uri"))
            item.updated(_date(paper))
            if paper.published:
                item.published(_moment(paper.published))
            if paper.topics:
                # (All in one call: feedgen checks the whole list at each call, so a
                # paper of thousands of topics took minutes one at a time.)
                item.category([{"term": slug, "label": self.names[slug]} for slug in paper.topics])
        return _related(feed.atom_str(pretty=True)).decode("utf-8")

    def json_feed(self, name: str, title: str, home: str, papers: list[Paper]) -> str:
        items = []
        for paper in papers:
            item = {
                "id": entry_id(paper),
                "url": self.url(urls.url(urls.paper_page(paper.id))),
                "title": paper.title,
                "content_text": paper.abstract,
                "date_published": _date(paper).isoformat(),
                "tags": [self.names[slug] for slug in paper.topics],
            }
            if paper.authors or paper.organization:
                item["authors"] = _bylines(paper, "url")
            if paper.arxiv_id:
                item["external_url"] = f"{ARXIV_ABS}{paper.arxiv_id}"
            items.append(item)
        feed = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": title,
            "home_page_url": self.url(urls.url(home)),
            "feed_url": self.url(urls.feed(name, "json")),
            "items": items,
        }
        return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"


ARXIV_ABS = "https://arxiv.org/abs/"


def _related(atom: bytes) -> bytes:
    """The arXiv links marked `rel="related"`: feedgen 1.0.0 (the latest) drops
    every entry link's rel, which would leave two `alternate` links of one type,
    against RFC 4287."""
    if ARXIV_ABS.encode() not in atom:
        return atom
    root = etree.fromstring(atom)
    for link in root.iterfind(
        "{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}link"
    ):
        if link.get("href", "").startswith(ARXIV_ABS):
            link.set("rel", "related")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


FEED_AUTHORS = 20  # a collaboration's thousands are left to the paper's page
HUB = "https://huggingface.co/"


def _bylines(paper: Paper, link: str) -> list[dict]:
    """A feed entry's authors: the paper's first authors, else its organisation,
    with its Hugging Face page as its `link` (Atom's `uri`, JSON Feed's `url`), which
    tells a reader of the feed (read/feed.py) that it is no author."""
    if paper.authors:
        return [{"name": name} for name in paper.authors[:FEED_AUTHORS]]
    byline = {"name": paper.organization}
    if paper.organization_handle:
        byline[link] = f"{HUB}{paper.organization_handle}"
    return [byline]


def announce(topic: Topic | None) -> dict:
    """Front matter that makes a page announce its feed (overrides/main.html)."""
    name = topic.slug if topic else "all"
    title = f"{SITE_NAME}: {topic.name}" if topic else SITE_NAME
    return {"feed": name, "feed_title": title}
