"""Integration: the real `mkdocs build --strict` over the sample dumps and a hostile dump."""

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_project, mkdocs, serve, watch_errors


@pytest.fixture(scope="module")
def sample_site(built_site) -> Path:
    return built_site


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_sample_site_paper_page(sample_site):
    page = html(sample_site, "papers/safety-subspaces-are-not-distinct-a-fine-tuning-case-study")
    assert "<h1>Safety Subspaces are Not Distinct: A Fine-Tuning Case Study</h1>" in page
    assert 'href="https://github.com/CERT-Lab/safety-subspaces">Code' in page
    assert 'href="../../topics/alignment-rlhf/"' in page
    assert "Published 2025-05-20" in page
    assert "001&#95;87578f3f678421b4.txt" in page or "001_87578f3f678421b4.txt" in page


def test_paper_pages_are_slim(sample_site):
    """The paper template leaves out Material's navigation: 50,000 pages must fit GitHub Pages."""
    pages = list((sample_site / "papers").glob("*/index.html"))
    average = sum(p.stat().st_size for p in pages) / len(pages)
    # The sample's abstracts are long: synthetic pages, bench/scale.py, are smaller
    # (there the limit is 11 KB).
    assert average <= 10 * 1024, average
    page = html(sample_site, "papers/can-llms-learn-by-teaching-a-preliminary-study")
    assert 'class="catalogue-search"' in page and "md-sidebar" not in page and "md-tabs" not in page


def test_paper_seen_in_four_dumps_lists_every_source(sample_site):
    pages = list((sample_site / "papers").glob("*/index.html"))
    counts = {p.parent.name: p.read_text().split("## Sources")[-1].count("<tr>") - 1 for p in pages}
    assert max(counts.values()) == 4


def test_sample_site_topic_page_lists_newest_first(sample_site):
    page = html(sample_site, "topics/continual-learning")
    dates = re.findall(r'<span class="paper-card__facts">(\d{4}-\d{2}-\d{2})', page)
    assert len(dates) > 10
    assert dates == sorted(dates, reverse=True)
    assert 'href="../../papers/' in page


def test_sample_site_date_pages(sample_site):
    month = html(sample_site, "dates/2025-05")
    assert "<h1>May 2025</h1>" in month and "newest first" in month
    assert re.search(r'<span class="paper-card__facts">2025-05-\d\d', month)
    assert re.search(r'<span class="paper-card__facts">seen 2025-05-\d\d', month)
    year = html(sample_site, "dates/2025")
    assert 'href="../2025-05/"' in year
    # 003's 224 papers, seen nowhere else, over three pages
    pages = [
        html(sample_site, "dates/undated"),
        html(sample_site, "dates/undated/page/2"),
        html(sample_site, "dates/undated/page/3"),
    ]
    assert [p.count('href="../../papers/') for p in pages[:1]] == [100]
    assert [p.count('href="../../../../papers/') for p in pages[1:]] == [100, 24]
    assert not (sample_site / "dates" / "undated" / "page" / "4").exists()


def test_sample_site_home_and_nav(sample_site):
    home = (sample_site / "index.html").read_text()
    assert "469 papers" in home and "5 dumps" in home and "2025-11-05" in home
    nav = re.findall(r'md-tabs__link">\s*([^<]+?)\s*<', home)
    assert nav == ["Home", "Top", "Topics", "Dates", "Organisations", "About"]


def test_paper_pages_stay_out_of_the_navigation(sample_site):
    topic_index = html(sample_site, "topics")
    assert "papers/" not in topic_index.split('<div class="md-content"')[0]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    dest = copy_project(tmp_path_factory.mktemp("hostile") / "project", with_dumps=False)
    shutil.copy(FIXTURES / "hostile_text.txt", dest / "dumps" / "2025-05-19-hostile.txt")
    result = mkdocs("build", "--strict", cwd=dest)
    assert result.returncode == 0, result.stderr
    return dest / "site"


