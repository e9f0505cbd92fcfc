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
    return "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n]\n"


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
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SCHEMA_FIELDS)
    if records:
        lists = [
            (k, _LISTS.get(name, _joined))
            for k, name in enumerate(SCHEMA_FIELDS)
            if isinstance(records[0][name], list)
        ]
        for record in records:
            row = [record[name] for name in SCHEMA_FIELDS]
            for k, write in lists:
                row[k] = write(row[k])
            writer.writerow(map(_inert, row))
    return out.getvalue()


def export_files(catalogue: Catalogue, entries: dict[str, str]) -> dict[str, str]:
    """Every export file, keyed by its path in the docs folder; `entries` are
    the papers' BibTeX entries by id."""
    records = [p.to_dict() for p in catalogue.papers]
    files = {
        urls.export("json"): papers_json(records),
        urls.export("csv"): papers_csv(records),
        urls.export("bib"): "\n".join(entries[p.id] for p in catalogue.papers),
    }
    by_topic: dict[str, list[str]] = {t.slug: [] for t in catalogue.taxonomy}
    for paper in catalogue.papers:
        for slug in paper.topics:
            by_topic[slug].append(entries[paper.id])
    for slug, topic_entries in by_topic.items():
        files[urls.topic_export(slug)] = "\n".join(topic_entries)
    return files
