"""Feeds of papers saved as dumps -> items named as the API's, which hf_json.py reads.

Services that follow Hugging Face's papers (RSSHub's `huggingface/daily-papers`,
others' daily feeds) and arXiv publish them as feeds, and a catalogue's own
feeds (this one's too) are another catalogue's dumps: RSS and Atom (`*.xml`,
`*.rss`, `*.atom`, read by feedparser, which reads a broken feed as feed
readers do) and JSON Feed (a `*.json` whose `version` says so).

An entry is a paper: its title; its text (a description or content, HTML made
text; arXiv's `arXiv:<id> Announce Type: new Abstract:` before it dropped) as
the abstract, unless it only repeats the title (a scraper's text of the paper's
Hugging Face page, `<AI summary> AI-generated summary <abstract>`, is both,
split where the page says the summary ends); its authors (one name that
lists them, `A, B, C`, split at the commas; one with a Hugging Face account as
its address is the paper's organisation, as this catalogue's feeds name it
where they know no authors); and its arXiv id, from the first of its links
that is the paper's page on Hugging Face or arXiv. An entry's date is the
feed's (when the paper came to it, or when the feed was made), not the
paper's, so dates only date the capture: the day the feed states it was
updated, else the entries' latest day, if they lie within a month.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .links import hub_handle, paper_id
from .paper_page import summary_and_abstract
from .text_dump import without_announcement

FEED_SUFFIXES = (".xml", ".rss", ".atom")
_JSON_FEED = "https://jsonfeed.org/version/"
# Elements that end a run of text: their text is not glued to the next (`<p>a</p><p>b</p>`).
_BLOCKS = frozenset("p br div li ul ol h1 h2 h3 h4 h5 h6 tr td th blockquote pre hr".split())


@dataclass
class FeedItems:
    """A feed's entries as the API's items, the day it states it was updated and
    each entry's day (for the capture date), or what is wrong with it."""

    items: list = field(default_factory=list)
    stated: dt.date | None = None
    days: list[dt.date] = field(default_factory=list)
    problem: str | None = None
    line: int = 0
    note: str | None = None  # (a broken feed's entries read all the same)


class _Text(HTMLParser):
    """The text of an HTML fragment: tags dropped, entities read, blocks apart."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def html_text(fragment: str) -> str:
    """The text an HTML fragment shows, on one line."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    return " ".join("".join(parser.parts).split())


def _names(authors: list) -> list:
    """Authors as the API gives them (`[{"name": ...}]`): one name listing several,
    `A B, C D` (RSSHub's, arXiv's), split, if each part is a name of several words
    (`Smith, John` is one name); a value of another type kept, to be noted."""
    names: list = []
    for author in authors:
        name = author.get("name") if isinstance(author, dict) else author
        parts = name.split(",") if isinstance(name, str) and len(authors) == 1 else [name]
        if len(parts) > 1 and all(" " in part.strip() for part in parts):
            names += [{"name": part} for part in parts]
        else:
            names.append({"name": name})
    return names


def _organization(authors: list) -> dict | None:
    """The organisation a catalogue's feed names in place of a paper's authors
    (pages/feeds.py): the one author, with a Hugging Face account as its address."""
    if len(authors) != 1 or not isinstance(authors[0], dict):
        return None
    address = authors[0].get("href") or authors[0].get("url")  # (Atom's uri; JSON Feed's)
    handle = hub_handle(address) if isinstance(address, str) else None
    return {"name": handle, "fullname": authors[0].get("name")} if handle else None


def _item(title: object, text: object, links: list, authors: list) -> dict:
    """One entry as the API's item: `title`, `summary` (and `ai_summary`, where the
    text is a paper page's), `authors` (or the `organization`), the arXiv `id`."""
    ai_summary = None
    if isinstance(text, str):
        ai_summary, text = summary_and_abstract(without_announcement(text))
        if isinstance(title, str) and " ".join(text.split()) == " ".join(title.split()):
            text = None  # (a feed that gives the title again as the text: no abstract)
    item = {"title": title, "summary": text, "ai_summary": ai_summary}
    if organization := _organization(authors):
        item["organization"] = organization
    else:
        item["authors"] = _names(authors)
    found = (paper_id(link.strip()) for link in links if isinstance(link, str))
    if arxiv_id := next(filter(None, found), None):
        item["id"] = arxiv_id
    return item


