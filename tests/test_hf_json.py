"""Records from Hugging Face API responses: read, checked, merged with text dumps, shown."""

import datetime as dt
import json
import shutil

import pytest

from conftest import FIXTURES, collect, copy_project, generator, mkdocs
from generator.catalogue.merge import merge_papers
from generator.model import Catalogue, UpvoteCount
from generator.pages.paper import PaperRenderer
from generator.read.hf_json import parse_json_dump
from generator.read.text_dump import parse_dump

HF = FIXTURES.parent / "hf"
CAPTURED = dt.date(2025, 11, 5)


def read(name: str, file: str = "2025-11-05-hf-daily.json", captured=CAPTURED):
    return parse_json_dump((HF / name).read_bytes(), file, captured)


def test_daily_papers_items_give_every_field():
    result = read("daily.json")
    assert result.problems == []
    first, second = result.papers
    assert first.arxiv_id == "2511.01234" and first.authors == ("Ada Lovelace", "Alan Turing")
    assert first.authors_count == 2 and first.organization == "Example Lab" and first.organization_handle == "example-lab"
    assert first.published == dt.date(2025, 11, 3) and first.upvotes == 12
    assert first.upvote_history == (UpvoteCount(CAPTURED, 12),)
    assert first.code[0] == "https://github.com/example/sparse-rl" and first.github_stars == 340
    assert first.project_page == "https://example.org/sparse"
    assert first.keywords == ("sparse rewards", "reinforcement learning", "credit assignment")
    assert "sparse and delayed" in first.abstract and "\n" not in first.abstract  # unwrapped
    assert second.title == "Compilers That Explain Themselves"
    assert first.sources[0].file == "2025-11-05-hf-daily.json" and first.sources[0].line == 1


def test_one_paper_object_is_read_too():
    paper = json.loads((HF / "daily.json").read_text())[0]["paper"]
    result = parse_json_dump(json.dumps(paper).encode(), "2511.01234.json", None)
    assert result.problems == [] and [p.arxiv_id for p in result.papers] == ["2511.01234"]


def test_bad_items_are_one_line_notes_each_and_the_others_are_read():
    result = read("hostile.json", "bad.json")
    assert result.problems == []
    notes = [str(p) for p in result.notes]
    assert notes == [
        "bad.json: item 1: paper.githubRepo: expected an http(s) URL, got 'https://github.com/a/b\"onmouseover=\"aler'",
        "bad.json: item 1: paper.projectPage: expected an http(s) URL, got 'javascript:alert(2)'",
        'bad.json: item 2: paper.upvotes: expected a whole number, got "12"',
        "bad.json: item 2: paper.githubStars: expected a count of at least 0",
        "bad.json: item 3: paper.summary is missing",
        'bad.json: item 4: paper: expected an object, got "not an object"',
        "bad.json: item 5: paper.summary: 20,000 characters, more than 10,000",
    ]
    assert [p.title for p in result.papers] == ["<script>alert('t')</script> *Bold* [x](javascript:alert(1))", "Fine"]
    assert result.papers[0].project_page is None and result.papers[1].upvotes is None


@pytest.mark.parametrize(
    "data, expected",
    [(b"[{", "bad.json:1: not valid JSON"), (b'{"papers": []}', "bad.json: expected a list of papers"),
     (b"\xff\xfe", "bad.json: expected UTF-8 text")],
    ids=["invalid JSON", "wrong shape", "not UTF-8"],
)
def test_unreadable_responses_are_one_line(data, expected):
    [problem] = parse_json_dump(data, "bad.json", None).problems
    assert str(problem).startswith(expected)


def test_markup_from_json_stays_text_on_the_page():
    [paper, _] = read("hostile.json").papers
    text = PaperRenderer(Catalogue([paper], [], []))(paper).split("\n---\n", 1)[1]
    for raw in ("<script>", "<b>Mallory", "<i>kw", "<img", "javascript:alert(2)", "onmouseover"):
        assert raw not in text, raw
    assert "&lt;b&gt;Mallory&lt;/b&gt;, Eve &amp; Co" in text
    assert 'href="https://arxiv.org/abs/2511.09999"' in text


def test_a_paper_from_json_and_from_text_is_one_record(tmp_path):
    text = parse_dump((FIXTURES / "blank_separated.txt").read_bytes(), "2025-05-19-a.txt", dt.date(2025, 5, 19))
    json_records = read("daily.json").papers
    papers, problems = merge_papers(text.papers + json_records)
    assert problems == []
    [sparse] = [p for p in papers if p.id == "sparse-rewards-in-practice"]
    assert [s.file for s in sparse.sources] == ["2025-05-19-a.txt", "2025-11-05-hf-daily.json"]
    assert sparse.arxiv_id == "2511.01234" and sparse.authors == ("Ada Lovelace", "Alan Turing")
    assert sparse.upvotes == 12  # the latest capture that has a count


