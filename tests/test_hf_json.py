"""Records from Hugging Face API responses: read, checked, merged with text dumps, shown."""

import datetime as dt
import json
import shutil

import pytest
from conftest import (
    FIXTURES,
    collect,
    copy_project,
    flattened,
    generate,
    generator,
    mkdocs,
    page_text,
)

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
    assert (
        first.authors_count == 2
        and first.organization == "Example Lab"
        and first.organization_handle == "example-lab"
    )
    assert first.published == dt.date(2025, 11, 3) and first.upvotes == 12
    assert first.upvote_history == (UpvoteCount(CAPTURED, 12),)
    assert first.code[0] == "https://github.com/example/sparse-rl" and first.github_stars == 340
    assert first.project_page == "https://example.org/sparse"
    assert first.keywords == ("sparse rewards", "reinforcement learning", "credit assignment")
    assert "sparse and delayed" in first.abstract and "\n" not in first.abstract  # unwrapped
    assert second.title == "Compilers That Explain Themselves"
    assert first.sources[0].file == "2025-11-05-hf-daily.json" and first.sources[0].line == 1


def test_a_trending_list_keeps_each_papers_own_day():
    """`/api/daily_papers?sort=trending` lists papers of days months apart, with
    the newer fields (`submittedOnDailyAt` in the paper, `mediaUrls`,
    `isAuthorParticipating`, authors' `user` and `status`): each paper keeps the
    day it was listed, and the capture is the file's day, not a listed one."""
    result = read("trending.json", "2026-12-01-trending.json", dt.date(2026, 12, 1))
    assert result.problems == []
    glacier, quiet = result.papers
    assert [p.daily_date for p in result.papers] == [dt.date(2026, 6, 2), dt.date(2026, 11, 30)]
    assert (glacier.published, glacier.upvotes, glacier.comments) == (dt.date(2026, 6, 1), 412, 7)
    assert glacier.upvote_history == (UpvoteCount(dt.date(2026, 12, 1), 412),)
    assert glacier.authors == ("Mira Okafor", "Tomas Lindqvist")
    assert (glacier.organization, glacier.submitted_by) == ("Glacier Lab", "Dev Rao")
    assert glacier.code == ("https://github.com/glacier-lab/glacier-memory",)
    assert glacier.github_stars == 5120 and glacier.ai_summary.startswith("A slow weight bank")
    assert quiet.code == () and quiet.github_stars is None  # (0 stars of no repository)
    # Saved with no date, its days are too far apart to date it: no day is made up.
    undated = read("trending.json", "trending.json", None)
    assert undated.captured is None and undated.problems == []
    assert [p.daily_date for p in undated.papers] == [dt.date(2026, 6, 2), dt.date(2026, 11, 30)]
    assert [p.upvote_history for p in undated.papers] == [(), ()]


def test_one_paper_object_is_read_too():
    paper = json.loads((HF / "daily.json").read_text())[0]["paper"]
    result = parse_json_dump(json.dumps(paper).encode(), "2511.01234.json", None)
    assert result.problems == [] and [p.arxiv_id for p in result.papers] == ["2511.01234"]


def test_what_the_hf_command_line_prints_is_read_as_the_api():
    """`hf papers ls --format json` and `hf papers info` print huggingface_hub's
    names for the API's fields (`published_at`, `submitted_by.username`,
    `github_repo`, `linked_models`...): none of them is lost."""
    result = read("cli_papers_ls.json", "papers.json", None)
    assert result.problems == [] and result.captured == dt.date(2026, 10, 3)
    lantern, tidepool = result.papers
    assert (lantern.published, lantern.daily_date) == (dt.date(2026, 10, 2), dt.date(2026, 10, 3))
    assert (lantern.submitted_by, lantern.comments, lantern.upvotes) == ("Quill Maker", 2, 34)
    assert lantern.code == ("https://github.com/oceanlab/lanternfish",)
    assert lantern.github_stars == 1200
    assert lantern.project_page == "https://oceanlab.example.org/lanternfish"
    assert (lantern.organization, lantern.organization_handle) == ("Ocean Lab", "oceanlab")
    assert tidepool.submitted_by == "harbourmaster" and tidepool.comments == 0
    # What is left out is named as the file names it.
    items = json.loads((HF / "cli_papers_ls.json").read_text())
    items[0] |= {"published_at": 5, "github_repo": "not a url"}
    notes = [str(n) for n in parse_json_dump(json.dumps(items).encode(), "x.json", None).notes]
    assert "x.json: item 1: paper.published_at: expected a string, got 5" in notes
    assert "x.json: item 1: paper.github_repo: expected an http(s) URL, got 'not a url'" in notes
    [info] = read("cli_paper_info.json", "2026-10-05-lanternfish.json", dt.date(2026, 10, 5)).papers
    assert (info.models, info.models_total) == (("oceanlab/lanternfish-7b",), 3)
    assert (info.spaces, info.spaces_total, info.datasets_total) == (
        ("oceanlab/lanternfish-demo",), 1, 0
    )
    assert info.published == dt.date(2026, 10, 2) and info.github_stars == 1300


