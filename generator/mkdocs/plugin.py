"""The catalogue as an MkDocs plugin (`plugins: - catalogue:` in mkdocs.yml).

Before each build it regenerates the pages from the dumps; it builds the
paper pages (paper_pages.py) and the search index beside MkDocs, keeps dump
text inert, slims the paper pages, writes the sitemap and, under `mkdocs
serve`, watches the dumps and the taxonomy. Its options are config.py's.

Problems in the input are one line each, naming file and line. A strict build
with problems stops before MkDocs touches the site folder, so the last good
site stays; a lenient one (`mkdocs serve`) logs them, builds what it can and
keeps the pages of what it could not read, and recovers once they are fixed.
"""

from __future__ import annotations

import contextlib
import html
import logging
import os
import shutil
import signal
import sys
import threading
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .. import urls
from ..config import CatalogueConfig, Settings
from ..model import Catalogue, InputError, Problem
from ..pages.contracts import PAPER_TEMPLATE
from ..pages.paper import paper_meta
from ..pipeline import build
from ..runtime.memory import collect_garbage
from ..runtime.parallel import FORK, WorkerDied, check_exit, die_with_parent
from ..search.index import DamagedIndex, has_index, publish, search_entries, update_index
from .kept_pages import KeptPage, KeptPages, fingerprint
from .paper_lists import put_back, set_aside
from .paper_pages import PaperPages, slim
from .rewatch import Rewatch
from .sitemap import write_sitemap

log = logging.getLogger("mkdocs.plugins.catalogue")
WATCH_POLL_SECONDS = 0.1  # how often the dumps and the taxonomy are looked at, under serve


def _index_job(
    catalogue: Catalogue, settings: Settings, go, downloads=None, site=None, entries=None
) -> None:
    """In a forked process: the search files into the cache, once `go` is set
    (`downloads` first, into the docs folder and `site`: BuildReport.downloads;
    `entries`: the search entries, if made); a failure is one line."""
    die_with_parent()
    go.wait()
    try:
        if downloads:
            downloads(site)
        update_index(catalogue, settings, entries)
    except Exception as exc:  # noqa: BLE001 - the promise is one line, never a traceback
        what = "the exports, feeds and search index" if downloads else "the search index"
        log.error("%s could not be built: %s: %s", what, type(exc).__name__, exc)
        sys.stderr.flush()
        os._exit(1)


