"""`python -m generator build | parse | search | fetch | pin`: a thin layer over the pipeline.

The options the plugin has in mkdocs.yml are options here, checked by the
same schema (config.py). Every problem is one line on stderr; exit status 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from .catalogue.taxonomy import load_taxonomy
from .catalogue.topics import TopicMatcher
from .config import ReadingConfig, Settings, check
from .model import InputError
from .publish.write import write_atomic
from .read.captures import load_manifest
from .read.dumps import READERS, read_dumps, reader_of
from .read.fetch import API, FetchError, fetch_daily, fetch_paper, fetch_range
from .read.hf_json import ARXIV_ID
from .read.pages_pinned import PAGES_NAME, load_pins, pinned_text
from .runtime.parallel import WorkerDied
from .search import query


class UserError(Exception):
    """A mistake in the command line: one line, exit status 1."""


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def checked(options: dict, schema=None):
    """The config of these options, or a UserError listing every mistake in them."""
    config, errors = check(options, schema) if schema else check(options)
    if errors:
        raise UserError("\n".join(errors))
    return config


def settings_of(args: argparse.Namespace, strict: bool = False) -> Settings:
    options = {
        "dumps": args.dumps,
        "taxonomy": args.topics,
        "cache": args.cache,
        "workers": args.workers,
    }
    return Settings.of(
        checked(options),
        Path(args.docs),
        strict=strict,
        site_url=args.site_url,
        templates=Path(args.templates),
    )


def _pipeline():
    """The pipeline, imported when a command needs it: with it comes scikit-learn,
    a second of the start, which `parse` and `fetch` do without."""
    from . import pipeline

    return pipeline


def cmd_build(args: argparse.Namespace) -> int:
    report = _pipeline().build(settings_of(args, strict=args.strict), progress=_progress)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(report.summary)
    return 1 if args.strict and report.problems else 0


def cmd_parse(args: argparse.Namespace) -> int:
    paths = [Path(f) for f in args.files]
    for path in paths:
        if not path.is_file():
            raise UserError(f"{path}: no such file")
        if reader_of(path) is None:
            raise UserError(f"{path}: expected a dump ({', '.join(sorted(READERS))})")
    config = checked({"taxonomy": args.topics, "workers": args.workers}, ReadingConfig)
    taxonomy = load_taxonomy(Path(config.taxonomy))
    manifest = {}
    for folder in sorted({p.parent for p in paths}):
        manifest.update(load_manifest(folder))
    results = read_dumps(
        paths, manifest, config.workers, TopicMatcher(taxonomy).topics_and_evidence
    )
    records = [p.to_dict() for r in results for p in r.papers]
    json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
    print()
    problems = [p for r in results for p in r.problems]
    for note in (n for r in results for n in r.notes):
        print(f"note: {note}", file=sys.stderr)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def cmd_search(args: argparse.Namespace) -> int:
    # Bring the pages and index up to date first (cheap when nothing changed),
    # then answer from the very files the site loads.
    settings = settings_of(args)
    report = _pipeline().build(settings)
    if report.problems:
        print(f"{len(report.problems)} problems in the dumps; `build` lists them", file=sys.stderr)
    index, entries = query.load(settings.cache)
    hits = query.search(
        index, entries, args.query, topic=args.topic, year=args.year, code=args.code
    )
    if args.json:
        json.dump([{"score": round(h.score, 3), **h.entry} for h in hits[: args.limit]], sys.stdout,
                  ensure_ascii=False, indent=2)  # fmt: skip
        print()
        return 0
    for rank, hit in enumerate(hits[: args.limit], start=1):
        entry = hit.entry
        facts = [entry.get("date") or "date unknown"] if entry["kind"] == "paper" else ["page"]
        if entry.get("arxiv"):
            facts.append(f"arXiv {entry['arxiv']}")
        facts += entry.get("topics", [])
        if entry.get("upvotes") is not None:
            facts.append(f"{entry['upvotes']} upvotes")
        if entry.get("code"):
            facts.append("code")
        print(f"{rank:3}. {entry['title']}")
        if entry.get("byline"):
            print(f"     {entry['byline']}")
        print(f"     {' · '.join(facts)}  [{entry['url']}]  score {hit.score:.3f}")
    like = ""
    if hits and hits[0].forgiven:
        like = " for words like them (nothing has these words as typed)"
    print(f"{len(hits)} results{like}", file=sys.stderr)
    return 0


def _day(option: str, value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise UserError(f"{option}: expected YYYY-MM-DD, got {value!r}") from None


def _said(fetched) -> None:
    """What a fetch saved, and what the reader left out of it."""
    for note in fetched.notes:
        print(f"note: {note}", file=sys.stderr)
    if fetched.path is None:
        return
    print(
        f"{fetched.path}: {fetched.papers} papers{'' if fetched.changed else ', unchanged'}",
        file=sys.stderr,
    )


def cmd_fetch(args: argparse.Namespace) -> int:
    dumps = Path(args.dumps)
    if not dumps.is_dir():
        raise UserError(f"--dumps: {dumps}: no such folder")
    client = {"api": args.api, "retries": args.retries, "backoff": args.backoff}
    if args.paper:
        if not ARXIV_ID.fullmatch(args.paper):
            raise UserError(f"--paper: expected an arXiv id (2510.01234), got {args.paper!r}")
        _said(fetch_paper(args.paper, dumps, **client))
        return 0
    since, until = _day("--since", args.since), _day("--until", args.until)
    if since:
        if args.date:
            raise UserError("--date: a day, or a range with --since, not both")
        until = until or dt.date.today() - dt.timedelta(days=1)
        if until < since:
            raise UserError(f"--until: {until} is before --since {since}")
        written = fetch_range(since, until, dumps, progress=_progress, **client)
        print(f"{len(written)} days saved from {since} to {until}", file=sys.stderr)
        return 0
    if until:
        raise UserError("--until: goes with --since")
    day = _day("--date", args.date) or dt.date.today() - dt.timedelta(days=1)
    fetched = fetch_daily(day, dumps, **client)
    if fetched.path is None:
        print(f"no papers on {day.isoformat()}; nothing written", file=sys.stderr)
    _said(fetched)
    return 0


def cmd_pin(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    pipeline = _pipeline()
    catalogue, report = pipeline.collect(settings, cache=pipeline.open_cache(settings))
    for problem in report.problems:
        print(problem, file=sys.stderr)
    path = settings.dumps / PAGES_NAME
    pins, _ = load_pins(settings.dumps)
    added = {p.arxiv_id: p.id for p in catalogue.papers if p.arxiv_id and p.arxiv_id not in pins}
    if added:
        write_atomic(path, pinned_text({**pins, **added}).encode("utf-8"))
    print(f"{path}: {len(added)} pages pinned, {len(pins)} pinned already", file=sys.stderr)
    return 0


def _site_options(parser: argparse.ArgumentParser) -> None:
    """The options of a command that builds: the plugin's, with its defaults."""
    parser.add_argument("--dumps", default="dumps", help="folder of dumps (default: %(default)s)")
    parser.add_argument("--docs", default="docs", help="MkDocs docs folder (default: %(default)s)")
    parser.add_argument(
        "--cache", default=".cache/generator", help="build cache folder (default: %(default)s)"
    )
    parser.add_argument(
        "--site-url",
        help="the site's address, as site_url in mkdocs.yml: feeds need it (default: no feeds)",
    )
    parser.add_argument(
        "--templates",
        default="overrides",
        help="the theme's custom_dir, whose catalogue/ templates replace the generator's "
        "(default: %(default)s)",
    )


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--topics", help="taxonomy file (default: the generator's topics.yml)")
    parser.add_argument(
        "--workers",
        type=int,
        help="processes working side by side (default: $CATALOGUE_WORKERS, else every core)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p_build = sub.add_parser("build", help="generate the site's Markdown pages from the dumps")
    _site_options(p_build)
    p_build.add_argument(
        "--strict", action="store_true", help="any problem in the input: write nothing, exit 1"
    )
    p_build.set_defaults(func=cmd_build)

    p_parse = sub.add_parser(
        "parse", help="print the records read from dumps, before merging, as JSON"
    )
    p_parse.add_argument("files", nargs="+", metavar="FILE")
    p_parse.set_defaults(func=cmd_parse)

    p_search = sub.add_parser("search", help="search the catalogue as the site does")
    p_search.add_argument("query", help="words, or lunr syntax: +must -not title:word learn*")
    p_search.add_argument("--topic", help="only papers with this topic slug")
    p_search.add_argument("--year", type=int, help="only papers of this year")
    p_search.add_argument("--code", action="store_true", help="only papers with a code link")
    p_search.add_argument(
        "--limit", type=int, default=10, help="results shown (default: %(default)s)"
    )
    p_search.add_argument("--json", action="store_true", help="print the results as JSON")
    _site_options(p_search)
    p_search.set_defaults(func=cmd_search)

    p_pin = sub.add_parser(
        "pin", help="pin the pages of papers with an arXiv id to their addresses (dumps/pages.yml)"
    )
    _site_options(p_pin)
    p_pin.set_defaults(func=cmd_pin)

    p_fetch = sub.add_parser("fetch", help="save papers from the Hugging Face papers API as dumps")
    p_fetch.add_argument("--date", help="the day, YYYY-MM-DD (default: yesterday)")
    p_fetch.add_argument(
        "--since",
        help="every day from this one (YYYY-MM-DD), a file a day; days saved already are skipped",
    )
    p_fetch.add_argument("--until", help="the last day of --since's range (default: yesterday)")
    p_fetch.add_argument(
        "--paper",
        metavar="ARXIV_ID",
        help="one paper, with the Hub's models, datasets and Spaces citing it",
    )
    p_fetch.add_argument("--dumps", default="dumps", help="folder of dumps (default: %(default)s)")
    p_fetch.add_argument("--api", default=API, help="the API's address (default: %(default)s)")
    p_fetch.add_argument(
        "--retries", type=int, default=5, help="retries of a failing request (default: %(default)s)"
    )
    p_fetch.add_argument(
        "--backoff",
        type=float,
        default=2.0,
        help="backoff factor in seconds (default: %(default)s)",
    )
    p_fetch.set_defaults(func=cmd_fetch)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except UserError as exc:
        for line in str(exc).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return 1
    except InputError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    except (WorkerDied, FetchError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the promise is one line, never a traceback
        if os.environ.get("GENERATOR_DEBUG"):
            raise
        print(
            f"error: {type(exc).__name__}: {exc} (set GENERATOR_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 1