def test_a_scripts_records_of_the_apis_items_are_read_as_the_api(tmp_path):
    """Scripts keep the API's items as records of their own, often as JSON Lines
    (`arxiv_id`, `abstract`, `authors` as names, `daily_paper_date`, a paper's link
    for its id): read as the API's, where each was an item without `summary`."""
    lines = (HF / "script_records.jsonl").read_bytes()
    reef, tides = parse_json_dump(lines, "papers.jsonl", None).papers
    assert reef.arxiv_id == "2608.07101"
    assert reef.authors == ("Ama Boateng", "Lior Katz", "Hana Sato")
    assert reef.abstract.startswith("Coral reefs are loud, and their sound says how healthy")
    assert (reef.upvotes, reef.published, reef.daily_date) == (
        31, dt.date(2026, 8, 12), dt.date(2026, 8, 14)
    )
    assert reef.ai_summary == "Drifting hydrophones map the sound of coral reefs."
    assert (reef.code, reef.project_page) == (
        ("https://github.com/reefsound/maps",), "https://reefsound.example.org"
    )
    assert tides.arxiv_id == "2608.07222"  # (its Hugging Face page's link: no arxiv_id)
    # The same records as a JSON list; a bad line is one problem naming its line.
    as_list = b"[" + b",".join(lines.splitlines()) + b"]"
    assert [p.title for p in parse_json_dump(as_list, "x.json", None).papers] == [
        reef.title, tides.title
    ]
    # A line cut short (a crash while appending) is one problem naming it, and the
    # other lines are still read; a file whose first value is not a line's is not
    # JSON Lines, and is one problem.
    cut = parse_json_dump(lines.replace(b"\n", b'\n{"title": "Half\n', 1), "x.jsonl", None)
    assert [str(p) for p in cut.problems] == [
        "x.jsonl:2: not valid JSON: Unterminated string; the other lines are read"
    ]
    assert [p.title for p in cut.papers] == [reef.title, tides.title]
    [problem] = parse_json_dump(b'{"title": "A"} {"title": "B"}\n', "x.jsonl", None).problems
    assert str(problem) == "x.jsonl:1: not valid JSON: Extra data"
    # Bad lines past ten are counted, not listed.
    flood = parse_json_dump(lines + b"{\n" * 25, "x.jsonl", None)
    assert len(flood.papers) == 2 and len(flood.problems) == 11
    assert str(flood.problems[-1]) == "x.jsonl: and 15 more bad lines, not listed"
    # Dumps named .jsonl are read (with the day the records list).
    (tmp_path / "papers.jsonl").write_bytes(lines)
    result = generator("parse", str(tmp_path / "papers.jsonl"), cwd=tmp_path)
    assert result.returncode == 0 and "captured on 2026-08-14" in result.stderr


def test_other_names_scripts_give_the_apis_fields_are_read_as_the_api():
    """Names public scripts give the API's fields, each seen in their records:
    `paper_id`, `num_comments`, `github_url`, `submitted_on_daily_at`, `daily_date`."""
    records = [
        {"paper_id": "2608.07311", "title": "Kelp Canopy Height From Sentinel Passes",
         "abstract": "We estimate kelp canopy height from the timing of satellite passes.",
         "num_comments": 2, "github_url": "https://github.com/kelpwatch/canopy",
         "submitted_on_daily_at": "2026-08-14T13:02:11.000Z"},
        {"arxiv_id": "2608.07312", "title": "Otters Counted by Their Calls",
         "abstract": "We count sea otters in a bay from the calls a hydrophone hears.",
         "daily_date": "2026-08-15"},
    ]  # fmt: skip
    kelp, otters = parse_json_dump(json.dumps(records).encode(), "x.json", None).papers
    assert (kelp.arxiv_id, kelp.comments, kelp.code) == (
        "2608.07311", 2, ("https://github.com/kelpwatch/canopy",)
    )
    assert (kelp.daily_date, otters.daily_date) == (dt.date(2026, 8, 14), dt.date(2026, 8, 15))