def test_an_arxiv_id_joins_two_spellings_of_a_title_under_the_first_page():
    earlier = read("daily.json", "2025-11-05-a.json").papers[0]
    retitled = read("daily.json", "2025-11-09-b.json", dt.date(2025, 11, 9)).papers[0].replace(
        title="Sparse Rewards in Practice (Extended)", id="sparse-rewards-in-practice-extended"
    )
    for order in ([earlier, retitled], [retitled, earlier]):
        [paper], problems = merge_papers(order)
        assert problems == [] and paper.id == "sparse-rewards-in-practice"  # the earliest capture's page
        assert paper.title == "Sparse Rewards in Practice (Extended)"  # the newest record's title
        assert [u.captured for u in paper.upvote_history] == [CAPTURED, dt.date(2025, 11, 9)]


def test_adding_a_json_dump_moves_no_page_and_adds_authors(tmp_path):
    project = copy_project(tmp_path / "project")
    before = collect(project / "dumps")[0]
    shutil.copy(HF / "daily.json", project / "dumps" / "2025-11-20-hf-daily.json")
    shutil.copy(FIXTURES / "blank_separated.txt", project / "dumps" / "2025-05-19-a.txt")
    after = collect(project / "dumps")[0]
    assert {p.id for p in before.papers} <= {p.id for p in after.papers}
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    page = (site / "papers" / "sparse-rewards-in-practice" / "index.html").read_text()
    assert "Ada Lovelace, Alan Turing" in page and 'href="https://arxiv.org/pdf/2511.01234"' in page
    assert "★ 340" in page and 'href="../../orgs/example-lab/"' in page
    org = (site / "orgs" / "example-lab" / "index.html").read_text()
    assert "Sparse Rewards in Practice" in org
    assert "Example Lab" in (site / "orgs" / "index.html").read_text()
    search = generator("search", "--json", "Lovelace", "--dumps", "dumps", "--cache", str(tmp_path / "c"), "--docs", str(tmp_path / "d"), cwd=project)
    assert json.loads(search.stdout)[0]["url"] == "papers/sparse-rewards-in-practice/"


def test_upvote_history_is_a_chart_with_its_figures_as_text():
    paper = read("daily.json").papers[0].replace(
        upvote_history=(UpvoteCount(dt.date(2025, 11, 1), 3), UpvoteCount(dt.date(2025, 11, 5), 12))
    )
    text = PaperRenderer(Catalogue([paper], [], []))(paper)
    assert '<svg class="paper-upvotes" role="img" aria-labelledby="upvotes-said"' in text
    assert '<p id="upvotes-said">Upvotes by capture: 3 on 2025-11-01, 12 on 2025-11-05.</p>' in text
    one = read("daily.json").papers[0]
    assert "<svg" not in PaperRenderer(Catalogue([one], [], []))(one)


def test_strict_cli_build_with_a_bad_json_item_builds_the_others_and_notes_it(tmp_path):
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    shutil.copy(HF / "hostile.json", dumps / "2025-11-05-hf-daily.json")
    result = generator("build", "--strict", "--dumps", str(dumps), "--docs", str(tmp_path / "docs"), "--cache", str(tmp_path / "c"), cwd=tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert f"note: {dumps / '2025-11-05-hf-daily.json'}: item 3: paper.summary is missing" in result.stderr.splitlines()
    assert "0 problems, 7 notes" in result.stdout
    assert (tmp_path / "docs" / "papers" / "fine.md").is_file()


def test_exports_carry_the_new_fields():
    from generator.pages.exports import papers_csv, papers_json

    paper = read("daily.json").papers[0].replace(
        upvote_history=(UpvoteCount(dt.date(2025, 11, 1), 3), UpvoteCount(dt.date(2025, 11, 5), 12))
    )
    [record] = json.loads(papers_json([paper.to_dict()]))
    assert record["authors"] == ["Ada Lovelace", "Alan Turing"] and record["arxiv_id"] == "2511.01234"
    assert record["upvote_history"] == [{"captured": "2025-11-01", "upvotes": 3}, {"captured": "2025-11-05", "upvotes": 12}]
    import csv
    [row] = list(csv.DictReader(papers_csv([paper.to_dict()]).splitlines()))
    assert row["authors"] == "Ada Lovelace | Alan Turing" and row["upvote_history"] == "2025-11-01:3 | 2025-11-05:12"
    assert row["github_stars"] == "340" and row["keywords"].startswith("sparse rewards | ")


def test_names_are_cleaned_and_bad_ones_named_one_by_one():
    item = {
        "title": "Names", "summary": "An abstract.", "upvotes": True,
        "authors": [{"name": " Ada\u00a0 Lovelace "}, {"name": "Alan Turing"}, {"fullname": "No Name"}, "Grace Hopper", {"name": 7}, {"name": "Alan Turing"}],
        "ai_keywords": ["credit assignment", "line\nbreak"],  # (one that needs cleaning, no bad one)
    }  # fmt: skip
    result = parse_json_dump(json.dumps([{"paper": item}]).encode(), "n.json", None)
    [paper] = result.papers
    # (Two authors may share a name: both are kept, in order.)
    assert paper.authors == ("Ada Lovelace", "Alan Turing", "Grace Hopper", "Alan Turing") and paper.authors_count == 4
    assert paper.keywords == ("credit assignment", "line break") and paper.upvotes is None
    assert result.problems == []
    assert [str(p) for p in result.notes] == [
        "n.json: item 1: paper.authors[2].name: expected a name, got null",
        "n.json: item 1: paper.authors[4].name: expected a name, got 7",
        "n.json: item 1: paper.upvotes: expected a whole number, got true",
    ]
