"""The generator's stages, timed one by one; prints one JSON line. Used by scale.py
and search.py, in a copy of the project.

    python bench/stages.py DUMPS DOCS CACHE [--index]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The generator of the project this runs in (a copy common.make_project made),
# as `python -m mkdocs` there imports it: every figure of a run measures that
# copy, even when the working tree changes during the run.
sys.path.insert(0, str(Path.cwd() if (Path.cwd() / "generator").is_dir() else ROOT))

from generator.config import Settings, check  # noqa: E402
from generator.pipeline import build  # noqa: E402
from generator.search.index import update_index  # noqa: E402


def main() -> None:
    dumps, docs, cache = (Path(a) for a in sys.argv[1:4])
    start = time.perf_counter()
    config, errors = check({"dumps": str(dumps), "cache": str(cache)})
    if errors:
        sys.exit("\n".join(errors))
    settings = Settings.of(config, docs)
    index_seconds = []

    def index(catalogue) -> None:
        # The index as the plugin's forked process builds it, here once the
        # catalogue is collected, the cycle collector paused (the pages wait
        # here, so their time is measured without it).
        started = time.perf_counter()
        update_index(catalogue, settings)
        index_seconds.append(time.perf_counter() - started)

    report = build(settings, search=False, on_collected=index if "--index" in sys.argv else None)
    pages = time.perf_counter() - start - sum(index_seconds)
    figures = {
        "records": report.records,
        "papers": report.papers,
        "problems": len(report.problems),
        "written": report.written.written,
        "unchanged": report.written.unchanged,
        "pages_seconds": round(pages, 3),
        "related_seconds": round(report.seconds["related"], 3),
    }
    if index_seconds:
        figures["index_seconds"] = round(index_seconds[0], 3)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
