"""Topic, date and home pages worth browsing: pages of at most 100 papers, a
monthly chart, the most upvoted, rows that say enough to choose."""

import datetime as dt
import re
from collections import Counter
from pathlib import Path

from conftest import collect

from generator.catalogue.filing import listed_day, newest_first, sort_date
from generator.model import Catalogue, Paper, Source
from generator.pages.listings import PER_PAGE, render_index_pages


def rows(html: str) -> list[str]:
    """The paper ids a built list page links, in order."""
    table = html.split('<ul class="paper-list">')[1].split("</ul>")[0]
    return re.findall(r'href="(?:\.\./)*papers/([^/"]+)/"', table)


def pages_of(site: Path, first_url: str) -> list[str]:
    """A list's built pages, following its "older" links from the first."""
    found, url = [], first_url
    while url:
        html = (site / url / "index.html").read_text(encoding="utf-8")
        found.append(html)
        older = re.search(r'<a href="([^"]+)">older</a>', html)
        url = _joined(url, older.group(1)) if older else None
    return found


def _joined(url: str, link: str) -> str:
    """Where the relative `link` on the page at `url` (a folder) leads."""
    parts = url.strip("/").split("/")
    for part in link.split("/"):
        if part == "..":
            parts.pop()
        elif part and part != ".":
            parts.append(part)
    return "/".join(parts)


def test_a_topic_lists_every_paper_once_newest_first_at_most_100_a_page(built_site):
    catalogue, _ = collect()
    papers = newest_first([p for p in catalogue.papers if "language-models" in p.topics])
    assert len(papers) > 2 * PER_PAGE  # (so that it takes three pages)
    pages = pages_of(built_site, "topics/language-models")
    listed = [pid for html in pages for pid in rows(html)]
    assert listed == [p.id for p in papers]
    assert [len(rows(html)) for html in pages] == [PER_PAGE, PER_PAGE, len(papers) - 2 * PER_PAGE]
    assert "<h1>Language models, page 3 of 3</h1>" in pages[2]
    assert (
        'Page 3 of 3 · <a href="../2/">newer</a> · <a href="../../">1</a> '
        '<a href="../2/">2</a> <strong>3</strong>'
    ) in pages[2]


def test_the_most_upvoted_view_lists_a_topics_papers_by_upvotes(built_site):
    catalogue, _ = collect()
    counted = [
        p
        for p in catalogue.papers
        if "reinforcement-learning" in p.topics and p.upvotes is not None
    ]
    html = (built_site / "topics/reinforcement-learning/upvoted/index.html").read_text()
    shown = rows(html)
    upvotes = {p.id: p.upvotes for p in counted}
    assert shown and set(shown) <= set(upvotes) and len(shown) == min(PER_PAGE, len(counted))
    assert [upvotes[pid] for pid in shown] == sorted(upvotes.values(), reverse=True)[: len(shown)]
    first = (built_site / "topics/reinforcement-learning/index.html").read_text()
    assert '<a href="upvoted/">most upvoted</a>' in first


def test_a_topic_shows_its_papers_per_month_as_an_image_with_its_figures_in_text(built_site):
    catalogue, _ = collect()
    papers = newest_first([p for p in catalogue.papers if "language-models" in p.topics])
    months = Counter((d.year, d.month) for d in map(sort_date, papers) if d)
    html = (built_site / "topics/language-models/index.html").read_text()
    chart = html.split('<figure class="topic-chart">')[1].split("</figure>")[0]
    assert re.search(
        r'<svg aria-label="Papers per month, [A-Z][a-z]+ \d{4} to [A-Z][a-z]+ \d{4}: '
        r"most in ",
        chart,
    )
    assert "<script" not in chart and chart.count("<rect") == len(months)
    figures = re.findall(
        r'<tr><td><a href="([^"]*)">([A-Z][a-z]+ \d{4})</a></td><td>(\d+)</td></tr>', chart
    )
    named = {dt.date(y, m, 1).strftime("%B %Y"): (y, m) for y, m in months}
    assert {named[month]: int(n) for _, month, n in figures} == months
    # A bar, and a month in the table, lead to where the topic's papers of the
    # month begin in its list (not to the month's page of every topic).
    bars = re.findall(r'<a href="([^"]*)" aria-label="([A-Z][a-z]+ \d{4}): \d+"><rect', chart)
    assert sorted(bars) == sorted((href, month) for href, month, _ in figures)
    newest = {}
    for paper in papers:
        day = sort_date(paper)
        if day:
            newest.setdefault((day.year, day.month), paper.id)
    pages = set()
    for href, month in bars:
        address, _, anchor = href.partition("#")
        page = _joined("topics/language-models", address)
        pages.add(page)
        target = (built_site / page / "index.html").read_text(encoding="utf-8")
        card = re.search(rf'<li id="{anchor}" class="paper-card">(.*?)</li>', target)
        assert card, (href, month)
        assert re.search(r'href="(?:\.\./)*papers/([^/"]+)/"', card.group(1)).group(1) == (
            newest[named[month]]
        )
    assert len(pages) > 1  # (months begin on more than the first page)


