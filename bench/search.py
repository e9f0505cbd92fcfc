"""Search benchmark: the catalogue's search beside Pagefind and Material's search,
over the same built pages, in headless Chromium, in one run.

    python bench/search.py [--sizes 10000,100000] [--material-sizes 10000] [--runs 1]

For each size: one synthetic project (bench/synth.py) built by `mkdocs build`;
Pagefind (`pagefind[bin]`, a bench-only dependency) indexes the built paper
pages (their article), and, for the sizes asked, the same pages are built again
with Material's own search plugin. Every site is served from 127.0.0.1 by one
server that gzips what it sends (as GitHub Pages does) and counts the bytes
and requests of each visit. Each query is a fresh browser context (empty
cache) opening the results page with the query in its address:
- ours: `search/?q=` (the results page);
- Pagefind: a bare page that loads pagefind.js, searches, and shows the first
  5 results as its own UI does (title from each result's fragment);
- Material: the home page with `?q=`, which opens its search.
First result: navigation start to the first result title in the DOM. Profiles:
no throttling, and a phone (CDP: 1.6 Mbps down, 750 kbps up, 150 ms round
trip, CPU 4x slower). Queries: 5 whole titles and 5 two-word queries.
Also: the index build time of ours (cold) and of Pagefind.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import yaml
from common import ROOT, discard, empty_trash, machine, make_project, measured

sys.path.insert(0, str(ROOT / "tests"))
from tools.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

TWO_WORDS = [
    "reinforcement learning",
    "language models",
    "continual learning",
    "reward model",
    "knowledge distillation",
]
PHONE = {
    "network": {
        "offline": False,
        "latency": 150,
        "downloadThroughput": 1.6e6 / 8,
        "uploadThroughput": 750e3 / 8,
    },
    "cpu": 4,
}
ENGINES = {
    # name: (address of a query, selector of a shown result)
    "ours": ("search/?q={}", "#search-results .search-result__title"),
    "pagefind": ("pagefind-bench.html?q={}", "#results .pf-result"),
    "material": ("?q={}", ".md-search-result__item"),
}
PAGEFIND_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind</title></head>
<body><ol id="results"></ol>
<script type="module">
const query = new URLSearchParams(location.search).get("q");
const pagefind = await import("./pagefind/pagefind.js");
const search = await pagefind.search(query);
const list = document.getElementById("results");
document.documentElement.dataset.count = search.results.length;
// As Pagefind's own UI: the first five results, each shown when its fragment is here.
for (const result of search.results.slice(0, 5)) {
  const item = document.createElement("li");
  list.append(item);
  result.data().then((data) => {
    item.className = "pf-result";
    item.textContent = data.meta.title;
  });
}
</script></body></html>
"""
COMPRESSIBLE = re.compile(r"\.(html|js|css|json|svg|xml|txt)$")


class Counter:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.bytes, self.requests, self.search_bytes, self.search_requests = 0, 0, 0, 0

    def add(self, path: str, size: int) -> None:
        with self.lock:
            self.bytes += size
            self.requests += 1
            if path.startswith(("/search/", "/pagefind/")):
                self.search_bytes += size
                self.search_requests += 1


class Site(http.server.BaseHTTPRequestHandler):
    """Files of `root`, gzipped when the browser accepts it (cached), counted."""

    protocol_version = "HTTP/1.1"  # keep-alive, as a real host
    root: Path
    counter: Counter
    compressed: dict = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = unquote(urlsplit(self.path).path)
        file = self.root / path.lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            self.send_error(404)
            return
        body = file.read_bytes()
        gzipped = COMPRESSIBLE.search(file.name) and "gzip" in self.headers.get(
            "Accept-Encoding", ""
        )
        if gzipped:
            key = str(file)
            if key not in self.compressed:
                self.compressed[key] = gzip.compress(body, 6)
            body = self.compressed[key]
        self.send_response(200)
        kind = {
            ".html": "text/html",
            ".js": "text/javascript",
            ".css": "text/css",
            ".json": "application/json",
            ".svg": "image/svg+xml",
            ".wasm": "application/wasm",
        }.get(file.suffix, "application/octet-stream")
        self.send_header("Content-Type", kind)
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.counter.add(path, len(body))


