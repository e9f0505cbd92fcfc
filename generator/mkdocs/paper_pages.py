"""Paper pages built by forked workers while MkDocs builds the rest of the site.

MkDocs builds pages one after another, on one core. Paper pages are nearly
all of the site, are out of the nav and depend only on themselves, the
config, the nav and the theme, so the hooks take them out of MkDocs' files
(`on_files`) and, once MkDocs has the nav and the theme (`on_env`), split them
among forked workers. Each worker runs MkDocs' own steps for each of its
pages: read, plugin events, Markdown, template, write, anchor check. What a
worker logs is sent back and logged again by the main process, so
`mkdocs build --strict` counts a worker's warning as its own.

One step is cut short: a paper page's body is a single raw HTML block
(pages/contracts.py), which Python-Markdown copies through unchanged after
parsing all of it, twice; that was 40% of a page's time. A test builds the
site both ways, with workers and with MkDocs alone, and finds them
byte-identical.

Another is their front matter: MkDocs parses a page's YAML to get its meta,
0.2 ms a page; a worker has the catalogue the pages were written from, and
takes a paper page's meta from its paper instead (the same dict: a test
compares them on every page of the sample).

And their theme: Material's templates took three quarters of a paper page's
time, yet around the page's head, title and content every paper page's HTML is
the same (all of them lie at the same depth, out of the nav). A worker renders
that shell once (`Shell`), with markers where they go, and fills it in for each
page: the head block (the citation tags) rendered alone, the title and the
content. It checks first that three of its pages come out as the full template
renders them, and builds them all the full way if not (a theme or plugin that
makes something else differ from page to page; one that makes only a few
pages differ is not seen: the test building the sample both ways would).

Paper pages also lose the templates' indentation and blank lines, and two
unused elements: a fifth of their bytes (`slim`).

MkDocs has no public API for building one page; `_populate_page`,
`_build_page` and `get_context` are its internals (the shell does what
`_build_page` does, but render), which is why pyproject.toml pins mkdocs.
This is the only module that imports MkDocs' internals.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from mkdocs import utils
from mkdocs.commands.build import _build_page, _populate_page, get_context
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import YAML_RE

from .. import urls
from ..pages.contracts import is_paper_body
from ..runtime.parallel import FORK, die_with_parent, shares


def is_paper_page(file) -> bool:
    return file.is_documentation_page() and urls.is_paper_page(file.src_uri)


_ID = re.compile(r'\sid="([^"]*)"')


class PaperPage(Page):
    """A paper page, its raw HTML body taken as it is instead of through Markdown,
    and its meta, when known, instead of read from its front matter."""

    def __init__(self, file, config, meta: dict | None = None) -> None:
        super().__init__(None, file, config)
        self._known_meta = meta

    def read_source(self, config) -> None:
        meta, self._known_meta = self._known_meta, None
        if meta is None or config.plugins.events["page_read_source"]:
            return super().read_source(config)
        source = self.file.content_string
        front = YAML_RE.match(source)
        if front is None:  # not a page the generator wrote
            return super().read_source(config)
        # What MkDocs' meta.get_data leaves of the source.
        self.markdown, self.meta = source[front.end() :].lstrip("\n"), meta

    def render(self, config, files) -> None:
        body = (self.markdown or "").strip()
        if not is_paper_body(body):
            return super().render(config, files)  # not the page pages/paper.py writes
        self.content = body
        self.toc = get_toc([])
        self.present_anchor_ids = set(_ID.findall(body))
        self.links_to_anchors = {}  # raw HTML links are not MkDocs' to check


def _slot(name: str) -> str:
    return f"\0catalogue-{name}\0"  # (a page holding a NUL is built the full way: Shell.fits)


TITLE, CONTENT, HEAD = _slot("title"), _slot("content"), _slot("head")
HEAD_BLOCK = "site_meta"  # the paper template's block of tags naming the paper
_SLOTS = re.compile("(" + "|".join(re.escape(s) for s in (TITLE, CONTENT, HEAD)) + ")")


class Shell:
    """A paper page's HTML with slots for what differs from page to page: the
    head block, the title and the content."""

    def __init__(self, template, parts: list[str]) -> None:
        self.template = template  # the paper template, whose head block each page renders
        self.parts = parts  # text and slots, in turn

    @classmethod
    def make(cls, files, config, all_files, doc_files, nav, env) -> Shell | None:
        """The shell of these pages' template; None if three of them (the first,
        middle and last) do not come out of it as they do out of the template.
        (`doc_files`: all_files' documentation pages.)"""
        probe = _populated(files[0], config, all_files, None)
        name = probe.meta.get("template", "main.html")
        template = env.get_template(name)
        if HEAD_BLOCK not in template.blocks:
            return None
        marked = env.from_string(
            f"{{% extends paper %}}{{% block {HEAD_BLOCK} %}}{HEAD}{{% endblock %}}"
        )
        probe.meta = {**probe.meta, "title": TITLE}
        probe.content = CONTENT
        with _current(probe, config):
            output = marked.render(paper=template, **_context(probe, config, doc_files, nav))
        shell = cls(template, _SLOTS.split(output))
        for file in {id(f): f for f in (files[0], files[len(files) // 2], files[-1])}.values():
            page = _populated(file, config, all_files, None)
            if not shell.fits(page):
                return None
            with _current(page, config):
                context = _context(page, config, doc_files, nav)
                if shell.fill(page, context) != template.render(context):
                    return None
        return shell

    def fits(self, page) -> bool:
        """Whether the page's title and content go in the slots as they are (the
        template adds a title of its own to content without one)."""
        title = page.meta.get("title")
        return (
            isinstance(title, str)
            and title != ""
            and "<h1" not in page.content
            and "\0" not in page.content + title
        )

    def fill(self, page, context) -> str:
        head = "".join(self.template.blocks[HEAD_BLOCK](self.template.new_context(context)))
        slots = {TITLE: page.meta["title"], CONTENT: page.content, HEAD: head}
        return "".join(slots.get(part, part) for part in self.parts)

    def build(self, page, config, doc_files, nav) -> None:
        """As MkDocs' _build_page does, the template's rendering aside."""
        with _current(page, config):
            context = _context(page, config, doc_files, nav)
            output = config.plugins.on_post_page(self.fill(page, context), page=page, config=config)
            utils.write_file(
                output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path
            )


@contextlib.contextmanager
def _current(page, config):
    """The page being built, as MkDocs' _build_page marks it."""
    config._current_page = page
    page.active = True
    try:
        yield
    finally:
        page.active = False
        config._current_page = None


def _populated(file, config, all_files, meta) -> PaperPage:
    page = PaperPage(file, config, meta)
    _populate_page(page, config, all_files)
    return page


def _context(page, config, doc_files, nav):
    """The page's template context, as MkDocs' _build_page makes it."""
    context = get_context(nav, doc_files, config, page)
    return config.plugins.on_page_context(context, page=page, config=config, nav=nav)


class _Collect(logging.Handler):
    """A worker's log records, as (logger, level, message), for the main process."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _build_pages(files, config, all_files, nav, env, metas, sender) -> None:
    """In a forked worker: build `files`' pages, send back the log, how many
    were filled into the shell and any error. `metas(src_uri)` is a page's meta,
    or None where it must be read."""
    die_with_parent()
    collect = _Collect()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.handlers = [collect]  # the main process prints (and counts) them
    mkdocs_log.propagate = False
    error, filled = None, 0
    try:
        doc_files = all_files.documentation_pages()
        anchors = config.validation.links.anchors
        shell = Shell.make(files, config, all_files, doc_files, nav, env) if files else None
        for file in files:
            page = _populated(file, config, all_files, metas(file.src_uri))
            if shell and shell.fits(page):
                shell.build(page, config, doc_files, nav)
                filled += 1
            else:
                _build_page(page, config, doc_files, nav, env)
            page.validate_anchor_links(files=all_files, log_level=anchors)
    except Exception as exc:  # noqa: BLE001 - reported by the main process
        error = f"{type(exc).__name__}: {exc}"
    sender.send((collect.records, filled, error))
    sender.close()


@dataclass
class PaperPages:
    """The paper pages of one build, and the workers building them."""

    workers: int
    files: list = field(default_factory=list)
    filled: int = 0  # pages filled into the theme's shell (Shell), once finished
    _jobs: list = field(default_factory=list)

    def take(self, files: Files) -> Files:
        """`on_files`: keep the paper pages here, give MkDocs the rest."""
        self.files, rest = [], []
        if self.workers <= 1:  # MkDocs builds them itself
            return files
        for file in files:
            (self.files if is_paper_page(file) else rest).append(file)
        return Files(rest)

    def start(self, config, files: Files, nav, env, metas: Callable[[str], dict | None]) -> None:
        """`on_env`: fork the workers; they inherit everything MkDocs has read,
        and `metas` (see _build_pages)."""
        for share in shares(self.files, self.workers):
            receiver, sender = FORK.Pipe(duplex=False)
            job = FORK.Process(
                target=_build_pages, args=(share, config, files, nav, env, metas, sender)
            )
            job.start()
            sender.close()
            self._jobs.append((job, receiver))

    def finish(self) -> list[str]:
        """Wait for the workers; relog what they logged; return their errors."""
        errors = []
        jobs, self._jobs = self._jobs, []
        for job, receiver in jobs:
            try:
                records, filled, error = receiver.recv()
            except EOFError:  # it ended without a word: killed (out of memory?)
                job.join()
                records, filled = [], 0
                error = (
                    f"a worker process died while building paper pages (exit code {job.exitcode})"
                )
            job.join()
            self.filled += filled
            for name, level, message in records:
                logging.getLogger(name).log(level, "%s", message)
            if error:
                errors.append(error)
        return errors

    def kill(self) -> None:
        for job, _ in self._jobs:
            job.kill()
            job.join()
        self._jobs = []


_INDENT = re.compile(r"\n\s+")
# Material's empty banner and dialog containers (its scripts mount them only where present).
_UNUSED = re.compile(
    r'<div data-md-component="announce">\n</div>\n'
    r'|<div class="md-dialog" data-md-component="dialog">\n<div class="md-dialog__inner '
    r'md-typeset"></div>\n</div>\n'
)
# Where whitespace is content (pages/contracts.py): left as it is.
_KEEP = re.compile(r"(<pre[\s>].*?</pre>|<textarea[\s>].*?</textarea>)", re.S)


def slim(output: str) -> str:
    """A paper page without indentation, blank lines and unused elements, except
    inside <pre> and <textarea>."""
    if "<pre" not in output and "<textarea" not in output:
        return _UNUSED.sub("", _INDENT.sub("\n", output))
    parts = _KEEP.split(output)
    parts[::2] = [_UNUSED.sub("", _INDENT.sub("\n", part)) for part in parts[::2]]
    return "".join(parts)
