"""The built sample site in real headless Chromium (Debian's), served over HTTP."""

import functools
import http.server
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from conftest import copy_project, mkdocs

CHROMIUM = "/usr/bin/chromium"
# Flags for a closed network: no background connections, no sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
MULTI_SOURCE_PAPER = "papers/can-llms-learn-by-teaching-a-preliminary-study/"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("browser") / "project")
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    handler = functools.partial(QuietHandler, directory=str(project / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "install Debian's chromium (make test does)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def test_home_to_topic_to_paper_to_code_link(page, site_url):
    page.goto(site_url)
    assert "469 papers" in page.inner_text("article")
    page.click("a.md-tabs__link:text('Topics')")
    page.click("article a:text('Continual learning')")
    assert page.url.endswith("/topics/continual-learning/")
    page.click("article table a >> nth=0")
    assert "/papers/" in page.url
    page.goto(site_url + "papers/safety-subspaces-are-not-distinct-a-fine-tuning-case-study/")
    code = page.locator("article a[href^='https://github.com/']").first
    assert code.get_attribute("href") == "https://github.com/CERT-Lab/safety-subspaces"
    assert page.errors == []


def test_date_pages(page, site_url):
    page.goto(site_url + "dates/")
    page.click("article a:text('2025')")
    page.click("article a:text('May 2025')")
    assert "Published in May 2025" in page.inner_text("article")
    assert page.errors == []


def test_paper_from_several_dumps_lists_each_source(page, site_url):
    page.goto(site_url + MULTI_SOURCE_PAPER)
    rows = page.locator("article table tbody tr")
    assert rows.count() == 4
    assert "001_87578f3f678421b4.txt" in page.inner_text("article table")
    assert page.errors == []


def test_dark_light_toggle(page, site_url):
    page.goto(site_url)
    scheme = lambda: page.get_attribute("body", "data-md-color-scheme")
    first = scheme()
    page.click("label.md-header__button[for^='__palette']:visible")
    assert scheme() != first
    page.click("label.md-header__button[for^='__palette']:visible")
    assert scheme() == first


def test_phone_viewport_has_no_horizontal_scroll(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    for url in ("", "topics/", "dates/2025-05/", MULTI_SOURCE_PAPER):
        page.goto(site_url + url)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), url
    assert page.errors == []
    context.close()
