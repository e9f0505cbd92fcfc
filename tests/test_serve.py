"""`mkdocs serve` picks up a new dump without a restart, and settles (no rebuild loop)."""

import gzip
import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, copy_project, stop_serving

from generator.mkdocs.plugin import CataloguePlugin
from generator.runtime.parallel import FORK


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode()
    except OSError:
        return None


def wait_for(predicate, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    return None


def serve_log(tmp_path):
    """The file the server logs to, which the test reads as it goes. Opened for
    appending: the server's writes share the file's offset with the test's reads.

    A build's end is no "Documentation built" line: MkDocs drops a line of its
    build log that repeats an earlier one word for word (its DuplicateFilter), so
    a build as fast as an earlier one, to the hundredth of a second, logs none.
    Each build starts with "Building documentation...", and each but the first
    ends with "Reloading browsers": those are counted."""
    return open(tmp_path / "serve.log", "a+")


@pytest.fixture
def served(tmp_path):
    project = copy_project(tmp_path / "project", with_dumps=False)
    shutil.copy(FIXTURES / "blank_separated.txt", project / "dumps" / "2025-05-19-a.txt")
    port = free_port()
    log = serve_log(tmp_path)
    scratch = tmp_path / "tmp"  # (MkDocs' temporary site, removed when it stops)
    scratch.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    env["TMPDIR"] = str(scratch)
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        yield project, f"http://127.0.0.1:{port}/", log
    finally:
        stop_serving(server)
        log.close()
    assert not list(scratch.iterdir()), "stopped with Ctrl-C, serve leaves nothing behind"


def log_tail(log, lines: int = 40) -> str:
    """The server log's last lines, for a failure's message."""
    log.seek(0)
    return "\n".join(log.read().splitlines()[-lines:])


def builds(log) -> int:
    log.seek(0)
    return log.read().count("Building documentation")


def test_new_dump_appears_without_restart_and_serve_settles(served):
    project, url, log = served
    assert wait_for(lambda: fetch(url), 60), "server did not start"
    assert "Easy Before Hard" not in fetch(url)
    shutil.copy(FIXTURES / "compact_glued_subscribe.txt", project / "dumps" / "2025-06-01-b.txt")
    appeared = wait_for(lambda: "Easy Before Hard" in (fetch(url) or ""), 60)
    assert appeared, "the new dump's paper never appeared"
    # One build for the new dump: the pages it writes into docs/ start no second one.
    time.sleep(6)  # several watcher polls: a generator whose writes were seen would rebuild
    assert builds(log) == 2  # (the first build, and the new dump's)
    # docs/ is still watched: a hand edit there is seen.
    about = project / "docs" / "about.md"
    about.write_text(about.read_text() + "\nA line written by hand.\n")
    edited = wait_for(lambda: "A line written by hand." in (fetch(url + "about/") or ""), 30)
    assert edited, "an edit in docs/ after a rebuild was never seen"
    # A folder of pages a person adds to docs/ is watched too (the generator's are not).
    notes = project / "docs" / "notes"
    notes.mkdir()
    (notes / "reading.md").write_text("# Reading group\n\nWe meet on Thursdays.\n")
    added = wait_for(lambda: "We meet on Thursdays." in (fetch(url + "notes/reading/") or ""), 30)
    assert added, "a page in a new folder of docs/ was never served"
    (notes / "reading.md").write_text("# Reading group\n\nWe meet on Fridays.\n")
    moved = wait_for(lambda: "We meet on Fridays." in (fetch(url + "notes/reading/") or ""), 30)
    assert moved, "an edit in a new folder of docs/ was never seen"


def test_a_bad_dump_keeps_the_last_pages_served_and_is_recovered_from(served):
    project, url, log = served
    assert wait_for(lambda: fetch(url), 60), "server did not start"
    paper = url + "papers/sparse-rewards-in-practice/"
    assert "Sparse Rewards in Practice" in fetch(paper)
    bad = project / "dumps" / "2025-06-01-b.txt"
    # The new dump's first paper is whole, its second has no abstract: a problem.
    text = (FIXTURES / "compact_glued_subscribe.txt").read_text()
    bad.write_text("\n".join(text.splitlines()[:-1]) + "\n")
    named = wait_for(lambda: f"{bad}:" in (log.seek(0) or log.read()), 60)
    assert named, "the problem never reached the log"
    log.seek(0)
    logged = log.read()
    assert "Traceback" not in logged
    [named] = [line for line in logged.splitlines() if f"{bad}:" in line]
    assert "expected an abstract" in named
    time.sleep(2)
    assert "Sparse Rewards in Practice" in (fetch(paper) or "")  # still served
    bad.write_text(text)  # fixed
    appeared = wait_for(lambda: "Easy Before Hard" in (fetch(url) or ""), 60)
    assert appeared, "the fixed dump's papers never appeared"


def test_serve_goes_on_when_the_dumps_folder_goes_away_and_comes_back(served):
    # (MkDocs' watch of a folder ends with the folder: before, edits went unseen
    # after it came back, and the config's "isn't an existing directory" stalled
    # every request.)
    project, url, log = served
    assert wait_for(lambda: fetch(url), 60), "server did not start"
    paper = url + "papers/sparse-rewards-in-practice/"
    dumps, away = project / "dumps", project.parent / "dumps-away"
    dumps.rename(away)
    gone = wait_for(lambda: f"{dumps}: no such folder" in (log.seek(0) or log.read()), 30)
    assert gone, "the missing folder was never named"
    assert "Sparse Rewards in Practice" in (fetch(paper) or "")  # the last pages, still served
    shutil.copy(FIXTURES / "compact_glued_subscribe.txt", away / "2025-06-01-b.txt")
    away.rename(dumps)
    back = wait_for(lambda: "Easy Before Hard" in (fetch(url) or ""), 30)
    assert back, "the folder came back and its new dump never appeared"
    shutil.copy(FIXTURES / "unicode_titles.txt", dumps / "2025-07-29-c.txt")
    edited = wait_for(lambda: "Café-RL" in (fetch(url) or ""), 30)
    assert edited, "an edit after the folder came back was never seen"
    log.seek(0)
    assert "Traceback" not in log.read()


def files_of(site) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def other_file_system(tmp_path):
    """A new folder on another file system than `tmp_path`'s if there is one (a
    tmpfs), else in it."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK) and shm.stat().st_dev != tmp_path.stat().st_dev:
        return Path(tempfile.mkdtemp(dir=shm))
    (tmp_path / "scratch").mkdir()
    return tmp_path / "scratch"


def test_serve_edits_give_the_site_a_cold_build_gives(tmp_path):
    """Under serve, a change rebuilds only the pages it touched (the others, paper
    and list pages, are kept from the last build): after an override, a keyword
    added to a topic in the taxonomy, a new dump and that dump removed, the served
    site is byte for byte a cold build's."""
    project = copy_project(tmp_path / "project")
    # Serve builds into a temporary folder: made here, on another file system than
    # the project's where the machine has one (/tmp is often one of its own).
    scratch = other_file_system(tmp_path)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = serve_log(tmp_path)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env={**env, "TMPDIR": str(scratch)}, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip

    def shows(address: str, text: str, timeout: float = 90) -> bool:
        return bool(wait_for(lambda: text in (fetch(url + address) or ""), timeout))

    paper = "papers/streaming-deep-reinforcement-learning-finally-works/"
    try:
        assert shows("", "Paper catalogue"), "server did not start"
        (project / "dumps" / "overrides.yml").write_text(
            "streaming-deep-reinforcement-learning-finally-works:\n  topics: [+safety-security]\n"
        )
        assert shows(paper, "Safety and security: curated")

        def logged_times(line: str) -> int:
            return (log.seek(0) or log.read()).count(line)

        # A title word of other papers made a keyword of a topic they lack.
        grokking = "papers/grokking-as-the-transition-from-lazy-to-rich-training-dynamics/"
        assert "topics/robotics/" not in fetch(url + grokking)
        taxonomy = project / "generator" / "topics.yml"
        text = taxonomy.read_text()
        assert "\n- slug: robotics\n" in text and "\n  keywords:\n" in text
        head, robotics = text.split("\n- slug: robotics\n")
        robotics = robotics.replace("\n  keywords:\n", "\n  keywords:\n    - grokking\n", 1)
        taxonomy.write_text(head + "\n- slug: robotics\n" + robotics)
        assert shows(grokking, "Robotics: matched grokking"), log_tail(log)
        dump = project / "dumps" / "2025-06-01-b.txt"
        shutil.copy(FIXTURES / "compact_glued_subscribe.txt", dump)
        new = "papers/easy-before-hard-a-curriculum-for-pretraining/"
        assert shows(new, "Easy Before Hard")
        dump.unlink()
        assert wait_for(lambda: fetch(url + new) is None, 90), "a removed paper's page stayed"
        # (A page is gone as soon as MkDocs empties its folder: the build goes on.)
        done = wait_for(lambda: logged_times("Reloading browsers") >= 4, 90)  # (4 edits)
        assert done, "the last edit's build never ended; the log's end:\n" + log_tail(log)
        # (The search files follow the pages, once the index is built; an edit made
        # before that drops it for the next build's.)
        published = wait_for(
            lambda: logged_times("search index published") + logged_times("index dropped") >= 5,
            60,
        )
        assert published, "the last edit's search files were never published:\n" + log_tail(log)
        time.sleep(3)
        log.seek(0)
        logged = log.read()
        assert "pages kept from the last build" in logged
        assert logged.count("Building documentation") == 5, "one build per edit"
        [served] = [p for p in scratch.iterdir() if p.name.startswith("mkdocs_")]
        served_files = files_of(served)
    finally:
        stop_serving(server)
        log.close()
        shutil.rmtree(scratch, ignore_errors=True)
    # The same sources built cold, for the same address.
    shutil.rmtree(project / ".cache", ignore_errors=True)
    cold = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project, env={**env, "SITE_URL": url}, capture_output=True, text=True,
    )  # fmt: skip
    assert cold.returncode == 0, cold.stderr
    cold_files = files_of(project / "site")
    assert sorted(served_files) == sorted(cold_files)
    # (MkDocs' gzipped sitemap carries the time it was written: its content is compared.)
    for files in (served_files, cold_files):
        files["sitemap.xml.gz"] = gzip.decompress(files["sitemap.xml.gz"])
    differ = [name for name in cold_files if served_files[name] != cold_files[name]]
    assert differ == []


