"""The dumps folder -> each dump's records, with problems, by forked workers.

One reader per input format, chosen by the file's suffix; each gives a
DumpResult (records and problems with file and line).
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Callable
from pathlib import Path

from ..model import DumpResult, Paper, Problem
from ..publish.cache import BuildCache, pickled
from ..runtime.parallel import fork_map
from .bibliography import BIB_SUFFIXES, parse_bib_dump
from .capture import parse_text_dump
from .captures import MANIFEST_NAME, capture_date
from .feed import FEED_SUFFIXES
from .hf_json import parse_feed_dump, parse_json_dump
from .html_page import parse_html_dump
from .labels import LABELS_NAME
from .limits import MAX_FILE_BYTES, megabytes
from .overrides import OVERRIDES_NAME
from .pages_pinned import PAGES_NAME
from .table import TABLE_SUFFIXES, parse_table_dump
from .text_dump import TopicsOf
from .web_archive import (
    MHTML_SUFFIXES,
    WEBARCHIVE_SUFFIXES,
    parse_mhtml_dump,
    parse_webarchive_dump,
)
from .yaml_dump import YAML_SUFFIXES, parse_yaml_dump

# Text dumps (a browser's copy, or a tool's capture, as text or Markdown), API responses,
# list pages saved as HTML, and feeds.
READERS = {
    ".txt": parse_text_dump,
    ".md": parse_text_dump,
    ".markdown": parse_text_dump,
    ".json": parse_json_dump,
    ".jsonl": parse_json_dump,  # (JSON Lines: an item a line)
    ".html": parse_html_dump,  # (a list page saved whole: the papers' data in it)
    ".htm": parse_html_dump,
    **dict.fromkeys(FEED_SUFFIXES, parse_feed_dump),  # (RSS and Atom feeds of papers)
    **dict.fromkeys(TABLE_SUFFIXES, parse_table_dump),  # (tables of papers: a spreadsheet's)
    **dict.fromkeys(BIB_SUFFIXES, parse_bib_dump),  # (bibliographies: a reference manager's)
    **dict.fromkeys(YAML_SUFFIXES, parse_yaml_dump),  # (scripts' papers kept as YAML)
    # (Pages saved as one file by Chrome or Edge, and by Safari: their HTML.)
    **dict.fromkeys(MHTML_SUFFIXES, parse_mhtml_dump),
    **dict.fromkeys(WEBARCHIVE_SUFFIXES, parse_webarchive_dump),
}

Progress = Callable[[str], None]


def reader_of(path: Path):
    """The reader of a dump, by its suffix in any case (`Daily Papers.TXT`), or None."""
    return READERS.get(path.suffix.lower())


def dump_files(dumps_dir: Path) -> list[Path]:
    """The folder's dumps: the files a reader reads, but its own (captures.yml...)."""
    return sorted(
        p for p in dumps_dir.iterdir() if p.is_file() and reader_of(p) and p.name not in _OWN_FILES
    )


# The folder's files that are no dumps: the capture dates, the labels, the overrides, the pins.
_OWN_FILES = frozenset({MANIFEST_NAME, LABELS_NAME, OVERRIDES_NAME, PAGES_NAME})


def unread_files(dumps_dir: Path) -> list[Problem]:
    """A note for each file in the folder that is neither a dump nor one of its own
    files (a page saved as a web archive, say), and for each folder in it: neither is read,
    and their papers would be missing without a word. Hidden ones (`.gitkeep`)
    are left alone."""
    notes = []
    for path in sorted(dumps_dir.iterdir()):
        if path.name.startswith(".") or reader_of(path) or path.name in _OWN_FILES:
            continue
        if path.is_dir() and _page_files(path):
            continue  # (a page saved "complete": its images and scripts, no papers)
        if path.is_dir():
            said = f"not read: a folder (dumps are read from {dumps_dir.name}/ itself)"
        else:
            said = "not read: a dump is a page saved as text (.txt, .md), HTML (.html) or"
            said += " one file (.mhtml, .webarchive), an API response (.json, .jsonl, .yaml),"
            said += " a feed (.xml, .rss, .atom), a table (.csv, .tsv) or a bibliography (.bib)"
            if path.suffix.lower() in (".pdf", ".png", ".jpg", ".jpeg", ".webp"):
                said += "; save the page as HTML, or as text"
        notes.append(Problem(str(path), 0, said))
    return notes


def _page_files(folder: Path) -> bool:
    """Whether a folder holds a saved page's files: `<page>_files` beside `<page>.html`,
    as browsers save a page "complete"."""
    page = folder.name.removesuffix("_files")
    return page != folder.name and any(
        (folder.parent / f"{page}{suffix}").is_file() for suffix in (".html", ".htm")
    )


class _Refused(Exception):
    """A file in the dumps folder that is not read: why, in a few words."""


def _dump_bytes(path: Path) -> bytes:
    """The dump's bytes; a link (it could point anywhere: a pull request's link to a
    secret, say) or a file past the size limit is refused, unread."""
    if path.is_symlink():
        raise _Refused("a symbolic link, not followed: a dump is a file in the folder")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _Refused(
            f"{megabytes(size)}, more than the {megabytes(MAX_FILE_BYTES)} a dump may be"
        )
    return path.read_bytes()


def read_dumps(
    paths: list[Path],
    manifest: dict[str, dt.date],
    workers: int,
    topics_of: TopicsOf | None = None,
    cache: BuildCache | None = None,
    progress: Progress = lambda _: None,
    terms_of: Callable[[list[Paper]], object] | None = None,
    signals_of: Callable[[list[Paper]], object] | None = None,
) -> list[DumpResult]:
    """Each dump's records (with topics, given `topics_of`, their term counts,
    given `terms_of`, and their topic keyword signals, given `signals_of`), from
    the cache when unchanged; the others are parsed by forked workers, all cores
    at once."""
    results: list[DumpResult | None] = []
    to_parse: list[tuple[int, Path, bytes, dt.date | None, str]] = []
    for path in paths:
        try:
            data = _dump_bytes(path)
        except (OSError, _Refused) as exc:
            said = f"cannot read: {exc.strerror}" if isinstance(exc, OSError) else str(exc)
            results.append(DumpResult(path.name, None, problems=[Problem(str(path), 0, said)]))
            continue
        captured = capture_date(path.name, manifest)
        key = cache.dump_key(path.name, data, captured) if cache else ""
        results.append(cache.get_dump(key) if cache else None)
        if results[-1] is None:
            to_parse.append((len(results) - 1, path, data, captured, key))

    def parse(k: int) -> bytes:
        _, path, data, captured, key = to_parse[k]
        result = reader_of(path)(data, path.name, captured, topics_of)
        if terms_of:
            result.terms = terms_of(result.papers)
        if signals_of:
            result.signals = signals_of(result.papers)
        # Sources name the dump as the repository does; problems give a path to open.
        result.problems = [Problem(str(path), p.line, p.message) for p in result.problems]
        result.notes = [Problem(str(path), p.line, p.message) for p in result.notes]
        blob = pickled(result)  # once, for the cache and for the way back
        if cache:
            cache.put_dump(key, blob)
        return blob

    parsed = fork_map(parse, range(len(to_parse)), workers, doing="reading the dumps")
    for job, blob in zip(to_parse, parsed):
        results[job[0]] = pickle.loads(blob)
    for number, (path, result) in enumerate(zip(paths, results), start=1):
        progress(f"[{number}/{len(paths)}] {path}: {len(result.papers)} records")
    return results
