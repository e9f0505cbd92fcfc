"""The generator's reading of JSON dumps alone, timed without and with topic
assignment; prints one JSON line. Used by scale.py.

    python bench/read_json.py DUMPS
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.catalogue.taxonomy import DEFAULT_TAXONOMY, load_taxonomy  # noqa: E402
from generator.catalogue.topics import TopicMatcher  # noqa: E402
from generator.config import check  # noqa: E402
from generator.read.dumps import dump_files, read_dumps  # noqa: E402


def main() -> None:
    dumps = Path(sys.argv[1])
    config, _ = check({"dumps": str(dumps)})
    matcher = TopicMatcher(load_taxonomy(DEFAULT_TAXONOMY))
    figures = {}
    # Parsing alone, then parsing with the topics assigned as a build does (cold both times).
    for name, topics_of in (
        ("seconds", None),
        ("with_topics_seconds", matcher.topics_and_evidence),
    ):
        start = time.perf_counter()
        results = read_dumps(dump_files(dumps), {}, config.workers, topics_of)
        figures[name] = round(time.perf_counter() - start, 3)
    figures["papers"] = sum(len(r.papers) for r in results)
    figures["problems"] = sum(len(r.problems) for r in results)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
