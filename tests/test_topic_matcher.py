"""The word-indexed topic matcher agrees with the plain regex reading of topics.yml."""

import re

from conftest import SEEDS, parse_fixture
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.catalogue.taxonomy import DEFAULT_TAXONOMY, Keyword, Topic, load_taxonomy
from generator.catalogue.topics import KEYWORDS, TopicMatcher
from generator.read.text_dump import parse_dump


def regex(keywords: list[str]) -> re.Pattern | None:
    """The definition in topics.yml's header, as one regex (slow: a reference only);
    keyword k is group k + 1, so a match's `lastindex - 1` is the keyword's place."""
    parts = []
    for word in keywords:
        body = re.escape(word.rstrip("*")).replace(r"\ ", r"[\s-]+") + (
            r"\w*" if word.endswith("*") else ""
        )
        parts.append(f"({body})" if word.rstrip("*").isupper() else f"((?i:{body}))")
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)") if parts else None


def reference_topics(raw: list[dict], title: str, abstract: str) -> tuple[str, ...]:
    slugs = []
    for entry in raw:
        keywords, title_kw, exclude = (
            regex(entry.get(k) or []) for k in ("keywords", "title_keywords", "exclude")
        )
        if exclude and (exclude.search(title) or exclude.search(abstract)):
            continue
        if any(p and p.search(title) for p in (title_kw, keywords)):
            slugs.append(entry["slug"])
        elif keywords and len({m.lastindex for m in keywords.finditer(abstract)}) >= entry.get(
            "min_hits", 2
        ):
            slugs.append(entry["slug"])
    # ...and the topics those are part of, through any number of `broader` steps.
    parents = {entry["slug"]: entry.get("broader", []) for entry in raw}
    given = set(slugs)
    while grown := {parent for slug in given for parent in parents[slug]} - given:
        given |= grown
    return tuple(entry["slug"] for entry in raw if entry["slug"] in given)


def test_matcher_agrees_with_the_regex_definition_on_every_sample_paper():
    import yaml

    raw = yaml.safe_load(DEFAULT_TAXONOMY.read_text())
    matcher = TopicMatcher(load_taxonomy())
    papers = [
        p
        for path in sorted(SEEDS.glob("*.txt"))
        for p in parse_dump(path.read_bytes(), path.name, None).papers
    ]
    papers += parse_fixture("unicode_titles.txt").papers + parse_fixture("hostile_text.txt").papers
    assert len(papers) > 500
    for paper in papers:
        assert matcher.topics(paper.title, paper.abstract) == reference_topics(
            raw, paper.title, paper.abstract
        ), paper.title


def test_overlapping_keywords_count_once_as_a_regex_would():
    words = ["offline RL", "RL", "distill*", "reinforcement learning", "Q-learning"]
    topic = Topic("t", "T", "", keywords=tuple(Keyword.parse(w) for w in words))
    text = (
        "Offline RL and RL; rl, distillation, Reinforcement-learning, reinforcement - learning, "
        "reinforcement, learning, Q learning, q-learning"
    )
    assert TopicMatcher([topic]).scan(text) == {
        (0, KEYWORDS): [
            (0, "offline rl"), (1, "rl"), (2, "distillation"), (3, "reinforcement-learning"),
            (3, "reinforcement - learning"), (4, "q-learning"),
        ]
    }  # fmt: skip


def test_min_hits_counts_different_keywords_not_different_words():
    """`distill*` in "distillation" and "distilled" is one keyword of the two needed."""
    keywords = tuple(Keyword.parse(w) for w in ["distill*", "teacher model*"])
    topic = Topic("kd", "KD", "", keywords=keywords, min_hits=2)
    matcher = TopicMatcher([topic])
    assert matcher.topics("A title", "We study distillation: the student is distilled twice.") == ()
    assert matcher.topics("A title", "We study distillation from teacher models.") == ("kd",)


# Texts made of the taxonomy's own words, in any case, between separators that
# matter to keywords (spaces, hyphens, word characters that join words, letters
# that make a text non-ASCII): the matcher finds, rule by rule, what each list's regex finds.
_TAXONOMY = load_taxonomy()
_WORDS = sorted(
    {w for t in _TAXONOMY for kw in t.keywords + t.title_keywords + t.exclude for w in kw.words}
)
_SEPARATORS = [" ", "  ", "-", " - ", "--", ", ", ". ", "\t", "\n", "_", "0", "é", "ß", "İ", "/"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_WORDS),
            st.sampled_from(["lower", "upper", "title", "ing", "s"]),
            st.sampled_from(_SEPARATORS),
        ),
        max_size=25,
    )
)
def test_matcher_finds_what_the_regex_of_each_list_finds(pieces):
    text = ""
    for word, form, separator in pieces:
        shaped = {"lower": word.lower(), "upper": word.upper(), "title": word.title()}.get(
            form, word + form
        )
        text += shaped + separator
    matcher = TopicMatcher(_TAXONOMY)
    found = matcher.scan(text)
    for number, topic in enumerate(_TAXONOMY):
        for kind, keywords in enumerate((topic.keywords, topic.title_keywords, topic.exclude)):
            written = [_written(k) for k in keywords]
            pattern = regex(written)
            expected = (
                [(m.lastindex - 1, m.group(0).casefold()) for m in pattern.finditer(text)]
                if pattern
                else []
            )
            assert found.get((number, kind), []) == expected, (topic.slug, kind, text)


def _written(keyword: Keyword) -> str:
    """A parsed keyword written back as in topics.yml."""
    text = keyword.words[0]
    for word, hyphen in zip(keyword.words[1:], keyword.hyphens):
        text += ("-" if hyphen else " ") + word
    return text + ("*" if keyword.prefix else "")