class _Counter(logging.Handler):
    """Counts the warnings (and errors) logged."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record) -> None:
        self.count += 1


def _remove_left_behind(site: Path) -> None:
    """Folders beside the site that builds killed half way left (their process is gone)."""
    for folder in [
        *site.parent.glob(f".{site.name}.building-*"),
        *site.parent.glob(f".{site.name}.old-*"),
    ]:
        pid = folder.name.rpartition("-")[2]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _one_line_excepthook(kind, error, trace) -> None:
    """An error MkDocs itself does not catch (a full disk while it writes the site)
    as one line, not a traceback; GENERATOR_DEBUG=1 gives the traceback."""
    if os.environ.get("GENERATOR_DEBUG") or issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    print(f"ERROR   -  {_one_line(error)} (GENERATOR_DEBUG=1 for details)", file=sys.stderr)


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror}"
    return f"{type(exc).__name__}: {exc}"


class CataloguePlugin(BasePlugin[CatalogueConfig]):
    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.catalogue: Catalogue | None = None  # what this build generated the pages from
        self._downloads = None  # under serve: its exports and feeds, to write (BuildReport)
        self._index = None  # the process building the search index
        self._go = None  # what it waits for before starting (an Event)
        self._papers = PaperPages(1)
        self._nav = None
        self._tab = None  # the tab marked for the page being rendered (on_page_context)
        self._server = None  # under `serve`: MkDocs' server, whose watches the plugin adjusts
        self._pages: list[tuple[str, str]] = []  # every page's (path, URL), for the sitemap
        self._set_aside: dict[str, list[str]] = {}  # page -> its paper lists, markdown to content
        self._swap = False  # build into a folder beside the site, and swap it in whole
        self._site: Path | None = None  # the site's own folder, while MkDocs builds beside it
        self._warnings = _Counter()  # MkDocs' warnings in a strict build
        self._serving = False
        self._kept: KeptPages | None = None  # under `serve`: the pages kept between builds
        self._keep: set[str] = set()  # the pages this build keeps (src_uri)
        self._kept_papers = 0  # how many of them are paper pages
        # Under `serve`: the thread publishing the search files, and the index's process.
        self._publishing: tuple[threading.Thread, object] | None = None
        self._dropped = False  # that process killed: the next build makes a newer index

    def load_config(self, options, config_file_path=None):
        errors, warnings = super().load_config(options, config_file_path)
        if errors:  # (MkDocs drops the warnings of a plugin with errors: all mistakes at once)
            return [*errors, *warnings], []
        return errors, warnings

    def on_startup(self, *, command, dirty) -> None:
        # `mkdocs build` and `gh-deploy` build beside the site and swap it in when
        # done: a failure half way (a full disk) leaves the last site whole.
        # (`serve` builds into a temporary folder of its own.)
        self._swap = command in ("build", "gh-deploy") and not dirty
        self._serving = command == "serve"
        sys.excepthook = _one_line_excepthook

    def on_config(self, config):
        mismatch = urls.check_mkdocs(config)
        if mismatch:
            raise PluginError(f"catalogue: {mismatch}")
        site_url = config.site_url or None
        custom_dir = config.theme.custom_dir
        self.settings = Settings.of(
            self.config,
            Path(config.docs_dir),
            strict=bool(config.strict),
            site_url=site_url,
            templates=Path(custom_dir) if custom_dir else None,
            builds_again=self._serving,
        )
        if self._serving and self._kept is None:
            self._kept = KeptPages()
        if self._swap:
            self._site = Path(config.site_dir)
            _remove_left_behind(self._site)
            config.site_dir = str(self._building())
            self._warnings.count = 0
            if config.strict:  # (MkDocs fails a strict build with warnings after post_build)
                logging.getLogger("mkdocs").addHandler(self._warnings)
        return config

    # ------------------------------------------------------------ generating

    def on_pre_build(self, config) -> None:
        self._wait_for_search()
        self.catalogue, self._downloads = None, None
        if self._kept:  # (before MkDocs empties its folder)
            self._kept.set_aside(Path(config.site_dir))
        with self._unwatched(config.docs_dir):
            self._generate()

    @contextlib.contextmanager
    def _unwatched(self, docs: str):
        """Under `serve`, the docs folder's top level (where the generator writes
        the home page) unwatched while the generator writes, watched anew after
        (a fresh look at it): the generator's own writes start no second build.
        Its folders are never watched; the others are (Rewatch). (A hand edit of
        a page at the top in that moment is seen with the next change.)"""
        if self._server is None:
            yield
            return
        self._server.unwatch(docs)
        try:
            yield
        finally:
            self._server.watch(docs, recursive=False)  # (its own folders: Rewatch)

    def _generate(self) -> None:
        try:
            # (Under serve, the search index starts once the site is built, and the
            # exports and feeds are made then too: on_post_build.)
            report = build(
                self.settings,
                search=False,
                on_lists_written=None if self._serving else self._index_now,
                downloads_later=self._serving,
            )
        except InputError as error:
            self._nothing_generated(error.problems)
            return
        except (WorkerDied, OSError) as exc:
            raise PluginError(f"catalogue: {_one_line(exc)}") from None
        except Exception as exc:  # the promise is one line, never a traceback
            if os.environ.get("GENERATOR_DEBUG"):
                raise
            raise PluginError(
                f"catalogue: {_one_line(exc)} (set GENERATOR_DEBUG=1 for details)"
            ) from None
        for note in report.notes:
            # (Info, not a warning: what an API response held is never a strict build's failure.)
            log.info("note: %s", note)
        if self.settings.strict and report.problems:
            for problem in report.problems:
                log.error(str(problem))
            raise PluginError(
                f"catalogue: {len(report.problems)} problem(s) in the input; strict build "
                "stopped before writing anything"
            )
        for problem in report.problems:
            # A warning: the pages of what could be read are built.
            log.warning(str(problem))
        self.catalogue, self._downloads = report.catalogue, report.downloads
        log.info("catalogue: %s", report.summary)

    def _nothing_generated(self, problems: list[Problem]) -> None:
        """An unusable taxonomy or capture manifest: nothing can be generated."""
        for problem in problems:
            log.error(str(problem))
        if self.settings.strict:
            raise PluginError(
                "catalogue: the input cannot be read; strict build stopped before writing anything"
            )
        if not any((self.settings.docs / urls.PAPERS).glob("*.md")):
            # (No earlier build's pages to keep: a site without papers is no site.)
            raise PluginError(
                "catalogue: the input cannot be read, and no earlier build left pages to keep"
            )
        log.error(
            "catalogue: pages not regenerated; the site keeps the pages of the last good build"
        )

    def _start_index(
        self, catalogue: Catalogue, downloads=None, site: Path | None = None, entries=None
    ) -> None:
        # Forked: it inherits the catalogue without copying it. It runs while the
        # paper pages are written and MkDocs builds the site; under serve, once the
        # site is built, so that its pages are shown sooner (the exports, feeds and
        # the index's files follow them).
        self._go = FORK.Event()
        self._index = FORK.Process(
            target=_index_job, args=(catalogue, self.settings, self._go, downloads, site, entries)
        )
        self._index.start()

    def _index_now(self, catalogue: Catalogue) -> None:
        """The search index started, once the list pages and exports are written (their
        hundreds of megabytes at 50,000 papers, in the page workers, and the index's
        must not add up). Its entries are made here, before it is forked: the forked
        process that read the papers copied every page of them it touched (reference
        counts are writes), 165 MB at 50,000 papers, for 65 MB of entries."""
        self._start_index(catalogue, entries=search_entries(catalogue, self.settings.docs))
        self._let_index_go()

    def _let_index_go(self) -> None:
        if self._go is not None:
            self._go.set()
            self._go = None

    def _taken_index(self):
        """The process building this build's search index (None if none), now the caller's."""
        job, self._index = self._index, None
        return job

    # ------------------------------------------------------------ MkDocs' build

    def on_files(self, files, config):
        self._pages = [(f.src_uri, f.url) for f in files.documentation_pages()]
        self._keep = set()
        if self._kept:  # (MkDocs has emptied its folder)
            self._keep = self._kept.unchanged(Path(config.site_dir), files, fingerprint(config))
        self._papers = PaperPages(self.settings.workers)
        files = self._papers.take(files)
        papers = len(self._papers.files)
        self._papers.files = [f for f in self._papers.files if f.src_uri not in self._keep]
        self._kept_papers = papers - len(self._papers.files)
        return files

    def on_nav(self, nav, config, files):
        self._nav = nav
        in_nav = {page.file.src_uri for page in nav.pages}
        for file in files.documentation_pages():
            if file.src_uri in self._keep and file.src_uri not in in_nav:
                KeptPage(None, file, config)  # (MkDocs' page for it replaced)
        return nav

    def on_env(self, env, config, files):
        # The theme's templates compiled once, not at every build (a second a build:
        # MkDocs makes a new environment each time); a changed template is compiled anew.
        env.bytecode_cache = FileSystemBytecodeCache(str(self._templates_cache()))
        self._papers.start(config, files, self._nav, env, self._paper_metas())
        if self._kept:
            # The kept pages leave MkDocs' files once every link to them is resolved.
            kept = [f for f in files.documentation_pages() if isinstance(f.page, KeptPage)]
            for file in kept:
                files.remove(file)
            kept_all = len(kept) + self._kept_papers
            log.info(
                "catalogue: %d pages kept from the last build, %d built",
                kept_all,
                len(self._pages) - kept_all,
            )
        return env

    def _templates_cache(self) -> Path:
        folder = self.settings.cache / "templates"
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def _paper_metas(self):
        """A paper page's meta from the paper this build wrote it from (None for
        a page it did not write: the build had problems, or generated nothing)."""
        papers = {p.id: p for p in self.catalogue.papers} if self.catalogue else {}

        def meta(src_uri: str) -> dict | None:
            paper = papers.get(urls.paper_id(src_uri))
            return paper_meta(paper) if paper else None

        return meta

    def on_page_context(self, context, page, config, nav):
        """A topic, month or organisation page is not in the navigation (tens of
        thousands would be in every page): its section's tab is marked as the
        one the reader is in, while the page is rendered."""
        index = urls.section_index(page.file.src_uri)
        self._tab = None
        if index and index != page.file.src_uri:
            self._tab = next((p for p in nav.pages if p.file.src_uri == index), None)
            if self._tab is not None:
                self._tab.active = True
        return context

    def on_page_markdown(self, markdown, page, config, files):
        """Front matter titles come from dumps, and themes print them unescaped."""
        title = page.meta.get("title")
        if isinstance(title, str):
            page.meta["title"] = html.escape(title, quote=True)
        markdown, lists = set_aside(markdown)
        if lists:
            self._set_aside[page.file.src_uri] = lists
        return markdown

    def on_page_content(self, content, page, config, files):
        lists = self._set_aside.pop(page.file.src_uri, None)
        return put_back(content, lists) if lists else content

    def on_post_page(self, output, page, config):
        if self._tab is not None:
            self._tab.active = False
            self._tab = None
        return slim(output) if page.meta.get("template") == PAPER_TEMPLATE else output

    def on_post_build(self, config) -> None:
        errors = self._papers.finish()
        if errors:
            raise PluginError("catalogue: paper pages could not be built: " + "; ".join(errors))
        log.debug(
            "catalogue: %d of %d paper pages filled into the theme's shell",
            self._papers.filled,
            len(self._papers.files),
        )
        if self._kept:
            self._kept.built_all()
        site = Path(config.site_dir)
        if self._serving:
            # The pages are shown without waiting for the exports, feeds and search
            # index, which start now (at 10,000 papers, they follow 2-3 s after them).
            if self.catalogue is not None:
                self._start_index(self.catalogue, self._downloads, site)
            self._let_index_go()
            job = self._taken_index()
            thread = threading.Thread(
                target=self._publish_later, args=(job, site, config.site_url), daemon=True
            )
            self._publishing = (thread, job)
            thread.start()
        else:
            self._publish_search(self._taken_index(), site)
            if config.site_url:
                write_sitemap(site, config.site_url, self._sitemap_pages())
        if self._swap:
            logging.getLogger("mkdocs").removeHandler(self._warnings)
            if self._warnings.count:
                # A strict build MkDocs is about to fail: the last site stays.
                shutil.rmtree(self._building(), ignore_errors=True)
                return
            self._swap_in(config)

    def _publish_search(self, job, site: Path) -> None:
        """The search index, once `job` has built it, into the site; a failure is one line."""
        if job is not None:
            job.join()
            try:
                check_exit(job, "building the search index")
            except WorkerDied as exc:
                raise PluginError(f"catalogue: {exc}") from None
        if not has_index(self.settings.cache):
            log.warning("catalogue: no search index has been built yet; the site has no search")
            return
        try:
            publish(self.settings.cache, site)
        except (DamagedIndex, OSError) as exc:
            raise PluginError(
                f"catalogue: the search files could not be published: {_one_line(exc)}"
            ) from None

    def _publish_later(self, job, site: Path, site_url: str | None = None) -> None:
        """Under serve, in a thread: the sitemap (with an address), and the search
        files once `job` has built them, into the site after its pages. (The next
        build waits for it before it changes what it reads: _wait_for_search.)"""
        if site_url:
            try:
                write_sitemap(site, site_url, self._sitemap_pages())
            except OSError as exc:
                log.error("catalogue: the sitemap could not be written: %s", _one_line(exc))
        try:
            self._publish_search(job, site)
        except PluginError as exc:
            if job is not None and job.exitcode == -signal.SIGKILL and self._dropped:
                log.info("catalogue: the last build's search index dropped for the next one")
            else:
                log.error("%s", exc)
            return
        log.info("catalogue: search index published")
        collect_garbage()  # (the next build's _wait_for_search waits for it, if it must)

    def _wait_for_search(self) -> None:
        """Under serve, before the next build: the last build's search files published,
        or, if its index is still being built, that index dropped (the next build makes
        its own: an edit made soon after another does not wait for the index)."""
        publishing, self._publishing = self._publishing, None
        if publishing is None:
            return
        thread, job = publishing
        self._dropped = job is not None and job.is_alive()
        if self._dropped:
            job.kill()
        thread.join()

    def on_shutdown(self) -> None:
        # `mkdocs serve` stopped (Ctrl-C): a search index still being built is dropped
        # and the thread publishing into the site ends before MkDocs removes its
        # temporary site. (It wrote there while it was removed: the folder stayed.)
        self._wait_for_search()

    def _swap_in(self, config) -> None:
        """The site built beside the last one put in its place, the last one removed."""
        building, site = Path(config.site_dir), self._site
        old = site.parent / f".{site.name}.old-{os.getpid()}"
        try:
            if site.exists():
                os.rename(site, old)
            try:
                os.rename(building, site)
            except OSError:
                if old.exists():
                    os.rename(old, site)  # (the last site back where it was)
                raise
        except OSError as exc:
            raise PluginError(
                f"catalogue: the new site could not take the old one's place: {_one_line(exc)}"
            ) from None
        config.site_dir = str(site)  # (gh-deploy publishes config.site_dir next)
        shutil.rmtree(old, ignore_errors=True)

    def _sitemap_pages(self) -> list:
        changed = {}
        if self.catalogue:
            changed = {p.id: max((s.captured for s in p.sources if s.captured), default=None)
                       for p in self.catalogue.papers}  # fmt: skip
        return [
            (url, changed.get(urls.paper_id(page)) if urls.is_paper_page(page) else None)
            for page, url in self._pages
        ]

    def on_build_error(self, error) -> None:
        self._papers.kill()
        if self._kept:
            self._kept.forget()
        if self._index is not None:
            self._index.kill()
            self._index.join()
            self._index = None
        if self._swap and self._site is not None:
            # (What was built beside the site goes, once no worker writes there; the
            # site itself was not touched.)
            logging.getLogger("mkdocs").removeHandler(self._warnings)
            shutil.rmtree(self._building(), ignore_errors=True)

    def _building(self) -> Path:
        return self._site.parent / f".{self._site.name}.building-{os.getpid()}"

    def on_serve(self, server, config, builder):
        # (The plugin has on_startup: MkDocs keeps this instance for every rebuild.)
        self._server = server
        # MkDocs polls what it watches every 0.5 s: the watches made from here on (the
        # dumps, the docs folder's own files, the taxonomy: a few files each) are
        # polled every 0.1 s, so an edit's build starts 0.2 s sooner on average.
        if isinstance(getattr(server.observer, "_timeout", None), float):
            server.observer._timeout = WATCH_POLL_SECONDS  # (watchdog's; no public setter)
        # (The dumps watched through Rewatch: MkDocs' watch ends if their folder goes;
        # and of the docs folder, what the generator does not write.)
        Rewatch(
            server,
            [self.settings.dumps],
            self.settings.cache / "serve",
            docs=Path(config.docs_dir),
            generated=urls.GENERATED_DIRS,
        ).start()
        server.watch(str(self.settings.taxonomy))
        return server