def test_a_scripts_wrapper_around_the_list_is_read_and_dated_by_it():
    """Scripts save the list inside a wrapper of their own (`{"date": ..., "count":
    ..., "papers": [...]}`): its one list of items is read, on the day it states;
    it was one problem and none of its papers."""
    data = (HF / "script_wrapped.json").read_bytes()
    result = parse_json_dump(data, "mirror.json", None)
    terns, marsh = result.papers
    assert (terns.arxiv_id, terns.authors, terns.upvotes) == (
        "2609.41207", ("Maren Solberg", "Idris Okafor", "Pilar Quesada"), 7
    )
    assert terns.code == ("https://github.com/kitecount/terns",)
    assert marsh.published == dt.date(2026, 10, 1) and marsh.abstract.endswith("on average.")
    assert result.captured == dt.date(2026, 10, 3) and result.problems == []
    [note] = result.notes
    assert str(note) == "mirror.json: captured on 2026-10-03, the day it states"
    # A date in the file's name (or captures.yml) is the capture day, and no note.
    named = parse_json_dump(data, "2026-10-04.json", dt.date(2026, 10, 4))
    assert named.captured == dt.date(2026, 10, 4) and named.notes == []
    empty = parse_json_dump(b'{"date": "2026-10-04", "papers": []}', "e.json", None)
    assert empty.papers == [] and empty.problems == [] and "empty list" in str(empty.notes[0])


def test_a_scripts_mapping_of_arxiv_ids_to_papers_is_read():
    """A script that keeps one file of papers keyed by arXiv id (`{"2305.03048":
    {"url", "title", "authors", "abstract", "publication_date", "upvotes"}}`):
    each is a paper, its key its id; it was one problem and none of its papers."""
    result = read("script_keyed.json", "papers.json", None)
    terns, marsh = result.papers
    assert result.problems == [] and result.notes == []
    assert terns.title == "Tern Colonies Counted From Kite Photographs"  # (unwrapped)
    assert (terns.arxiv_id, terns.authors, terns.upvotes) == (
        "2305.41207", ("Maren Solberg", "Idris Okafor"), 9
    )
    assert (terns.published, marsh.published) == (dt.date(2023, 5, 4), dt.date(2023, 5, 3))
    assert terns.keywords == ()  # (its `tags` are arXiv's categories, not keywords)
    assert marsh.abstract.endswith("when the tide floods and drains it.")
    # A mapping with anything but papers in it is no such file.
    [problem] = parse_json_dump(b'{"2305.41207": {"title": "A"}, "n": 2}', "x.json", None).problems
    assert "expected a list of papers" in str(problem)


def test_a_scripts_record_with_a_title_and_a_link_is_a_paper_without_abstract():
    """A script that scrapes the list page keeps a title and the paper's link (and,
    nested, what it took for an abstract, here a reader's comment): each is its
    paper, with no abstract (one note says how many), not a note and no paper.
    What the script nests is not read; a record with no link is still a note."""
    result = read("script_scraped.json", "2026-11-12.json", dt.date(2026, 11, 12))
    keepers, ferries = result.papers
    assert (keepers.title, keepers.arxiv_id) == (
        "Lighthouse Keepers' Logs as a Weather Record", "2611.03318"
    )
    assert (keepers.abstract, keepers.ai_summary, keepers.authors) == ("", None, ())
    assert ferries.arxiv_id == "2611.03902" and result.problems == []
    assert [str(n) for n in result.notes] == [
        "2026-11-12.json: item 3: paper.summary is missing",
        "2026-11-12.json: 2 paper(s) with no abstract (paper.summary): one from another "
        "dump is taken",
    ]


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
    assert [p.title for p in result.papers] == [
        "<script>alert('t')</script> *Bold* [x](javascript:alert(1))",
        "Fine",
    ]
    assert result.papers[0].project_page is None and result.papers[1].upvotes is None


def test_a_response_saved_with_its_http_headers_is_read_and_noted():
    """`curl -i` (or `-iL`, a block for each redirect) saves the headers before the
    body: the file was one problem line, "not valid JSON", and none of its papers."""
    body = (FIXTURES.parent / "hf" / "daily.json").read_text(encoding="utf-8")
    headers = (
        "HTTP/1.1 301 Moved Permanently\r\nLocation: /api/daily_papers\r\n\r\n"
        "HTTP/2 200 \r\ncontent-type: application/json; charset=utf-8\r\n\r\n"
    )
    result = parse_json_dump((headers + body).encode(), "daily.json", None)
    assert result.papers == parse_json_dump(body.encode(), "daily.json", None).papers
    assert [str(n) for n in result.notes][0] == (
        "daily.json:1: an HTTP response saved with its headers (status 200): its body is read"
    )
    # (A line named in the body is the file's line.)
    [problem] = parse_json_dump((headers + "[\n{").encode(), "bad.json", None).problems
    assert problem.line == 8  # (the `{` after six lines of headers and the `[`)


