"""Scale benchmark: the catalogue at 1,000 / 10,000 / 50,000 synthetic papers,
side by side with a bare MkDocs + Material build of as many minimal pages.

    python bench/scale.py [--sizes 1000,10000,50000] [--records 100000] [--runs 3] [--out bench/out]

For each size, on fresh copies of the project:
- full build: `mkdocs build` from empty docs and cache (generator, search index
  in a second process, MkDocs, paper pages in forked workers), wall time and
  peak memory (all processes together); the median of `--runs` runs, in
  rounds of one full and one bare build of every size (so that the ratios and
  the growth from 10,000 to 50,000 compare builds made side by side);
- the same full build in one process (`CATALOGUE_WORKERS=1`: MkDocs builds the
  paper pages itself), to see what the parallel build gives;
- bare build: the same number of one-line pages, Material, no plugins;
- generator stages alone (cold): pages (parse, topics, merge, render, write)
  and the search index;
- incremental: one more dump of 100 new papers, then the generator again;
- site bytes per paper, the average paper page, and the largest list page.
Then the growth from 10,000 to 50,000 papers, and the generator alone on
`--records` records (median of `--runs` runs). Machines are noisy: read the
ratios, measured in one run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from common import (
    ROOT,
    Run,
    discard,
    empty_trash,
    machine,
    make_bare_project,
    make_project,
    measured,
    sample_papers,
    tree_bytes,
)
from synth import write_dumps, write_json_dumps

KB, MB = 1024, 1024 * 1024
INCREMENT = 100


def stages(project: Path, docs: Path, cache: Path, index: bool = True) -> tuple[dict, float]:
    run = measured(
        [sys.executable, str(ROOT / "bench" / "stages.py"), "dumps", str(docs), str(cache)]
        + (["--index"] if index else []),
        project,
    )
    return json.loads(run.stdout.splitlines()[-1]), run.peak_mb


def fresh(project: Path) -> Path:
    """The project as a fresh clone has it: no generated pages, no cache, no site."""
    for name in (".cache", "site", "docs/papers", "docs/topics", "docs/dates", "docs/index.md"):
        discard(project / name, project)
    return project


def median_run(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]


BUILD = [sys.executable, "-m", "mkdocs", "build"]


def projects_of(out: Path, papers: int) -> tuple[Path, Path]:
    """The full project and the bare one of a size."""
    return out / f"scale-{papers}", out / f"bare-{papers}"


def full_and_bare(out: Path, sizes: list[int], runs: int) -> dict[int, tuple[list[Run], list[Run]]]:
    """Full and bare builds of every size, `runs` rounds of one of each, so that
    both kinds and all sizes (whose ratios are printed) see the same machine."""
    projects, sample = {}, sample_papers()
    for n in sizes:
        full_dir, bare_dir = projects_of(out, n)
        projects[n] = (make_project(full_dir, n), make_bare_project(bare_dir, n + sample))
    builds: dict[int, tuple[list[Run], list[Run]]] = {n: ([], []) for n in sizes}
    for round_ in range(runs):
        print(f"full and bare builds, round {round_ + 1} of {runs}", flush=True)
        for n, (project, bare_dir) in projects.items():
            builds[n][0].append(measured([*BUILD, "--strict"], fresh(project)))
            discard(bare_dir / "site", bare_dir)  # (MkDocs would delete it first)
            builds[n][1].append(measured(BUILD, bare_dir))
    return builds


def one_size(out: Path, papers: int, fulls: list[Run], bares: list[Run]) -> dict:
    """The other figures of one size, on the project its full builds left."""
    print(f"\n== {papers:,} papers (and the sample's)", flush=True)
    project, bare_dir = projects_of(out, papers)
    full, bare = median_run(fulls), median_run(bares)
    site_bytes, _ = tree_bytes(project / "site")
    paper_bytes, paper_pages = tree_bytes(project / "site" / "papers", "index.html")
    bare_bytes, bare_pages = tree_bytes(bare_dir / "site" / "papers", "index.html")
    lists = [
        p
        for folder in ("topics", "dates", "orgs")
        for p in (project / "site" / folder).rglob("index.html")
    ]
    largest_list = max([project / "site" / "index.html", *lists], key=lambda p: p.stat().st_size)
    one = measured([*BUILD, "--strict"], fresh(project), CATALOGUE_WORKERS="1")

    cold, cold_peak = stages(project, project / "cold-docs", project / "cold-cache")

    write_dumps(project / "dumps", INCREMENT, first=papers, seed=2)
    incremental, _ = stages(project, project / "docs", project / ".cache" / "generator")

    row = {
        "papers": papers,
        "records": cold["records"],
        "full_s": full.seconds,
        "full_peak_mb": full.peak_mb,
        "bare_s": bare.seconds,
        "bare_peak_mb": bare.peak_mb,
        "ratio": full.seconds / bare.seconds,
        "one_process_s": one.seconds,
        "one_process_peak_mb": one.peak_mb,
        "pages_s": cold["pages_seconds"],
        "index_s": cold["index_seconds"],
        "generator_peak_mb": cold_peak,
        "related_s": cold["related_seconds"],
        "inc_pages_s": incremental["pages_seconds"],
        "inc_written": incremental["written"],
        "inc_index_s": incremental["index_seconds"],
        "site_bytes_per_paper": site_bytes / paper_pages,
        "paper_page_bytes": paper_bytes / paper_pages,
        "bare_page_bytes": bare_bytes / bare_pages,
        "site_mb": site_bytes / MB,
        "list_pages": len(lists) + 1,
        "largest_list_kb": largest_list.stat().st_size / KB,
        "largest_list": largest_list.relative_to(project / "site").parent.as_posix(),
    }
    print(
        f"runs: full {[round(r.seconds, 1) for r in fulls]}, bare "
        f"{[round(r.seconds, 1) for r in bares]}\n"
        f"full build {row['full_s']:.1f} s (peak {row['full_peak_mb']:.0f} MB) | "
        f"bare {row['bare_s']:.1f} s (peak {row['bare_peak_mb']:.0f} MB) | ratio "
        f"{row['ratio']:.2f}\n"
        f"the same in one process {row['one_process_s']:.1f} s (peak "
        f"{row['one_process_peak_mb']:.0f} MB): "
        f"parallel build x{row['one_process_s'] / row['full_s']:.2f} faster\n"
        f"generator alone: pages {row['pages_s']:.1f} s (related papers {row['related_s']:.1f} s), "
        f"search index {row['index_s']:.1f} s, "
        f"peak {row['generator_peak_mb']:.0f} MB ({row['records']:,} records)\n"
        f"+{INCREMENT} papers: generator {row['inc_pages_s']:.2f} s, {row['inc_written']} pages "
        "written, "
        f"index {row['inc_index_s']:.1f} s\n"
        f"site {row['site_mb']:.0f} MB, {row['site_bytes_per_paper'] / KB:.1f} KB per paper; "
        f"paper page {row['paper_page_bytes'] / KB:.1f} KB (bare page "
        f"{row['bare_page_bytes'] / KB:.1f} KB)\n"
        f"{row['list_pages']:,} list pages (topics, dates, organisations, home), the largest "
        f"{row['largest_list_kb']:.0f} KB ({row['largest_list']}/)",
        flush=True,
    )
    for folder in (project, bare_dir):
        discard(folder, folder)  # tens of thousands of files each
    return row


def records_only(out: Path, records: int, runs: int) -> None:
    """The generator alone (cold, no MkDocs) on about `records` records: the
    median of `runs` runs, the search index after the first."""
    papers = round(records / 1.085)  # synth repeats about one record in twelve
    project = make_project(out / f"records-{records}", papers)
    results = []
    for k in range(runs):
        docs, cache = project / f"docs-{k}", project / f"cache-{k}"
        results.append(stages(project, docs, cache, index=k == 0))
        for folder in (docs, cache):
            discard(folder, project)
    figures, peak = results[0]
    seconds = sorted(r["pages_seconds"] for r, _ in results)
    print(
        f"\n== generator alone on {figures['records']:,} records ({figures['papers']:,} papers): "
        f"pages {seconds[len(seconds) // 2]:.1f} s (runs "
        f"{[r['pages_seconds'] for r, _ in results]}; "
        f"related papers {figures['related_seconds']:.1f} s), "
        f"search index {figures['index_seconds']:.1f} s, peak {peak:.0f} MB",
        flush=True,
    )
    discard(project, project)


def json_reading(out: Path, papers: int) -> None:
    """The generator reading `papers` papers from Hugging Face API responses
    (parse, checks, topics; forked workers as in a build), cold."""
    folder = out / f"json-{papers}"
    discard(folder, folder)
    write_json_dumps(folder, papers)
    run = measured([sys.executable, str(ROOT / "bench" / "read_json.py"), str(folder)], out)
    figures = json.loads(run.stdout.splitlines()[-1])
    print(
        f"\n== {figures['papers']:,} papers from JSON dumps: parsed in {figures['seconds']:.2f} s, "
        f"{figures['with_topics_seconds']:.2f} s with their topics ({figures['problems']} "
        "problems)",
        flush=True,
    )
    discard(folder, folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--records", type=int, default=100_000, help="0 to skip")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="full and bare builds of each size, and the generator alone on --records (medians)",
    )
    args = parser.parse_args()
    print(f"machine: {machine()}")
    sizes = [int(n) for n in args.sizes.split(",")]
    builds = full_and_bare(args.out, sizes, args.runs)
    rows = {n: one_size(args.out, n, *builds[n]) for n in sizes}

    print(
        "\n papers |  full s |  bare s | full/bare | 1 process s | index s | +100 gen s | KB/page "
        "| peak MB"
    )
    for n, r in rows.items():
        print(
            f"{n:7,} | {r['full_s']:7.1f} | {r['bare_s']:7.1f} | {r['ratio']:9.2f} | "
            f"{r['one_process_s']:11.1f} | "
            f"{r['index_s']:7.1f} | {r['inc_pages_s']:10.2f} | {r['paper_page_bytes'] / KB:7.1f} | "
            f"{max(r['full_peak_mb'], r['generator_peak_mb']):7.0f}"
        )
    if 10_000 in rows and 50_000 in rows:
        small, big = rows[10_000], rows[50_000]
        print(
            f"growth 10k -> 50k: full build x{big['full_s'] / small['full_s']:.2f}, "
            f"bare x{big['bare_s'] / small['bare_s']:.2f} (linear: x5)"
        )
    json_reading(args.out, 10_000)
    if args.records:
        records_only(args.out, args.records, args.runs)
    empty_trash(args.out)


if __name__ == "__main__":
    main()
