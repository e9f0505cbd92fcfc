"""Every entry point reports bad input in one line per problem, never a traceback,
and a strict build with problems leaves the last good site as it was."""

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_project, generate, generator, mkdocs


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A project built once, strict and clean: the last good site."""
    project = copy_project(tmp_path_factory.mktemp("good") / "project")
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    return project


def break_dump(project: Path) -> Path:
    return Path(
        shutil.copy(FIXTURES / "truncated.txt", project / "dumps" / "2025-12-01-truncated.txt")
    )


def break_taxonomy(project: Path) -> Path:
    taxonomy = project / "generator" / "topics.yml"
    taxonomy.write_text(taxonomy.read_text().replace("- slug: robotics", "- slug: Bad Slug"))
    return taxonomy


def break_manifest(project: Path) -> Path:
    manifest = project / "dumps" / "captures.yml"
    manifest.write_text(manifest.read_text() + "2025-12-01-extra.txt: 2025-13-01\n")
    return manifest


def break_overrides(project: Path) -> Path:
    overrides = project / "dumps" / "overrides.yml"
    overrides.write_text(
        "streaming-deep-reinforcement-learning-finally-works:\n  topics: [+agents, "
        "+no-such-topic]\n"
    )
    return overrides


@pytest.mark.parametrize(
    "breaks, line, expected",
    [
        (break_dump, 17, "expected an abstract after the title"),
        (break_taxonomy, None, "slug 'Bad Slug' must be lowercase words joined by hyphens"),
        (break_manifest, 8, "expected a date YYYY-MM-DD, got '2025-13-01'"),
        (
            break_overrides,
            2,
            "streaming-deep-reinforcement-learning-finally-works: no topic has the slug "
            "'no-such-topic'",
        ),
    ],
    ids=["truncated dump", "bad taxonomy", "bad capture manifest", "bad overrides"],
)
def test_strict_build_with_bad_input_exits_1_in_one_line_and_keeps_the_site(
    built, tmp_path, breaks, line, expected
):
    project = tmp_path / "project"
    shutil.copytree(built, project, symlinks=True)
    before = snapshot(project / "site")
    bad = breaks(project)
    result = mkdocs("build", "--strict", cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    [message] = [line for line in output.splitlines() if str(bad) in line]
    assert expected in message
    if line:
        assert f"{bad}:{line}: " in message
    else:
        assert f"{bad}:" in message and message.split(f"{bad}:")[1].split(":")[0].isdigit()
    assert snapshot(project / "site") == before


def test_strict_first_build_with_a_truncated_dump_writes_no_site(tmp_path):
    """The bug: MkDocs cleaned site/, built it without papers, then died publishing
    the search index that no build had made yet."""
    project = copy_project(tmp_path / "project")
    break_dump(project)
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_lenient_build_with_a_bad_taxonomy_keeps_the_last_pages(built, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built, project, symlinks=True)
    bad = break_taxonomy(project)
    result = mkdocs("build", cwd=project)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if str(bad) in line]) == 1
    assert len(list((project / "site" / "papers").glob("*/index.html"))) == 469
    assert (project / "site" / "search" / "index.json").is_file()


def test_every_plugin_option_mistake_is_reported_at_once(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = (
        config.read_text()
        .replace("dumps: dumps", "dumps: no-such-folder")
        .replace("# workers: 2", "workers: 0\n      feeds: true")
    )
    config.write_text(text)
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for expected in ("option 'dumps'", "option 'workers'", "option 'feeds': unknown option"):
        assert expected in result.stderr, expected


def test_cli_reports_every_option_mistake_at_once(tmp_path):
    result = generator(
        "--workers",
        "0",
        "build",
        "--dumps",
        str(tmp_path / "none"),
        "--cache",
        str(tmp_path),
        cwd=tmp_path,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert any("option 'dumps'" in line for line in lines)
    assert any("option 'workers'" in line for line in lines)


def test_cli_names_file_and_line_of_a_bad_capture_date(tmp_path):
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    shutil.copy(FIXTURES / "blank_separated.txt", dumps / "a.txt")
    (dumps / "captures.yml").write_text("a.txt: 2025-13-01\n")
    result = generate("build", dumps)
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f"error: {dumps / 'captures.yml'}:1: a.txt: expected a date YYYY-MM-DD, got '2025-13-01'"
    )


def test_cli_names_file_and_line_of_a_bad_taxonomy(tmp_path):
    taxonomy = tmp_path / "topics.yml"
    taxonomy.write_text("- slug: Bad Slug\n  name: Bad\n  keywords: [x]\n")
    result = generator(
        "--topics", str(taxonomy), "parse", str(FIXTURES / "blank_separated.txt"), cwd=tmp_path
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        result.stderr.strip()
        == f"error: {taxonomy}:1: topic 1: slug 'Bad Slug' must be lowercase words "
        "joined by hyphens"
    )
