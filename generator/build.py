"""The pipeline: read every dump, merge, assign topics, render, then write.

Everything is read and rendered before anything is written, so a bad dump
found late never leaves the docs directory half updated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .cache import BuildCache
from .dates import capture_date, load_manifest
from .memory import cycle_collector_paused
from .merge import merge_papers
from .model import DumpResult, Problem
from .parse import parse_dump
from .render import Catalogue, paper_path, render_site
from .search_index import update_index
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
    catalogue: Catalogue | None = None

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


def read_dumps(
    paths: list[Path],
    manifest: dict,
    progress: Progress = _quiet,
    matcher: TopicMatcher | None = None,
    cache: BuildCache | None = None,
) -> list[DumpResult]:
    """Each dump's records (with topics, given a matcher), from the cache when unchanged."""
    results = []
    for number, path in enumerate(paths, start=1):
        try:
            data = path.read_bytes()
        except OSError as exc:
            result = DumpResult(path.name, None)
            result.problems.append(Problem(str(path), 0, f"cannot read: {exc.strerror}"))
            results.append(result)
            continue
        captured = capture_date(path.name, manifest)
        key = cache.dump_key(path.name, data, captured) if cache else ""
        result = cache.get_dump(key) if cache else None
        if result is None:
            result = parse_dump(data, path.name, captured)
            if matcher:
                result.papers = [matcher.assign(p) for p in result.papers]
            # Sources name the dump as the repository does; problems give a path to open.
            result.problems = [Problem(str(path), p.line, p.message) for p in result.problems]
            if cache:
                cache.put_dump(key, result)
        progress(f"[{number}/{len(paths)}] {path}: {len(result.papers)} records")
        results.append(result)
    return results


def collect(
    dumps_dir: Path,
    taxonomy_path: Path = DEFAULT_TAXONOMY,
    progress: Progress = _quiet,
    cache: BuildCache | None = None,
) -> tuple[Catalogue, BuildReport]:
    """Read and merge everything; no I/O beyond reading (and the cache)."""
    report = BuildReport()
    taxonomy = load_taxonomy(taxonomy_path)
    manifest = load_manifest(dumps_dir)
    paths = dump_files(dumps_dir)
    # Topics are assigned to each record as it is read (and cached with it); a
    # merged paper keeps the title and abstract, so the topics, of its newest record.
    dumps = read_dumps(paths, manifest, progress, TopicMatcher(taxonomy), cache)
    for result in dumps:
        report.problems.extend(result.problems)
    records = [p for d in dumps for p in d.papers]
    papers, collisions = merge_papers(records)
    report.problems.extend(collisions)
    report.dumps, report.records, report.papers = len(paths), len(records), len(papers)
    report.topics = len(taxonomy)
    return Catalogue(papers=papers, taxonomy=taxonomy, dumps=dumps), report


@cycle_collector_paused()
def build(
    dumps_dir: Path,
    docs_dir: Path,
    strict: bool = False,
    taxonomy_path: Path = DEFAULT_TAXONOMY,
    progress: Progress = _quiet,
    cache_dir: Path | None = None,
    search: bool = True,
) -> BuildReport:
    """Generate the pages (and, with `search`, the search index into the cache).

    With problems, strict writes nothing; lenient keeps the old pages of papers
    it could not read. Unchanged dumps and papers are taken from the cache.
    """
    cache = BuildCache(cache_dir, taxonomy_path.read_bytes()) if cache_dir else None
    catalogue, report = collect(dumps_dir, taxonomy_path, progress, cache)
    report.catalogue = catalogue
    if strict and report.problems:
        return report
    # A paper page whose paper is as it was last written, and is still there, stays.
    previous = cache.rendered_papers() if cache else {}
    kept = frozenset(
        paper_path(p)
        for p in catalogue.papers
        if previous.get(p.id) == p and (docs_dir / paper_path(p)).is_file()
    )
    pages = render_site(catalogue, skip=kept)
    progress(f"writing {len(pages)} pages to {docs_dir}, {len(kept)} paper pages unchanged")
    # Pages of papers that vanished are only removed by a clean build: a dump
    # that failed to parse must not take its papers' pages down with it.
    report.written = write_pages(docs_dir, pages, remove_stale=not report.problems, kept=kept)
    if cache:
        cache.put_rendered_papers({p.id: p for p in catalogue.papers})
        if not report.problems:
            cache.prune_dumps()
        if search:
            progress("search index")
            update_index(catalogue, docs_dir, cache_dir)
    return report
