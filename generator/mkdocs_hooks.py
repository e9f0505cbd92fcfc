"""MkDocs hooks: regenerate pages before each build, build the paper pages and
the search index alongside MkDocs, keep dump text inert, slim the paper pages,
watch dumps/.

Listed under `hooks:` in mkdocs.yml, so `mkdocs build` and `mkdocs serve` run
the generator themselves; `python -m generator build` first is harmless
because unchanged pages are not rewritten.
"""

from __future__ import annotations

import html
import logging
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:  # works without `pip install -e .` too
    sys.path.insert(0, str(PROJECT))

from generator.build import build  # noqa: E402
from generator.page_workers import PaperPages  # noqa: E402
from generator.parallel import FORK, worker_count  # noqa: E402
from generator.render import PAPER_TEMPLATE  # noqa: E402
from generator.search_index import publish, update_index  # noqa: E402
from generator.topics import DEFAULT_TAXONOMY  # noqa: E402

log = logging.getLogger("mkdocs.hooks.generator")


# The search index is built in a forked process (it inherits the catalogue
# without copying it) while the pages are written and MkDocs builds the site.
_index_job = None
# Paper pages are built by forked workers (page_workers.py), on every core.
_papers = PaperPages(worker_count())
_nav = None


def _dumps_dir(config) -> Path:
    return Path(config.config_file_path).parent / "dumps"


def _cache_dir(config) -> Path:
    return Path(config.config_file_path).parent / ".cache" / "generator"


def on_pre_build(config, **_) -> None:
    docs, cache = Path(config.docs_dir), _cache_dir(config)

    def start_index(catalogue) -> None:
        global _index_job
        _index_job = FORK.Process(target=update_index, args=(catalogue, docs, cache))
        _index_job.start()

    report = build(
        _dumps_dir(config), docs, strict=bool(config.strict), cache_dir=cache, search=False,
        on_collected=start_index,
    )  # fmt: skip
    for problem in report.problems:
        # A warning: `mkdocs build --strict` then fails, a plain build goes on.
        log.warning(str(problem))
    log.info("generator: %s", report.summary)


def _finish_index() -> int | None:
    global _index_job
    job, _index_job = _index_job, None
    if job is None:
        return None
    job.join()
    return job.exitcode


def on_files(files, **_):
    return _papers.take(files)


def on_nav(nav, **_):
    global _nav
    _nav = nav
    return nav


def on_env(env, config, files, **_):
    _papers.start(config, files, _nav, env)
    return env


def on_post_build(config, **_) -> None:
    errors = _papers.finish()
    if errors:
        raise PluginError("paper pages could not be built: " + "; ".join(errors))
    if _finish_index() not in (0, None):
        raise PluginError("the search index could not be built (see the error above)")
    publish(_cache_dir(config), Path(config.site_dir))


def on_build_error(**_) -> None:
    _papers.kill()
    if _index_job is not None:
        _index_job.kill()
    _finish_index()


# Paper lists (render.PaperTable: topic, date and home pages) are raw HTML
# blocks of up to thousands of rows. Python-Markdown copies such a block through
# unchanged, but only after parsing every tag in it, twice (its raw HTML pass
# and MkDocs' anchor check): most of the main process's time at 50,000 papers.
# So they are set aside before Markdown, leaving a one-line raw HTML block it
# copies through the same way, and put back in its output.
_PAPER_LIST = re.compile(r'^<table class="paper-list">$.*?^</table>$', re.M | re.S)
_PLACEHOLDER = '<div data-catalogue-paper-list="{}"></div>'
_set_aside: dict[str, list[str]] = {}  # page -> its paper lists, from markdown to content


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with its paper lists replaced by placeholders, and the lists."""
    lists: list[str] = []

    def placeholder(match: re.Match) -> str:
        lists.append(match.group(0))
        return _PLACEHOLDER.format(len(lists) - 1)

    return _PAPER_LIST.sub(placeholder, markdown), lists


def put_back(content: str, lists: list[str]) -> str:
    for k, table in enumerate(lists):
        content = content.replace(_PLACEHOLDER.format(k), table, 1)
    return content


def on_page_markdown(markdown, page, **_):
    """Front matter titles come from dumps, and themes print them unescaped."""
    title = page.meta.get("title")
    if isinstance(title, str):
        page.meta["title"] = html.escape(title, quote=True)
    markdown, lists = set_aside(markdown)
    if lists:
        _set_aside[page.file.src_uri] = lists
    return markdown


def on_page_content(content, page, **_):
    lists = _set_aside.pop(page.file.src_uri, None)
    return put_back(content, lists) if lists else content


_INDENT = re.compile(r"\n\s+")
# On paper pages: Material's empty banner and dialog containers (its scripts
# mount them only where present).
_UNUSED = re.compile(
    r'<div data-md-component="announce">\n</div>\n'
    r'|<div class="md-dialog" data-md-component="dialog">\n<div class="md-dialog__inner md-typeset"></div>\n</div>\n'
)


def on_post_page(output: str, page, **_) -> str:
    """Paper pages lose the templates' indentation and blank lines and two
    unused elements: a fifth of their bytes. They hold no <pre> or <textarea>,
    where whitespace would matter."""
    if page.meta.get("template") == PAPER_TEMPLATE:
        return _UNUSED.sub("", _INDENT.sub("\n", output))
    return output


def on_serve(server, config, **_):
    server.watch(str(_dumps_dir(config)))
    server.watch(str(DEFAULT_TAXONOMY))
    return server