def hostile_page(site: Path) -> str:
    [page] = (site / "papers").glob("*/index.html")
    return page.read_text()


def test_hostile_title_shows_as_text_in_title_header_and_body(hostile_site):
    page = hostile_page(hostile_site)
    assert "<script>alert" not in page and "<img src=x" not in page and "<think>" not in page
    shown = (
        "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; "
        "&lt;img src=x onerror=alert(1)&gt; &lt;think&gt;"
    )
    assert f"<title>{shown}" in page  # the browser tab
    assert f"<h1>{shown}" in page  # the page heading
    assert page.count(shown) >= 3  # tab, header, heading


def test_hostile_abstract_shows_every_character(hostile_site):
    page = hostile_page(hostile_site)
    abstract = page.split('class="paper-abstract">')[1].split("</p>")[0]
    assert "<" not in abstract and ">" not in abstract.replace("&gt;", "")
    # Shown exactly as the dump wrote it: no Markdown, no math, no link made of it.
    assert (
        "math $O(\\sqrt{T})$, *stars*, _underscores_, a | pipe, [a link](javascript:alert(3))"
        in abstract
    )
    assert "<em>" not in page and "<code>code</code>" not in page
    assert '<a href="javascript' not in page


def test_hostile_text_is_inert_in_search_results(hostile_site, browser, tmp_path):
    """The index holds the text as data; the search page shows it as text, markup and all."""
    build = json.loads((hostile_site / "search" / "index.json").read_text())["build"]
    shown = [
        json.loads(p.read_text()) for p in (hostile_site / "search" / build / "f").glob("*.json")
    ]
    [entry] = [e for e in shown if e["kind"] == "paper"]
    assert entry["title"].startswith("<script>alert('title')</script>")
    page = watch_errors(browser.new_page())
    with serve(hostile_site, tmp_path) as url:
        page.goto(url + "search/?q=alert")
        page.wait_for_selector("html[data-search-results]")
        assert page.inner_text("#search-results .search-result__title").startswith("<script>alert")
        assert page.locator("#search-results script, #search-results img").count() == 0
        page.fill("#catalogue-search-input", "alert")
        page.wait_for_selector("#catalogue-search-suggestions:not([hidden])")
        assert (
            page.locator(
                "#catalogue-search-suggestions script, #catalogue-search-suggestions img"
            ).count()
            == 0
        )
    assert page.errors == []
    page.close()


def built_files(dest: Path, **env: str) -> tuple[dict[str, bytes], str]:
    """The site `mkdocs build --strict --verbose` makes of the project at `dest`,
    file by file, and its log."""
    result = mkdocs(
        "build", "--strict", "--verbose", cwd=dest, SOURCE_DATE_EPOCH="1762300800", **env
    )
    assert result.returncode == 0, result.stderr
    site = dest / "site"
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    return files, result.stderr


def filled_into_shell(log: str) -> tuple[int, int]:
    """(paper pages filled into the theme's shell, paper pages the workers built)."""
    [(filled, of)] = re.findall(r"catalogue: (\d+) of (\d+) paper pages filled", log)
    return int(filled), int(of)


def test_two_builds_of_the_same_dumps_are_byte_identical(tmp_path):
    """Also with the paper pages built by MkDocs alone instead of forked workers,
    which fill them into the theme's shell instead of rendering the theme for each."""
    first, log = built_files(copy_project(tmp_path / "workers"))
    second, _ = built_files(copy_project(tmp_path / "alone"), CATALOGUE_WORKERS="1")
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []
    filled, of = filled_into_shell(log)
    assert filled == of == len([p for p in first if p.startswith("papers/")])


