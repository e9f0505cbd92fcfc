"""Search benchmark: page load to first results in headless Chromium, the
catalogue's prebuilt index side by side with stock Material search, on the
same synthetic pages, in one run.

    python bench/search.py [--sizes 10000,40000] [--runs 3] [--out bench/out]

For each size: one project, built twice from the same pages — as the catalogue
(prebuilt lunr index, loaded by lunr.js) and with Material's own search plugin
(index built in the browser). Each site is served over HTTP and opened in
Debian's chromium with a query in the URL (`search/?q=` for ours, `?q=` on the
home page for Material, which opens its search with it), from a fresh browser
context each time; the time is from navigation start to the first result on
screen. Also: the index build time (cold) and index bytes per paper.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import shutil
import statistics
import sys
import threading
from pathlib import Path

import yaml

from common import ROOT, discard, empty_trash, gzipped, machine, make_project, measured

sys.path.insert(0, str(ROOT / "tests"))
from tools.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

QUERY = "reinforcement learning"
OURS = ("search/?q=reinforcement+learning", "#search-results .search-result")
STOCK = ("?q=reinforcement+learning", ".md-search-result__item")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def copyfile(self, source, outputfile):
        try:
            super().copyfile(source, outputfile)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser closed the page once it had its first result


@contextlib.contextmanager
def serve(folder: Path):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def stock_config(project: Path) -> Path:
    """mkdocs.yml with Material's search plugin and header; paper pages keep their template."""
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", lambda *_: None)  # (site_url: unset, as in the other build)
    config = yaml.load((project / "mkdocs.yml").read_text(), Loader=loader)
    overrides = project / "stock-overrides"
    overrides.mkdir()
    shutil.copy(project / "overrides" / "paper.html", overrides / "paper.html")
    config["theme"]["custom_dir"] = "stock-overrides"
    config["theme"].pop("logo", None)
    for option, icon in zip(config["theme"]["palette"], ("weather-night", "weather-sunny")):
        option["toggle"]["icon"] = f"material/{icon}"  # Material's palette needs its icons
    config["plugins"] = [*config["plugins"], "search"]  # the catalogue's pages, Material's search
    config.pop("extra_javascript", None)
    config["site_dir"] = "site-stock"
    path = project / "mkdocs-stock.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


