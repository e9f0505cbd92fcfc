"""Under `mkdocs serve`, the paper pages a change did not touch are kept, not built again.

MkDocs builds every page on every change, and empties its folder first. Paper
pages are nearly all of a site, and each depends only on its own Markdown file
and on what every page depends on: mkdocs.yml, the theme's templates (the
custom_dir), the generator's code and the site's address (the fingerprint).
So under serve the built paper pages are moved aside before MkDocs empties the
folder (one rename), moved back once it has, and only the pages whose Markdown
file changed, or that are new, are built again; the pages of papers that are
gone are removed. A changed fingerprint builds them all. `mkdocs build` is
untouched: it builds every page, as before.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from .. import urls
from ..publish.cache import fingerprint as code_fingerprint

# A Markdown file's (mtime_ns, size): the generator rewrites a page only when it changed.
Stamp = tuple[int, int]


def fingerprint(config) -> str:
    """What every paper page depends on besides its own Markdown file: the
    generator's code and templates (the build cache's fingerprint), mkdocs.yml,
    the site's address and the theme's custom_dir."""
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


class KeptPages:
    """The paper pages the last serve build made, and what they were made from."""

    def __init__(self, aside: Path):
        self.aside = aside  # where the built pages wait while MkDocs empties its folder
        self.built: dict[str, Stamp] = {}  # page -> the stamp of the Markdown it was built from
        self.made_with: str | None = None  # the fingerprint they were built with
        self._stamps: dict[str, Stamp | None] = {}  # this build's, kept once it succeeds

    def set_aside(self, site: Path) -> None:
        """`on_pre_build`: the last build's paper pages moved out of MkDocs' way."""
        shutil.rmtree(self.aside, ignore_errors=True)
        papers = site / urls.PAPERS
        if self.built and papers.is_dir():
            self.aside.parent.mkdir(parents=True, exist_ok=True)
            os.rename(papers, self.aside)

    def to_build(self, site: Path, files: list, made_with: str) -> list:
        """`on_env`, MkDocs' folder emptied: the kept pages back in it, the pages of
        papers gone removed; the files whose pages must be built (all of them when
        anything else changed)."""
        self._stamps = {f.src_uri: _stamp(f) for f in files}
        if made_with != self.made_with or not self.aside.is_dir():
            shutil.rmtree(self.aside, ignore_errors=True)
            self.built, self.made_with = {}, made_with
            return files
        papers = site / urls.PAPERS
        os.rename(self.aside, papers)
        wanted = {Path(f.dest_uri).parent.name for f in files}
        for folder in os.scandir(papers):
            if folder.name not in wanted:
                shutil.rmtree(folder.path, ignore_errors=True)
        return [
            f
            for f in files
            if self._stamps[f.src_uri] is None
            or self.built.get(f.src_uri) != self._stamps[f.src_uri]
            or not (site / f.dest_uri).is_file()
        ]

    def built_all(self) -> None:
        """`on_post_build`: every paper page is now as its Markdown file is."""
        self.built = {uri: stamp for uri, stamp in self._stamps.items() if stamp is not None}

    def forget(self) -> None:
        """A failed build: the next one builds every page."""
        self.built, self.made_with = {}, None
        shutil.rmtree(self.aside, ignore_errors=True)
