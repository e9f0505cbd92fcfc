"""Tables of papers saved as CSV or TSV -> paper records, read as the API's items.

A row a paper, under a header naming the columns: a reading group's spreadsheet
exported as CSV (`Title`, `Authors`, `Link`, `Abstract`; Excel in many languages
separates by `;`), a notebook's table of the API's list (`df.to_csv()`, flattened by
`pd.json_normalize`: `paper.id`, `paper.upvotes`, lists written as Python would
print them), a Zotero library's CSV export (`Author`: `Last, First; ...`), and this
catalogue's own `exports/papers.csv` (lists joined by ` | `).

A column is taken by its name: as the API or a script names its field (hf_json's
names: `arxiv_id`, `paper.summary`...), else as a script labels one (labelled.py's
FIELDS: `Paper title`, `PDF link`...). Its cells become what the API gives (a count
a number, a list of names a list), and each row is read as the API's items are,
every value checked and what is left out noted (`row 3`: the third under the
header). A column with no such name is not read, and one note names those that hold
something.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
import json
import re

from ..model import DumpResult, Problem
from .hf_json import OTHER_NAMES, PAPER_LINK_KEYS, read_items
from .labelled import FIELDS, label_key
from .limits import MAX_LIST
from .links import bare_paper_id, doi_paper_id
from .text_dump import DumpError, TopicsOf, decode

TABLE_SUFFIXES = (".csv", ".tsv")

# What each field of a script's labels is in the API's names.
_API_NAME = {
    "title": "title",
    "authors": "authors",
    "abstract": "summary",
    "ai_summary": "ai_summary",
    "link": "url",  # (its paper's page: the id is found in it)
    "code": "githubRepo",
    "project": "projectPage",
    "published": "publishedAt",
    "upvotes": "upvotes",
    "stars": "githubStars",
    "organization": "organization",
    "keywords": "ai_keywords",
}
# The names the API's reader takes as they are: the API's own, scripts' and the
# command line's, and this catalogue's export's.
_TAKEN = {
    *OTHER_NAMES, *OTHER_NAMES.values(), *PAPER_LINK_KEYS, "id", "title", "summary",
    "authors", "ai_summary", "upvotes", "organization", "authors_count", "authors_omitted",
    "organization_handle", "code", "links", "upvote_history", "submittedBy",
}  # fmt: skip
# An export's columns that are its catalogue's own, not the paper's: not read, unsaid.
_EXPORTS_OWN = frozenset(("id", "topics", "sources", "first_seen"))
# Fields whose cells are counts, and lists (by the name's last part: `paper.upvotes`).
_COUNTS = frozenset(
    ("upvotes", "numComments", "githubStars", "authors_count", "authors_omitted",
     "comments", "github_stars", "num_comments", "numTotalModels", "numTotalDatasets",
     "numTotalSpaces", "models_total", "datasets_total", "spaces_total")
)  # fmt: skip
_LISTS = frozenset(
    ("authors", "ai_keywords", "keywords", "code", "links", "upvote_history", "linkedModels",
     "linkedDatasets", "linkedSpaces", "models", "datasets", "spaces")
)  # fmt: skip
_COUNT = re.compile(r"^(\d[\d,]{0,20})(?:\.0+)?$")  # (`12`, `1,204`, pandas' `12.0`)
_FORMULA_START = ("=", "+", "-", "@")  # (exports.py's: such a cell is written `'=...`)
_DAY_COUNT = re.compile(r"^(\d{4}-\d{2}-\d{2}):(\d{1,12})$")  # (the export's `2026-11-01:3`)
_MAX_LIST_CHARS = 1_000_000  # (a list's cell Python would print: parsed only if no longer)


def parse_table_dump(
    data: bytes, file: str, captured: dt.date | None, topics_of: TopicsOf | None = None
) -> DumpResult:
    """Read one table of papers: problems name the line, notes the row."""
    result = DumpResult(file=file, captured=captured)
    try:
        rows = _rows(decode(data), "\t" if file.lower().endswith(".tsv") else None)
    except DumpError as error:
        result.problems.append(Problem(file, error.line, error.message))
        return result
    header, body = (rows[0], rows[1:]) if rows else ([], [])
    columns = [_column(name) for name in header]
    if "arxiv_id" in columns:  # (an export's: its `id` is the page's, not the paper's)
        columns = [None if column == "id" else column for column in columns]
    if "title" not in columns and "paper.title" not in columns:
        said = "expected a table of papers: a header row naming a `Title` column"
        result.problems.append(Problem(file, 1, said))
        return result
    notes = []
    filled = {k for row in body for k, cell in enumerate(row) if cell.strip()}
    unread = [name.strip() for k, (name, column) in enumerate(zip(header, columns))
              if not column and k in filled]  # fmt: skip
    if unread := [name for name in unread if name and name not in _EXPORTS_OWN]:
        more = f" and {len(unread) - 10:,} more" if len(unread) > 10 else ""
        notes.append(f"columns not read (no field of a paper's): {', '.join(unread[:10])}{more}")
    items = [_item(columns, row) for row in body if any(cell.strip() for cell in row)]
    return read_items(result, items, topics_of, notes, unit="row")


def _rows(text: str, delimiter: str | None) -> list[list[str]]:
    """The table's rows, separated by `delimiter`, else by what its header line is
    separated by most: `,`, `;` or a tab."""
    first = text.lstrip("\n").split("\n", 1)[0]
    delimiter = delimiter or max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return list(reader)
    except csv.Error as error:  # (a cell past the size limit; a NUL byte)
        raise DumpError(reader.line_num, f"not a table: {error}") from None


def _column(name: str) -> str | None:
    """The field a column holds, by the API's name for it; None if no paper's."""
    name = name.strip()
    if name.lower() == "doi":
        return "doi"  # (arXiv's DOI names the paper: `10.48550/arXiv.2611.04001`)
    if name in _TAKEN or name.split(".", 1)[0] in ("paper", *_TAKEN):  # (`submittedBy.name`)
        return name
    field = FIELDS.get(label_key(name))
    return _API_NAME.get(field) if field else None


def _item(columns: list[str | None], row: list[str]) -> dict:
    """A row as the API's item: its cells in their columns, each as the API gives it."""
    item = {}
    for column, cell in zip(columns, row):
        cell = cell.strip()
        if cell[:1] == "'" and cell[1:2] in _FORMULA_START:
            cell = cell[1:]  # (an export's quote that keeps a spreadsheet from running it)
        if column == "url" and (bare := bare_paper_id(cell)):
            column, cell = "id", bare  # (`arXiv ID`: `2611.00001`, not a link)
        elif column == "doi":
            doi = doi_paper_id(cell)
            column, cell = ("id", doi) if doi else (None, "")
        if column and cell and column not in item:
            item[column] = _value(column.rsplit(".", 1)[-1], cell)
    return item