# Notes the moment the first result is in the DOM, in the page's own clock
# (a MutationObserver, the same for both sites: no polling delay in the figure).
WATCH = """
new MutationObserver((_, observer) => {
  if (document.querySelector(%s)) {
    window.__firstResult = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def time_to_results(browser, url: str, selector: str) -> float:
    context = browser.new_context()
    context.add_init_script(WATCH % json.dumps(selector))
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_function("window.__firstResult", timeout=180_000, polling=50)
    seconds = page.evaluate("window.__firstResult") / 1000
    context.close()
    return seconds


def one_size(out: Path, papers: int, runs: int, browser) -> dict:
    print(f"\n== {papers:,} papers", flush=True)
    project = make_project(out / f"search-{papers}", papers)
    ours = measured([sys.executable, "-m", "mkdocs", "build", "--strict"], project)
    # One process: Material's search plugin must see every page, and forked page
    # workers take the paper pages out of MkDocs' own list.
    stock = measured(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(stock_config(project))],
        project,
        CATALOGUE_WORKERS="1",
    )
    cold = measured(
        [sys.executable, str(ROOT / "bench" / "stages.py"), "dumps", "cold-docs", "cold-cache", "--index"],
        project,
    )
    index_seconds = json.loads(cold.stdout.splitlines()[-1])["index_seconds"]

    # What the results page needs first: the index head (term list) and the entries;
    # then the shards of the query's terms; the whole index is the head and every shard.
    search_dir = project / "site" / "search"
    head = json.loads((search_dir / "index.json").read_text())
    build = search_dir / head["build"]  # the folder of this build's other search files
    shards = [build / f"index-{k}.json" for k in range(head["shards"])]
    first = [search_dir / "index.json", build / "entries.json"]
    raw = sum(p.stat().st_size for p in first)
    gz = sum(gzipped(p) for p in first)
    whole_raw = sum(p.stat().st_size for p in [search_dir / "index.json", *shards])
    whole_gz = sum(gzipped(p) for p in [search_dir / "index.json", *shards])
    abstracts = build / "abstracts.json"
    abstracts_raw, abstracts_gz = abstracts.stat().st_size, gzipped(abstracts)
    stock_file = project / "site-stock" / "search" / "search_index.json"
    stock_raw = stock_file.stat().st_size
    stock_gz = gzipped(stock_file)

    with serve(project / "site") as ours_url, serve(project / "site-stock") as stock_url:
        ours_times, stock_times = [], []
        # An untimed visit each first, so no run pays for a cold disk cache.
        time_to_results(browser, ours_url + OURS[0], OURS[1])
        time_to_results(browser, stock_url + STOCK[0], STOCK[1])
        for _ in range(runs):  # interleaved, so both see the same machine
            ours_times.append(time_to_results(browser, ours_url + OURS[0], OURS[1]))
            stock_times.append(time_to_results(browser, stock_url + STOCK[0], STOCK[1]))
    stock_entries = json.loads(stock_file.read_text())["docs"]
    assert sum(e["location"].startswith("papers/") for e in stock_entries) >= papers, "papers missing"
    row = {
        "papers": papers,
        "ours_s": statistics.median(ours_times),
        "stock_s": statistics.median(stock_times),
        "index_build_s": index_seconds,
        "ours_build_s": ours.seconds,
        "stock_build_s": stock.seconds,
        "raw_per_paper": raw / papers,
        "gz_per_paper": gz / papers,
        "index_raw_per_paper": whole_raw / papers,
        "index_gz_per_paper": whole_gz / papers,
        "shards": head["shards"],
        "stock_raw_per_paper": stock_raw / papers,
        "stock_gz_per_paper": stock_gz / papers,
        "abstracts_raw_per_paper": abstracts_raw / papers,
        "abstracts_gz_per_paper": abstracts_gz / papers,
    }
    print(
        f"first results: ours {row['ours_s']:.2f} s, Material {row['stock_s']:.2f} s "
        f"(x{row['stock_s'] / row['ours_s']:.1f}); runs ours {[round(t, 2) for t in ours_times]}, "
        f"Material {[round(t, 2) for t in stock_times]}\n"
        f"index build (cold) {index_seconds:.1f} s; per paper: whole index (head + "
        f"{row['shards']} shards) {row['index_raw_per_paper'] / 1024:.2f} KB "
        f"({row['index_gz_per_paper'] / 1024:.2f} KB gzipped); fetched before any shard "
        f"(index head + entries) {row['raw_per_paper'] / 1024:.2f} KB ({row['gz_per_paper'] / 1024:.2f} KB gzipped), "
        f"abstracts for snippets {row['abstracts_raw_per_paper'] / 1024:.2f} KB "
        f"({row['abstracts_gz_per_paper'] / 1024:.2f} KB gzipped), "
        f"Material's search_index.json {row['stock_raw_per_paper'] / 1024:.2f} KB "
        f"({row['stock_gz_per_paper'] / 1024:.2f} KB gzipped)",
        flush=True,
    )
    discard(project, project)
    return row


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,40000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    print(f"machine: {machine()}; query {QUERY!r}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        rows = [one_size(args.out, int(n), args.runs, browser) for n in args.sizes.split(",")]
        browser.close()
    print("\n papers | ours s | Material s | Material/ours | index build s | index KB/paper raw | gz")
    for r in rows:
        print(
            f"{r['papers']:7,} | {r['ours_s']:6.2f} | {r['stock_s']:10.2f} | "
            f"{r['stock_s'] / r['ours_s']:13.1f} | {r['index_build_s']:13.1f} | "
            f"{r['index_raw_per_paper'] / 1024:18.2f} | {r['index_gz_per_paper'] / 1024:.2f}"
        )
    empty_trash(args.out)


if __name__ == "__main__":
    main()
