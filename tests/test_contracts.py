"""The promises generated pages make the MkDocs side (generator/pages/contracts.py),
checked from both sides: a change to either that breaks one fails here."""

import frontmatter
from conftest import collect
from test_paper_lists import site_markdown

from generator import urls
from generator.mkdocs.paper_lists import put_back, set_aside
from generator.mkdocs.paper_pages import slim
from generator.pages.contracts import PAPER_LIST_OPEN, is_paper_body
from generator.pages.listings import render_index_pages
from generator.pages.paper import PaperRenderer, paper_meta


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


def test_a_paper_pages_meta_is_what_mkdocs_reads_from_its_front_matter():
    """Page workers take a paper page's meta from its paper instead of parsing
    the page's YAML: right only while the two are the same, value for value."""
    from mkdocs.utils.meta import get_data

    catalogue, _ = collect()
    render = PaperRenderer(catalogue, "https://example.org/")
    for paper in catalogue.papers:
        _, meta = get_data(render(paper))
        assert meta == paper_meta(paper), paper.id
        assert [type(v) for v in meta.values()] == [type(v) for v in paper_meta(paper).values()], (
            paper.id
        )


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
        "    <textarea readonly>\n  two spaces\n</textarea>\n  </body>\n</html>\n"
    )
    slimmed = slim(page)
    assert "<pre><code>@misc{key,\n  title = {A},\n}</code></pre>" in slimmed
    assert "<textarea readonly>\n  two spaces\n</textarea>" in slimmed
    assert "\n    <p>" not in slimmed and "<p>a</p>" in slimmed


def test_listing_pages_lie_at_one_depth():
    """Topic and date pages share their rows (pages/listings.py)."""
    roots = {
        urls.root(page)
        for page in (
            urls.topic_page("x"),
            urls.month_page(2025, 1),
            urls.UNDATED,
            urls.year_page(2025),
        )
    }
    assert roots == {"../../"}
    assert urls.url(urls.paper_page("a-b")) == "papers/a-b/" and urls.url(urls.HOME) == ""
    assert urls.link(urls.paper_page("a"), urls.topic_page("b")) == "../../topics/b/"


def test_a_worker_takes_a_paper_pages_meta_as_given_and_reads_it_otherwise(tmp_path):
    from mkdocs.config import load_config
    from mkdocs.structure.files import File

    from generator.mkdocs.paper_pages import PaperPage

    (tmp_path / "docs" / "papers").mkdir(parents=True)
    (tmp_path / "docs" / "papers" / "p.md").write_text("---\ntitle: Read\n---\n\nBody\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    file = File("papers/p.md", str(tmp_path / "docs"), str(tmp_path / "site"), False)
    given = PaperPage(file, config, {"title": "Given"})
    given.read_source(config)
    assert (given.meta, given.markdown) == ({"title": "Given"}, "Body\n")
    read = PaperPage(file, config, None)
    read.read_source(config)
    assert (read.meta, read.markdown) == ({"title": "Read"}, "Body\n")
