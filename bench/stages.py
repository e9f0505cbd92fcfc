"""The generator's stages, timed one by one; prints one JSON line. Used by scale.py.

    python bench/stages.py DUMPS DOCS CACHE [--index]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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
    report = build(settings, search=False)
    pages = time.perf_counter() - start
    figures = {
        "records": report.records,
        "papers": report.papers,
        "problems": len(report.problems),
        "written": report.written.written,
        "unchanged": report.written.unchanged,
        "pages_seconds": round(pages, 3),
        "related_seconds": round(report.seconds["related"], 3),
    }
    if "--index" in sys.argv:
        start = time.perf_counter()
        update_index(report.catalogue, settings)
        figures["index_seconds"] = round(time.perf_counter() - start, 3)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
