"""The order of the stages: read → catalogue → pages → search → publish.

Everything is read before anything is written, so a bad dump found late never
leaves the docs folder half updated. Reading the dumps and writing the pages
are spread over forked workers (runtime/parallel.py).
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from . import urls
from .catalogue.curation import curate
from .catalogue.merge import merge_papers
from .catalogue.related import count_terms, related_papers, term_vectors
from .catalogue.taxonomy import load_taxonomy
from .catalogue.topic_model import MIN_LABELLED, keyword_signals, learn_topics
from .catalogue.topics import TopicMatcher
from .config import Settings
from .model import Catalogue, InputError, Paper, Problem
from .pages.bibtex import cite_keys, entry
from .pages.exports import add_lines, export_files, export_paths
from .pages.feeds import Feeds, feed_paths
from .pages.listings import INDEX_PARTS, PaperCards, render_index_pages
from .pages.paper import PaperRenderer, page_url, render_paper_pages
from .pages.templates import TemplateFailed, Templates
from .publish.cache import BuildCache
from .publish.write import WriteReport, remove_stale, write_pages
from .read.captures import load_manifest
from .read.dumps import dump_files, read_dumps, unread_files
from .read.labels import load_labels
from .read.overrides import OVERRIDES_NAME, load_overrides
from .read.pages_pinned import load_pins
from .runtime.memory import cycle_collector_paused, return_freed_memory
from .runtime.parallel import fork_map, shares
from .search.index import update_index

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
    notes: list[Problem] = field(default_factory=list)  # never fail a strict build
    rendered: int = 0  # paper pages made anew (the others were as last written)
    feeds: bool = False  # written: only a site with an address has feeds
    seconds: dict[str, float] = field(default_factory=dict)  # stages timed, for benchmarks
    written: WriteReport | None = None
    catalogue: Catalogue | None = None
    # With downloads_later: writes the exports and feeds into the docs folder and
    # the folder given (the site's); in a forked process, after the pages.
    downloads: Callable[[Path | None], None] | None = None

    @property
    def summary(self) -> str:
        line = (
            f"{self.dumps} dumps, {self.records} records, {self.papers} papers, "
            f"{self.topics} topics, {len(self.problems)} problems"
        )
        if self.notes:
            line += f", {len(self.notes)} notes"
        if self.written:
            w = self.written
            line += f"; pages: {w.written} written, {w.unchanged} unchanged, {w.removed} removed"
            if not self.feeds:
                line += "; no feeds (they need the site's address: site_url, --site-url)"
        else:
            line += "; nothing written"
        return line


def open_cache(settings: Settings) -> BuildCache | None:
    if settings.cache is None:
        return None
    return BuildCache(settings.cache, settings.taxonomy.read_bytes())


def collect(
    settings: Settings, progress: Progress = _quiet, cache: BuildCache | None = None
) -> tuple[Catalogue, BuildReport]:
    """Read and merge everything; no I/O beyond reading (and the cache).
    An unusable taxonomy, capture manifest or overrides file raises InputError."""
    report = BuildReport()
    if not settings.dumps.is_dir():
        raise InputError(
            [
                Problem(
                    str(settings.dumps),
                    0,
                    "no such folder (the option `dumps` names the folder of dumps)",
                )
            ]
        )
    taxonomy = load_taxonomy(settings.taxonomy)
    manifest = load_manifest(settings.dumps)
    overrides, problems = load_overrides(settings.dumps)
    labels, mislabelled, notes = load_labels(settings.dumps, frozenset(t.slug for t in taxonomy))
    report.problems.extend(mislabelled)
    report.notes.extend(notes)
    report.problems.extend(problems)
    paths = dump_files(settings.dumps)
    report.notes.extend(unread_files(settings.dumps))
    # Topics are assigned to each record as it is read (and cached with it); a
    # merged paper keeps the title and abstract, so the topics, of its newest
    # record; then a curator's overrides apply, and the labelled and curated
    # papers teach the others (topic_model.py).
    matcher = TopicMatcher(taxonomy)
    dumps = read_dumps(
        paths,
        manifest,
        settings.workers,
        matcher.topics_and_evidence,
        cache,
        progress,
        terms_of=count_terms,
        signals_of=functools.partial(keyword_signals, matcher=matcher),
    )
    for result in dumps:
        report.problems.extend(result.problems)
        report.notes.extend(result.notes)
    records = [p for d in dumps for p in d.papers]
    pinned, unpinnable = load_pins(settings.dumps)
    report.problems.extend(unpinnable)
    merged = cache.merged(dumps, pinned) if cache and settings.builds_again else None
    if merged is None:
        merged = merge_papers(records, pinned)
        if cache and settings.builds_again:
            cache.put_merged(dumps, pinned, merged)
    papers, collisions = merged
    # (Sources name a dump by its file name; a problem gives the path to open.)
    report.problems.extend(
        Problem(str(settings.dumps / c.file), c.line, c.message) for c in collisions
    )
    papers, curated = curate(papers, overrides, taxonomy, str(settings.dumps / OVERRIDES_NAME))
    report.problems.extend(curated)
    report.dumps, report.records, report.papers = len(paths), len(records), len(papers)
    report.topics = len(taxonomy)
    start = time.perf_counter()
    # (The related papers of the same texts are the cache's: a curator's edit finds none anew.)
    related = cache.related(papers) if cache else None
    # The labelled papers and those a curator fixed teach the topics of the others.
    fixed = {o.paper_id for o in overrides}
    labels.update((p.id, frozenset(p.topics)) for p in papers if p.id in fixed)
    vectors = None
    if related is None or len(labels) >= MIN_LABELLED:
        # (Under serve, a curator's edit finds them in memory: cache.vectors.)
        vectors = cache.vectors(papers) if cache and settings.builds_again else None
        if vectors is None:
            counted = [(d.papers, d.terms) for d in dumps if d.terms is not None]
            vectors = term_vectors(papers, settings.workers, counted)
            if cache and settings.builds_again:
                cache.put_vectors(papers, vectors)
    found = [(d.papers, d.signals) for d in dumps if d.signals is not None]
    papers = learn_topics(
        papers,
        matcher,
        vectors,
        labels,
        frozenset(fixed),
        settings.workers,
        found,
        again=settings.builds_again,
    )
    report.seconds["topics"] = time.perf_counter() - start
    start = time.perf_counter()
    if related is None:
        related = related_papers(papers, settings.workers, found=vectors)
        if cache:
            cache.put_related(papers, related)
    report.seconds["related"] = time.perf_counter() - start
    return Catalogue(papers=papers, taxonomy=taxonomy, dumps=dumps, related=related), report


def exports(
    catalogue: Catalogue,
    site_url: str | None,
    entries: dict[str, str],
    keys: dict[str, str],
    lines: dict[str, tuple[bytes, bytes]],
) -> Iterator[tuple[str, bytes]]:
    """The export files, made one at a time (export_files); `entries` are the
    papers' BibTeX entries, those missing are added now (with their `keys`);
    `lines` their JSON and CSV lines, likewise."""
    for p in catalogue.papers:
        if p.id not in entries:
            entries[p.id] = entry(p, page_url(p.id, site_url), keys[p.id])
    add_lines(catalogue.papers, lines)
    return export_files(catalogue, entries, lines)


def _still_made(cache: BuildCache | None, kind: str, papers: list[Paper], made_from) -> dict:
    """Paper id -> what the last build made of `kind` (BuildCache.made) of each of
    the papers that is still made from the same."""
    stored = cache.made(kind) if cache else {}
    return {
        p.id: stored[p.id][1] for p in papers if p.id in stored and stored[p.id][0] == made_from(p)
    }


def _keep_made(cache: BuildCache | None, kind: str, papers: list[Paper], made_from, made: dict):
    """What this build `made` of `kind`, kept with what it was made from."""
    if cache:
        cache.put_made(kind, {p.id: (made_from(p), made[p.id]) for p in papers if p.id in made})


@cycle_collector_paused()
def build(
    settings: Settings,
    progress: Progress = _quiet,
    search: bool = True,
    on_collected: Callable[[Catalogue], None] | None = None,
    on_lists_written: Callable[[Catalogue], None] | None = None,
    downloads_later: bool = False,
) -> BuildReport:
    """Generate the pages (and, with `search`, the search files into the cache).
    `on_collected` gets the catalogue before the pages are written
    (bench/stages.py times the search index there, apart from the pages);
    `on_lists_written` gets it once the list pages, exports and feeds are
    written, while the paper pages are (the MkDocs plugin starts the search
    index then: their memory and the index's must not add up). With
    `downloads_later` (under serve), the exports and feeds are left to
    `report.downloads`, for after the pages: where one is not there yet, an
    empty file stands for it (the pages' links to it resolve).

    With problems, strict writes nothing; lenient keeps the old pages of papers
    it could not read. Unchanged dumps and papers are taken from the cache.
    """
    cache = open_cache(settings)
    catalogue, report = collect(settings, progress, cache)
    report.catalogue = catalogue
    if settings.strict and report.problems:
        return report
    if on_collected:
        on_collected(catalogue)
    docs = settings.docs
    # A paper page whose paper is as it was last written from, and is still there, stays.
    previous = cache.rendered_papers() if cache else {}
    # (One listing of the folder, not a file check per paper: after a large build
    # has filled the disk cache with other files, those checks were disk reads.)
    (docs / urls.PAPERS).mkdir(parents=True, exist_ok=True)
    present = set(os.listdir(docs / urls.PAPERS))

    # What each paper was read from (its dumps and lines: BuildCache.signature), once.
    read_from = {p.id: cache.signature(p) for p in catalogue.papers} if cache else {}
    # A BibTeX entry is made from its paper, its key and the page's address.
    keys = cite_keys(catalogue.papers)

    def cited_from(paper):
        return read_from[paper.id], settings.site_url, keys[paper.id]

    entries = _still_made(cache, "entries", catalogue.papers, cited_from)
    templates = Templates(settings.templates)

    # A paper's lines in the JSON and CSV exports are made from its records and
    # topics; its card in the lists, from those and the card template.
    def lines_made_from(paper):
        return read_from[paper.id], paper.topics

    def card_made_from(paper):
        return read_from[paper.id], paper.topics, templates.digest

    render = PaperRenderer(catalogue, settings.site_url, entries, templates, keys)
    if catalogue.papers:  # (a template that fails does so before any page is written)
        first = catalogue.papers[0]
        try:
            render(first)
            PaperCards(templates)([first], urls.HOME)
        except TemplateFailed as exc:
            raise InputError([Problem(exc.template, 0, exc.message)]) from None

    # A page shows its paper (its records, and its topics, which a curator may
    # have changed), its related papers' titles and shared words, and cites its
    # own address.
    def signature(paper):
        related = tuple(
            (r.id, render.titles[r.id], r.shared) for r in catalogue.related.get(paper.id, ())
        )
        return (
            read_from[paper.id],
            paper.topics,
            paper.evidence,
            related,
            settings.site_url,
            templates.digest,
        )

    signatures = {p.id: signature(p) for p in catalogue.papers} if cache else {}
    kept = frozenset(
        urls.paper_page(p.id)
        for p in catalogue.papers
        if p.id in previous
        and previous[p.id] == signatures[p.id]
        and urls.paper_page(p.id).rpartition("/")[2] in present
    )
    to_render = [p for p in catalogue.papers if urls.paper_page(p.id) not in kept]
    report.rendered = len(to_render)
    progress(
        f"writing {len(to_render)} paper pages and the index pages to {docs}, "
        f"{len(kept)} paper pages unchanged"
    )

    # Forked workers render and write the pages (a worker is handed only a
    # task's number: it has the catalogue already): first the topic, date and
    # home pages (in two parts, one a worker) and the page cache, then (unless
    # they follow the pages) the exports and the feeds (a site with an address
    # has feeds), beside the first shares of the paper pages; many more shares
    # than workers, so that one finishing early takes the next (with 4 per
    # worker, one worker sat idle for the last 2 s at 100,000 records).
    parts = shares(to_render, 32 * settings.workers)
    tasks = [*INDEX_PARTS, *([] if downloads_later else ["exports", "feeds"])]
    lists = len(tasks)

    def write_part(k: int) -> tuple[int, int, list[str]]:
        """(written, unchanged, paths of the pages other than paper pages) of task k."""
        if k < lists:
            try:
                return list_part(tasks[k])
            finally:
                return_freed_memory()
        pages = render_paper_pages(parts[k - lists], render)
        return (*write_pages(docs, pages, {docs / urls.PAPERS: present}), [])

    def list_part(task: str) -> tuple[int, int, list[str]]:
        """A part of the topic, date and home pages; or the exports, or the feeds."""
        if task in INDEX_PARTS:
            table = PaperCards(
                templates, _still_made(cache, "cards", catalogue.papers, card_made_from)
            )
            feeds = bool(settings.site_url)
            index_pages = render_index_pages(catalogue, templates, feeds, table, (task,))
            written = write_pages(docs, index_pages.items())
            if cache and task == "topics":
                cache.put_rendered_papers(signatures)
            if task == "dates":  # (every paper's card: every paper is on a date page)
                _keep_made(cache, "cards", catalogue.papers, card_made_from, table.made)
            return (*written, list(index_pages))
        return (*write_pages(docs, downloads(task)), download_paths(task))

    def downloads(task: str) -> Iterable[tuple[str, str | bytes]]:
        """The exports, or the feeds (a site with an address has feeds): (path, text),
        made as they are taken."""
        if task == "exports":
            lines = _still_made(cache, "exports", catalogue.papers, lines_made_from)
            files = exports(catalogue, settings.site_url, entries, keys, lines)
            _keep_made(cache, "entries", catalogue.papers, cited_from, entries)
            _keep_made(cache, "exports", catalogue.papers, lines_made_from, lines)
            return files
        return Feeds(catalogue, settings.site_url).pages().items() if settings.site_url else ()

    def download_paths(task: str) -> list[str]:
        """The paths `downloads(task)` makes, without making them."""
        if task == "exports":
            return export_paths(catalogue.taxonomy)
        return feed_paths(catalogue.taxonomy) if settings.site_url else []

    if cache:
        cache.pages_writing()

    def arrived(k: int) -> None:
        if k == lists - 1 and on_lists_written:  # (results arrive in order: the lists are done)
            on_lists_written(catalogue)

    results = fork_map(
        write_part, range(len(parts) + lists), settings.workers, "writing the pages", arrived
    )
    written = sum(r[0] for r in results)
    unchanged = sum(r[1] for r in results)
    later = (urls.FEEDS, urls.EXPORTS) if downloads_later else ()
    if downloads_later:
        paths = download_paths("exports") + download_paths("feeds")
        write_pages(docs, [(path, "") for path in paths if not (docs / path).exists()])

        def write_downloads(site: Path | None = None) -> None:
            """The exports and feeds, into the docs folder and `site`, a file at a
            time (the JSON export of 50,000 papers alone is 92 MB); those gone removed."""
            folders = [docs, site] if site else [docs]
            for page in chain(downloads("exports"), downloads("feeds")):
                for folder in folders:
                    write_pages(folder, [page])
                del page  # (let go before the next is made)
            for folder in folders:
                remove_stale(folder, set(paths), later)

        report.downloads = write_downloads
    # Pages of papers that vanished are only removed by a clean build: a dump
    # that failed to parse must not take its papers' pages down with it.
    removed = 0
    if not report.problems:
        current = kept.union(*(r[2] for r in results[:lists]))
        current |= {urls.paper_page(p.id) for p in to_render}
        owned = [folder for folder in urls.GENERATED_DIRS if folder not in later]
        removed = remove_stale(docs, current, owned)
    report.written = WriteReport(written, len(kept) + unchanged, removed)
    report.feeds = bool(settings.site_url)
    if cache:
        cache.pages_written(signatures)
        if not report.problems:
            cache.prune_dumps()
        if search:
            progress("search index")
            update_index(catalogue, settings)
    return report
