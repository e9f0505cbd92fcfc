"""What a large build holds, and where: the export files one at a time, a forked
worker's cache memo let go, the search entries made before the index's process
is forked. (The figures are bench/scale.py's; these check the behaviour.)"""

import json
import os

import pytest

from generator.catalogue.taxonomy import DEFAULT_TAXONOMY, load_taxonomy
from generator.config import Settings
from generator.mkdocs import plugin as plugin_module
from generator.mkdocs.plugin import CataloguePlugin
from generator.model import Catalogue, Paper
from generator.pages import exports
from generator.pages.bibtex import cite_keys, entry
from generator.publish import cache as cache_module
from generator.publish.cache import BuildCache
from generator.runtime.parallel import FORK
from generator.search import index as index_module

TAXONOMY = load_taxonomy()


def catalogue() -> Catalogue:
    papers = [
        Paper(id="2401.00001", title="Parrots 🦜 that plan", abstract="Łukasz's planner.",
              topics=("robotics",)),
        Paper(id="2401.00002", title="Plain ASCII", abstract="Nothing wide here.",
              topics=("robotics",)),
    ]  # fmt: skip
    return Catalogue(papers, TAXONOMY, [])


def test_export_files_are_made_one_at_a_time_as_utf8(monkeypatch):
    """At 50,000 papers the exports are 170 MB: each file is made when taken, so a
    file is written before the next is made (the CSV fails here, after the JSON)."""
    made = catalogue()
    keys = cite_keys(made.papers)
    entries = {p.id: entry(p, None, keys[p.id]) for p in made.papers}
    lines: dict = {}
    exports.add_lines(made.papers, lines)
    monkeypatch.setattr(exports, "_csv_file", lambda rows: pytest.fail("made before it was taken"))
    files = exports.export_files(made, entries, lines)
    path, content = next(iter(files))
    assert path == "exports/papers.json"
    assert [r["title"] for r in json.loads(content.decode("utf-8"))] == [
        "Parrots 🦜 that plan",
        "Plain ASCII",
    ]


def test_a_forked_worker_keeps_no_memo_of_what_it_stores(tmp_path):
    """A worker's memo dies with it, after holding what it stored for as long as it
    works on (the exports' lines of 50,000 papers: 190 MB); the process that
    builds again keeps its own."""
    cache = BuildCache(tmp_path, b"taxonomy")
    receiver, sender = FORK.Pipe(duplex=False)

    def store_in_a_worker():
        cache.put_made("exports", {"2401.00001": ((), (b"{}", b""))})
        sender.send(str(tmp_path / "exports.pickle") in cache_module._kept)

    worker = FORK.Process(target=store_in_a_worker)
    worker.start()
    kept_by_worker = receiver.recv()
    worker.join()
    assert kept_by_worker is False
    assert cache.made("exports") == {"2401.00001": ((), (b"{}", b""))}  # (stored all the same)
    cache.put_made("cards", {"2401.00001": ((), "card")})
    assert str(tmp_path / "cards.pickle") in cache_module._kept


def test_the_search_entries_are_made_before_the_index_process_is_forked(tmp_path, monkeypatch):
    """Read in the forked process, the papers' pages are copied as it touches them
    (165 MB at 50,000 papers): the entries are made in the process that has them."""
    makers = tmp_path / "made-in"
    real = index_module.search_entries

    def noting_where(*args):
        with open(makers, "a") as out:
            out.write(f"{os.getpid()}\n")
        return real(*args)

    monkeypatch.setattr(index_module, "search_entries", noting_where)
    monkeypatch.setattr(plugin_module, "search_entries", noting_where)
    (tmp_path / "docs").mkdir()
    plugin = CataloguePlugin()
    plugin.settings = Settings(
        dumps=tmp_path,
        docs=tmp_path / "docs",
        taxonomy=DEFAULT_TAXONOMY,
        cache=tmp_path / "cache",
        workers=2,
    )
    plugin._index_now(catalogue())
    job = plugin._taken_index()
    job.join()
    assert job.exitcode == 0
    assert makers.read_text().split() == [str(os.getpid())]
    assert index_module.has_index(tmp_path / "cache")