def test_a_month_links_the_months_before_and_after_it(built_site):
    may = (built_site / "dates/2025-05/index.html").read_text()
    assert '<a href="../2025-04/">← April 2025</a>' in may
    assert '<a href="../2025-06/">June 2025 →</a>' in may


def test_the_tab_of_a_topic_month_or_organisation_page_is_marked(built_site):
    for page, tab in (
        ("topics/robotics", "Topics"),
        ("dates/2025-05", "Dates"),
        ("dates/2025", "Dates"),
        ("orgs", "Organisations"),
        (f"orgs/{next((built_site / 'orgs').glob('*/')).name}", "Organisations"),
    ):
        html = (built_site / page / "index.html").read_text()
        [active] = re.findall(r'md-tabs__item--active">\s*<a href="[^"]*" class="md-tabs__link">'
                              r"\s*([^<]+?)\s*</a>", html)  # fmt: skip
        assert active == tab, page
    home = (built_site / "index.html").read_text()
    assert re.search(r'<a href="orgs/" class="md-tabs__link">\s*Organisations\s*</a>', home)


def test_a_wrong_address_gets_a_page_to_go_on_from(built_site):
    html = (built_site / "404.html").read_text()
    assert re.search(r'<form class="search-form" action="[^"]*search/" method="get"', html)
    for section in ("topics/", "dates/", "orgs/"):
        assert re.search(rf'<a href="[^"]*{section}">', html), section


def test_a_card_gives_title_authors_date_upvotes_links_and_first_words(built_site):
    html = (built_site / "topics/robotics/index.html").read_text()
    card = html.split('<ul class="paper-list">')[1].split("</li>")[0]
    assert re.search(r'<a class="paper-card__title" href="\.\./\.\./papers/[^"]+/">', card)
    facts = card.split('<span class="paper-card__facts">')[1].split("</span>")[0]
    assert re.match(r"((seen )?\d{4}-\d\d-\d\d|unknown)( · ▲ \d+)?", facts)
    assert re.search(r'<span class="paper-card__line">(\S+ ){19}\S+ …</span>', card)


def test_a_card_links_arxiv_the_pdf_and_the_code_with_its_stars():
    from generator.pages.listings import PaperCards

    paper = Paper(
        id="p", title="T <b>", abstract="An abstract.", arxiv_id="2511.01234",
        authors=("Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"),
        code=("https://github.com/example/p",), github_stars=1234, upvotes=7,
        published=dt.date(2025, 11, 5), sources=(),
    )  # fmt: skip
    [card] = PaperCards()([paper], "topics/x/index.md")[1:-1]
    assert "T &lt;b&gt;" in card and "Ada Lovelace, Alan Turing, Grace Hopper et al." in card
    assert "2025-11-05 · ▲ 7" in card
    assert '<a href="https://arxiv.org/abs/2511.01234">arXiv</a>' in card
    assert '<a href="https://arxiv.org/pdf/2511.01234">PDF</a>' in card
    assert '<a href="https://github.com/example/p">code ★ 1,234</a>' in card


