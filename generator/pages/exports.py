"""The catalogue as files to reuse: JSON (the record schema), CSV and BibTeX,
all papers and each topic's."""

from __future__ import annotations

import csv
import io
import json

from .. import urls
from ..model import SCHEMA_FIELDS, Catalogue

LIST_SEPARATOR = " | "


def papers_json(records: list[dict]) -> str:
    """One array, a record a line (json's C encoder writes a line; it is not used with `indent`)."""
    return _json_file([_json_line(r) for r in records])


def _json_line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def _json_file(lines: list[str]) -> str:
    return "[\n" + ",\n".join(lines) + "\n]\n"


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
    return _csv_file(_CsvRows()(records))


class _CsvRows:
    """Records -> their CSV rows, one string each (with its line break)."""

    def __init__(self):
        self.out = io.StringIO()
        self.writer = csv.writer(self.out, lineterminator="\n")

    def __call__(self, records: list[dict]) -> list[str]:
        rows = []
        for record in records:
            row = [record[name] for name in SCHEMA_FIELDS]
            for k, name in enumerate(SCHEMA_FIELDS):
                if isinstance(row[k], list):
                    row[k] = _LISTS.get(name, _joined)(row[k])
            self.writer.writerow(map(_inert, row))
            rows.append(self.out.getvalue())
            self.out.seek(0)
            self.out.truncate()
        return rows


def _csv_file(rows: list[str]) -> str:
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow(SCHEMA_FIELDS)
    return header.getvalue() + "".join(rows)


def export_paths(taxonomy) -> list[str]:
    """The paths export_files makes, without making them."""
    kinds = [urls.export(kind) for kind in ("json", "csv", "bib")]
    return kinds + [urls.topic_export(topic.slug) for topic in taxonomy]


def export_files(
    catalogue: Catalogue, entries: dict[str, str], lines: dict[str, tuple[str, str]]
) -> dict[str, str]:
    """Every export file, keyed by its path in the docs folder; `entries` are
    the papers' BibTeX entries by id, `lines` their JSON and CSV lines, where
    known (those missing are added)."""
    missing = [p for p in catalogue.papers if p.id not in lines]
    records = [p.to_dict() for p in missing]
    for paper, json_line, csv_row in zip(missing, map(_json_line, records), _CsvRows()(records)):
        lines[paper.id] = (json_line, csv_row)
    files = {
        urls.export("json"): _json_file([lines[p.id][0] for p in catalogue.papers]),
        urls.export("csv"): _csv_file([lines[p.id][1] for p in catalogue.papers]),
        urls.export("bib"): "\n".join(entries[p.id] for p in catalogue.papers),
    }
    by_topic: dict[str, list[str]] = {t.slug: [] for t in catalogue.taxonomy}
    for paper in catalogue.papers:
        for slug in paper.topics:
            by_topic[slug].append(entries[paper.id])
    for slug, topic_entries in by_topic.items():
        files[urls.topic_export(slug)] = "\n".join(topic_entries)
    return files