def _publishing_a_slow_index(plugin, site: Path):
    """The plugin's thread waiting to publish an index whose build takes a while."""
    index = FORK.Process(target=time.sleep, args=(60,))
    index.start()
    publishing = threading.Thread(target=plugin._publish_later, args=(index, site))
    plugin._publishing = (publishing, index)
    publishing.start()
    return index, publishing


def test_an_edit_made_while_the_search_index_is_built_drops_it_for_the_next(tmp_path, caplog):
    """Under serve the search files follow the pages; the next build does not wait for
    an index still being built (its own replaces it): that one is dropped, quietly."""
    plugin = CataloguePlugin()
    index, publishing = _publishing_a_slow_index(plugin, tmp_path)
    started = time.monotonic()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.catalogue"):
        plugin._wait_for_search()  # (what the next build does first)
    assert time.monotonic() - started < 20
    assert not index.is_alive() and not publishing.is_alive()
    assert "search index dropped" in caplog.text
    assert [r.message for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_stopping_serve_drops_the_search_index_being_built_before_the_site_goes(tmp_path):
    """On Ctrl-C MkDocs removes its temporary site: nothing may write there after
    (a search index published as it was removed kept the folder)."""
    plugin = CataloguePlugin()
    index, publishing = _publishing_a_slow_index(plugin, tmp_path)
    started = time.monotonic()
    plugin.on_shutdown()
    assert time.monotonic() - started < 20
    assert not index.is_alive() and not publishing.is_alive()


class _Server:
    """What Rewatch uses of MkDocs' server: its watches, by path, and their kind."""

    def __init__(self, docs: Path):
        self.watched = {os.path.abspath(docs): True}  # (as `mkdocs serve` leaves it: whole)
        self.observer = self

    @property
    def emitters(self):  # (every watch alive)
        from types import SimpleNamespace

        return [
            SimpleNamespace(watch=SimpleNamespace(path=p), is_alive=lambda: True)
            for p in self.watched
        ]

    def watch(self, path, recursive=True):
        self.watched[os.path.abspath(path)] = recursive

    def unwatch(self, path):
        del self.watched[os.path.abspath(path)]


def test_serve_watches_of_the_docs_folder_what_people_write_not_the_generators_folders(tmp_path):
    """MkDocs' polling stat'ed every generated page twice a second (0.17-0.19 s a
    look at 10,000 papers, in the serving process): only the top level of docs/
    and its other folders are watched, a folder added later too."""
    from generator.mkdocs.rewatch import Rewatch
    from generator.urls import GENERATED_DIRS

    docs, dumps = tmp_path / "docs", tmp_path / "dumps"
    for folder in (*GENERATED_DIRS, "assets"):
        (docs / folder).mkdir(parents=True)
    dumps.mkdir()
    server = _Server(docs)
    rewatch = Rewatch(server, [dumps], tmp_path / "signals", docs=docs, generated=GENERATED_DIRS)
    assert server.watched == {
        str(tmp_path / "signals"): True,
        str(dumps): True,
        str(docs): False,  # (its top level alone)
        str(docs / "assets"): True,
    }
    assert rewatch._look() is False  # (nothing new)
    (docs / "notes").mkdir()
    assert rewatch._look() is True and server.watched[str(docs / "notes")] is True
    assert not any(str(docs / name) in server.watched for name in GENERATED_DIRS)
