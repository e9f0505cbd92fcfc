"""The catalogue as files to reuse: JSON (the record schema), CSV and BibTeX,
all papers and each topic's."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from .. import urls
from ..model import SCHEMA_FIELDS, Catalogue, Paper

LIST_SEPARATOR = " | "


def papers_json(records: list[dict]) -> str:
    """One array, a record a line (json's C encoder writes a line; it is not used with `indent`)."""
    return _json_file([_json_line(r) for r in records]).decode("utf-8")


# A file's lines are kept and joined as UTF-8: joined as a str, one emoji among the
# 92 million characters of 50,000 papers' JSON makes every one of them four bytes.
def _json_line(record: dict) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def _json_file(lines: list[bytes]) -> bytes:
    return b"[\n" + b",\n".join(lines) + b"\n]\n"


def _sources(value: list[dict]) -> str:
    return LIST_SEPARATOR.join(f"{s['file']}:{s['line']}:{s['captured'] or ''}" for s in value)


def _upvotes(value: list[dict]) -> str:
    return LIST_SEPARATOR.join(f"{u['captured']}:{u['upvotes']}" for u in value)


def _joined(value: list) -> str:
    return LIST_SEPARATOR.join(map(str, value))


# The columns that hold lists, and how each is written; csv writes the others
# (None as an empty cell).
_LISTS = {"sources": _sources, "upvote_history": _upvotes}


# A spreadsheet takes a cell starting with one of these for a formula
# (`=HYPERLINK(...)` from a dump would be a live link): such a cell starts with `'`.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(cell):
    return "'" + cell if isinstance(cell, str) and cell.startswith(_FORMULA_START) else cell


def papers_csv(records: list[dict]) -> str:
    """One row a paper, the schema's fields as columns; lists joined with ` | `,
    a source as `file:line:captured`, an upvote count as `captured:upvotes`; a
    cell a spreadsheet would take for a formula starts with `'`."""
    return _csv_file(_CsvRows()(records)).decode("utf-8")


class _CsvRows:
    """Records -> their CSV rows, as UTF-8, one each (with its line break)."""

    def __init__(self):
        self.out = io.StringIO()
        self.writer = csv.writer(self.out, lineterminator="\n")

    def __call__(self, records: list[dict]) -> list[bytes]:
        rows = []
        for record in records:
            row = [record[name] for name in SCHEMA_FIELDS]
            for k, name in enumerate(SCHEMA_FIELDS):
                if isinstance(row[k], list):
                    row[k] = _LISTS.get(name, _joined)(row[k])
            self.writer.writerow(map(_inert, row))
            rows.append(self.out.getvalue().encode("utf-8"))
            self.out.seek(0)
            self.out.truncate()
        return rows


def _csv_file(rows: list[bytes]) -> bytes:
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow(SCHEMA_FIELDS)
    return header.getvalue().encode("utf-8") + b"".join(rows)


def export_paths(taxonomy) -> list[str]:
    """The paths export_files makes, without making them."""
    kinds = [urls.export(kind) for kind in ("json", "csv", "bib")]
    return kinds + [urls.topic_export(topic.slug) for topic in taxonomy]


def add_lines(papers: list[Paper], lines: dict[str, tuple[bytes, bytes]]) -> None:
    """Into `lines`, the JSON and CSV lines of the papers that have none there
    (their records made a thousand at a time: all at once, they were 150 MB more
    at 50,000 papers)."""
    missing = [p for p in papers if p.id not in lines]
    rows = _CsvRows()
    for start in range(0, len(missing), 1000):
        some = missing[start : start + 1000]
        records = [p.to_dict() for p in some]
        for paper, json_line, csv_row in zip(some, map(_json_line, records), rows(records)):
            lines[paper.id] = (json_line, csv_row)


def export_files(
    catalogue: Catalogue, entries: dict[str, str], lines: dict[str, tuple[bytes, bytes]]
) -> Iterator[tuple[str, bytes]]:
    """Every export file, (its path in the docs folder, its UTF-8), made one at a
    time: made all at once, they took a worker 780 MB more at 50,000 papers.
    `entries` are the papers' BibTeX entries by id, `lines` their JSON and CSV
    lines (add_lines)."""
    papers = catalogue.papers
    yield urls.export("json"), _json_file([lines[p.id][0] for p in papers])
    yield urls.export("csv"), _csv_file([lines[p.id][1] for p in papers])
    yield urls.export("bib"), "\n".join(entries[p.id] for p in papers).encode("utf-8")
    by_topic: dict[str, list[str]] = {t.slug: [] for t in catalogue.taxonomy}
    for paper in papers:
        for slug in paper.topics:
            by_topic[slug].append(paper.id)
    for slug, ids in by_topic.items():
        yield urls.topic_export(slug), "\n".join(entries[pid] for pid in ids).encode("utf-8")
