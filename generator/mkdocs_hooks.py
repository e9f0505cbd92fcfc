"""MkDocs hooks: regenerate pages before each build, keep dump text inert, watch dumps/.

Listed under `hooks:` in mkdocs.yml, so `mkdocs build` and `mkdocs serve` run
the generator themselves; `python -m generator build` first is harmless
because unchanged pages are not rewritten.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import sys
from pathlib import Path

import mkdocs

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:  # works without `pip install -e .` too
    sys.path.insert(0, str(PROJECT))

from generator.build import build  # noqa: E402
from generator.render import PAPER_TEMPLATE  # noqa: E402
from generator.topics import DEFAULT_TAXONOMY  # noqa: E402

log = logging.getLogger("mkdocs.hooks.generator")


def _dumps_dir(config) -> Path:
    return Path(config.config_file_path).parent / "dumps"


def on_pre_build(config, **_) -> None:
    report = build(_dumps_dir(config), Path(config.docs_dir), strict=bool(config.strict))
    for problem in report.problems:
        # A warning: `mkdocs build --strict` then fails, a plain build goes on.
        log.warning(str(problem))
    log.info("generator: %s", report.summary)


# lunr.js 2.3.9 ships with MkDocs; the site's copy is taken from there at build time.
LUNR_JS = Path(mkdocs.__file__).parent / "contrib" / "search" / "templates" / "search" / "lunr.js"


def on_post_build(config, **_) -> None:
    shutil.copyfile(LUNR_JS, Path(config.site_dir) / "search" / "lunr.js")


def on_page_markdown(markdown, page, **_):
    """Front matter titles come from dumps, and themes print them unescaped."""
    title = page.meta.get("title")
    if isinstance(title, str):
        page.meta["title"] = html.escape(title, quote=True)
    return markdown


_INDENT = re.compile(r"\n\s+")
# On paper pages: permalinks of the four fixed headings, and Material's empty
# banner and dialog containers (its scripts mount them only where present).
_UNUSED = re.compile(
    r'<a class="headerlink" href="#[\w-]+" title="Permanent link">&para;</a>'
    r'|<div data-md-component="announce">\n</div>\n'
    r'|<div class="md-dialog" data-md-component="dialog">\n<div class="md-dialog__inner md-typeset"></div>\n</div>\n'
)


def on_post_page(output: str, page, **_) -> str:
    """Paper pages lose the templates' indentation and blank lines and a few
    unused elements: a quarter of their bytes. They hold no <pre> or <textarea>,
    where whitespace would matter."""
    if page.meta.get("template") == PAPER_TEMPLATE:
        return _UNUSED.sub("", _INDENT.sub("\n", output))
    return output


def on_serve(server, config, **_):
    server.watch(str(_dumps_dir(config)))
    server.watch(str(DEFAULT_TAXONOMY))
    return server