def test_no_list_page_holds_more_than_100_papers():
    catalogue, _ = collect()
    for path, text in render_index_pages(catalogue).items():
        assert len(re.findall(r'<tr><td>[^<]*</td><td><a href="[^"]*papers/', text)) <= PER_PAGE, (
            path
        )


def _listed(id: str, day: dt.date, upvotes: int) -> Paper:
    return Paper(
        id=id, title=id, abstract="An abstract.", upvotes=upvotes, daily_date=day,
        sources=(Source(f"{day}.json", 1, day),),
    )  # fmt: skip


def test_the_top_papers_of_the_day_week_month_and_year_as_hugging_face_shows_them():
    last = dt.date(2025, 11, 5)
    papers = [
        _listed("today-2", last, 2), _listed("today-9", last, 9),
        _listed("monday", dt.date(2025, 11, 3), 50), _listed("last-week", dt.date(2025, 10, 29), 7),
        _listed("october", dt.date(2025, 10, 2), 99), _listed("january", dt.date(2025, 1, 9), 1),
        _listed("last-year", dt.date(2024, 12, 31), 500),
    ]  # fmt: skip
    pages = render_index_pages(Catalogue(papers, [], []))

    def shown(path):
        return re.findall(r'href="(?:\.\./)*papers/([^/"]+)/"', pages[path].split("<ul")[1])

    assert shown("top/index.md") == ["today-9", "today-2"]
    assert shown("top/week.md") == ["monday", "today-9", "today-2"]
    assert shown("top/month.md") == ["monday", "today-9", "today-2"]
    assert shown("top/year.md") == ["october", "monday", "today-9", "last-week", "today-2",
                                    "january"]  # fmt: skip
    assert "title: Top papers of 2025-11-05" in pages["top/index.md"]
    assert "title: Top papers, 2025-10-30 to 2025-11-05" in pages["top/week.md"]
    assert "title: Top papers of November 2025" in pages["top/month.md"]
    # The home page: the day's and the week's, whatever the last dump held.
    home = pages["index.md"]
    day = home.split("## Top papers of the day (2025-11-05)")[1].split("## ")[0]
    week = home.split("## Top papers of the week (2025-10-30 to 2025-11-05)")[1].split("## ")[0]
    assert re.findall(r'href="papers/([^/"]+)/"', day) == ["today-9", "today-2"]
    assert re.findall(r'href="papers/([^/"]+)/"', week) == ["monday", "today-9", "today-2"]
    assert "[Month](top/month.md)" in home and "[Year](top/year.md)" in home


def test_the_home_page_shows_the_top_papers_of_the_latest_day(built_site):
    catalogue, _ = collect()
    home = (built_site / "index.html").read_text()
    section = home.split('<h2 id="top-papers-of-the-day-2025-11-05">')[1].split("<h2")[0]
    day = [p for p in catalogue.papers if listed_day(p) == dt.date(2025, 11, 5)]
    best = sorted(day, key=lambda p: (-(p.upvotes or 0), p.id))  # (all of one day)
    assert rows(section) == [p.id for p in best[:10]]
    assert (built_site / "top" / "week" / "index.html").is_file()


def test_a_long_list_numbers_its_pages():
    papers = [_listed(f"p{k:03d}", dt.date(2025, 11, 1 + k % 28), k) for k in range(650)]
    pages = render_index_pages(Catalogue(papers, [], []))
    middle = pages["dates/2025-11/page/4.md"]
    pager = next(line for line in middle.splitlines() if line.startswith("Page 4 of 7"))
    assert "[newer](3.md)" in pager and "[older](5.md)" in pager
    assert pager.endswith(
        "[1](../../2025-11.md) [2](2.md) [3](3.md) **4** [5](5.md) [6](6.md) [7](7.md)"
    )
    lines = pages["dates/2025-11.md"].splitlines()
    first = next(line for line in lines if line.startswith("Page 1"))  # (above and below)
    assert first.endswith(
        "**1** [2](2025-11/page/2.md) [3](2025-11/page/3.md) … [7](2025-11/page/7.md)"
    )