def _value(field: str, cell: str) -> object:
    """A cell as the API gives its field: a count a number, a list a list; else text."""
    if field in _COUNTS and (count := _COUNT.match(cell)):
        return int(count.group(1).replace(",", ""))
    if field not in _LISTS:
        return cell
    if cell.startswith("[") and len(cell) <= _MAX_LIST_CHARS:
        listed = _printed_list(cell)
        if listed is not None:
            return listed[:MAX_LIST]
    parts = _split(cell, field)
    if field == "upvote_history":
        return [_day_count(part) for part in parts]
    return parts[:MAX_LIST]


def _printed_list(cell: str) -> list | None:
    """A list written as JSON, or as Python prints one (`['A', 'B']`, the API's author
    objects with `False`: what pandas writes); None if it is neither."""
    try:
        listed = json.loads(cell)
    except RecursionError:
        return None
    except ValueError:
        try:
            listed = ast.literal_eval(cell)  # (literals only: nothing is run)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return None
    return listed if isinstance(listed, list) else None


def _split(cell: str, field: str) -> list[str]:
    """A cell's list: joined by ` | ` (this catalogue's export), else by `;`, else by
    `,` (and, for names, `and`)."""
    if " | " in cell:
        return [part.strip() for part in cell.split(" | ") if part.strip()]
    if ";" in cell:
        parts = [part.strip() for part in cell.split(";") if part.strip()]
        # (`Lovelace, Ada; Turing, Alan`, as Zotero lists authors: each name turned.)
        if field == "authors" and all(part.count(",") == 1 for part in parts):
            parts = [" ".join(reversed([w.strip() for w in part.split(",")])) for part in parts]
        return parts
    if field != "authors":
        return [part for part in _COMMAS.split(cell) if part]
    parts = [part for part in _NAMES.split(cell) if part]
    if len(parts) == 2 and len(parts[0].split()) == 1 and cell.count(",") == 1:
        return [f"{parts[1]} {parts[0]}"]  # (one name turned, `Okafor, Lena`: Zotero's)
    return parts


_COMMAS = re.compile(r"\s*,\s*")
_NAMES = re.compile(r"\s*(?:,|\band\b)\s*")


def _day_count(part: str) -> object:
    """The export's `2026-11-01:3` as the API's reader takes a day's count."""
    match = _DAY_COUNT.match(part)
    return {"captured": match.group(1), "upvotes": int(match.group(2))} if match else part
