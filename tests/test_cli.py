"""The commands as a user runs them: messages, exit codes, what is left on disk."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, generator, run

from generator import urls

GOOD = "blank_separated.txt"


@pytest.fixture
def dirs(tmp_path: Path):
    dumps, docs = tmp_path / "dumps", tmp_path / "docs"
    dumps.mkdir()
    return dumps, docs


def add(dumps: Path, fixture: str, name: str | None = None) -> Path:
    return Path(shutil.copy(FIXTURES / fixture, dumps / (name or fixture)))


def build(dumps: Path, docs: Path, *extra: str):
    cache = docs.parent / "cache"
    return generator(
        "build", "--dumps", str(dumps), "--docs", str(docs), "--cache", str(cache), *extra, cwd=ROOT
    )


def snapshot(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*.md"))}


@pytest.mark.parametrize(
    "fixture, line, expected",
    [
        ("truncated.txt", 17, "expected an abstract after the title"),
        ("empty.txt", 1, "empty file"),
        ("not_utf8.txt", 13, "not UTF-8"),
        ("not_a_dump.txt", 2, "expected an abstract"),
    ],
)
def test_bad_dump_gives_one_line_and_the_others_still_build(dirs, fixture, line, expected):
    dumps, docs = dirs
    add(dumps, GOOD)
    bad = add(dumps, fixture)
    result = build(dumps, docs)
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    [message] = [line for line in result.stderr.splitlines() if line.startswith(str(bad))]
    assert message.startswith(f"{bad}:{line}: ") and expected in message
    assert (docs / "papers" / "sparse-rewards-in-practice.md").exists()
    assert "1 problems" in result.stdout


def test_strict_build_with_a_bad_dump_exits_1_and_keeps_previous_pages(dirs):
    dumps, docs = dirs
    add(dumps, GOOD)
    assert build(dumps, docs, "--strict").returncode == 0
    before = snapshot(docs)
    add(dumps, "truncated.txt")
    add(dumps, "compact_glued_subscribe.txt")
    result = build(dumps, docs, "--strict")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert snapshot(docs) == before


def test_pages_of_papers_gone_from_every_dump_are_removed_on_next_good_build(dirs):
    dumps, docs = dirs
    first = add(dumps, GOOD)
    add(dumps, "compact_glued_subscribe.txt")
    build(dumps, docs)
    assert (docs / "papers" / "forgetting-in-language-models.md").exists()
    first.unlink()
    add(dumps, "truncated.txt")  # a bad build keeps every page it cannot vouch for
    build(dumps, docs)
    assert (docs / "papers" / "forgetting-in-language-models.md").exists()
    (dumps / "truncated.txt").unlink()
    before = snapshot(docs)
    result = build(dumps, docs)
    assert not (docs / "papers" / "forgetting-in-language-models.md").exists()
    assert (docs / "papers" / "sparse-rewards-in-practice.md").exists()
    # Its page, and the most-upvoted pages of topics it alone had
    gone = sorted(set(before) - set(snapshot(docs)))
    assert gone[0] == "papers/forgetting-in-language-models.md" and all(
        g.endswith("/upvoted.md") for g in gone[1:]
    )
    assert f"{len(gone)} removed" in result.stdout


def test_adding_a_dump_moves_no_existing_paper_page(dirs):
    dumps, docs = dirs
    add(dumps, GOOD, "2025-05-19-a.txt")
    build(dumps, docs)
    before = {k: v for k, v in snapshot(docs).items() if k.startswith("papers/")}
    add(dumps, "unicode_titles.txt", "2025-07-29-b.txt")
    build(dumps, docs)
    after = snapshot(docs)
    for path, content in before.items():
        if path != "papers/sparse-rewards-in-practice.md":  # also listed by the new dump
            # Still there, the same paper; only its related papers may be new.
            old, now = content.decode(), after[path].decode()
            assert old.split('<h2 id="related">')[0] == now.split('<h2 id="related">')[0]
    assert "papers/sparse-rewards-in-practice.md" in after
    assert len([k for k in after if k.startswith("papers/")]) == len(before) + 2


def test_build_ends_with_a_one_line_summary(dirs):
    dumps, docs = dirs
    add(dumps, GOOD)
    result = build(dumps, docs)
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith("1 dumps, 2 records, 2 papers, ")
    assert "0 problems" in summary


def test_parse_prints_records_before_merging_as_json(dirs):
    dumps, _ = dirs
    one = add(dumps, GOOD, "2025-05-19-a.txt")
    two = add(dumps, GOOD, "2025-06-01-b.txt")
    result = generator("parse", str(one), str(two), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) == 4  # the same two papers twice: nothing merged
    assert set(records[0]) >= {
        "id", "title", "abstract", "authors_count", "organization", "published", "upvotes",
        "code", "links", "topics", "sources", "first_seen",
    }  # fmt: skip
    assert records[0]["sources"] == [
        {"file": "2025-05-19-a.txt", "line": 13, "captured": "2025-05-19"}
    ]


def test_parse_of_a_missing_file_is_one_line(dirs):
    result = generator("parse", "no/such/dump.txt", cwd=ROOT)
    assert result.returncode == 1
    assert result.stderr.strip() == "error: no/such/dump.txt: no such file"


def test_bad_manifest_is_one_line(dirs):
    dumps, docs = dirs
    add(dumps, GOOD)
    (dumps / "captures.yml").write_text("blank_separated.txt: [oops\n")
    result = build(dumps, docs)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "captures.yml" in result.stderr and "Traceback" not in result.stderr


def test_two_titles_claiming_one_page_are_reported_with_the_dumps_path(dirs):
    dumps, docs = dirs
    abstract = "An abstract long enough for the parser to take it as the abstract of a paper."
    dump = dumps / "2024-05-01.txt"
    # Punctuation-only titles keep their punctuation: both become the page papers/---/.
    dump.write_text(f"- -\n\n{abstract}\n\n---\n\n{abstract}\n", encoding="utf-8")
    result = build(dumps, docs)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    [message] = [line for line in result.stderr.splitlines() if "both map to the page" in line]
    assert message.startswith(f"{dump}:5: ")
    assert (docs / "papers" / "---.md").exists()


def test_git_ignores_every_folder_the_generator_writes():
    """Generated pages stay out of git (urls.GENERATED_DIRS: the folders it owns)."""
    paths = [f"docs/{folder}/x.md" for folder in urls.GENERATED_DIRS] + [f"docs/{urls.HOME}"]
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", *paths], cwd=ROOT, capture_output=True, text=True
    )
    assert sorted(result.stdout.split()) == sorted(paths)


def test_checking_a_dump_starts_without_the_pipelines_libraries():
    """`parse` is quick to start: the command line imports the pipeline, and
    scikit-learn with it (a second of the start), only for the commands that
    build (`fetch` imports no more than `parse`)."""
    probe = (
        "import sys; from generator import cli; "
        "cli.main(['parse', sys.argv[1]]); "
        "print(sorted(m for m in ('sklearn', 'generator.pipeline') if m in sys.modules))"
    )
    result = run([sys.executable, "-c", probe, str(FIXTURES / GOOD)], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("[]")
