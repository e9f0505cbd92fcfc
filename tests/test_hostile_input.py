"""Hostile dumps (issue: hardening): each is one line naming the file and the line or
item, never a traceback; the other dumps build; nothing from outside `dumps/` is read."""

import csv
import json
import shutil
import time
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, generate, generator

from generator.model import InputError
from generator.pages.exports import papers_csv
from generator.read import labelled
from generator.read.dumps import READERS
from generator.read.hf_json import parse_json_dump
from generator.read.yaml_file import read_yaml

DAILY = FIXTURES.parent / "hf" / "daily.json"


@pytest.fixture
def dumps(tmp_path):
    folder = tmp_path / "dumps"
    folder.mkdir()
    shutil.copy(DAILY, folder / "2025-11-05-hf-daily.json")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The sample project built once, strict: each test that starts from a good site copies it."""
    from conftest import copy_project, mkdocs

    project = copy_project(tmp_path_factory.mktemp("good") / "project")
    assert mkdocs("build", "--strict", cwd=project).returncode == 0
    return project


def good_copy(built, tmp_path):
    return Path(shutil.copytree(built, tmp_path / "project", symlinks=True))


def test_a_symbolic_link_in_dumps_is_not_followed(dumps, tmp_path):
    secret = tmp_path / "outside.txt"
    secret.write_text(
        "AWS_SECRET_ACCESS_KEY=do-not-print-me\n" + (FIXTURES / "blank_separated.txt").read_text()
    )
    (dumps / "2025-11-06-linked.txt").symlink_to(secret)
    result = generate("build", dumps)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert (
        f"{dumps / '2025-11-06-linked.txt'}: a symbolic link, not followed: a dump is a file in "
        "the folder"
        in result.stderr
    )
    assert "do-not-print-me" not in result.stderr + result.stdout
    papers = {p.name for p in (tmp_path / "docs" / "papers").iterdir()}
    assert papers == {"sparse-rewards-in-practice.md", "compilers-that-explain-themselves.md"}
    assert generate("build", dumps, "--strict").returncode == 1


def test_a_file_or_folder_in_dumps_that_is_not_read_says_so_in_one_line(dumps, tmp_path):
    """A page saved as a PDF, or dumps kept in a folder of their own: neither is
    read, and their papers were missing without a word. A page saved "complete"
    keeps its images and scripts in a folder beside it: no note for those. The folder's own files
    and hidden ones are no dumps, and say nothing."""
    (dumps / "Daily Papers - Hugging Face.pdf").write_text("%PDF-1.7\n")
    (dumps / "2025").mkdir()
    (dumps / "2025" / "2025-11-04-hf-daily.json").write_bytes(DAILY.read_bytes())
    (dumps / ".gitkeep").write_text("")
    (dumps / "overrides.yml").write_text("{}\n")
    # (A page saved "complete" by a browser: its HTML, read, and its files, not a word.)
    page = FIXTURES.parent / "html" / "2026-10-07-daily-papers.html"
    shutil.copy(page, dumps / "2025-11-04 Daily Papers.html")
    (dumps / "2025-11-04 Daily Papers_files").mkdir()
    (dumps / "2025-11-04 Daily Papers_files" / "app.js").write_text("")
    result = generate("build", dumps)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    said = [line for line in result.stderr.splitlines() if "not read" in line]
    assert said == [
        f"note: {dumps / '2025'}: not read: a folder (dumps are read from dumps/ itself)",
        f"note: {dumps / 'Daily Papers - Hugging Face.pdf'}: not read: a dump is a page saved "
        "as text (.txt, .md), HTML (.html) or one file (.mhtml, .webarchive), an API response "
        "(.json, .jsonl, .yaml), a feed (.xml, .rss, .atom), a table (.csv, .tsv) or a "
        "bibliography (.bib); save the page as HTML, or as text",
    ]
    assert generate("build", dumps, "--strict").returncode == 0  # (a note, not a problem)


def test_a_flood_of_bad_items_is_a_hundred_notes_and_a_count_not_a_line_each():
    """A response of 100,000 empty objects (or as many JSON lines) gave 100,000 notes."""
    for data in (b"[" + b",".join([b"{}"] * 100_000) + b"]", b"{}\n" * 100_000):
        notes = [str(n) for n in parse_json_dump(data, "x.json", None).notes]
        assert len(notes) == 101 and notes[0] == "x.json: item 1: paper.title is missing"
        assert notes[-1] == "x.json: and 99,900 more notes like these, not listed"


def test_a_dump_whose_suffix_is_in_capitals_is_read(dumps):
    """`2025-11-05.JSON`, `Daily Papers.Markdown` (as some systems name saved files) are
    dumps like any other; they were left out as no dump."""
    (dumps / "2025-11-05-HF-DAILY.JSON").write_bytes(DAILY.read_bytes())
    shutil.copy(FIXTURES / "blank_separated.txt", dumps / "2025-11-06 Daily Papers.Markdown")
    result = generate("build", dumps, "--strict")
    assert result.returncode == 0 and "not read" not in result.stderr, result.stderr
    assert "3 dumps" in result.stdout and "HF-DAILY.JSON: 2 records" in result.stderr


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deep to read"),
        (
            b'[{"paper": {"title": "T", "summary": "S", "upvotes": ' + b"9" * 5_000 + b"}}]",
            "a number of 5,000 digits",
        ),
    ],
    ids=["nested 100,000 deep", "5,000 digits"],
)
def test_a_malformed_json_dump_is_one_line_and_the_others_build(dumps, data, expected):
    (dumps / "2025-11-07-bad.json").write_bytes(data)
    result = generate("build", dumps)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    assert f"{dumps / '2025-11-07-bad.json'}: " in result.stderr and expected in result.stderr
    assert "2 papers" in result.stdout
    assert generate("build", dumps, "--strict").returncode == 1


def test_a_dump_past_the_size_limit_is_refused_unread(dumps):
    with open(dumps / "2025-11-08-huge.txt", "wb") as huge:
        huge.truncate(65 * 1024 * 1024)  # (sparse: no disk used)
    result = generate("build", dumps)
    assert result.returncode == 0
    assert (
        f"{dumps / '2025-11-08-huge.txt'}: 65.0 MB, more than the 64.0 MB a dump may be"
        in result.stderr
    )


def test_an_abstract_of_ten_megabytes_is_a_problem_not_a_page():
    flood = "Flooded Paper Title\n" + ("word " * 2_000_000) + "\n"
    result = READERS[".txt"](flood.encode(), "flood.txt", None)
    assert result.papers == []
    [problem] = result.problems
    assert (
        str(problem)
        == "flood.txt:2: expected an abstract of at most 10,000 characters, got 9,999,999"
    )


def test_a_digests_flooded_lines_are_read_in_one_pass(tmp_path):
    """A digest card's lines of a megabyte (a word after `**`, spaces in a byline,
    a label that never closes): each pattern tries no split of them (they took
    time growing with the square of their length: hours at this size)."""
    head = "**[A Flooded Digest](https://huggingface.co/papers/2601.00001)**\n\n"
    floods = ["▲ 3 • 💬 1", "**" + "a" * 1_000_000, "*Ann Lee" + " " * 1_000_000 + "et al.*",
              "**Authors" + " " * 1_000_000 + "x: y"]  # fmt: skip
    dump = tmp_path / "2026-10-07-digest.md"
    dump.write_text(head + "\n\n".join(floods) + "\n", encoding="utf-8")
    result = generator("parse", str(dump), cwd=tmp_path, timeout=120)
    assert result.returncode == 1 and result.stdout.strip() == "[]"
    assert "2026-10-07-digest.md:1: expected an abstract of at most 10,000 characters" in (
        result.stderr
    )


def test_a_saved_pages_floods_are_read_in_one_pass(tmp_path):
    """A page of 5 MB of `<`, or of 300,000 elements marked as the papers' data with
    none: Python's HTML parser took 12 s over the first, growing with the square of
    its size, and a search from each mark to the end took as long over the second."""
    for name, flood in (
        ("2026-10-07-lt.html", "<" * 5_000_000),
        ("2026-10-07-marks.html", '<div data-target="DailyPapers">' * 300_000),
    ):
        (tmp_path / name).write_text(flood, encoding="utf-8")
        result = generator("parse", str(tmp_path / name), cwd=tmp_path, timeout=60)
        assert result.returncode == 1 and result.stdout.strip() == "[]"
        assert f"{name}:1: no papers found: expected a Hugging Face list or paper" in result.stderr


def test_labelled_records_floods_are_read_in_one_pass(tmp_path):
    """Records of labelled fields (labelled.py) whose lines are a megabyte of a
    label's characters, of brackets, of spaces, or one record repeated 100,000
    times: each line is looked at from its start once."""
    floods = {
        "label": "Title: a\nSummary: b c\n" + "Authors" * 150_000 + ": x\n",
        "brackets": "Title: a\nAbstract: " + "[" * 1_000_000 + "\n",
        "spaces": "Title:" + " " * 1_000_000 + "x\nAbstract: y z\n## " + " " * 1_000_000,
        "records": "Title: A Title\nPDF: https://arxiv.org/pdf/2601.00001\n---\n" * 100_000,
    }
    for name, flood in floods.items():
        (tmp_path / f"{name}.txt").write_text(flood, encoding="utf-8")
    result = generator("parse", *sorted(str(p) for p in tmp_path.iterdir()), cwd=tmp_path,
                       timeout=60)  # fmt: skip
    assert "Traceback" not in result.stderr
    papers = [(p["title"], p["arxiv_id"]) for p in json.loads(result.stdout)]
    assert papers == [("A Title", "2601.00001"), ("x", None)]  # (the spaces: a title's margin)


def test_lists_of_papers_floods_are_read_in_one_pass():
    """Lists of papers by title and link (paper_list.py) whose items are a megabyte
    of brackets before the link, or one item repeated 100,000 times: a title's
    trailing arXiv id was looked for from every bracket (seconds at 10,000)."""
    link = "[arXiv](https://arxiv.org/abs/2601.00001)"
    floods = [
        ("- **" + "(" * 1_000_000 + "x**" + link + "\n") + ("- **A Title** " + link + "\n") * 3,
        ("- " + "(" * 1_000_000 + " [HF](https://huggingface.co/papers/2601.00002)\n") * 3,
        ("- **A Title** (`2601.00001`) " + link + "\n") * 100_000,
    ]
    for flood in floods:
        started = time.perf_counter()
        result = READERS[".md"](flood.encode(), "list.md", None)
        assert time.perf_counter() - started < 4
        assert [p.title for p in result.papers] in ([], ["A Title"])


@pytest.mark.parametrize(
    "meta, said",
    [
        ("• 3 authors\n·\nMay 20 {n}", "5: expected a date like `May 20`"),
        ("• {n} authors\n·\nMay 20 4", "3: expected an organisation of at most 300 characters"),
    ],
)
def test_a_plain_dumps_count_of_thousands_of_digits_is_one_line(meta, said):
    # (Python refuses to read an integer of more than 4,300 digits: it stopped the build.)
    text = "A Title Here\nAn abstract long enough to read as one, in the words of a reader.\n"
    result = READERS[".txt"]((text + meta.format(n="9" * 5000) + "\n").encode(), "d.txt", None)
    [problem] = result.problems
    assert str(problem).startswith(f"d.txt:{said}")


def test_control_characters_and_final_line_breaks_are_no_part_of_ids_or_handles():
    item = {
        "paper": {
            "id": "2511.01234\n",
            "title": "Line\u202eBreaks",
            "summary": "An abstract\u0000 long enough.",
            "organization": {"name": "neworg\n", "fullname": "New Org"},
        }
    }
    result = parse_json_dump(json.dumps([item]).encode(), "c.json", None)
    [paper] = result.papers
    assert (
        paper.arxiv_id == "2511.01234"
        and paper.title == "LineBreaks"
        and "\x00" not in paper.abstract
    )
    # Whitespace around a value trimmed.
    assert paper.organization_handle == "neworg" and result.notes == []
    bad = {"paper": {**item["paper"], "organization": {"name": "new\norg", "fullname": "New Org"}}}
    result = parse_json_dump(json.dumps([bad]).encode(), "c.json", None)
    assert result.papers[0].organization_handle is None
    assert [str(n) for n in result.notes] == [
        'c.json: item 1: organization.name: expected a Hugging Face handle, got "new\\norg"'
    ]


def test_csv_cells_a_spreadsheet_would_run_start_with_a_quote():
    record = json.loads(
        json.dumps(parse_json_dump(DAILY.read_bytes(), "d.json", None).papers[0].to_dict())
    )
    record["title"] = '=HYPERLINK("http://evil.example","click me")'
    record["organization"] = "@SUM(A1)"
    record["abstract"] = "-2+3 is an abstract that starts like a formula."
    [row] = list(csv.DictReader(papers_csv([record]).splitlines()))
    assert row["title"] == '\'=HYPERLINK("http://evil.example","click me")'
    assert row["organization"] == "'@SUM(A1)" and row["abstract"].startswith("'-2+3")
    assert row["upvotes"] == "12"  # (numbers stay numbers)


def test_a_fuzzy_term_reaches_two_edits_at_most():
    from lunr import lunr

    from generator.search.query import bounded, run_query

    assert bounded("foo~100 bar~1 " + "x" * 1000) == "foo~2 bar~1 " + "x" * 486
    docs = [
        {"id": str(k), "text": word}
        for k, word in enumerate(["diffusion", "difusion", "confusion", "fusion"])
    ]
    index = lunr(ref="id", fields=["text"], documents=docs)
    assert run_query(index, "difusion~100") == run_query(index, "difusion~2")
    # Not "confusion": 3 edits away.
    assert {hit["ref"] for hit in run_query(index, "difusion~100")} == {
        "0",
        "1",
    }


@pytest.mark.parametrize(
    "slug, expected",
    [
        ("index", "slug 'index' is the name of another page: topics/ lists the topics"),
        ("all", "slug 'all' is the name of another page: feeds/all.xml is every paper's feed"),
        ("a" * 329, "has 329 characters, more than 60"),
        ("robotics\n", "must be lowercase words joined by hyphens"),
    ],
    ids=["index", "all", "329 characters", "final line break"],
)
def test_a_topic_slug_that_would_take_another_page_is_a_problem_in_topics_yml(
    tmp_path, slug, expected
):
    from generator.catalogue.taxonomy import load_taxonomy
    from generator.model import InputError

    taxonomy = tmp_path / "topics.yml"
    taxonomy.write_text(f"- slug: {json.dumps(slug)}\n  name: X\n  keywords: [robot]\n")
    with pytest.raises(InputError) as info:
        load_taxonomy(taxonomy)
    [problem] = info.value.problems
    assert str(problem).startswith(f"{taxonomy}:1: topic 1: ") and expected in str(problem)


def test_a_first_build_with_a_broken_taxonomy_fails_instead_of_publishing_no_papers(tmp_path):
    from conftest import copy_project, mkdocs

    project = copy_project(tmp_path / "project")
    taxonomy = project / "generator" / "topics.yml"
    taxonomy.write_text(taxonomy.read_text().replace("- slug: robotics", "- slug: Bad Slug"))
    result = mkdocs("build", cwd=project)  # (not strict)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "the input cannot be read, and no earlier build left pages to keep" in result.stderr


def test_two_papers_of_one_title_and_two_arxiv_ids_are_two_pages():
    from generator.catalogue.merge import merge_papers

    [first] = parse_json_dump(DAILY.read_bytes(), "2025-11-05-a.json", None).papers[:1]
    second = first.replace(
        arxiv_id="2511.07777", sources=(first.sources[0].__class__("2025-11-09-b.json", 1, None),)
    )
    for records in ([first, second], [second, first]):
        papers, problems = merge_papers(records)
        assert problems == []
        assert {(p.id, p.arxiv_id) for p in papers} == {
            ("sparse-rewards-in-practice", "2511.01234"),
            ("sparse-rewards-in-practice-2511-07777", "2511.07777"),
        }


# ---------------------------------------------------------------- the search files


def _search_build(cache):
    head = json.loads((cache / "search" / "index.json").read_text())
    return cache / "search" / head["build"]


@pytest.mark.parametrize("damage", ["truncate a shard", "delete a result's file"])
def test_damaged_search_files_in_the_cache_are_made_again_not_published(built, tmp_path, damage):
    from conftest import mkdocs

    from generator.search.index import is_complete

    project = good_copy(built, tmp_path)
    build = _search_build(project / ".cache" / "generator")
    if damage == "truncate a shard":
        (build / "s-0.json").write_bytes(b"{")
    else:
        (build / "f" / "3.json").unlink()
    assert not is_complete(build)
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    published = (
        project
        / "site"
        / "search"
        / json.loads((project / "site" / "search" / "index.json").read_text())["build"]
    )
    cached = _search_build(project / ".cache" / "generator")
    assert is_complete(cached) and is_complete(published, manifest_of=cached)


def test_two_builds_at_once_in_one_folder_take_turns_and_leave_whole_search_files(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT, copy_project

    from generator.search.index import is_complete

    project = copy_project(tmp_path / "project")
    env = {**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stderr
    cache = project / ".cache" / "generator"
    assert is_complete(_search_build(cache))
    search = generator(
        "search", "--json", "learning", "--dumps", "dumps", "--docs", "docs", cwd=project
    )
    assert search.returncode == 0 and json.loads(search.stdout), search.stderr


def test_workers_end_when_the_process_that_forked_them_is_killed(tmp_path):
    """`kill -9` of the main process only: its forked workers end with it."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "parent.py"
    script.write_text(
        "import os, sys, time\n"
        "from generator.runtime.parallel import fork_map\n"
        "def task(k):\n"
        "    os.write(1, b'%d\\n' % os.getpid())  # (one write: two workers' lines never "
        "interleave)\n"
        "    time.sleep(120)\n"
        "fork_map(task, [1, 2], 2, doing='waiting')\n"
    )
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    workers = [int(parent.stdout.readline()) for _ in range(2)]
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 30  # (a loaded machine is slow to deliver the signal)
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [pid for pid in alive if _running(pid)]
    assert alive == [], [open(f"/proc/{pid}/stat").read() for pid in alive]


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"  # (a zombie has ended)
    except FileNotFoundError:
        return False


