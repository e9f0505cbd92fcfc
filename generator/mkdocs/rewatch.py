"""`mkdocs serve` keeps watching the dumps when their folder goes and comes back,
and watches of the docs folder only what people write there.

MkDocs watches with watchdog's polling observer, whose watch of a folder ends
for good once the folder is gone (deleted, or moved away and back, as a branch
switch or a restore from a backup does): edits were no longer seen. This thread
looks twice a second whether each watched folder is there and its watch alive;
when the folder goes or comes back it watches it anew and asks for a rebuild,
by touching a file in a folder MkDocs watches (MkDocs has no public call for
a rebuild), so the site says at once that the dumps are gone, and shows them
again when they are back.

The docs folder is watched without the folders the generator owns (papers/,
topics/, ...): MkDocs watches it whole, and its polling observer stats every
file in it twice a second, in a thread of the serving process. At 10,000
papers one look took 0.17-0.19 s (0.3-0.5 s on a busy machine), held the GIL
from the builds it slowed, and found nothing a person had written (the
generator's own writes are unwatched). Its top level is watched alone
(`about.md`), and each other folder in it (`assets/`, one a person adds later)
as a whole.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

POLL_SECONDS = 0.5  # (MkDocs' own polling interval)
SIGNAL = "rebuild"


class Rewatch(threading.Thread):
    """Watches `folders` through MkDocs' server, anew each time one comes back."""

    def __init__(
        self,
        server,
        folders: list[Path],
        signals: Path,
        docs: Path | None = None,
        generated: tuple[str, ...] = (),
    ) -> None:
        super().__init__(name="catalogue-rewatch", daemon=True)
        self._server = server
        self._there = {os.path.abspath(f): f.is_dir() for f in folders}
        self._watching: set[str] = set()
        self._signals = signals
        self._count = 0
        self._docs = os.path.abspath(docs) if docs else None
        self._generated = frozenset(generated)
        signals.mkdir(parents=True, exist_ok=True)
        server.watch(str(signals))
        for folder, there in self._there.items():
            if there:  # (watchdog's watch of a missing folder fails in its thread)
                self._watch(folder)
        if self._docs:
            server.unwatch(self._docs)  # (MkDocs watched it whole)
            server.watch(self._docs, recursive=False)
            self._new_docs_folders()

    def run(self) -> None:
        observer = self._server.observer
        while True:
            time.sleep(POLL_SECONDS)
            if not observer.is_alive():
                if observer.ident is not None:
                    return  # the server stopped
                continue  # not started yet
            if self._look():
                self._ask_for_rebuild()

    def _new_docs_folders(self) -> bool:
        """Watch the docs folder's own folders not yet watched; whether there were any."""
        try:
            folders = [
                entry.path
                for entry in os.scandir(self._docs)
                if entry.is_dir() and entry.name not in self._generated
                and not entry.name.startswith(".")
            ]  # fmt: skip
        except OSError:
            return False
        new = [folder for folder in folders if folder not in self._there]
        for folder in new:
            self._there[folder] = True
            self._watch(folder)
        return bool(new)

    def _look(self) -> bool:
        """Watch again what came back, and the docs folder's new folders; whether
        a folder came or went."""
        changed = bool(self._docs) and self._new_docs_folders()
        for folder, was_there in self._there.items():
            there = os.path.isdir(folder)
            if there and not self._alive(folder):
                # (Gone and back between two looks is a change too.)
                self._watch(folder)
                changed = True
            self._there[folder] = there
            changed = changed or there != was_there
        return changed

    def _watch(self, folder: str) -> None:
        if folder in self._watching:
            self._server.unwatch(folder)
        self._server.watch(folder)
        self._watching.add(folder)

    def _alive(self, folder: str) -> bool:
        """Whether a live watch of the folder remains (watchdog's stops with its folder)."""
        try:
            emitters = list(self._server.observer.emitters)
        except RuntimeError:  # (changed while copied: look again next time)
            return True
        return any(e.watch.path == folder and e.is_alive() for e in emitters)

    def _ask_for_rebuild(self) -> None:
        self._count += 1
        try:
            (self._signals / SIGNAL).write_text(f"{self._count}\n")
        except OSError:
            pass  # (the cache folder gone too: the next edit rebuilds)
