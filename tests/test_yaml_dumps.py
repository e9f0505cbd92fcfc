"""Papers kept as YAML (read/yaml_dump.py): scripts' scans of the daily list, the
API's items saved as YAML; the folder's own YAML files are no dumps."""

import datetime as dt
import json
import shutil

import yaml
from conftest import FIXTURES, generate

from generator.read.dumps import READERS, dump_files
from generator.read.hf_json import parse_json_dump

HF = FIXTURES.parent / "hf"


def test_a_scripts_scan_kept_as_yaml_is_its_papers():
    """A script's scan (`arxiv_scan: {date, papers: [{arxiv_id, title, authors,
    abstract}]}`, as public repositories keep them) was not read: `.yaml` was no dump.
    Read as a saved response, inside its wrapper's wrapper; the id unquoted is its
    text, not YAML's number 2611.0401."""
    result = READERS[".yaml"]((HF / "script_scan.yaml").read_bytes(), "scan.yaml", None)
    tides, surges = result.papers
    assert (tides.arxiv_id, tides.authors) == ("2611.04010", ("Maren Solberg", "Kofi Mensah"))
    assert surges.abstract == (
        "We forecast storm surges along a coastline with a graph network over tide gauges."
    )
    assert result.captured == dt.date(2026, 11, 5) and result.problems == []


def test_the_apis_items_as_yaml_read_as_the_json_does():
    items = json.loads((HF / "daily.json").read_bytes())
    as_yaml = yaml.safe_dump(items, allow_unicode=True).encode()
    from_yaml = READERS[".yml"](as_yaml, "d.yml", dt.date(2025, 11, 5))
    from_json = parse_json_dump((HF / "daily.json").read_bytes(), "d.yml", dt.date(2025, 11, 5))
    assert from_yaml.papers == from_json.papers and from_yaml.problems == []


def test_yaml_that_is_no_list_of_papers_is_one_line():
    """Aliases (a few lines of them a billion values), a broken document: one problem
    naming the line, no paper, never a traceback."""
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    for p, c in zip("bcdefg", "cdefgh"):
        laughs += f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n"
    cases = {
        laughs: "b.yaml:2: an alias (`*name`) is not read in a dump: write each value out",
        "papers:\n  - title: [unclosed\n": "b.yaml:3: not valid YAML:",
        "- " * 100_000 + "x\n": None,
    }
    for text, said in cases.items():
        result = READERS[".yaml"](text.encode(), "b.yaml", None)
        assert result.papers == [] and len(result.problems) == 1
        assert said is None or str(result.problems[0]).startswith(said)


def test_the_folders_own_yaml_files_are_no_dumps(tmp_path):
    """captures.yml, overrides.yml, pages.yml and the labels are the folder's, read
    as such: none is taken for a dump of papers (`.yaml` dumps are read now)."""
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    shutil.copy(HF / "script_scan.yaml", dumps / "scan.yaml")
    (dumps / "captures.yml").write_text("scan.yaml: 2026-11-05\n")
    (dumps / "overrides.yml").write_text("{}\n")
    assert [p.name for p in dump_files(dumps)] == ["scan.yaml"]
    result = generate("build", dumps, "--strict")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "docs" / "papers" / "tide-gauges-read-from-harbour-webcams.md").is_file()
