"""Helpers shared by the benchmarks: scratch projects, measured runs, sizes."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import write_dumps  # noqa: E402

PROJECT_FILES = ("mkdocs.yml", "overrides", "generator")
HAND_WRITTEN = ("about.md", "search.md", "assets")


@dataclass
class Run:
    seconds: float
    peak_mb: float  # the largest resident set of the process or any child it waited for
    stdout: str
    stderr: str


# Runs the command as its child: RUSAGE_CHILDREN then holds the peak of that
# command (and of any process it waited for) alone.
WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:])
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"@@measured {seconds:.3f} {peak:.1f}", file=sys.stderr)
sys.exit(code)
"""


def measured(args: list[str], cwd: Path, **env: str) -> Run:
    """Run a command: wall time and peak memory; stop the benchmark if it fails."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), **env}
    proc = subprocess.run(
        [sys.executable, "-c", WRAPPER, *args], cwd=cwd, env=full_env, capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    line = [x for x in proc.stderr.splitlines() if x.startswith("@@measured ")][-1]
    _, seconds, peak = line.split()
    return Run(float(seconds), float(peak), proc.stdout, proc.stderr)


def make_project(dest: Path, papers: int | None, first: int = 0) -> Path:
    """A copy of the project (code, config, hand-written pages) with synthetic dumps,
    or the sample dumps when `papers` is None."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, dest / name)
    (dest / "docs").mkdir()
    for name in HAND_WRITTEN:
        source = ROOT / "docs" / name
        if source.is_dir():
            shutil.copytree(source, dest / "docs" / name)
        else:
            shutil.copy(source, dest / "docs" / name)
    if papers is None:
        shutil.copytree(ROOT / "dumps", dest / "dumps")
    else:
        write_dumps(dest / "dumps", papers, first=first)
    return dest


def make_bare_project(dest: Path, pages: int) -> Path:
    """MkDocs + Material with `pages` minimal pages out of the nav: the floor to compare with."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "docs" / "papers").mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(
        "site_name: Bare\ntheme:\n  name: material\nplugins: []\n"
        "nav:\n  - Home: index.md\nnot_in_nav: |\n  /papers/\n"
    )
    (dest / "docs" / "index.md").write_text("# Bare\n")
    for i in range(pages):
        (dest / "docs" / "papers" / f"paper-{i}.md").write_text(
            f"# Paper {i}\n\nA minimal page standing for paper {i}.\n"
        )
    return dest


def tree_bytes(folder: Path, pattern: str = "*") -> tuple[int, int]:
    """Total bytes and number of files matching `pattern` under `folder`."""
    files = [p for p in folder.rglob(pattern) if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes()))


def machine() -> str:
    cpus = os.cpu_count()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        model = "unknown CPU"
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpus} cores ({model}), {mem:.0f} GiB, Python {sys.version.split()[0]}"
