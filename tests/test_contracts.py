"""The promises generated pages make the MkDocs side (generator/pages/contracts.py),
checked from both sides: a change to either that breaks one fails here."""

import frontmatter

from conftest import collect
from generator import urls
from generator.mkdocs.paper_lists import put_back, set_aside
from generator.mkdocs.paper_pages import slim
from generator.pages.contracts import PAPER_LIST_OPEN, is_paper_body
from generator.pages.listings import render_index_pages
from generator.pages.paper import PaperRenderer
from test_paper_lists import site_markdown


def test_paper_bodies_are_what_markdown_would_make_of_them():
    """Page workers take a paper body as it is, without Markdown: right only while
    Markdown would copy it through unchanged."""
    catalogue, _ = collect()
    render = PaperRenderer(catalogue, "https://example.org/")
    convert = site_markdown()
    for paper in catalogue.papers[::10]:
        body = frontmatter.loads(render(paper)).content.strip()
        assert is_paper_body(body), paper.id
        assert convert.reset().convert(body) == body, paper.id


def test_every_paper_list_is_set_aside():
    catalogue, _ = collect()
    for path, text in render_index_pages(catalogue).items():
        body = frontmatter.loads(text).content
        shortened, lists = set_aside(body)
        assert len(lists) == body.count(PAPER_LIST_OPEN), path
        assert PAPER_LIST_OPEN not in shortened, path
        assert put_back(shortened, lists) != shortened or not lists


def test_slimming_keeps_whitespace_inside_pre_and_textarea():
    page = (
        "<html>\n  <body>\n    <p>a</p>\n"
        "    <pre><code>@misc{key,\n  title = {A},\n}</code></pre>\n"
        '    <textarea readonly>\n  two spaces\n</textarea>\n  </body>\n</html>\n'
    )
    slimmed = slim(page)
    assert "<pre><code>@misc{key,\n  title = {A},\n}</code></pre>" in slimmed
    assert "<textarea readonly>\n  two spaces\n</textarea>" in slimmed
    assert "\n    <p>" not in slimmed and "<p>a</p>" in slimmed


def test_listing_pages_lie_at_one_depth():
    """Topic and date pages share their rows (pages/listings.py)."""
    roots = {urls.root(page) for page in (urls.topic_page("x"), urls.month_page(2025, 1), urls.UNDATED, urls.year_page(2025))}
    assert roots == {"../../"}
    assert urls.url(urls.paper_page("a-b")) == "papers/a-b/" and urls.url(urls.HOME) == ""
    assert urls.link(urls.paper_page("a"), urls.topic_page("b")) == "../../topics/b/"
