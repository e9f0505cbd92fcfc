"""Shared test helpers: fixture dumps, and a scratch copy of the project."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from tools.chromium import CHROMIUM, CHROMIUM_ARGS

from generator.catalogue.taxonomy import DEFAULT_TAXONOMY
from generator.config import Settings
from generator.pipeline import collect as collect_catalogue
from generator.read.text_dump import parse_dump

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "dumps"
SEEDS = ROOT / "dumps"
CAPTURED = dt.date(2025, 11, 5)


def page_text(html: str) -> str:
    """A page's text as a reader sees it, its entities left as they are: the tags out
    (an author's name is a link)."""
    return re.sub(r"<[^<>]*>", "", html)


def flattened(item: dict, prefix: str = "") -> dict:
    """An API item as pandas' json_normalize flattens it: `{"paper.id": ..., ...}`."""
    flat = {}
    for key, value in item.items():
        if isinstance(value, dict):
            flat.update(flattened(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def parse_fixture(name: str, captured: dt.date | None = CAPTURED):
    path = FIXTURES / name
    return parse_dump(path.read_bytes(), name, captured)


def settings(dumps: Path = None, docs: Path = None, cache: Path | None = None, **more) -> Settings:
    """Build settings for the sample dumps (or `dumps`), writing nothing by default."""
    return Settings(
        dumps=dumps or SEEDS,
        docs=docs or ROOT / "docs",
        taxonomy=more.pop("taxonomy", DEFAULT_TAXONOMY),
        cache=cache,
        workers=more.pop("workers", 2),
        **more,
    )


def collect(dumps: Path = None):
    """The catalogue and report of the sample dumps (or `dumps`), read with no cache."""
    return collect_catalogue(settings(dumps))


def run(
    args: list[str], cwd: Path, timeout: float | None = None, **env: str
) -> subprocess.CompletedProcess:
    """The command's result; past `timeout` seconds, subprocess.TimeoutExpired."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), **env}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def generator(*args: str, cwd: Path, timeout: float | None = None) -> subprocess.CompletedProcess:
    """`python -m generator ARGS` in `cwd`, which must not be the repository when
    the command builds: the developer's own cache is not the tests' to prune."""
    if args[0] in ("build", "search") and Path(cwd).resolve() == ROOT and "--cache" not in args:
        raise ValueError("give the test its own --cache")
    return run([sys.executable, "-m", "generator", *args], cwd=cwd, timeout=timeout)


def generate(command: str, dumps: Path, *extra: str) -> subprocess.CompletedProcess:
    """`python -m generator COMMAND` on `dumps`, its docs and cache beside them."""
    here = dumps.parent
    return generator(
        command, "--dumps", str(dumps), "--docs", str(here / "docs"), "--cache", str(here / "c"),
        *extra, cwd=here,
    )  # fmt: skip


def mkdocs(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, **env)


# Everything a scratch project copy leaves out: environments, output, generated pages.
SKIP_IN_COPY = shutil.ignore_patterns(
    ".venv",
    ".git",
    "site",
    "papers",
    "topics",
    "dates",
    "index.md",
    "__pycache__",
    "tests",
    "node_modules",
    "bench",
    ".cache",
)


def stop_serving(server: subprocess.Popen, timeout: float = 30) -> None:
    """Stop `mkdocs serve` as a user does, with Ctrl-C: it removes its temporary
    site then (SIGTERM ends it before; each left 1 GB at 50,000 papers)."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
        raise


def copy_project(dest: Path, with_dumps: bool = True) -> Path:
    shutil.copytree(ROOT, dest, ignore=SKIP_IN_COPY)
    if not with_dumps:
        shutil.rmtree(dest / "dumps")
        (dest / "dumps").mkdir()
    return dest


# ---------------------------------------------------------------- the built sample site

# Served below a sub-path, as GitHub Pages serves a project site.
SUB_PATH = "catalogue"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        # Lets LinkChecker lift its 10-requests-a-second politeness limit here.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        """A missing page gets the site's 404.html, as GitHub Pages serves it."""
        page = Path(self.directory) / SUB_PATH / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The sample dumps built once by the real `mkdocs build --strict`."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"


SITE_ADDRESS = "https://example.org/catalogue/"


@pytest.fixture(scope="session")
def hosted_site(tmp_path_factory) -> Path:
    """The sample built as the deploy workflow builds it: with the site's address."""
    dest = copy_project(tmp_path_factory.mktemp("hosted") / "project")
    result = mkdocs("build", "--strict", cwd=dest, SITE_URL=SITE_ADDRESS)
    assert result.returncode == 0, result.stderr
    return dest / "site"


@contextlib.contextmanager
def serve(site: Path, root: Path):
    """Serve `site` over HTTP at /catalogue/ (root: an empty scratch folder); yields its URL."""
    (root / SUB_PATH).symlink_to(site, target_is_directory=True)
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site, tmp_path_factory) -> str:
    with serve(built_site, tmp_path_factory.mktemp("served")) as url:
        yield url


@pytest.fixture(scope="session")
def hosted_url(hosted_site, tmp_path_factory) -> str:
    """The site built with its address (its 404 page's links need it), served there."""
    with serve(hosted_site, tmp_path_factory.mktemp("hosted-served")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "install Debian's chromium (make test does)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def watch_errors(page):
    """Collect console errors and uncaught exceptions in `page.errors`."""
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield watch_errors(context.new_page())
    context.close()
