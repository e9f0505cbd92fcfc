"""Feeds of papers saved as dumps: RSS and Atom (`.xml`, `.rss`, `.atom`) and JSON Feed.

The fixtures reproduce the shapes of real feeds with our own text: RSSHub's
`huggingface/daily-papers` (RSS 2.0 from a list page's data: the arXiv link,
the abstract, the authors in one `<author>`), arXiv's listing feeds (each text
after `arXiv:<id> Announce Type: new Abstract:`, `dc:creator`), and a script's
JSON Feed of a list page's titles and links.
"""

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, collect, copy_project, mkdocs

from generator.read.dumps import READERS, unread_files

FEEDS = FIXTURES.parent / "feeds"


@pytest.fixture(scope="module")
def catalogue():
    return collect()[0]


def read(name: str, captured: dt.date | None = None):
    path = FEEDS / name
    return READERS[path.suffix](path.read_bytes(), name, captured)


def test_a_daily_papers_feed_gives_each_paper_whole():
    result = read("daily_papers.rss")
    glacier, birds, potholes = result.papers
    assert (glacier.title, glacier.arxiv_id) == (
        "Glacier Calving Fronts Traced in Radar Time Series", "2611.11870"
    )
    assert glacier.abstract.startswith("Calving fronts of tidewater glaciers move")
    assert glacier.abstract.endswith("within 60 m of theirs on 14 glaciers.")
    # (One `<author>` naming them all, as RSSHub writes it.)
    assert glacier.authors == ("Sigrun Halvorsen", "Tupaq Mamani", "Aiko Watanabe")
    assert birds.authors == ("Ewa Nowak",) and potholes.arxiv_id == "2611.09915"
    # (The description's HTML made text: no tags, the entity read, paragraphs apart.)
    assert birds.abstract == (
        "Songbirds of one species sing dialects that change from valley to valley. We cluster "
        "48,000 recordings that volunteers uploaded & map where each dialect is sung. The maps "
        "agree with field surveys from the 1980s in 9 of 11 regions."
    )
    # The feed's dates are not the papers': they date the capture, and say so.
    assert {p.published for p in result.papers} == {None}
    assert result.captured == dt.date(2026, 11, 12)
    assert [str(n) for n in result.notes] == [
        "daily_papers.rss: captured on 2026-11-12, the day the feed states"
    ]
    assert result.problems == []
    # A capture date the repository gives wins.
    assert read("daily_papers.rss", dt.date(2026, 11, 11)).captured == dt.date(2026, 11, 11)


def test_an_arxiv_listing_feed_gives_the_abstract_without_the_announcement():
    kelp, wildebeest = read("arxiv_listing.rss").papers
    assert kelp.abstract.startswith("Harbour ferries carry cameras")
    assert wildebeest.abstract.startswith("Drone mosaics of a migrating herd overlap")
    assert kelp.authors == ("Ilse Vandermeer", "Tomasi Fifita", "Ngozi Ade")
    assert (kelp.arxiv_id, wildebeest.arxiv_id) == ("2611.12001", "2611.08213")
    # Notes made from those feeds keep the announcement before the abstract.
    note = (
        "## Counting Wildebeest in Drone Mosaics Without Double Counting\n"
        "**Link:** [https://arxiv.org/abs/2611.08213](https://arxiv.org/abs/2611.08213)\n\n"
        "**Abstract:** arXiv:2611.08213v2 Announce Type: replace-cross \n"
        "Abstract: Drone mosaics of a migrating herd overlap, and animals are counted twice.\n"
    )
    [paper] = READERS[".md"](note.encode(), "summary.md", None).papers
    assert paper.abstract == (
        "Drone mosaics of a migrating herd overlap, and animals are counted twice."
    )


def test_a_json_feed_of_titles_and_links_gives_the_papers_it_can_name():
    """A script's JSON Feed of a list page gives each title again as the text: no
    abstract. Read as one paper (it has a `title`), the feed gave none of its items."""
    result = read("papers_titles_feed.json")
    [glacier] = result.papers
    assert (glacier.title, glacier.arxiv_id, glacier.abstract) == (
        "Glacier Calving Fronts Traced in Radar Time Series", "2611.11870", ""
    )
    notes = [str(n) for n in result.notes]
    assert notes == [
        "papers_titles_feed.json: item 2: paper.summary is missing",
        "papers_titles_feed.json: 1 paper(s) with no abstract (paper.summary): one from "
        "another dump is taken",
    ]
    # (An author given alone, not in a list, is one author, not a name a letter.)
    feed = json.loads((FEEDS / "papers_titles_feed.json").read_text())
    feed["items"][0]["authors"] = "Sigrun Halvorsen"
    [glacier] = READERS[".json"](json.dumps(feed).encode(), "feed.json", None).papers
    assert glacier.authors == ("Sigrun Halvorsen",)
    # (A name written family name first is one name, not two.)
    feed["items"][0]["authors"] = [{"name": "Halvorsen, Sigrun"}]
    [glacier] = READERS[".json"](json.dumps(feed).encode(), "feed.json", None).papers
    assert glacier.authors == ("Halvorsen, Sigrun",)
    # (A script's wrapper with a title of its own is a list of papers too.)
    listed = [{"title": "Street Trees", "arxiv_id": "2611.00042"}]
    wrapper = {"title": "Reading list", "papers": listed}
    result = READERS[".json"](json.dumps(wrapper).encode(), "list.json", None)
    assert [(p.title, p.arxiv_id) for p in result.papers] == [("Street Trees", "2611.00042")]