def is_json_feed(document: object) -> bool:
    version = document.get("version") if isinstance(document, dict) else None
    return isinstance(version, str) and version.startswith(_JSON_FEED)


def _day(value: object) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except (AttributeError, ValueError):
        return None


def json_feed_items(document: dict) -> FeedItems:
    """A JSON Feed's items (versions 1 and 1.1: `author` became `authors`)."""
    entries = document.get("items")
    if not isinstance(entries, list):
        return FeedItems(problem="expected a JSON Feed's list of items")
    found = FeedItems()
    for entry in entries:
        if not isinstance(entry, dict):
            found.items.append(entry)  # (hf_json notes it)
            continue
        text = entry.get("content_text") or entry.get("content_html") or entry.get("summary")
        if isinstance(text, str) and text is entry.get("content_html"):
            text = html_text(text)
        authors = entry.get("authors", entry.get("author"))  # (1.1's; 1's)
        authors = authors if isinstance(authors, list) else [authors] if authors else []
        links = [entry.get(key) for key in ("url", "external_url", "id")]
        found.items.append(_item(entry.get("title"), text, links, authors))
        if day := _day(entry.get("date_published")):
            found.days.append(day)
    return found


def _parsed_day(value) -> dt.date | None:
    """A date feedparser read (a UTC struct_time), or None."""
    try:
        return dt.date(*value[:3]) if value else None
    except (TypeError, ValueError):  # (a year no date has)
        return None


def _entry_text(entry) -> object:
    """An entry's text: its description (summary), else its content; HTML made text."""
    for detail in (entry.get("summary_detail"), *(entry.get("content") or ())):
        if isinstance(detail, dict) and isinstance(detail.get("value"), str) and detail["value"]:
            value = detail["value"]
            return html_text(value) if "html" in (detail.get("type") or "") else value
    return None


def xml_feed_items(data: bytes) -> FeedItems:
    """An RSS or Atom feed's entries (RSS 0.9x-2.0 and RDF, Atom 0.3 and 1.0)."""
    import feedparser  # (60 ms to import, for the builds that read a feed only)

    # (A stream, never bytes: feedparser would open bytes naming a file, or a URL.)
    try:
        feed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False)
    except Exception as failed:  # (its lenient parser fails on some bytes: `&#x110000;`)
        return FeedItems(problem=f"not a feed that can be read ({type(failed).__name__}: "
                                 f"{str(failed)[:80]})")  # fmt: skip
    error = feed.get("bozo_exception")
    line = error.getLineNumber() if hasattr(error, "getLineNumber") else 0
    entries = feed.get("entries") or []
    if not entries and not feed.get("version"):
        said = f" (not well-formed XML: {error.getMessage()})" if line else ""
        return FeedItems(problem=f"expected an RSS or Atom feed{said}", line=line)
    found = FeedItems(stated=_parsed_day(feed.get("feed", {}).get("updated_parsed")))
    if line:  # (XML not well formed; an encoding's mismatch says nothing of the papers)
        found.note = (
            f"not well-formed XML (line {line}: {error.getMessage()}): its entries are read "
            "as feed readers read them"
        )
    for entry in entries:
        title = entry.get("title")
        if title and "html" in ((entry.get("title_detail") or {}).get("type") or ""):
            title = html_text(title)
        # (A broken feed's entry may hold what its lenient parser made of it: dicts only.)
        links = [entry.get("link"), entry.get("id"), *(
            link.get("href") for link in entry.get("links") or () if isinstance(link, dict)
        )]  # fmt: skip
        authors = [
            a for a in entry.get("authors") or () if isinstance(a, dict) and a.get("name")
        ]  # (a name: an author given as an email alone is none)
        found.items.append(_item(title, _entry_text(entry), links, authors))
        day = _parsed_day(entry.get("published_parsed") or entry.get("updated_parsed"))
        if day:
            found.days.append(day)
    return found
