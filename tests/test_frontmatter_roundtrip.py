"""Hostile titles and abstracts survive record -> front matter -> record unchanged."""

import datetime as dt
from html.parser import HTMLParser
from urllib.parse import quote_plus

import frontmatter
import markdown
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.catalogue.taxonomy import Topic
from generator.model import Catalogue, Paper, Source, UpvoteCount
from generator.pages.escape import query_value
from generator.pages.front_matter import PlainDataDumper
from generator.pages.paper import render_paper

TAXONOMY = [Topic("agents", "Agents", "")]

# Any text the parser can produce: no surrogates, no control characters,
# plus the fragments known to break hand-built YAML or Markdown.
HOSTILE = st.sampled_from([
    ": ", " #", "#", "'", '"', "- ", "---", "...", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "<think>", "$x$", "*", "_", "|", "{{ x }}", "%",
    "&amp;", "!!python/object", "~", "@", "`", "\\", "null", "yes", "1e3", "[a](b)",
])  # fmt: skip
CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp"))
TEXT = st.lists(st.one_of(HOSTILE, st.text(CHARS, max_size=20)), min_size=1, max_size=8).map(
    "".join
)


def squeeze(value: str) -> str:
    return " ".join(value.split()) or "x"


papers = st.builds(
    Paper,
    id=st.just("a-paper"),
    title=TEXT.map(squeeze),
    abstract=TEXT.map(squeeze),
    authors_count=st.none() | st.integers(0, 500),
    organization=st.none() | TEXT.map(squeeze),
    published=st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
    upvotes=st.none() | st.integers(0, 10_000),
    code=st.lists(st.just("https://github.com/a/b"), max_size=1).map(tuple),
    links=st.lists(st.just("https://example.org/x?y=1&z=2"), max_size=1).map(tuple),
    topics=st.just(("agents",)),
    sources=st.tuples(
        st.builds(
            Source,
            file=TEXT.map(squeeze),
            line=st.integers(1, 10**6),
            captured=st.none() | st.dates(),
        )
    ),
    arxiv_id=st.none() | st.just("2511.01234"),
    authors=st.lists(TEXT.map(squeeze), max_size=3).map(tuple),
    organization_handle=st.none() | st.just("example-lab"),
    upvote_history=st.lists(
        st.builds(UpvoteCount, st.dates(), st.integers(0, 10**6)), max_size=3
    ).map(lambda counts: tuple(sorted(counts))),
    github_stars=st.none() | st.integers(0, 10**6),
    project_page=st.none() | st.just("https://example.org/project?a=1&b=<2>"),
    keywords=st.lists(TEXT.map(squeeze), max_size=3).map(tuple),
)


@settings(max_examples=300, deadline=None)
@given(papers)
def test_record_survives_front_matter_round_trip(paper):
    post = frontmatter.loads(render_paper(paper, Catalogue([paper], TAXONOMY, [])))
    assert Paper.from_dict(post.metadata) == paper


class _Elements(HTMLParser):
    """Tags, and the text of each element with a class, as a browser would read them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.texts, self._open = [], {}, []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._open.append(dict(attrs).get("class"))

    def handle_endtag(self, tag):
        self._open.pop()

    def handle_data(self, data):
        for name in filter(None, self._open):
            self.texts[name] = self.texts.get(name, "") + data


BODY_TAGS = {
    "div",
    "details",
    "summary",
    "p",
    "strong",
    "a",
    "h2",
    "ul",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
    "pre",
    "code",
    "button",
    "small",
    "svg",
    "polyline",
}


@settings(max_examples=300, deadline=None)
@given(papers)
def test_page_body_holds_no_markup_from_the_dump(paper):
    """Whatever the dump says, the page body is our markup with its text as text,
    and Markdown passes it through untouched (one raw HTML block)."""
    body = frontmatter.loads(render_paper(paper, Catalogue([paper], TAXONOMY, []))).content
    html = markdown.markdown(body, extensions=["tables", "toc"])
    for rendered in (body, html):
        elements = _Elements()
        elements.feed(rendered)
        elements.close()
        assert set(elements.tags) <= BODY_TAGS
        assert elements.texts["paper-abstract"] == paper.abstract
        assert "Publi" in elements.texts["paper-facts"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXT, st.text(st.characters(max_codepoint=127))))
def test_search_links_quote_titles_as_quote_plus_does(title):
    assert query_value(title) == quote_plus(title)


# Scalars that PyYAML would read back as something other than a string, or
# must quote: the cases where the dumper may not take its short cut.
TRICKY = st.sampled_from([
    "", "yes", "No", "on", "~", "null", "1e3", "0x1F", "-1", ".5", "2024-01-01",
    "<<", "=", "!tag", "&a", "*a", "+1", "True", "o", "t",
])  # fmt: skip
PLAIN_DATA = st.recursive(
    st.none() | st.booleans() | st.integers() | st.one_of(TRICKY, TEXT, st.text()),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.one_of(TRICKY, st.text()), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=500, deadline=None)
@given(PLAIN_DATA)
def test_plain_data_dumper_writes_what_pyyaml_writes(data):
    """The fast front matter dumper is an optimisation only: the same bytes."""
    options = {"default_flow_style": False, "allow_unicode": True, "sort_keys": False}
    reference = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    ours = yaml.dump(data, Dumper=PlainDataDumper, **options)
    assert ours == yaml.dump(data, Dumper=reference, **options)


@settings(max_examples=200, deadline=None)
@given(
    PLAIN_DATA,
    st.booleans(),
    st.sampled_from([None, True, False]),
    st.booleans(),
    st.sampled_from(["as is", "shared", "float"]),
)
def test_plain_data_dumper_writes_what_pyyaml_writes_with_other_options(
    data, sort, flow, start, odd
):
    """Other options PyYAML's dumpers take, and data that is not plain (a list
    or dict met twice, a float), are written as PyYAML writes them too."""
    if odd == "shared":
        shared = data if isinstance(data, (list, dict)) else [data]
        data = {"twice": [shared, shared]}
    elif odd == "float":
        data = [data, 1.5]
    options = {"default_flow_style": flow, "sort_keys": sort, "explicit_start": start, "width": 40}
    reference = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    ours = yaml.dump(data, Dumper=PlainDataDumper, **options)
    assert ours == yaml.dump(data, Dumper=reference, **options)
