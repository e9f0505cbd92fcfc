"""Paper pages built by forked workers: what a worker logs or fails on reaches the build."""

import pytest
from conftest import copy_project, mkdocs

# A second hook, for the test only: it speaks up on one paper page, which a
# worker builds, never the main process.
PROBE = """
import logging

def on_page_markdown(markdown, page, **_):
    if page.file.src_uri == "papers/{paper}.md":
        {action}
    return markdown
"""
PAPER = "safety-subspaces-are-not-distinct-a-fine-tuning-case-study"


@pytest.fixture
def project_with_probe(tmp_path):
    def make(action: str):
        project = copy_project(tmp_path / "project")
        (project / "probe.py").write_text(PROBE.format(paper=PAPER, action=action))
        with open(project / "mkdocs.yml", "a") as config:
            config.write("\nhooks:\n  - probe.py\n")
        return project

    return make


def test_a_workers_warning_is_logged_once_and_fails_a_strict_build(project_with_probe):
    project = project_with_probe(
        'logging.getLogger("mkdocs.plugins.probe").warning("odd page %s", page.file.src_uri)'
    )
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode != 0
    assert result.stderr.count(f"odd page papers/{PAPER}.md") == 1
    assert "Aborted with 1 warnings in strict mode" in result.stdout + result.stderr
    plain = mkdocs("build", cwd=project)  # not strict: a warning, and the site is built
    assert plain.returncode == 0 and (project / "site" / "papers" / PAPER / "index.html").is_file()


def test_a_worker_that_fails_fails_the_build_naming_the_page(project_with_probe):
    project = project_with_probe('raise ValueError("probe failure")')
    result = mkdocs("build", cwd=project)
    assert result.returncode != 0
    assert f"Error reading page 'papers/{PAPER}.md': probe failure" in result.stderr
    assert (
        "paper pages could not be built: ValueError: probe failure" in result.stdout + result.stderr
    )