def test_a_response_or_a_page_saved_as_utf_16_reads_as_saved_as_utf_8():
    """Windows' PowerShell 5 saves a response as UTF-16 with its byte order mark
    (`Invoke-RestMethod ... > papers.json`), and Notepad a page saved as "Unicode":
    each was one problem line, and none of its papers."""
    text = (FIXTURES.parent / "hf" / "daily.json").read_text(encoding="utf-8")
    utf8 = parse_json_dump(text.encode(), "daily.json", None).papers
    for data in (text.encode("utf-16"), b"\xfe\xff" + text.encode("utf-16-be")):
        result = parse_json_dump(data, "daily.json", None)
        assert result.papers == utf8 and result.problems == []
    page = (FIXTURES / "unicode_titles.txt").read_text(encoding="utf-8")
    as_utf16 = parse_dump(page.encode("utf-16"), "unicode_titles.txt", None)
    assert as_utf16.papers == parse_dump(page.encode(), "unicode_titles.txt", None).papers
    assert as_utf16.papers and as_utf16.problems == []


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"[{", "bad.json:1: not valid JSON"),
        (b'{"count": 0, "next": null}', "bad.json: expected a list of papers"),
        (b'{"a": [{"title": "A"}], "b": [{"title": "B"}]}', "bad.json: expected a list of papers"),
        (b"[\n\xc3\x28]", "bad.json:2: bytes that are not UTF-8 text"),
        # What the API answers a bad request with (limit=101), saved by hand.
        (
            b'{"error":"Too big: expected number to be <=100"}',
            "bad.json: an error the API answered, not papers: Too big: expected number to be <=100",
        ),
        (b'{"error":"\\u001b[31m' + b"x" * 5000 + b'"}', "bad.json: an error the API answered"),
    ],
    ids=["invalid JSON", "wrong shape", "two lists", "not UTF-8", "API error", "long API error"],
)
def test_unreadable_responses_are_one_line(data, expected):
    [problem] = parse_json_dump(data, "bad.json", None).problems
    assert str(problem).startswith(expected)
    assert len(str(problem)) < 300 and str(problem).isprintable()  # (one line, for a terminal)


def test_markup_from_json_stays_text_on_the_page():
    [paper, _] = read("hostile.json").papers
    text = PaperRenderer(Catalogue([paper], [], []))(paper).split("\n---\n", 1)[1]
    for raw in ("<script>", "<b>Mallory", "<i>kw", "<img", "javascript:alert(2)", "onmouseover"):
        assert raw not in text, raw
    assert "&lt;b&gt;Mallory&lt;/b&gt;, Eve &amp; Co" in page_text(text)
    assert 'href="https://arxiv.org/abs/2511.09999"' in text


def test_a_paper_from_json_and_from_text_is_one_record(tmp_path):
    text = parse_dump(
        (FIXTURES / "blank_separated.txt").read_bytes(), "2025-05-19-a.txt", dt.date(2025, 5, 19)
    )
    json_records = read("daily.json").papers
    papers, problems = merge_papers(text.papers + json_records)
    assert problems == []
    [sparse] = [p for p in papers if p.id == "sparse-rewards-in-practice"]
    assert [s.file for s in sparse.sources] == ["2025-05-19-a.txt", "2025-11-05-hf-daily.json"]
    assert sparse.arxiv_id == "2511.01234" and sparse.authors == ("Ada Lovelace", "Alan Turing")
    assert sparse.upvotes == 12  # the latest capture that has a count


def test_an_arxiv_id_joins_two_spellings_of_a_title_under_the_first_page():
    earlier = read("daily.json", "2025-11-05-a.json").papers[0]
    retitled = (
        read("daily.json", "2025-11-09-b.json", dt.date(2025, 11, 9))
        .papers[0]
        .replace(
            title="Sparse Rewards in Practice (Extended)", id="sparse-rewards-in-practice-extended"
        )
    )
    for order in ([earlier, retitled], [retitled, earlier]):
        [paper], problems = merge_papers(order)
        assert (
            problems == [] and paper.id == "sparse-rewards-in-practice"
        )  # the earliest capture's page
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
    assert "Ada Lovelace, Alan Turing" in page_text(page)
    assert 'href="https://arxiv.org/pdf/2511.01234"' in page
    assert "★ 340" in page and 'href="../../orgs/example-lab/"' in page
    org = (site / "orgs" / "example-lab" / "index.html").read_text()
    assert "Sparse Rewards in Practice" in org
    assert "Example Lab" in (site / "orgs" / "index.html").read_text()
    search = generator(
        "search",
        "--json",
        "Lovelace",
        "--dumps",
        "dumps",
        "--cache",
        str(tmp_path / "c"),
        "--docs",
        str(tmp_path / "d"),
        cwd=project,
    )
    assert json.loads(search.stdout)[0]["url"] == "papers/sparse-rewards-in-practice/"