@pytest.mark.parametrize("shows_address", [False, True])
def test_hostile_titles_fill_the_shell_as_the_theme_renders_them(tmp_path, shows_address):
    """Hostile and unusual titles, filled into the shell and rendered whole, give the
    same pages. A paper template that shows something else of each page (its
    address) than the shell has slots for: the workers see it, and render each
    page whole."""

    def project(name: str) -> Path:
        dest = copy_project(tmp_path / name, with_dumps=False)
        # (Six papers: each worker has more than the one it makes its shell from.)
        for fixture in ("hostile_text.txt", "unicode_titles.txt", "metadata_blocks.txt"):
            shutil.copy(FIXTURES / fixture, dest / "dumps" / f"2025-05-19-{fixture}")
        if shows_address:
            template = dest / "overrides" / "paper.html"
            text = template.read_text()
            assert "{% block content %}" in text
            template.write_text(
                text.replace("{% block content %}", "{% block content %}<p>{{ page.url }}</p>")
            )
        return dest

    first, log = built_files(project("workers"))
    second, _ = built_files(project("alone"), CATALOGUE_WORKERS="1")
    assert [path for path in first if first.get(path) != second.get(path)] == []
    assert sorted(first) == sorted(second)
    filled, of = filled_into_shell(log)
    assert of == 6 and filled == (0 if shows_address else of)


def test_sitemap_lists_every_page_papers_included(hosted_site):
    import gzip
    import xml.etree.ElementTree as ET

    space = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring((hosted_site / "sitemap.xml").read_bytes())
    urls = {
        u.findtext("s:loc", namespaces=space): u.findtext("s:lastmod", namespaces=space)
        for u in root
    }
    papers = {u for u in urls if u.startswith("https://example.org/catalogue/papers/")}
    assert len(papers) == 469
    built = {
        "https://example.org/catalogue/" + p.parent.relative_to(hosted_site).as_posix() + "/"
        for p in hosted_site.rglob("index.html")
        if p.parent != hosted_site and (p.parent / "index.html").is_file()
    } | {"https://example.org/catalogue/"}
    assert set(urls) == built
    # A paper's lastmod: its latest capture.
    seen_in_four = "https://example.org/catalogue/papers/safety-subspaces-are-not-distinct-a-fine-tuning-case-study/"
    assert urls[seen_in_four] == "2025-11-05"
    assert (
        gzip.decompress((hosted_site / "sitemap.xml.gz").read_bytes())
        == (hosted_site / "sitemap.xml").read_bytes()
    )


def test_pages_carry_their_canonical_link(hosted_site):
    page = html(hosted_site, "papers/can-llms-learn-by-teaching-a-preliminary-study")
    assert (
        '<link rel="canonical" href="https://example.org/catalogue/papers/can-llms-learn-by-teaching-a-preliminary-study/">'
        in page
    )
    assert '<link rel="canonical" href="https://example.org/catalogue/topics/robotics/">' in html(
        hosted_site, "topics/robotics"
    )


def test_search_files_are_one_set_named_by_their_digest(sample_site):
    """The head names the folder of its build's files; the name is a digest of
    them all, so a browser cannot combine two builds' files."""
    import hashlib

    head = json.loads((sample_site / "search" / "index.json").read_text())
    build = sample_site / "search" / head["build"]
    assert [
        p.name for p in (sample_site / "search").iterdir() if p.is_dir() and p.name != head["build"]
    ] == []
    shards = [build / f"s-{k}.json" for k in range(head["shards"])]
    segments = sorted(build.glob("p-*.bin"), key=lambda p: p.name)
    documents = [build / "f" / f"{ref}.json" for ref in range(head["documents"])]
    rest = [build / "terms.json", *documents, build / "facets.json"]
    assert {p for p in build.rglob("*") if p.is_file()} == {*shards, *segments, *rest}
    without = {k: v for k, v in head.items() if k not in ("build", "shards", "topics", "years")}
    digest = hashlib.sha1(json.dumps(without, ensure_ascii=False, separators=(",", ":")).encode())
    for path in [*shards, *segments, *rest]:
        part = path.read_bytes()
        digest.update(b"\0%d\0" % len(part))
        digest.update(part)
    assert head["build"] == digest.hexdigest()[:16]
