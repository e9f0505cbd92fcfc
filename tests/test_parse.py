"""The parser on every layout and edge case, one fixture per case."""

import datetime as dt
import unicodedata

import pytest
from conftest import FIXTURES, SEEDS, parse_fixture
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.catalogue.merge import merge_papers
from generator.read.text_dump import clean_line, parse_dump

TITLES = ["Sparse Rewards in Practice", "Forgetting in Language Models"]


def titles(result):
    return [p.title for p in result.papers]


def test_blank_separated_layout():
    result = parse_fixture("blank_separated.txt")
    assert result.problems == []
    assert titles(result) == TITLES
    assert [p.sources[0].line for p in result.papers] == [13, 17]
    assert result.papers[0].abstract.startswith("We study how reinforcement learning")


def test_compact_layout_with_subscribe_glued_to_first_title():
    result = parse_fixture("compact_glued_subscribe.txt")
    assert result.problems == []
    assert titles(result) == [
        "Sparse Rewards in Practice",
        "Easy Before Hard: A Curriculum for Pretraining",
    ]
    assert result.papers[0].sources[0].line == 3


def test_a_title_starting_with_subscribe_after_the_subscribe_line_is_kept_whole():
    result = parse_fixture("subscribe_then_subscriber_title.txt")
    assert result.problems == []
    assert titles(result) == ["Subscriber-Aware Ranking of Paper Feeds"]


def test_crlf_line_endings_read_like_lf():
    crlf = parse_fixture("crlf_line_endings.txt")
    lf = parse_fixture("blank_separated.txt")
    assert crlf.problems == []
    assert [p.to_dict() | {"sources": None} for p in crlf.papers] == [
        p.to_dict() | {"sources": None} for p in lf.papers
    ]


def test_no_break_spaces_tabs_and_trailing_spaces_are_cleaned():
    result = parse_fixture("nbsp_tabs_trailing_spaces.txt")
    assert result.problems == []
    paper = result.papers[0]
    assert paper.title == "Sparse Rewards in Practice"
    assert not paper.abstract.startswith((" ", "\t")) and not paper.abstract.endswith(" ")
    assert (paper.authors_count, paper.upvotes) == (3, 7)
    assert paper.published == dt.date(2025, 5, 20)


def test_unicode_titles_are_kept_and_get_ascii_slugs():
    result = parse_fixture("unicode_titles.txt")
    assert result.problems == []
    assert titles(result) == [
        "Δ-Learning: Über die Stabilität von Modellen — 学习",
        "Café-RL: A Study of ε-Greedy Exploration",
    ]
    for paper in result.papers:
        assert paper.id.isascii() and paper.id == paper.id.lower() and len(paper.id) <= 80


def test_dump_without_page_date_line():
    result = parse_fixture("no_page_date.txt")
    assert result.problems == []
    assert titles(result) == ["Sparse Rewards in Practice"]


def test_dump_without_blank_lines_between_fields():
    result = parse_fixture("no_blank_lines.txt")
    assert result.problems == []
    first, second = result.papers
    assert (first.authors_count, first.published, first.upvotes) == (4, dt.date(2025, 9, 26), 4)
    assert (second.organization, second.published, second.upvotes) == (
        "Tencent",
        dt.date(2024, 6, 13),
        2,
    )


def test_metadata_block_dates_resolve_against_capture_date():
    result = parse_fixture("metadata_blocks.txt", captured=dt.date(2025, 11, 5))
    assert [p.published for p in result.papers] == [
        dt.date(2025, 9, 26),  # no year: this year, on or before the capture
        dt.date(2024, 6, 13),  # year written out
        dt.date(2024, 2, 29),  # most recent Feb 29 on or before 2025-11-05
    ]
    assert [p.upvotes for p in result.papers] == [4, 2, None]
    assert result.papers[2].authors_count == 1


def test_date_without_year_and_without_capture_date_is_not_invented():
    result = parse_fixture("metadata_blocks.txt", captured=None)
    first = result.papers[0]
    assert first.published is None
    assert first.to_dict()["published"] is None
    assert first.published_text == "Sep 26"
    assert result.papers[1].published == dt.date(2024, 6, 13)  # a written year needs no capture


def test_truncated_dump_names_the_title_without_abstract():
    result = parse_fixture("truncated.txt")
    [problem] = result.problems
    assert problem.line == 17
    assert "expected an abstract after the title 'Forgetting in Language Models'" in problem.message
    assert titles(result) == ["Sparse Rewards in Practice"]  # what came before is kept


def test_empty_file():
    result = parse_fixture("empty.txt")
    [problem] = result.problems
    assert (problem.line, result.papers) == (1, [])
    assert "empty file" in problem.message


def test_bytes_that_are_not_utf8_name_their_line():
    result = parse_fixture("not_utf8.txt")
    [problem] = result.problems
    assert problem.line == 13
    assert "not UTF-8" in problem.message


def test_file_that_is_not_a_dump():
    result = parse_fixture("not_a_dump.txt")
    [problem] = result.problems
    assert problem.line == 2
    assert "expected an abstract" in problem.message
    assert result.papers == []


def test_problem_is_one_line_naming_file_and_line():
    [problem] = parse_fixture("truncated.txt").problems
    assert str(problem).startswith("truncated.txt:17: ")
    assert "\n" not in str(problem)


def test_sample_dumps_give_the_documented_counts():
    results = [parse_dump(p.read_bytes(), p.name, None) for p in sorted(SEEDS.glob("*.txt"))]
    assert all(r.problems == [] for r in results)
    records = [p for r in results for p in r.papers]
    assert [len(r.papers) for r in results] == [72, 80, 73, 257, 88]
    assert len(records) == 570
    assert sum(1 for p in records if p.authors_count or p.organization) == 75
    papers, problems = merge_papers(records)
    assert (len(papers), problems) == (469, [])


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_no_fixture_raises(name):
    parse_fixture(name)  # every outcome is records and problems, never an exception


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab ·\t\u00a0\u2003\x00\x1f\u200b\u2028")), max_size=30)
)
def test_a_clean_line_is_its_words_between_single_spaces(raw):
    # Spaces, tabs and line or paragraph separators (U+2028, which JSON strings
    # may hold) become single spaces, invisible characters go; lines already
    # clean are returned as they are, which must be the same.
    kept = []
    for c in raw:
        category = unicodedata.category(c)
        if category in ("Zs", "Zl", "Zp") or c == "\t":
            kept.append(" ")
        elif category not in ("Cc", "Cf", "Cs"):
            kept.append(c)
    assert clean_line(raw) == " ".join("".join(kept).split())
