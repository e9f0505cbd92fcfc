"""What earlier builds computed, kept so that adding one dump costs the work of one dump.

Under the cache folder (`.cache/generator/`, outside git):
- `dumps/<key>.pickle`: one dump's records with their topics; the key covers
  the dump's name, bytes and capture date and the code and taxonomy that read it;
- `papers.pickle`: what each paper page was last written from (its paper's
  signature), so unchanged papers are not rendered again;
- `entries.pickle`: each paper's BibTeX entry and what it was made from;
- `exports.pickle`: each paper's lines of the JSON and CSV exports, likewise;
- `cards.pickle`: each paper's card in the list pages, likewise;
- `related.pickle`: the related papers, and the papers' texts they were found in
  (a curator's topic or a new upvote count changes no text: none to find again);
- `search/`: the search files (see search/index.py).

Every entry carries a fingerprint of the generator's source and the taxonomy:
change either and the cache is simply not used. A missing or unreadable cache
is never an error, only slower.

A process that builds again (`mkdocs serve`) keeps what it loaded or stored:
a file that is as it was then (same inode, size and modification time; the
cache writes a new file, so a new inode, every time) is not unpickled again.
What the cache returns is shared between builds, so it is never changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import operator
import pickle
from pathlib import Path

from ..model import DumpResult, Paper
from .write import replacing

PACKAGE = Path(__file__).resolve().parent.parent

# Path -> (its file's inode, size and mtime; the fingerprint; the value) of what
# this process last loaded or stored there (an unpickled dump took 10 ms a
# thousand records, the related papers 0.3 s at 10,000 papers, every build).
_kept: dict[str, tuple[tuple[int, int, int], str, object]] = {}


# The term vectors this process made last, with the texts (and fingerprint) they
# were made from: under `serve` (Settings.builds_again), an edit that changes no
# text (a curator's) finds them here (0.9 s at 50,000 papers). In memory only:
# they are made faster than they would be read.
_vectors: tuple[str, object] | None = None


# The papers the same dumps' records (the same objects: _kept) merged into last,
# with the pins: under `serve`, an edit that changes no dump (a curator's) merges
# nothing again (0.08 s at 10,000 papers), and its papers are the same objects.
_merged: tuple[list, object, str, object] | None = None


def _remember(path: Path, identity: tuple[int, int, int], stamp: str, value) -> None:
    """Into _kept, unless this process is a forked worker: its memo would die with
    it, after holding what it stored (the exports' lines of 50,000 papers, 190 MB)
    for as long as it works on."""
    if multiprocessing.parent_process() is None:
        _kept[str(path)] = (identity, stamp, value)


def _identity(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def fingerprint(taxonomy: bytes) -> str:
    """Changes whenever the code or the taxonomy could produce different output."""
    digest = hashlib.sha1(taxonomy)
    for source in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.html")]):
        digest.update(source.relative_to(PACKAGE).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


class BuildCache:
    def __init__(self, root: Path | None, taxonomy: bytes):
        self.root = root
        self.fingerprint = fingerprint(taxonomy)
        self._used: set[str] = set()
        self._keys: dict[str, str] = {}  # dump file name -> key
        self._texts: tuple[list, str] | None = None  # (a list of papers, its texts_digest)

    def _load(self, path: Path):
        try:
            identity = _identity(path)
            kept = _kept.get(str(path))
            if kept and kept[0] == identity and kept[1] == self.fingerprint:
                return kept[2]
            stamp, value = pickle.loads(path.read_bytes())
            if stamp != self.fingerprint:
                return None
            value = pickle.loads(value) if isinstance(value, bytes) else value
            _remember(path, identity, stamp, value)
            return value
        except Exception:  # missing, truncated, from another version: recompute
            return None

    def _store(self, path: Path, value) -> None:
        """Store `value`, or what the bytes `value` pickle (no value is bytes itself)."""
        try:
            # (Pickled into the file as it goes: the exports' lines of 50,000 papers
            # pickle to 250 MB, which pickle.dumps held in memory at once.)
            with replacing(path) as handle:
                pickle.dump((self.fingerprint, value), handle, pickle.HIGHEST_PROTOCOL)
            if not isinstance(value, bytes):
                _remember(path, _identity(path), self.fingerprint, value)
        except OSError:
            pass  # a read-only checkout still builds, only slower

    # ------------------------------------------------------------ dumps

    def dump_key(self, name: str, data: bytes, captured: dt.date | None) -> str:
        digest = hashlib.sha1(f"{name}\0{captured}\0{self.fingerprint}\0".encode())
        digest.update(data)
        self._keys[name] = key = digest.hexdigest()
        return key

    def get_dump(self, key: str) -> DumpResult | None:
        if self.root is None:
            return None
        self._used.add(key)
        return self._load(self.root / "dumps" / f"{key}.pickle")

    def put_dump(self, key: str, result: bytes) -> None:
        """Store a dump read after `get_dump(key)` missed (which marked the key used),
        as `pickled` gave it."""
        if self.root is not None:
            self._store(self.root / "dumps" / f"{key}.pickle", result)

    def prune_dumps(self) -> None:
        """Forget dumps this build did not read (deleted or edited since)."""
        if self.root is None:
            return
        for path in (self.root / "dumps").glob("*.pickle"):
            if path.stem not in self._used:
                path.unlink(missing_ok=True)
                _kept.pop(str(path), None)

    # ------------------------------------------------------------ papers

    def signature(self, paper: Paper) -> tuple[tuple[str, int], ...]:
        """What `paper` is made from: the dump (by key) and line of each of its
        records. Records are a function of their dump's key (bytes, name, capture
        date, code), a paper of its records, and its page of the paper, the code
        and the taxonomy (the fingerprint): a page whose paper has the signature
        it was written from is as it would be written again."""
        return tuple((self._keys[s.file], s.line) for s in paper.sources)

    def rendered_papers(self) -> dict[str, tuple]:
        """Paper id -> the signature its page was last written from."""
        if self.root is None:
            return {}
        return self._load(self.root / "papers.pickle") or {}

    # The signatures of the papers the pages are being written from are stored (by a worker,
    # beside the writing) under another name, and take effect only once every
    # page is written: until then, a crash could leave a half-written page
    # that the next build would take as up to date.

    def pages_writing(self) -> None:
        """Before the pages are written: forget papers stored by a build that stopped."""
        if self.root is not None:
            (self.root / "papers.pickle.next").unlink(missing_ok=True)

    def put_rendered_papers(self, signatures: dict[str, tuple]) -> None:
        """Paper id -> what its page is being written from (see `signature`);
        nothing to store when that is what the last build stored."""
        if self.root is not None and signatures != self.rendered_papers():
            self._store(self.root / "papers.pickle.next", signatures)

    def pages_written(self, signatures: dict[str, tuple]) -> None:
        """Once every page is written from `signatures` (what a worker stored)."""
        if self.root is not None:
            path = self.root / "papers.pickle"
            try:
                (self.root / "papers.pickle.next").replace(path)
            except OSError:
                return  # as stored already; or not stored: the next build renders more pages
            # (Kept as this process made them: the next build under serve reads them
            # without loading the file the worker wrote, 0.1 s at 10,000 papers.)
            _remember(path, _identity(path), self.fingerprint, signatures)

    # ------------------------------------------------------------ what each paper makes

    def made(self, kind: str) -> dict[str, tuple[tuple, object]]:
        """Paper id -> (what it was made from, what was made) of a `kind` of thing a
        build makes of each paper: "entries" (BibTeX), "exports" (its JSON and CSV
        lines), "cards" (in the list pages)."""
        if self.root is None:
            return {}
        return self._load(self.root / f"{kind}.pickle") or {}

    def put_made(self, kind: str, made: dict[str, tuple[tuple, object]]) -> None:
        # (A memo of what papers make: it can be stored at any time. Stored as it
        # is, it is not stored again: a curator's edit changes few papers' things.)
        if self.root is not None and made != self.made(kind):
            self._store(self.root / f"{kind}.pickle", made)

    # ------------------------------------------------------------ related papers

    def related(self, papers: list[Paper]) -> dict | None:
        """The related papers found last in these papers' texts, if the texts are the same."""
        if self.root is None:
            return None
        stored = self._load(self.root / "related.pickle")
        if stored is None or stored[0] != self._digest(papers):
            return None
        return stored[1]

    def put_related(self, papers: list[Paper], related: dict) -> None:
        if self.root is not None:
            self._store(self.root / "related.pickle", (self._digest(papers), related))

    def vectors(self, papers: list[Paper]):
        """The term vectors this process made last of these papers' texts, if any."""
        key = f"{self.fingerprint}\0{self._digest(papers)}"
        return _vectors[1] if _vectors is not None and _vectors[0] == key else None

    def put_vectors(self, papers: list[Paper], vectors) -> None:
        global _vectors
        _vectors = (f"{self.fingerprint}\0{self._digest(papers)}", vectors)

    def merged(self, dumps: list[DumpResult], pinned: dict):
        """What this process merged the records of these very dumps into last, if
        with the same pins."""
        if _merged is None or _merged[1:3] != (pinned, self.fingerprint):
            return None
        same = len(_merged[0]) == len(dumps) and all(map(operator.is_, _merged[0], dumps))
        return _merged[3] if same else None

    def put_merged(self, dumps: list[DumpResult], pinned: dict, merged) -> None:
        global _merged
        _merged = (list(dumps), pinned, self.fingerprint, merged)

    def _digest(self, papers: list[Paper]) -> str:
        """texts_digest(papers), found once a build for the same list."""
        if self._texts is None or self._texts[0] is not papers:
            self._texts = (papers, texts_digest(papers))
        return self._texts[1]


def texts_digest(papers: list[Paper]) -> str:
    """What the related papers are found in: each paper's id, title and abstract, in order."""
    digest = hashlib.sha1()
    for paper in papers:
        digest.update(f"{paper.id}\0{paper.title}\0{paper.abstract}\0".encode())
    return digest.hexdigest()


def pickled(value) -> bytes:
    """`value` as the cache stores it: workers pickle their results once, both
    for the cache and for the way back to the parent."""
    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
