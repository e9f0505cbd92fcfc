"""Under `mkdocs serve`, the pages a change did not touch are kept, not built again.

MkDocs builds every page on every change, and empties its folder first. A
page out of the nav (a paper, topic, month, organisation or top page: nearly
all of a site) depends only on its own Markdown file and on what every page
depends on: mkdocs.yml (the nav among it), the theme's templates (the
custom_dir), the generator's code and the site's address (the fingerprint).
So under serve the folders of those pages are moved aside before MkDocs
empties its folder (a rename each, into a hidden folder of the site's own,
which MkDocs leaves alone: a rename never crosses file systems) and moved back
once it has; only the pages
whose Markdown file changed, or that are new, are built again, and files no
page or static file of this build makes are removed. A changed fingerprint
builds them all. `mkdocs build` is untouched: it builds every page, as before.

The pages in the nav (a few) are always built. A kept page stays in MkDocs'
files until the pages are rendered, so that links to it resolve; its own
reading and rendering are skipped (KeptPage), and it leaves the files before
MkDocs writes pages (`drop`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .. import urls
from ..publish.cache import fingerprint as code_fingerprint

# The site's folders that hold only out-of-nav pages (and the few nav pages, built anew).
PAGE_DIRS = (urls.PAPERS, urls.TOPICS, urls.DATES, urls.ORGS, urls.TOP)

ASIDE = ".catalogue-kept"  # (MkDocs empties its folder of all but hidden files)

# A Markdown file's (mtime_ns, size): the generator rewrites a page only when it changed.
Stamp = tuple[int, int]


def fingerprint(config) -> str:
    """What every page depends on besides its own Markdown file: the generator's
    code and templates (the build cache's fingerprint), mkdocs.yml, the site's
    address and the theme's custom_dir."""
    digest = hashlib.sha1(code_fingerprint(Path(config.config_file_path).read_bytes()).encode())
    digest.update(f"\0{config.site_url}\0{config.theme.name}\0".encode())
    if config.theme.custom_dir:
        for path in sorted(Path(config.theme.custom_dir).rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\0".encode())
    return digest.hexdigest()


def _stamp(file) -> Stamp | None:
    try:
        stat = os.stat(file.abs_src_path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


class KeptPage(Page):
    """A page whose HTML the last build wrote: nothing to read or render."""

    def read_source(self, config) -> None:
        self.markdown, self.meta = "", {}

    def render(self, config, files) -> None:
        self.content, self.toc = "", get_toc([])
        # (present_anchor_ids stays None: links to its anchors are not checked again.)


class KeptPages:
    """The pages the last serve build made, and what they were made from."""

    def __init__(self) -> None:
        self.aside: Path | None = None  # where the built pages wait while MkDocs empties its folder
        self.built: dict[str, Stamp] = {}  # page -> the stamp of the Markdown it was built from
        self.made_with: str | None = None  # the fingerprint they were built with
        self._stamps: dict[str, Stamp | None] = {}  # this build's, kept once it succeeds

    def set_aside(self, site: Path) -> None:
        """`on_pre_build`: the last build's page folders moved out of MkDocs' way."""
        self.aside = site / ASIDE
        shutil.rmtree(self.aside, ignore_errors=True)
        if not self.built:
            return
        self.aside.mkdir(parents=True)
        for name in PAGE_DIRS:
            if (site / name).is_dir():
                os.rename(site / name, self.aside / name)

    def unchanged(self, site: Path, files, made_with: str) -> set[str]:
        """`on_files`, MkDocs' folder emptied: the kept folders back in it, files
        no page or static file of this build makes removed; the pages (src_uri)
        whose built HTML is kept (none when anything else changed)."""
        self._stamps = {f.src_uri: _stamp(f) for f in files.documentation_pages()}
        if made_with != self.made_with or not self.aside.is_dir():
            shutil.rmtree(self.aside, ignore_errors=True)
            self.built, self.made_with = {}, made_with
            return set()
        for folder in os.scandir(self.aside):
            os.rename(folder.path, site / folder.name)
        os.rmdir(self.aside)
        present = _keep_only(site, {f.dest_uri for f in files})
        return {
            f.src_uri
            for f in files.documentation_pages()
            if f.dest_uri in present
            and self._stamps[f.src_uri] is not None
            and self._stamps[f.src_uri] == self.built.get(f.src_uri)
        }

    def built_all(self) -> None:
        """`on_post_build`: every page is now as its Markdown file is."""
        self.built = {uri: stamp for uri, stamp in self._stamps.items() if stamp is not None}

    def forget(self) -> None:
        """A failed build: the next one builds every page."""
        self.built, self.made_with = {}, None
        if self.aside:
            shutil.rmtree(self.aside, ignore_errors=True)


def _keep_only(site: Path, made: set[str]) -> set[str]:
    """In the page folders: the files this build does not make (pages of papers,
    topics, months gone) removed, and the folders that leaves empty; the files
    left (as dest_uri)."""
    present = set()
    for name in PAGE_DIRS:
        if name == urls.PAPERS:  # (a folder a page: one listing, not ten thousand)
            present |= _paper_pages(site, made)
            continue
        for folder, _, names in os.walk(site / name, topdown=False):
            relative = Path(folder).relative_to(site).as_posix()
            for file in names:
                uri = f"{relative}/{file}"
                if uri in made:
                    present.add(uri)
                else:
                    os.remove(os.path.join(folder, file))
            if not os.listdir(folder):
                os.rmdir(folder)
    return present


def _paper_pages(site: Path, made: set[str]) -> set[str]:
    """The paper pages' folders (each holds its page, `index.html`, and nothing
    else: use_directory_urls is required) of papers gone removed; the pages left."""
    present = set()
    if not (site / urls.PAPERS).is_dir():
        return present
    for folder in os.scandir(site / urls.PAPERS):
        page = f"{urls.PAPERS}/{folder.name}/index.html"
        if page in made:
            present.add(page)
        else:
            shutil.rmtree(folder.path, ignore_errors=True)
    return present
