"""A crawl of the whole built site by LinkChecker finds no broken internal link."""

import re
import shutil
import sys
from pathlib import Path

from conftest import run

# AnchorCheck also fails links to a `#fragment` the target page does not have;
# the rate limit only applies to servers that send a `LinkChecker` header (ours).
CONFIG = """\
[checking]
maxrequestspersecond=1000
[filtering]
checkextern=0
[AnchorCheck]
"""


def linkchecker() -> str:
    beside = Path(sys.executable).with_name("linkchecker")  # the venv's, active or not
    return str(beside) if beside.exists() else shutil.which("linkchecker")


def test_no_broken_internal_link(site_url, built_site, tmp_path):
    config = tmp_path / "linkcheckerrc"
    config.write_text(CONFIG)
    # External links are not fetched (no network here, and not ours to fix).
    result = run([linkchecker(), "--no-status", f"--config={config}", site_url], cwd=tmp_path)
    summary = re.search(r"(\d+) links? in (\d+) URLs? checked", result.stdout)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    pages = len(list(built_site.rglob("index.html")))
    assert summary and int(summary.group(2)) >= pages, result.stdout[-1000:]