@contextlib.contextmanager
def serve(folder: Path):
    counter = Counter()
    handler = type("Handler", (Site,), {"root": folder, "counter": counter, "compressed": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", counter
    finally:
        server.shutdown()


def material_config(project: Path) -> Path:
    """mkdocs.yml with Material's search plugin and header; paper pages keep their template."""
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", lambda *_: None)  # (site_url: unset, as in the other build)
    config = yaml.load((project / "mkdocs.yml").read_text(), Loader=loader)
    overrides = project / "material-overrides"
    overrides.mkdir()
    shutil.copy(project / "overrides" / "paper.html", overrides / "paper.html")
    config["theme"]["custom_dir"] = "material-overrides"
    config["theme"].pop("logo", None)
    for option, icon in zip(config["theme"]["palette"], ("weather-night", "weather-sunny")):
        option["toggle"]["icon"] = f"material/{icon}"  # Material's palette needs its icons
    config["plugins"] = [*config["plugins"], "search"]  # the catalogue's pages, Material's search
    config.pop("extra_javascript", None)
    config["site_dir"] = "site-material"
    path = project / "mkdocs-material.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


# Notes the moment the first result is in the DOM, in the page's own clock
# (a MutationObserver, the same for every page: no polling delay in the figure).
WATCH = """
new MutationObserver((_, observer) => {
  if (document.querySelector(%s)) {
    window.__firstResult = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def visit(browser, url: str, selector: str, counter: Counter, phone: bool) -> dict:
    context = browser.new_context()
    context.add_init_script(WATCH % json.dumps(selector))
    page = context.new_page()
    if phone:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", PHONE["network"])
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE["cpu"]})
    counter.reset()
    page.goto(url, wait_until="commit")
    page.wait_for_function("window.__firstResult", timeout=600_000, polling=50)
    seconds = page.evaluate("window.__firstResult") / 1000
    # What the visit fetched once its results are shown (snippets, fragments in flight).
    page.wait_for_load_state("networkidle", timeout=600_000)
    figures = {
        "s": seconds,
        "bytes": counter.bytes,
        "requests": counter.requests,
        "search_bytes": counter.search_bytes,
        "search_requests": counter.search_requests,
    }
    context.close()
    return figures


def queries(project: Path) -> list[str]:
    """Five whole titles drawn from the papers (seeded), and the two-word queries."""
    entries = json.loads((project / ".cache" / "generator" / "search" / "entries.json").read_text())
    titles = [e["title"] for e in entries["entries"] if e["kind"] == "paper"]
    return random.Random(18).sample(titles, 5) + TWO_WORDS


def one_size(out: Path, papers: int, runs: int, browser, material: bool) -> dict:
    print(f"\n== {papers:,} papers", flush=True)
    project = make_project(out / f"search-{papers}", papers)
    ours_build = measured([sys.executable, "-m", "mkdocs", "build"], project)
    cold = measured(
        [
            sys.executable,
            str(ROOT / "bench" / "stages.py"),
            "dumps",
            "cold-docs",
            "cold-cache",
            "--index",
        ],
        project,
    )
    index_seconds = json.loads(cold.stdout.splitlines()[-1])["index_seconds"]
    site = project / "site"
    pagefind = measured(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", "article"],
        project,
    )
    (site / "pagefind-bench.html").write_text(PAGEFIND_PAGE)
    sites = {"ours": site, "pagefind": site}
    if material:
        # One process: Material's search plugin must see every page, and forked page
        # workers take the paper pages out of MkDocs' own list.
        measured([sys.executable, "-m", "mkdocs", "build", "-f", str(material_config(project))],
                 project, CATALOGUE_WORKERS="1")  # fmt: skip
        sites["material"] = project / "site-material"
    asked = queries(project)
    print(
        f"index build (cold): ours {index_seconds:.1f} s, Pagefind {pagefind.seconds:.1f} s "
        f"(peak {pagefind.peak_mb:,.0f} MB); mkdocs build {ours_build.seconds:.1f} s",
        flush=True,
    )
    rows: dict = {}
    with contextlib.ExitStack() as stack:
        served = {name: stack.enter_context(serve(folder)) for name, folder in sites.items()}
        for name, (url, counter) in served.items():  # an untimed visit each: a warm disk
            visit(browser, url + ENGINES[name][0].format("warm"), ENGINES[name][1], counter, False)
        for profile in ("fast", "phone"):
            for text in asked:
                for _ in range(runs):
                    for name, (url, counter) in served.items():  # interleaved: the same machine
                        address, selector = ENGINES[name]
                        figures = visit(
                            browser,
                            url + address.format(quote(text)),
                            selector,
                            counter,
                            profile == "phone",
                        )
                        rows.setdefault((profile, name), []).append({**figures, "query": text})
    result = {
        "papers": papers,
        "index_s": index_seconds,
        "pagefind_index_s": pagefind.seconds,
        "rows": {},
    }
    for (profile, name), visits in rows.items():
        summary = {
            "median_s": statistics.median(v["s"] for v in visits),
            "max_s": max(v["s"] for v in visits),
            "slowest_query": max(visits, key=lambda v: v["s"])["query"],
            "titles_median_s": statistics.median(
                v["s"] for v in visits if v["query"] not in TWO_WORDS
            ),
            "bytes": statistics.mean(v["bytes"] for v in visits),
            "search_bytes": statistics.mean(v["search_bytes"] for v in visits),
            "max_search_bytes": max(v["search_bytes"] for v in visits),
            "requests": statistics.mean(v["requests"] for v in visits),
        }
        result["rows"][f"{profile}/{name}"] = summary
        result.setdefault("visits", {})[f"{profile}/{name}"] = visits
        print(
            f"{profile:5} {name:8} first result median {summary['median_s']:.2f} s (titles "
            f"{summary['titles_median_s']:.2f}, slowest {summary['max_s']:.2f}: "
            f"{summary['slowest_query'][:40]!r}); "
            f"per search session "
            f"{summary['bytes'] / 1024:,.0f} KB in {summary['requests']:.0f} requests, of which "
            "search files "
            f"{summary['search_bytes'] / 1024:,.0f} KB (largest "
            f"{summary['max_search_bytes'] / 1024:,.0f} KB)",
            flush=True,
        )
    for profile in ("fast", "phone"):
        ours, theirs = result["rows"][f"{profile}/ours"], result["rows"][f"{profile}/pagefind"]
        print(
            f"{profile:5} ours / Pagefind: first result "
            f"x{ours['median_s'] / theirs['median_s']:.2f}, "
            f"bytes x{ours['bytes'] / theirs['bytes']:.2f}"
        )
    discard(project, project)
    return result


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument(
        "--material-sizes", default="10000", help="sizes also built with Material's search"
    )
    parser.add_argument("--runs", type=int, default=1, help="visits per query, engine and profile")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if (
        shutil.which("pagefind") is None
        and subprocess.run(
            [sys.executable, "-m", "pagefind", "--version"], capture_output=True
        ).returncode
    ):
        raise SystemExit("bench/search.py needs Pagefind: pip install -e '.[bench]'")
    print(f"machine: {machine()}; chromium {CHROMIUM}")
    material = {int(n) for n in args.material_sizes.split(",") if n}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        results = [
            one_size(args.out, int(n), args.runs, browser, int(n) in material)
            for n in args.sizes.split(",")
        ]
        browser.close()
    print(
        "\n papers | profile | ours s | Pagefind s | Material s | ours KB | Pagefind KB | Material "
        "KB"
    )
    for r in results:
        for profile in ("fast", "phone"):
            cells = [r["rows"].get(f"{profile}/{name}") for name in ENGINES]
            times = " | ".join(f"{c['median_s']:6.2f}" if c else "     -" for c in cells)
            sizes = " | ".join(f"{c['bytes'] / 1024:7,.0f}" if c else "      -" for c in cells)
            print(f"{r['papers']:7,} | {profile:7} | {times} | {sizes}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    empty_trash(args.out)
    os.sync()


if __name__ == "__main__":
    main()
