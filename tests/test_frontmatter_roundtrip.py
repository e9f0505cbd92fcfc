"""Hostile titles and abstracts survive record -> front matter -> record unchanged."""

import datetime as dt

import frontmatter
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import Paper, Source
from generator.render import render_paper

# Any text the parser can produce: no surrogates, no control characters,
# plus the fragments known to break hand-built YAML or Markdown.
HOSTILE = st.sampled_from([
    ": ", " #", "#", "'", '"', "- ", "---", "...", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "<think>", "$x$", "*", "_", "|", "{{ x }}", "%",
    "&amp;", "!!python/object", "~", "@", "`", "\\", "null", "yes", "1e3", "[a](b)",
])  # fmt: skip
CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp"))
TEXT = st.lists(st.one_of(HOSTILE, st.text(CHARS, max_size=20)), min_size=1, max_size=8).map("".join)


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
    sources=st.tuples(st.builds(Source, file=TEXT.map(squeeze), line=st.integers(1, 10**6),
                                captured=st.none() | st.dates())),
)


@settings(max_examples=300, deadline=None)
@given(papers)
def test_record_survives_front_matter_round_trip(paper):
    post = frontmatter.loads(render_paper(paper, {"agents": "Agents"}))
    assert Paper.from_dict(post.metadata) == paper


@settings(max_examples=300, deadline=None)
@given(papers)
def test_page_body_holds_no_markup_from_the_dump(paper):
    body = frontmatter.loads(render_paper(paper, {"agents": "Agents"})).content
    for fragment in ("<script", "<img", "<think", "*", "$", "|"):
        if fragment not in paper.title + paper.abstract:
            continue
        assert fragment not in body.split("## Abstract")[1].split("## ")[0]
