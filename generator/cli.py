"""`python -m generator build | parse | search`: a thin layer over the pipeline."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import search_query
from .build import build, read_dumps
from .dates import ManifestError, load_manifest
from .topics import DEFAULT_TAXONOMY, TaxonomyError, TopicMatcher, load_taxonomy

CACHE = ".cache/generator"  # where mkdocs_hooks.py keeps it too, next to mkdocs.yml


class UserError(Exception):
    """A mistake in the command line or the input: one line, exit status 1."""


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cmd_build(args: argparse.Namespace) -> int:
    report = build(
        Path(args.dumps), Path(args.docs), strict=args.strict, taxonomy_path=Path(args.topics),
        progress=_progress, cache_dir=Path(args.cache),
    )
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(report.summary)
    return 1 if args.strict and report.problems else 0


def cmd_parse(args: argparse.Namespace) -> int:
    paths = [Path(f) for f in args.files]
    for path in paths:
        if not path.is_file():
            raise UserError(f"{path}: no such file")
    taxonomy = load_taxonomy(Path(args.topics))
    dumps_dirs = {p.parent for p in paths}
    manifest = {}
    for folder in sorted(dumps_dirs):
        manifest.update(load_manifest(folder))
    results = read_dumps(paths, manifest, matcher=TopicMatcher(taxonomy))
    records = [p.to_dict() for r in results for p in r.papers]
    json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
    print()
    problems = [p for r in results for p in r.problems]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def cmd_search(args: argparse.Namespace) -> int:
    docs = Path(args.docs)
    # Bring the pages and index up to date first (cheap when nothing changed),
    # then answer from the very files the site loads.
    cache = Path(args.cache)
    report = build(Path(args.dumps), docs, taxonomy_path=Path(args.topics), cache_dir=cache)
    if report.problems:
        print(f"{len(report.problems)} problems in the dumps; `build` lists them", file=sys.stderr)
    index, entries = search_query.load(cache)
    hits = search_query.search(
        index, entries, args.query, topic=args.topic, year=args.year, code=args.code
    )
    if args.json:
        json.dump([{"score": round(h.score, 3), **h.entry} for h in hits[: args.limit]], sys.stdout,
                  ensure_ascii=False, indent=2)
        print()
        return 0
    for rank, hit in enumerate(hits[: args.limit], start=1):
        entry = hit.entry
        facts = [entry.get("date") or "date unknown"] if entry["kind"] == "paper" else ["page"]
        facts += entry.get("topics", [])
        if entry.get("upvotes") is not None:
            facts.append(f"{entry['upvotes']} upvotes")
        if entry.get("code"):
            facts.append("code")
        print(f"{rank:3}. {entry['title']}")
        print(f"     {' · '.join(facts)}  [{entry['url']}]  score {hit.score:.3f}")
    print(f"{len(hits)} results", file=sys.stderr)
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument(
        "--topics", default=str(DEFAULT_TAXONOMY), help="taxonomy file (default: %(default)s)"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p_build = sub.add_parser("build", help="generate the site's Markdown pages from the dumps")
    p_build.add_argument("--dumps", default="dumps", help="folder of dumps (default: %(default)s)")
    p_build.add_argument("--docs", default="docs", help="MkDocs docs folder (default: %(default)s)")
    p_build.add_argument(
        "--strict", action="store_true", help="any problem in the input: write nothing, exit 1"
    )
    p_build.add_argument("--cache", default=CACHE, help="build cache folder (default: %(default)s)")
    p_build.set_defaults(func=cmd_build)

    p_parse = sub.add_parser("parse", help="print the records read from dumps, before merging, as JSON")
    p_parse.add_argument("files", nargs="+", metavar="FILE")
    p_parse.set_defaults(func=cmd_parse)

    p_search = sub.add_parser("search", help="search the catalogue as the site does")
    p_search.add_argument("query", help="words, or lunr syntax: +must -not title:word learn*")
    p_search.add_argument("--topic", help="only papers with this topic slug")
    p_search.add_argument("--year", type=int, help="only papers of this year")
    p_search.add_argument("--code", action="store_true", help="only papers with a code link")
    p_search.add_argument("--limit", type=int, default=10, help="results shown (default: %(default)s)")
    p_search.add_argument("--json", action="store_true", help="print the results as JSON")
    p_search.add_argument("--dumps", default="dumps", help="folder of dumps (default: %(default)s)")
    p_search.add_argument("--docs", default="docs", help="MkDocs docs folder (default: %(default)s)")
    p_search.add_argument("--cache", default=CACHE, help="build cache folder (default: %(default)s)")
    p_search.set_defaults(func=cmd_search)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except (UserError, TaxonomyError, ManifestError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the promise is one line, never a traceback
        if os.environ.get("GENERATOR_DEBUG"):
            raise
        print(f"error: {type(exc).__name__}: {exc} (set GENERATOR_DEBUG=1 for details)", file=sys.stderr)
        return 1
