"""Serve benchmark: a curator's loop with `mkdocs serve` on synthetic papers, beside
MkDocs' own serve of a bare Material site of as many pages, in one run.

    python bench/serve.py [--sizes 1000,10000] [--out bench/out]

For each size, on fresh copies of the project: `mkdocs serve` is started and
timed to the first page served (the home page); then each edit is timed from
the moment it is made to the moment the page that shows it is served so:
- override: a topic added to one paper in `dumps/overrides.yml` (its page links the topic),
  right after the first page (while the first search index is built), and the
  median of four more with the server idle before each;
- taxonomy keyword: a word of another paper's title added to the keywords of a topic
  it lacks, in the taxonomy (its page links the topic; every page depends on the
  taxonomy, so every page is built again);
- new dump: a dump of 50 new papers, of a later day (the day's top papers, `top/`, list them);
- dump removed: that dump taken away again (its papers leave `top/`).
The bare site: its first page, and one page edited by hand. The log's count of
builds says how many each edit started. Machines are noisy: read the ratios.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import frontmatter
import yaml
from common import (
    ROOT,
    discard,
    empty_trash,
    machine,
    make_bare_project,
    make_project,
    sample_papers,
)
from synth import write_dumps

POLL = 0.1  # seconds between two looks at the page
PATIENCE = 600  # seconds an edit may take to show before the benchmark gives up
NEW_PAPERS = 50


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def page(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return html.unescape(response.read().decode("utf-8"))
    except OSError:
        return None


def shown(url: str, test, since: float) -> float:
    """Seconds from `since` until the page at `url` passes `test`."""
    while time.monotonic() - since < PATIENCE:
        text = page(url)
        if text is not None and test(text):
            return time.monotonic() - since
        time.sleep(POLL)
    raise SystemExit(f"{url}: not shown within {PATIENCE} s")


class Served:
    """`mkdocs serve` of a project, its log kept to count the builds."""

    def __init__(self, project: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = open(project.parent / f"{project.name}-serve.log", "w+")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=project, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def builds(self) -> int:
        self.log.seek(0)
        return self.log.read().count("Building documentation")

    def idle(self) -> None:
        """Wait until every build has published its search index (the server is idle)."""
        while time.monotonic() - self.started < PATIENCE * 4:
            self.log.seek(0)
            text = self.log.read()
            published = text.count("search index published") + text.count("index dropped")
            if published >= text.count("Building documentation"):
                time.sleep(1)  # (and the quiet after it: the collection of garbage)
                return
            time.sleep(POLL)

    def close(self) -> None:
        # (Ctrl-C, as a user stops it: MkDocs removes its temporary site, 1 GB at
        # 50,000 papers, which SIGTERM left behind.)
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def catalogue_loop(out: Path, papers: int) -> dict:
    project = make_project(out / f"serve-{papers}", papers)
    served = Served(project)
    try:
        figures = {"first page": shown(served.url, lambda t: "papers" in t, served.started)}
        builds = served.builds()
        paper = sorted((project / "docs" / "papers").glob("*.md"))[0].stem
        address = f"{served.url}papers/{paper}/"
        topic = "surveys" if "topics/surveys/" not in (page(address) or "") else "robotics"
        start = time.monotonic()
        (project / "dumps" / "overrides.yml").write_text(f"{paper}:\n  topics: [+{topic}]\n")
        figures["override"] = shown(address, lambda t: f"topics/{topic}/" in t, start)
        # The edits after it, once the server is idle (a curator reads before editing
        # again): the first edit also races the first build's search index.
        later = []
        for other in ("robotics" if topic == "surveys" else "surveys", topic) * 2:
            served.idle()
            start = time.monotonic()
            (project / "dumps" / "overrides.yml").write_text(f"{paper}:\n  topics: [+{other}]\n")
            later.append(shown(address, lambda t, o=other: f"topics/{o}/" in t, start))
        figures["override, idle"] = statistics.median(later)
        served.idle()
        figures["taxonomy keyword"] = keyword_added(project, served.url)
        new = out / f"serve-{papers}-new"
        write_dumps(new, NEW_PAPERS, first=papers * 10)
        dump = sorted(new.iterdir())[-1]
        title = dump.read_text().split("\n\n")[6].strip()  # (its first paper's)
        start = time.monotonic()
        os.rename(dump, project / "dumps" / dump.name)
        top = f"{served.url}top/"
        figures["new dump"] = shown(top, lambda t: title in t, start)
        start = time.monotonic()
        (project / "dumps" / dump.name).unlink()
        figures["dump removed"] = shown(top, lambda t: title not in t, start)
        time.sleep(3)  # (a second build, if an edit started one, shows in the log by now)
        figures["builds per edit"] = (served.builds() - builds) / 8
    finally:
        served.close()
    discard(project, project)
    discard(new, project)
    return figures


def keyword_added(project: Path, url: str) -> float:
    """Seconds from adding a word of a paper's title to a topic's keywords to the
    paper's page linking the topic."""
    paper = sorted((project / "docs" / "papers").glob("*.md"))[1]
    title = frontmatter.load(paper)["title"]
    word = max(re.findall(r"[A-Za-z]{5,}", title), key=len)
    address = f"{url}papers/{paper.stem}/"
    shown_now = page(address) or ""
    taxonomy = project / "generator" / "topics.yml"
    slugs = [topic["slug"] for topic in yaml.safe_load(taxonomy.read_text())]
    topic = next(slug for slug in slugs if f"topics/{slug}/" not in shown_now)
    lines = taxonomy.read_text().split("\n")
    at = lines.index(f"- slug: {topic}")
    at = next(k for k in range(at, len(lines)) if lines[k] == "  keywords:")
    lines.insert(at + 1, f"    - {word}")
    start = time.monotonic()
    taxonomy.write_text("\n".join(lines))
    return shown(address, lambda t: f"topics/{topic}/" in t, start)


def bare_loop(out: Path, pages: int) -> dict:
    project = make_bare_project(out / f"serve-bare-{pages}", pages)
    served = Served(project)
    try:
        figures = {"first page": shown(served.url, lambda t: "Bare" in t, served.started)}
        start = time.monotonic()
        with open(project / "docs" / "papers" / "paper-0.md", "a") as edited:
            edited.write("\nEdited by hand.\n")
        figures["page edited"] = shown(
            f"{served.url}papers/paper-0/", lambda t: "Edited by hand." in t, start
        )
    finally:
        served.close()
    discard(project, project)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    print(machine(), flush=True)
    sample = sample_papers()
    for size in (int(s) for s in args.sizes.split(",")):
        ours, bare = catalogue_loop(args.out, size), bare_loop(args.out, size + sample)
        print(f"\n== {size:,} papers (and the sample's {sample}; the bare site has as many pages)")
        for name, value in ours.items():
            unit = "" if name == "builds per edit" else " s"
            print(f"catalogue {name:16} {value:6.1f}{unit}")
        for name, value in bare.items():
            print(f"bare      {name:16} {value:6.1f} s")
        print(
            f"first page: catalogue / bare x{ours['first page'] / bare['first page']:.2f}; "
            f"override / bare edit x{ours['override'] / bare['page edited']:.2f}",
            flush=True,
        )
    empty_trash(args.out)


if __name__ == "__main__":
    main()