def test_upvote_history_is_a_chart_with_its_figures_as_text():
    paper = (
        read("daily.json")
        .papers[0]
        .replace(
            upvote_history=(
                UpvoteCount(dt.date(2025, 11, 1), 3),
                UpvoteCount(dt.date(2025, 11, 5), 12),
            )
        )
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
    result = generate("build", dumps, "--strict")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert (
        f"note: {dumps / '2025-11-05-hf-daily.json'}: item 3: paper.summary is missing"
        in result.stderr.splitlines()
    )
    assert "0 problems, 7 notes" in result.stdout
    assert (tmp_path / "docs" / "papers" / "fine.md").is_file()


def test_exports_carry_the_new_fields():
    from generator.pages.exports import papers_csv, papers_json

    paper = (
        read("daily.json")
        .papers[0]
        .replace(
            upvote_history=(
                UpvoteCount(dt.date(2025, 11, 1), 3),
                UpvoteCount(dt.date(2025, 11, 5), 12),
            )
        )
    )
    [record] = json.loads(papers_json([paper.to_dict()]))
    assert (
        record["authors"] == ["Ada Lovelace", "Alan Turing"] and record["arxiv_id"] == "2511.01234"
    )
    assert record["upvote_history"] == [
        {"captured": "2025-11-01", "upvotes": 3},
        {"captured": "2025-11-05", "upvotes": 12},
    ]
    import csv

    [row] = list(csv.DictReader(papers_csv([paper.to_dict()]).splitlines()))
    assert (
        row["authors"] == "Ada Lovelace | Alan Turing"
        and row["upvote_history"] == "2025-11-01:3 | 2025-11-05:12"
    )
    assert row["github_stars"] == "340" and row["keywords"].startswith("sparse rewards | ")


def test_names_are_cleaned_and_bad_ones_named_one_by_one():
    item = {
        "title": "Names",
        "summary": "An abstract.",
        "upvotes": True,
        "authors": [
            {"name": " Ada\u00a0 Lovelace "},
            {"name": "Alan Turing"},
            {"fullname": "No Name"},
            "Grace Hopper",
            {"name": 7},
            {"name": "Alan Turing"},
        ],
        # One that needs cleaning, no bad one.
        "ai_keywords": [
            "credit assignment",
            "line\nbreak",
        ],
    }
    result = parse_json_dump(json.dumps([{"paper": item}]).encode(), "n.json", None)
    [paper] = result.papers
    # (Two authors may share a name: both are kept, in order.)
    assert (
        paper.authors == ("Ada Lovelace", "Alan Turing", "Grace Hopper", "Alan Turing")
        and paper.authors_count == 4
    )
    assert paper.keywords == ("credit assignment", "line break") and paper.upvotes is None
    assert result.problems == []
    assert [str(p) for p in result.notes] == [
        "n.json: item 1: paper.authors[2].name: expected a name, got null",
        "n.json: item 1: paper.authors[4].name: expected a name, got 7",
        "n.json: item 1: paper.upvotes: expected a whole number, got true",
    ]


# ---------------------------------------------------------------- real shapes

# A daily list as the API gives it in 2025: the fields, wraps and oddities of real days.
REAL = "daily_2025.json"


def test_a_real_daily_list_is_read_whole_with_no_problem():
    result = read(REAL, "undated.json", None)
    assert result.problems == []
    assert [str(n) for n in result.notes] == [
        "undated.json: captured on 2025-10-20, the latest day it lists (a date in its name or in "
        "captures.yml would say so)",
        "undated.json: item 4: paper.title is missing",
    ]
    tiled, rubric, tokens = result.papers
    # Every author, in order, two of them of one name; the one with no name is no author.
    assert (
        tiled.authors == ("Mira Castell", "Wei Zhang", "Tomas Lind", "Wei Zhang")
        and tiled.authors_count == 4
    )
    assert tiled.project_page == "https://miracastell.github.io/tiled-sat/"  # (a leading space)
    # A line break inside.
    assert (
        tiled.code == ("https://github.com/miracastell/tiled-sat-diffusion",)
        and tiled.github_stars == 212
    )
    # "" dropped, a repeat once.
    assert tiled.keywords == (
        "diffusion models",
        "tiled sampling",
        "satellite imagery",
    )
    assert "seamless high-resolution maps" in tiled.abstract
    assert (
        tiled.ai_summary.startswith("A tiled diffusion sampler")
        and rubric.ai_summary
        and tokens.ai_summary is None
    )
    assert (tiled.daily_date, tokens.daily_date) == (dt.date(2025, 10, 20), dt.date(2025, 10, 19))
    assert (tiled.comments, rubric.comments, tiled.submitted_by, rubric.submitted_by) == (
        4,
        0,
        "Mira Castell",
        "Daily Curator",
    )
    assert tiled.upvote_history == (UpvoteCount(dt.date(2025, 10, 20), 67),)
    assert rubric.title == "Reward Models That Read the Rubric" and rubric.keywords == ()


def test_links_from_abstracts_are_real_addresses():
    tiled, rubric, _ = read(REAL).papers
    assert rubric.code == ("https://huggingface.co/rubric-rm/rm-8b",)  # (\url{...})
    # Http://http://, \href.
    assert rubric.links == (
        "http://rubric-rm.example.org/board",
        "https://rubric-rm.example.org",
    )
    for url in tiled.code + tiled.links + rubric.code + rubric.links:
        assert not set(url) & set("{}\\ ") and "." in url.split("/")[2], url


@pytest.mark.parametrize(
    "wrapped, expected",
    [
        ("seamless high-\nresolution maps", "seamless high-resolution maps"),
        ("at https://github.com/a/b-\nc now", "at https://github.com/a/b-c now"),
        ("at https://github.com/\nowner/repo now", "at https://github.com/owner/repo now"),
        ("at https://example.org/\nWe then", "at https://example.org/ We then"),
        ("see https://x.org/a?q=\n1 and", "see https://x.org/a?q=1 and"),
        ("a 3-\n4 split", "a 3- 4 split"),
    ],
    ids=[
        "hyphen",
        "URL cut at a hyphen",
        "URL cut at a slash",
        "URL then a sentence",
        "URL cut at =",
        "not between letters",
    ],
)
def test_a_wrap_is_a_space_unless_it_cut_a_word_or_an_address(wrapped, expected):
    from generator.read.unwrap import unwrap

    assert unwrap(wrapped) == expected


def test_two_saves_of_one_day_give_one_count_whichever_sorts_last():
    day = dt.date(2025, 10, 15)
    morning = (
        read("daily.json", "2025-10-15-b-next-morning.json", day)
        .papers[0]
        .replace(upvotes=90, upvote_history=(UpvoteCount(day, 90),))
    )
    evening = (
        read("daily.json", "2025-10-15-a.json", day)
        .papers[0]
        .replace(upvotes=67, upvote_history=(UpvoteCount(day, 67),))
    )
    renamed = evening.replace(sources=(evening.sources[0].__class__("2025-10-15-z.json", 1, day),))
    for records in ([morning, evening], [evening, morning], [morning, renamed]):
        [paper], _ = merge_papers(records)
        assert paper.upvote_history == (UpvoteCount(day, 90),) and paper.upvotes == 90


def test_a_paper_response_adds_the_hub_repositories_citing_it(tmp_path):
    daily = read(REAL, "2025-10-20-hf-daily.json", dt.date(2025, 10, 20)).papers
    single = read(
        "paper_2510.17001.json", "2025-10-21-hf-paper-2510.17001.json", dt.date(2025, 10, 21)
    ).papers
    papers, problems = merge_papers(daily + single)
    [tiled] = [p for p in papers if p.arxiv_id == "2510.17001"]
    assert problems == [] and tiled.id == "tiled-diffusion-for-high-resolution-satellite-maps"
    assert (
        tiled.models == ("miracastell/tiled-sat-xl", "geo-lab/tiled-sat-base")
        and tiled.models_total == 5
    )
    assert (
        tiled.datasets == ("geo-lab/sat-crops-512",)
        and tiled.datasets_total == 1
        and tiled.spaces_total == 0
    )
    # The comments from the day's list, the newest count.
    assert tiled.comments == 4 and tiled.upvotes == 90
    text = PaperRenderer(Catalogue(papers, [], []))(tiled)
    assert (
        '<a href="https://huggingface.co/miracastell/tiled-sat-xl">miracastell/tiled-sat-xl</a>'
        in text
    )
    assert (
        '<a href="https://huggingface.co/datasets/geo-lab/sat-crops-512">' in text
        and "Spaces citing" not in text
    )
    assert 'href="https://huggingface.co/models?other=arxiv:2510.17001">all 5</a>' in text
    assert "<strong>AI summary (Hugging Face):</strong> A tiled diffusion sampler" in text
    assert '<a href="https://huggingface.co/papers/2510.17001#community">4 comments</a>' in text
    assert "On the daily list 2025-10-20" in text and "submitted by Mira Castell" in text
    record = json.loads(json.dumps(tiled.to_dict()))
    assert (
        record["models_total"] == 5
        and record["daily_date"] == "2025-10-20"
        and record["ai_summary"]
    )


def test_list_rows_show_the_ai_summary_else_the_abstracts_first_words():
    from generator.pages.listings import PaperCards

    tiled, _, tokens = read(REAL).papers
    cards = "\n".join(PaperCards()([tiled, tokens], "index.md"))
    assert '<span class="paper-card__line">A tiled diffusion sampler shares noise' in cards
    assert '<span class="paper-card__line">We argue that token counts are a poor proxy' in cards


def test_a_strict_site_build_of_real_responses_has_no_problem_and_shows_every_summary(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copy(HF / REAL, project / "dumps" / "hf-daily-undated.json")
    shutil.copy(
        HF / "paper_2510.17001.json", project / "dumps" / "2025-10-21-hf-paper-2510.17001.json"
    )
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (
        "item 4: paper.title is missing" in result.stderr and "0 problems, 2 notes" in result.stderr
    )
    for paper in read(REAL).papers:
        page = (project / "site" / "papers" / paper.id / "index.html").read_text()
        assert (paper.ai_summary or paper.abstract[:40]) in page.replace("&#x27;", "'")
    chart = (
        project
        / "site"
        / "papers"
        / "tiled-diffusion-for-high-resolution-satellite-maps"
        / "index.html"
    ).read_text()
    assert "Upvotes by capture: 67 on 2025-10-20, 90 on 2025-10-21." in chart


def test_paper_pages_carry_the_citation_meta_tags_reference_managers_read(tmp_path):
    """Zotero's "Embedded Metadata" translator reads the Highwire `citation_*` names."""
    from html.parser import HTMLParser

    class Metas(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found = []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "meta" and attrs.get("name", "").startswith("citation_"):
                self.found.append((attrs["name"], attrs["content"]))

    project = copy_project(tmp_path / "project")
    shutil.copy(HF / "daily.json", project / "dumps" / "2025-11-20-hf-daily.json")
    shutil.copy(HF / "hostile.json", project / "dumps" / "2025-11-21-hf-daily.json")
    assert mkdocs("build", "--strict", cwd=project).returncode == 0
    site = project / "site" / "papers"
    metas = Metas()
    metas.feed((site / "sparse-rewards-in-practice" / "index.html").read_text())
    assert metas.found == [
        ("citation_title", "Sparse Rewards in Practice"),
        ("citation_author", "Ada Lovelace"), ("citation_author", "Alan Turing"),
        ("citation_date", "2025/11/03"), ("citation_publication_date", "2025/11/03"),
        ("citation_arxiv_id", "2511.01234"), ("citation_pdf_url", "https://arxiv.org/pdf/2511.01234"),
    ]  # fmt: skip
    [hostile] = [p for p in site.iterdir() if p.name.startswith("script")]
    html = (hostile / "index.html").read_text()
    assert "<b>Mallory" not in html and "<script>alert" not in html
    metas = Metas()
    metas.feed(html)
    assert (
        "citation_title",
        "<script>alert('t')</script> *Bold* [x](javascript:alert(1))",
    ) in metas.found
    # Escaped in the page, text once parsed.
    assert (
        "citation_author",
        "<b>Mallory</b>",
    ) in metas.found


def test_an_empty_list_is_said_not_silent():
    """A daily list of a weekend is `[]`: no paper, and a note saying so."""
    result = parse_json_dump(b"[]\n", "2026-09-13-hf-daily.json", None)
    assert result.papers == [] and result.problems == []
    assert [str(n) for n in result.notes] == [
        "2026-09-13-hf-daily.json: no papers: an empty list (a weekend's or holiday's daily "
        "list; a search finding none)"
    ]


def test_a_tools_compacted_response_keeps_its_authors_count_and_says_what_it_left_out():
    """A public tool keeps the API's papers compacted: their first 12 authors with
    `authors_omitted`, the organisation's and submitter's `display_name`, and the
    count of papers it left out (`omitted`). The authors it left out were lost
    without a word, and the names shown were the handles."""
    result = read("tool_compacted.json", "compact.json", None)
    [seals] = result.papers
    assert seals.authors == ("Ilse Vandermeer", "Tomasi Fifita") and seals.authors_count == 5
    assert (seals.organization, seals.organization_handle) == ("A Coastal Lab", "coastal-lab")
    assert seals.submitted_by == "Ilse V"
    assert "25 more papers were left out of this file" in str(result.notes[0])
    # This catalogue's export names the authors a capture gave (`+ 8 authors` folded
    # away) and counts them all: read back, the count is kept; a count past the
    # limit is not taken.
    item = {"title": "Tides", "abstract": "Tides rise.", "arxiv_id": "2611.00001",
            "authors": ["Ada Lovelace"], "authors_count": 9}  # fmt: skip
    [paper] = parse_json_dump(json.dumps([item]).encode(), "p.json", None).papers
    assert paper.authors_count == 9
    flood = parse_json_dump(json.dumps([{**item, "authors_count": 10**9}]).encode(), "p.json", None)
    assert flood.papers[0].authors_count == 1
    assert "authors_count: 1,000,000,000 authors, more than" in str(flood.notes[0])


def test_a_notebooks_table_of_the_api_list_is_read_as_the_list():
    """Notebooks flatten the API's list with pandas (`pd.json_normalize(papers)`:
    `paper.id`, `paper.upvotes`, `submittedBy.fullname`, as public scripts do) and
    save the table as JSON: by records, by columns (pandas' default) or split. Read,
    each paper lost its arXiv id, authors, upvotes, code and summary, and was dated
    by the day it was listed; by columns, or split, nothing was read."""
    items = json.loads((HF / "daily.json").read_bytes())
    expected = [p.replace(sources=()) for p in read("daily.json").papers]
    flat = [flattened(item) for item in items]
    names = list(dict.fromkeys(name for row in flat for name in row))
    rows = [{name: row.get(name) for name in names} for row in flat]  # (null where absent)
    assert "paper.id" in names and None in rows[1].values()
    tables = {
        "records": rows,
        "columns": {n: {str(k): row.get(n) for k, row in enumerate(rows)} for n in names},
        "split": {"columns": names, "index": [0, 1], "data": [list(r.values()) for r in rows]},
    }
    for orient, table in tables.items():
        result = parse_json_dump(json.dumps(table).encode(), "2025-11-05-hf-daily.json", CAPTURED)
        assert (result.problems, result.notes) == ([], []), orient
        assert [p.replace(sources=()) for p in result.papers] == expected, orient
    # A row of another width is an item noted, not a paper; the other rows are read.
    tables["split"]["data"].append(["2611.00001"])
    result = parse_json_dump(json.dumps(tables["split"]).encode(), "t.json", CAPTURED)
    assert len(result.papers) == 2 and "item 3: expected an object" in str(result.notes[0])


def test_an_exports_lists_of_links_and_upvotes_are_checked_as_the_apis_fields_are():
    """An export's `code`, `links`, `upvote_history` and the Hub's `models` citing the
    paper are read back; an entry that is no URL, or no day and count, is noted and
    left out."""
    item = {"title": "Tides", "abstract": "Tides rise.", "arxiv_id": "2611.00001",
            "code": ["https://github.com/a/tides", "javascript:alert(1)", 7],
            "links": ["https://example.org/tides"], "github_stars": 4,
            "models": ["coastal-lab/tide-reader"], "models_total": 3,
            "upvote_history": [{"captured": "2026-11-01", "upvotes": 3},
                               {"captured": "2026-11-01", "upvotes": 5},
                               {"captured": "not a day", "upvotes": 9},
                               {"captured": "2026-11-02", "upvotes": -1}]}  # fmt: skip
    result = parse_json_dump(json.dumps([item]).encode(), "p.json", None)
    [paper] = result.papers
    assert paper.code == ("https://github.com/a/tides",) and paper.github_stars == 4
    assert paper.links == ("https://example.org/tides",)
    assert paper.upvote_history == (UpvoteCount(dt.date(2026, 11, 1), 5),)
    assert (paper.models, paper.models_total) == (("coastal-lab/tide-reader",), 3)
    said = [str(n) for n in result.notes]
    assert len(said) == 4 and "code[1]: expected an http(s) URL" in said[0]
    assert "upvote_history[2]: expected a day and a count" in said[2]


def test_a_page_of_a_hub_datasets_rows_is_read_as_its_papers():
    """The Hub's datasets of the daily papers, saved from their dataset viewer
    (`datasets-server.huggingface.co/rows`: `{"rows": [{"row": {...}}], "num_rows_total":
    ...}`, as public scripts fetch them): one problem line, no paper. Each row is a
    paper, its `date` the day of its list; the rows past the page, and cells the
    viewer cut short, are said."""
    result = read("dataset_rows.json", "rows.json", None)
    tides, surges = result.papers
    assert (tides.arxiv_id, tides.daily_date) == ("2611.04001", dt.date(2026, 11, 3))
    assert tides.authors == ("Maren Solberg", "Kofi Mensah")
    assert tides.code == ("https://github.com/tides/webcam-gauge",) and surges.code == ()
    said = [str(n) for n in result.notes]
    assert said[0] == "rows.json: 12,838 more rows of the dataset are not in this page of it"
    assert "1 rows with cells the dataset viewer cut short" in said[1]
    assert result.captured == dt.date(2026, 11, 3) and result.problems == []


def test_a_wrapper_inside_a_wrapper_is_read_as_its_list():
    """A script's `{"result": {"date": ..., "papers": [...]}}`: one problem line, no
    paper. What a wrapper of one key wraps is read, a few levels down."""
    items = json.loads((HF / "daily.json").read_bytes())
    wrapped = {"result": {"scan": {"date": "2025-11-05", "papers": items}}}
    result = parse_json_dump(json.dumps(wrapped).encode(), "w.json", None)
    assert len(result.papers) == 2 and result.problems == []
    assert result.captured == dt.date(2025, 11, 5)
