"""Dates, URLs and slugs: the small pure functions the pages depend on."""

import datetime as dt

import pytest

from generator.catalogue.slugs import MAX_SLUG, slug_for, title_key
from generator.model import InputError
from generator.read.captures import capture_date, load_manifest
from generator.read.dates import resolve_month_day
from generator.read.links import find_urls


def test_capture_date_from_file_name_wins_over_manifest():
    manifest = {"2025-01-02-daily.txt": dt.date(2020, 1, 1)}
    assert capture_date("2025-01-02-daily.txt", manifest) == dt.date(2025, 1, 2)


def test_capture_date_from_manifest_then_unknown():
    manifest = {"a.txt": dt.date(2025, 5, 19)}
    assert capture_date("a.txt", manifest) == dt.date(2025, 5, 19)
    assert capture_date("b.txt", manifest) is None


def test_manifest_with_a_bad_date_is_reported(tmp_path):
    (tmp_path / "captures.yml").write_text("a.txt: soon\n")
    with pytest.raises(InputError, match="captures.yml:1: a.txt"):
        load_manifest(tmp_path)


def test_manifest_with_an_impossible_date_names_its_line(tmp_path):
    """PyYAML reads `2025-13-01` as a date and fails with no word of where."""
    (tmp_path / "captures.yml").write_text(
        "a.txt: 2025-05-19\nb.txt: 2025-13-01\nc.txt: 2025-02-30\n"
    )
    with pytest.raises(InputError) as info:
        load_manifest(tmp_path)
    assert [str(p) for p in info.value.problems] == [
        f"{tmp_path / 'captures.yml'}:2: b.txt: expected a date YYYY-MM-DD, got '2025-13-01'",
        f"{tmp_path / 'captures.yml'}:3: c.txt: expected a date YYYY-MM-DD, got '2025-02-30'",
    ]


def test_month_day_resolves_to_most_recent_on_or_before_capture():
    captured = dt.date(2025, 3, 11)
    assert resolve_month_day(3, 11, captured) == dt.date(2025, 3, 11)
    assert resolve_month_day(3, 12, captured) == dt.date(2024, 3, 12)
    assert resolve_month_day(12, 31, captured) == dt.date(2024, 12, 31)
    assert resolve_month_day(2, 29, captured) == dt.date(2024, 2, 29)


def test_trailing_punctuation_is_not_part_of_a_url():
    code, links = find_urls(
        "Code: https://github.com/a/b. Data at https://huggingface.co/datasets/x/y), "
        "demo https://x.github.io/demo; and https://gitlab.com/g/p}."
    )
    assert code == (
        "https://github.com/a/b",
        "https://huggingface.co/datasets/x/y",
        "https://gitlab.com/g/p",
    )
    assert links == ("https://x.github.io/demo",)


def test_url_with_balanced_parentheses_keeps_them():
    _, links = find_urls("see https://en.wikipedia.org/wiki/Go_(game).")
    assert links == ("https://en.wikipedia.org/wiki/Go_(game)",)


def test_host_without_repository_is_a_plain_link():
    code, links = find_urls("https://github.com/ and https://huggingface.co/papers")
    assert code == ()
    assert links == ("https://github.com/", "https://huggingface.co/papers")


def test_titles_match_across_case_spacing_punctuation_and_unicode_forms():
    assert title_key("Self-Rewarding  Language Models") == title_key(
        "self rewarding language models!"
    )
    assert title_key("ﬁne-tuning") == title_key("Fine Tuning")  # NFKC ligature


def test_slug_is_ascii_lowercase_and_readable():
    assert slug_for("Self-Rewarding Language Models") == "self-rewarding-language-models"


def test_long_title_slug_is_cut_to_80_with_a_hash():
    long_a = "A " + "very " * 40 + "long title"
    long_b = "A " + "very " * 40 + "long story"
    assert len(slug_for(long_a)) <= MAX_SLUG
    assert slug_for(long_a) != slug_for(long_b)


def test_non_latin_title_gets_a_hashed_ascii_slug():
    slug = slug_for("学习")
    assert slug.isascii() and slug.startswith("paper-")
    assert slug != slug_for("学生")


def test_slug_depends_on_the_title_alone():
    assert slug_for("Café-RL: ε-Greedy") == slug_for("café rl ε greedy")
