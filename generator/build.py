"""The pipeline: read every dump, merge, assign topics, render, then write.

Everything is read before anything is written, so a bad dump found late
never leaves the docs directory half updated. Reading and writing the paper
pages are spread over all cores (parallel.py).
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .cache import BuildCache, pickled
from .dates import capture_date, load_manifest
from .memory import cycle_collector_paused
from .merge import merge_papers
from .model import DumpResult, Problem
from .parallel import fork_map, shares, worker_count
from .parse import parse_dump
from .render import PAPERS_DIR, Catalogue, paper_path, render_index_pages, render_paper_pages
from .search_index import update_index
from .topics import DEFAULT_TAXONOMY, TopicMatcher, load_taxonomy
from .write import WriteReport, remove_stale, write_pages

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
    """Each dump's records (with topics, given a matcher), from the cache when
    unchanged; the others are parsed by forked workers, all cores at once."""
    results: list[DumpResult | None] = []
    to_parse: list[tuple[int, Path, bytes, dt.date | None, str]] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            result = DumpResult(path.name, None)
            result.problems.append(Problem(str(path), 0, f"cannot read: {exc.strerror}"))
            results.append(result)
            continue
        captured = capture_date(path.name, manifest)
        key = cache.dump_key(path.name, data, captured) if cache else ""
        results.append(cache.get_dump(key) if cache else None)
        if results[-1] is None:
            to_parse.append((len(results) - 1, path, data, captured, key))

    def parse(k: int) -> bytes:
        _, path, data, captured, key = to_parse[k]
        result = parse_dump(data, path.name, captured, matcher.topics if matcher else None)
        # Sources name the dump as the repository does; problems give a path to open.
        result.problems = [Problem(str(path), p.line, p.message) for p in result.problems]
        blob = pickled(result)  # once, for the cache and for the way back
        if cache:
            cache.put_dump(key, blob)
        return blob

    for job, blob in zip(to_parse, fork_map(parse, range(len(to_parse)))):
        results[job[0]] = pickle.loads(blob)
    for number, (path, result) in enumerate(zip(paths, results), start=1):
        progress(f"[{number}/{len(paths)}] {path}: {len(result.papers)} records")
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
    # (Sources name a dump by its file name; a problem gives the path to open.)
    report.problems.extend(Problem(str(dumps_dir / c.file), c.line, c.message) for c in collisions)
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
    on_collected: Callable[[Catalogue], None] | None = None,
) -> BuildReport:
    """Generate the pages (and, with `search`, the search index into the cache).
    `on_collected` gets the catalogue before the pages are written (the MkDocs
    hooks start the search index then, beside the writing).

    With problems, strict writes nothing; lenient keeps the old pages of papers
    it could not read. Unchanged dumps and papers are taken from the cache.
    """
    cache = BuildCache(cache_dir, taxonomy_path.read_bytes()) if cache_dir else None
    catalogue, report = collect(dumps_dir, taxonomy_path, progress, cache)
    report.catalogue = catalogue
    if strict and report.problems:
        return report
    if on_collected:
        on_collected(catalogue)
    # A paper page whose paper is as it was last written from, and is still there, stays.
    previous = cache.rendered_papers() if cache else {}
    # (One listing of the folder, not a file check per paper: after a large build
    # has filled the disk cache with other files, those checks were disk reads.)
    (docs_dir / PAPERS_DIR).mkdir(parents=True, exist_ok=True)
    present = set(os.listdir(docs_dir / PAPERS_DIR))
    kept = frozenset(
        paper_path(p)
        for p in catalogue.papers
        if p.id in previous
        and previous[p.id] == cache.signature(p)
        and paper_path(p).rpartition("/")[2] in present
    )
    to_render = [p for p in catalogue.papers if paper_path(p) not in kept]
    progress(
        f"writing {len(to_render)} paper pages and the index pages to {docs_dir}, "
        f"{len(kept)} paper pages unchanged"
    )

    # Forked workers render and write the pages (a worker is handed only a
    # task's number: it has the catalogue already): the topic, date and home
    # pages and the page cache first, beside the first shares of the paper
    # pages; many more shares than workers, so that one finishing early takes the
    # next (with 4 per worker, one worker sat idle for the last 2 s at 100,000 records).
    parts = shares(to_render, 32 * worker_count())

    def write_part(k: int) -> tuple[int, int, list[str]]:
        """(written, unchanged, index pages' paths) of task k."""
        if k == 0:
            index_pages = render_index_pages(catalogue)
            written = write_pages(docs_dir, index_pages.items())
            if cache:
                cache.put_rendered_papers(catalogue.papers)
            return (*written, list(index_pages))
        pages = render_paper_pages(parts[k - 1], catalogue.taxonomy)
        return (*write_pages(docs_dir, pages, {docs_dir / PAPERS_DIR: present}), [])

    if cache:
        cache.pages_writing()
    results = fork_map(write_part, range(len(parts) + 1))
    written = sum(r[0] for r in results)
    unchanged = sum(r[1] for r in results)
    # Pages of papers that vanished are only removed by a clean build: a dump
    # that failed to parse must not take its papers' pages down with it.
    removed = 0
    if not report.problems:
        current = kept | set(results[0][2]) | {paper_path(p) for p in to_render}
        removed = remove_stale(docs_dir, current)
    report.written = WriteReport(written, len(kept) + unchanged, removed)
    if cache:
        cache.pages_written()
        if not report.problems:
            cache.prune_dumps()
        if search:
            progress("search index")
            update_index(catalogue, docs_dir, cache_dir)
    return report