# ---------------------------------------------------------------- writing the site


def _snapshot(site):
    return {
        str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize(
    "where", ["papers/s", "about"], ids=["a paper page (a worker)", "another page (MkDocs)"]
)
def test_a_disk_full_while_mkdocs_writes_is_one_line_and_the_last_site_stays_whole(
    built, tmp_path, where
):
    from conftest import mkdocs

    project = good_copy(built, tmp_path)
    before = _snapshot(project / "site")
    # A hook that fails as a full disk does, half way through MkDocs' writing.
    (project / "fault.py").write_text(
        "import errno, os\n"
        "def on_post_page(output, page, config):\n"
        f"    if page.file.src_uri.startswith({where!r}):\n"
        "        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), config.site_dir + '/' + "
        "page.file.dest_uri)\n"
        "    return output\n"
    )
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text() + "hooks:\n  - fault.py\n"
    )
    result = mkdocs("build", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    said = [line for line in result.stderr.splitlines() if "No space left on device" in line]
    assert said and all(line.startswith("ERROR   -  ") for line in said)
    assert _snapshot(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_a_build_replaces_the_site_whole(tmp_path):
    from conftest import copy_project, mkdocs

    project = copy_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "left-over.html").write_text("from a build long ago")
    for left in (".site.building-4999999", ".site.old-4999999"):  # (builds killed half way)
        (project / left).mkdir()
    assert mkdocs("build", "--strict", cwd=project).returncode == 0
    assert (
        not (project / "site" / "left-over.html").exists()
        and (project / "site" / "index.html").is_file()
    )
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_a_strict_build_that_mkdocs_fails_for_a_warning_leaves_the_last_site(built, tmp_path):
    from conftest import mkdocs

    project = good_copy(built, tmp_path)
    before = _snapshot(project / "site")
    about = project / "docs" / "about.md"
    about.write_text(about.read_text() + "\n[a link to nowhere](no-such-page.md)\n")
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 1 and "no-such-page.md" in result.stderr
    assert _snapshot(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


# ---------------------------------------------------------------- stable addresses


def _daily(day: str, title: str) -> bytes:
    return json.dumps(
        [
            {
                "paper": {
                    "id": "2601.00042",
                    "title": title,
                    "upvotes": 3,
                    "summary": "An abstract long enough to be read as the abstract of a paper.",
                }
            }
        ]
    ).encode()


def test_a_pinned_page_keeps_its_address_when_a_backfill_brings_an_earlier_title(tmp_path):
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "2026-01-20-hf-daily.json").write_bytes(
        _daily("2026-01-20", "Alpha Beta Gamma, Version Two")
    )
    assert generate("build", dumps).returncode == 0
    papers = tmp_path / "docs" / "papers"
    assert [p.name for p in papers.iterdir()] == ["alpha-beta-gamma-version-two.md"]
    pin = generate("pin", dumps)
    assert pin.returncode == 0 and "1 pages pinned, 0 pinned already" in pin.stderr
    assert "'2601.00042': alpha-beta-gamma-version-two" in (dumps / "pages.yml").read_text()
    # A backfill: an earlier day, the title spelled otherwise.
    (dumps / "2026-01-05-hf-daily.json").write_bytes(_daily("2026-01-05", "Alpha Beta Gamma"))
    assert generate("build", dumps, "--strict").returncode == 0
    assert [p.name for p in papers.iterdir()] == ["alpha-beta-gamma-version-two.md"]
    again = generate("pin", dumps)
    assert "0 pages pinned, 1 pinned already" in again.stderr
    # Without the pin, the earliest capture's title names the page (what the pin prevents).
    (dumps / "pages.yml").unlink()
    assert generate("build", dumps, "--strict").returncode == 0
    assert [p.name for p in papers.iterdir()] == ["alpha-beta-gamma.md"]


def test_a_bad_line_in_pages_yml_is_one_line(tmp_path):
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "2026-01-20-hf-daily.json").write_bytes(_daily("2026-01-20", "Alpha"))
    (dumps / "pages.yml").write_text("'2601.00042': Not A Slug\nnot-an-id: alpha\n")
    result = generate("build", dumps, "--strict")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        f"{dumps / 'pages.yml'}:1: 2601.00042: expected a page id (the end of its address), got "
        "'Not A Slug'" in result.stderr
    )
    assert f"{dumps / 'pages.yml'}:2: expected an arXiv id, got 'not-an-id'" in result.stderr


def test_a_front_matter_nested_past_the_parsers_depth_is_no_traceback(monkeypatch):
    """A note's front matter is read as YAML; nested 100,000 deep, PyYAML's own
    parser (where libyaml is missing) recursed into a traceback."""
    monkeypatch.setattr(labelled, "_LOADER", yaml.SafeLoader)
    text = "---\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n---\n\nAbstract: A text.\n"
    result = READERS[".md"](text.encode(), "note.md", None)
    assert result.papers == [] and len(result.problems) == 1


def test_a_yaml_file_nested_past_the_parsers_depth_is_one_line(tmp_path):
    """libyaml stops at its depth limit with an error; PyYAML's own parser recursed."""
    deep = tmp_path / "overrides.yml"
    deep.write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    for loader in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        with pytest.raises(InputError) as raised:
            read_yaml(deep, loader)
        [problem] = raised.value.problems
        assert str(problem).startswith(f"{deep}:") and "not valid YAML" in str(problem)
