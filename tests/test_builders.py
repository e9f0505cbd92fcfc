"""The site builds the same under ProperDocs, the maintained fork of MkDocs 1.x."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import copy_project, mkdocs

GENERATOR_META = re.compile(rb'<meta name="generator" content="[^"]*">')


def tree(site: Path) -> dict[str, bytes]:
    """Every file of the site, the generator meta tag (it names the builder) left out."""
    return {
        str(p.relative_to(site)): GENERATOR_META.sub(b"", p.read_bytes())
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_properdocs_builds_the_site_mkdocs_builds(tmp_path):
    project = copy_project(tmp_path / "project")
    assert mkdocs("build", "--strict", cwd=project).returncode == 0
    shutil.move(project / "site", tmp_path / "by-mkdocs")
    shutil.rmtree(project / ".cache", ignore_errors=True)  # (each builder from nothing)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "properdocs"), "build", "--strict", "-f", "mkdocs.yml"],
        cwd=project, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    by_mkdocs, by_properdocs = tree(tmp_path / "by-mkdocs"), tree(project / "site")
    assert by_mkdocs.keys() == by_properdocs.keys()
    assert [name for name in by_mkdocs if by_mkdocs[name] != by_properdocs[name]] == []
    assert b"mkdocs-ProperDocs" in (project / "site" / "index.html").read_bytes()