def test_a_scrapers_feed_of_the_papers_pages_gives_summary_and_abstract_apart():
    """A script's feeds (RSS and JSON Feed) give each paper page's text run into one
    line: the AI summary, the page's `AI-generated summary` (later `Generated by
    <model>`, after `Abstract`), then the abstract. Read whole, the summary and the
    label were the abstract's first words."""
    for name in ("page_text_feed.json", "page_text_feed.xml"):
        glacier, birds, *_ = read(name).papers
        assert glacier.ai_summary == (
            "A segmenter trained on hand-drawn fronts traces glacier calving fronts in radar "
            "images through cloud and polar night."
        )
        assert glacier.abstract.startswith("Calving fronts of tidewater glaciers move")
        assert birds.ai_summary.startswith("Clustering volunteers' recordings maps")
        assert birds.abstract.startswith("Songbirds of one species sing dialects")
        assert (glacier.title, birds.arxiv_id) == (
            "Glacier Calving Fronts Traced in Radar Time Series", "2611.14517"
        )
    # (An item whose text the script found empty: the paper, its abstract left to others.)
    pothole = read("page_text_feed.json").papers[2]
    assert (pothole.arxiv_id, pothole.abstract, pothole.ai_summary) == ("2611.14630", "", None)


def test_a_broken_feed_is_read_as_feed_readers_read_it_and_says_where(tmp_path):
    text = (FEEDS / "daily_papers.rss").read_text()
    broken = text.replace("</author>\n</item>\n<item>", "</autho>\n</item>\n<item>", 1)
    result = READERS[".rss"](broken.encode(), "daily.rss", None)
    assert [p.arxiv_id for p in result.papers] == ["2611.11870", "2611.10342", "2611.09915"]
    assert str(result.notes[0]) == (
        "daily.rss: not well-formed XML (line 19: mismatched tag): its entries are read as "
        "feed readers read them"
    )
    assert result.problems == []
    # (Bytes that feedparser's lenient parser fails on, with a traceback: one line.)
    cut = text.replace("<ttl>5</ttl>", "<ttl>&#x110000;</ttl>").replace("</channel>", "", 1)
    result = READERS[".rss"](cut.encode(), "daily.rss", None)
    assert [str(p) for p in result.problems] == [
        "daily.rss: not a feed that can be read (ValueError: chr() arg not in "
        "range(0x110000))"
    ]
    sitemap = b"<urlset><url><loc>https://example.org/</loc></url></urlset>"
    result = READERS[".xml"](sitemap, "sitemap.xml", None)
    assert [str(p) for p in result.problems] == ["sitemap.xml: expected an RSS or Atom feed"]


def test_a_feed_neither_expands_entities_nor_reads_files():
    laughs = "".join(
        f'<!ENTITY l{k} "{f"&l{k - 1};" * 10}">' for k in range(1, 10)
    ).replace("&l0;" * 10, "lol")
    hostile = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{laughs}<!ENTITY leak SYSTEM "file:///etc/passwd">]>'
        '<rss version="2.0"><channel><title>x</title><item><title>Laughs &l9; and &leak;</title>'
        "<description>A text long enough to be an abstract of a paper.</description>"
        "<link>https://arxiv.org/abs/2611.00001</link></item></channel></rss>"
    )
    result = READERS[".xml"](hostile.encode(), "hostile.xml", None)
    assert result.papers  # (the entry is read, so the checks below look at something)
    assert all("root:" not in p.title and "lollol" not in p.title for p in result.papers)
    assert all(len(p.title) < 100 for p in result.papers)


def test_a_catalogues_own_feeds_are_another_catalogues_dumps(hosted_site, catalogue):
    """Its Atom feed and JSON Feed give back each paper's title, abstract, arXiv id
    and authors; an organisation named in place of authors stays the organisation."""
    by_title = {p.title: p for p in catalogue.papers}
    for name in ("all.xml", "all.json"):
        data = (hosted_site / "feeds" / name).read_bytes()
        result = READERS[Path(name).suffix](data, name, None)
        assert len(result.papers) == 50 and result.problems == []
        for paper in result.papers:
            source = by_title[paper.title]
            assert (paper.abstract, paper.arxiv_id) == (source.abstract, source.arxiv_id)
            assert (paper.authors, paper.organization_handle) == (
                source.authors[:20], source.organization_handle if not source.authors else None
            )
        assert any(p.organization for p in result.papers), "the sample names organisations"


def test_feeds_build_a_strict_site_beside_the_samples(tmp_path):
    project = copy_project(tmp_path / "project")
    for name in ("daily_papers.rss", "arxiv_listing.rss", "papers_titles_feed.json"):
        shutil.copy(FEEDS / name, project / "dumps" / name)
    assert unread_files(project / "dumps") == []
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    page = project / "site" / "papers" / "glacier-calving-fronts-traced-in-radar-time-series"
    html = (page / "index.html").read_text()
    assert "Sigrun Halvorsen" in html and "tidewater glaciers" in html
    assert "papers_titles_feed.json" in html and "daily_papers.rss" in html
