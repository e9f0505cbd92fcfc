"""The GitHub Actions workflow: valid for actionlint, and doing what the README promises."""

import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_workflows_pass_actionlint():
    # Installed next to this Python by the test extras, whether or not the venv is active.
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert actionlint, "actionlint is installed with the test extras"
    result = subprocess.run([actionlint, *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text())
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def test_site_workflow_triggers_and_deploys_in_order():
    flow = load(ROOT / ".github" / "workflows" / "site.yml")
    assert "pull_request" in flow["on"] and "workflow_dispatch" in flow["on"]
    assert set(flow["on"]["push"]["paths"]) >= {"dumps/**", "generator/**", "docs/**", "mkdocs.yml"}
    deploy = flow["jobs"]["deploy"]
    assert deploy["concurrency"]["cancel-in-progress"] is False
    uses = [step.get("uses", "") for step in deploy["steps"]]
    for action in ("configure-pages", "upload-pages-artifact", "deploy-pages"):
        assert any(u.startswith(f"actions/{action}@") for u in uses)
    runs = [step.get("run", "") for step in deploy["steps"]]
    build_at = next(i for i, r in enumerate(runs) if "make build" in r)
    assert build_at < uses.index(next(u for u in uses if "upload-pages-artifact" in u))
    test_runs = " ".join(s.get("run", "") for s in flow["jobs"]["test"]["steps"])
    assert "make test" in test_runs and "make build" in test_runs


def test_deploy_builds_with_the_pages_address():
    """The sitemap and canonical links need the site's address: configure-pages gives it."""
    deploy = load(ROOT / ".github" / "workflows" / "site.yml")["jobs"]["deploy"]
    pages = next(
        step
        for step in deploy["steps"]
        if step.get("uses", "").startswith("actions/configure-pages@")
    )
    build = next(step for step in deploy["steps"] if "make build" in step.get("run", ""))
    assert build["env"]["SITE_URL"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}"
    assert "site_url: !ENV SITE_URL" in (ROOT / "mkdocs.yml").read_text()


def test_fetch_workflow_runs_daily_and_only_its_job_writes():
    flow = load(ROOT / ".github" / "workflows" / "fetch.yml")
    assert "schedule" in flow["on"] and "workflow_dispatch" in flow["on"]
    assert flow["permissions"] == {"contents": "read"}
    job = flow["jobs"]["fetch"]
    assert job["permissions"]["contents"] == "write"
    runs = " ".join(step.get("run", "") for step in job["steps"])
    assert (
        "python -m generator fetch" in runs
        and "git push" in runs
        and "gh workflow run site.yml" in runs
    )
