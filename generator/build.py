"""The pipeline: read every dump, merge, assign topics, render, then write.

Everything is read and rendered before anything is written, so a bad dump
found late never leaves the docs directory half updated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .dates import capture_date, load_manifest
from .merge import merge_papers
from .model import DumpResult, Problem
from .parse import parse_dump
from .render import Catalogue, render_site
from .search_index import ENTRIES_FILE, INDEX_FILE, render_search
from .topics import DEFAULT_TAXONOMY, TopicMatcher, load_taxonomy
from .write import WriteReport, write_pages

DUMP_SUFFIX = ".txt"

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


@dataclass
class BuildReport:
    dumps: int = 0
    records: int = 0
    papers: int = 0
    topics: int = 0
    problems: list[Problem] = field(default_factory=list)
    written: WriteReport | None = None

    @property
    def summary(self) -> str:
        line = (
            f"{self.dumps} dumps, {self.records} records, {self.papers} papers, "
            f"{self.topics} topics, {len(self.problems)} problems"
        )
        if self.written:
            w = self.written
            line += f"; pages: {w.written} written, {w.unchanged} unchanged, {w.removed} removed"
        else:
            line += "; nothing written"
        return line


def dump_files(dumps_dir: Path) -> list[Path]:
    return sorted(p for p in dumps_dir.iterdir() if p.is_file() and p.suffix == DUMP_SUFFIX)


def read_dumps(paths: list[Path], manifest: dict, progress: Progress = _quiet) -> list[DumpResult]:
    results = []
    for number, path in enumerate(paths, start=1):
        try:
            data = path.read_bytes()
        except OSError as exc:
            result = DumpResult(path.name, None)
            result.problems.append(Problem(str(path), 0, f"cannot read: {exc.strerror}"))
            results.append(result)
            continue
        result = parse_dump(data, path.name, capture_date(path.name, manifest))
        # Sources name the dump as the repository does; problems give a path to open.
        result.problems = [Problem(str(path), p.line, p.message) for p in result.problems]
        progress(f"[{number}/{len(paths)}] {path}: {len(result.papers)} records")
        results.append(result)
    return results


def collect(
    dumps_dir: Path, taxonomy_path: Path = DEFAULT_TAXONOMY, progress: Progress = _quiet
) -> tuple[Catalogue, BuildReport]:
    """Read and merge everything; no I/O beyond reading."""
    report = BuildReport()
    taxonomy = load_taxonomy(taxonomy_path)
    manifest = load_manifest(dumps_dir)
    paths = dump_files(dumps_dir)
    dumps = read_dumps(paths, manifest, progress)
    for result in dumps:
        report.problems.extend(result.problems)
    records = [p for d in dumps for p in d.papers]
    papers, collisions = merge_papers(records)
    report.problems.extend(collisions)
    matcher = TopicMatcher(taxonomy)
    papers = [matcher.assign(p) for p in papers]
    report.dumps, report.records, report.papers = len(paths), len(records), len(papers)
    report.topics = len(taxonomy)
    return Catalogue(papers=papers, taxonomy=taxonomy, dumps=dumps), report


def _previous_search(docs_dir: Path) -> dict[str, str]:
    """The search files of the last build: an unchanged catalogue reuses its index."""
    previous = {}
    for rel in (ENTRIES_FILE, INDEX_FILE):
        try:
            previous[rel] = (docs_dir / rel).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            pass
    return previous


def build(
    dumps_dir: Path,
    docs_dir: Path,
    strict: bool = False,
    taxonomy_path: Path = DEFAULT_TAXONOMY,
    progress: Progress = _quiet,
) -> BuildReport:
    """Generate the pages. With problems, strict writes nothing; lenient keeps old pages."""
    catalogue, report = collect(dumps_dir, taxonomy_path, progress)
    if strict and report.problems:
        return report
    pages = render_site(catalogue)
    progress("search index")
    pages.update(render_search(catalogue, docs_dir, _previous_search(docs_dir)))
    progress(f"writing {len(pages)} pages to {docs_dir}")
    # Pages of papers that vanished are only removed by a clean build: a dump
    # that failed to parse must not take its papers' pages down with it.
    report.written = write_pages(docs_dir, pages, remove_stale=not report.problems)
    return report
