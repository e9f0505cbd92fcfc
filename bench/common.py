"""Helpers shared by the benchmarks: scratch projects, measured runs, sizes."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import threading
import time
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
    peak_mb: float  # the largest memory use (PSS) of the command and all its processes together
    stdout: str
    stderr: str


def _tree_memory(root: int) -> int:
    """Bytes of memory used by `root` and all its descendants: the sum of their
    proportional set sizes, so pages that forked workers share with their
    parent are counted once, not once per process."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue  # gone meanwhile
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += (
            next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
            * 1024
        )
    return total


def measured(args: list[str], cwd: Path, **env: str) -> Run:
    """Run a command: wall time and peak memory of its whole process tree (sampled
    every 50 ms, less often for large trees); stop the benchmark if it fails."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), **env}
    # Start from a quiet disk: files earlier steps wrote (or deleted) must not be
    # flushed on this command's time.
    os.sync()
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=cwd, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = 0
    out: dict[str, str] = {}
    readers = [
        threading.Thread(target=lambda name=name, f=f: out.__setitem__(name, f.read()))
        for name, f in (("stdout", proc.stdout), ("stderr", proc.stderr))
    ]
    for reader in readers:
        reader.start()
    while proc.poll() is None:
        sampled = time.perf_counter()
        peak = max(peak, _tree_memory(proc.pid))
        # Reading a large process's smaps_rollup takes the kernel 20 ms or more
        # (sampling every 50 ms took 16% of a core from a 100k-record build):
        # wait 20 times as long as the sample took, so it takes under 5% of one.
        time.sleep(max(0.05, 20 * (time.perf_counter() - sampled)))
    seconds = time.perf_counter() - start
    for reader in readers:
        reader.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{out['stderr'][-3000:]}")
    return Run(seconds, peak / 2**20, out["stdout"], out["stderr"])


# Folders the benchmark is done with are moved into a trash folder beside the
# projects and deleted when it ends: for minutes after tens of thousands of
# files are deleted, ext4 checks each freed inode it comes across when it
# creates a file (recently_deleted() in ext4_create, seen with perf), which made
# the next measured build's writing up to 5 times slower.
TRASH = ".trash"


def discard(path: Path, project: Path) -> None:
    """Move `path` (a file or folder of `project`, or the project) into the trash."""
    if path.exists():
        trash = project.parent / TRASH
        trash.mkdir(parents=True, exist_ok=True)
        path.rename(trash / f"{len(os.listdir(trash))}-{path.name}")


def empty_trash(out: Path) -> None:
    shutil.rmtree(out / TRASH, ignore_errors=True)


def make_project(dest: Path, papers: int, first: int = 0) -> Path:
    """A copy of the project (code, config, hand-written pages) with the sample
    dumps and their topic labels, as the project ships them (so the topic model
    learns in every build, as it does in a catalogue grown from the sample), and
    `papers` synthetic papers beside them (sample_papers() more in all)."""
    discard(dest, dest)
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
    shutil.copytree(ROOT / "dumps", dest / "dumps")
    if papers:
        write_dumps(dest / "dumps", papers, first=first)
    return dest


def sample_papers() -> int:
    """How many papers the sample dumps hold: a bare site to compare with has as
    many more pages."""
    from generator.config import Settings
    from generator.pipeline import collect

    settings = Settings(
        dumps=ROOT / "dumps", docs=ROOT / "docs", taxonomy=ROOT / "generator" / "topics.yml",
        cache=None, workers=1,
    )  # fmt: skip
    return len(collect(settings)[0].papers)


def make_bare_project(dest: Path, pages: int) -> Path:
    """MkDocs + Material with `pages` minimal pages out of the nav: the floor to compare with."""
    discard(dest, dest)
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
