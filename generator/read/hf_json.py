"""Hugging Face papers API responses (saved as `*.json` or `*.jsonl` dumps) -> paper records.

The shapes, as saved from:
- `GET /api/daily_papers?date=...` (or `week=`, `month=`, `sort=trending`) and
  `GET /api/papers/search?q=...`: a list of items, each with a `paper` object
  and top-level `title`, `summary`, `publishedAt`, `numComments`,
  `submittedBy`, `organization`...;
- `GET /api/papers/{id}`: one `paper` object, with the Hub's `linkedModels`,
  `linkedDatasets`, `linkedSpaces` and their `numTotal...` counts;
- the data a list page of the site carries for its script, `{"dateString": ...,
  "dailyPapers": [...]}` (the first shape's list; html_page.py finds it in a page
  saved as HTML; a search page's, `{"query": {"q": ...}, "searchResults": [...],
  "dailyPapers": [...]}`, gives the results it shows, with a note), and the
  like wrappers scripts save the list in, `{"date": ..., "count": 50, "papers":
  [...]}` (its one list of items is read, dated by the day it states), or the
  mapping of arXiv ids to papers a script keeps (`{"2305.03048": {"title": ...},
  ...}`);
- the `hf` command line's `hf papers ls | search | info --format json`: the same
  papers with the names huggingface_hub gives them (`published_at`,
  `submitted_at`, `submitted_by.username`, `github_repo`, `comments`,
  `linked_models`, ...), read as the API's;
- the records scripts keep of the API's items, as a JSON list or as JSON Lines
  (an item a line): `arxiv_id`, `abstract`, `authors` as names, `daily_paper_date`,
  `hf_published_at`, `code_url`..., or only the paper's Hugging Face or arXiv
  link for its id (SCRIPT_NAMES), read as the API's; so is this catalogue's
  JSON export (`exports/papers.json`: its `id` is the page's, `arxiv_id` the
  paper's, the organisation a name beside its handle, `code`, `links`,
  `upvote_history` and the Hub's `models` its own lists), and a notebook's table
  of the list, flattened by pandas (`"paper.id"`, `"submittedBy.fullname"`) and
  saved by records, by columns or split (table.py reads the same as CSV);
- a page of a Hub dataset's rows as its viewer serves it (`{"rows": [{"row":
  {...}}], "num_rows_total": ...}`), and a paper page's own data (`{"paper":
  {...}, "comments": [...]}`, html_page.py).

Feeds of papers (a JSON Feed here, RSS and Atom by parse_feed_dump) are read
the same way once feed.py has named their entries' fields as the API's.

From `paper`: `id` (the arXiv id), `title`, `summary` (hard-wrapped: unwrapped
here), `ai_summary`, `authors[].name`, `publishedAt`, `submittedOnDailyAt`,
`submittedOnDailyBy`, `upvotes`, `githubRepo`, `githubStars`, `projectPage`,
`ai_keywords`, `organization` (`name` the handle, `fullname` the display name).

A response saved with its HTTP headers before it (`curl -i`) is its body, noted.

The API's ordinary values are read as they come: surrounding whitespace
trimmed, a URL broken by a line break joined, empty strings in a list dropped,
a keyword repeated kept once, and every author kept, in order (two people may
share a name). The JSON is still as untrusted as a text dump: a value of the
wrong type or size is left out, and an item without a title or abstract too,
each with a note naming the item (`item 4: paper.title is missing`). Notes are
not problems: the file is the API's word, which no edit should change, so they
never fail a strict build (README: "Problems and notes").
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable

from ..catalogue.merge import upvotes_by_day
from ..catalogue.slugs import slug_for
from ..model import HUB_KINDS, DumpResult, Paper, Problem, Source, UpvoteCount
from ..urls import HANDLE
from .feed import FeedItems, is_json_feed, json_feed_items, xml_feed_items
from .limits import (
    MAX_ABSTRACT_CHARS,
    MAX_LIST,
    MAX_NAME_CHARS,
    MAX_NUMBER_DIGITS,
    MAX_TITLE_CHARS,
    MAX_URL_CHARS,
    no_abstract,
)
from .links import find_urls, has_real_host, paper_id
from .text_dump import DumpError, TopicsOf, clean_line, decode, topic_fields
from .unwrap import unwrap

# Hub repositories kept of each kind (the API lists a few; the total says how many).
MAX_LISTED = 100
# (Matched whole, with fullmatch: `$` would let a final line break through.)
ARXIV_ID = re.compile(r"(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})")
_HTTP_URL = re.compile(r"https?://[^\s<>\"'`{}\\]+", re.IGNORECASE)
_HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]{0,95}/[A-Za-z0-9][\w.-]{0,95}")
_SPACES = re.compile(r"\s+")
# The key of the papers in a list page's own data: `{"dateString": ..., "dailyPapers": [...]}`.
PAGE_PAPERS = "dailyPapers"
# A search page's key for its results (beside the list, PAGE_PAPERS, it carries too).
SEARCH_RESULTS = "searchResults"
# A wrapper's keys for its (empty) list of papers, and for the day it lists.
WRAPPER_LISTS = (PAGE_PAPERS, "papers", "items", "data", "results")
WRAPPER_DAYS = ("dateString", "date", "day")
EMPTY_LIST = "no papers: an empty list (a weekend's or holiday's daily list; a search finding none)"
MAX_ERROR_CHARS = 200  # of an error response's message, quoted in its problem line
# Notes listed for one file: a flood of bad items (a million `{}`) was a million lines.
MAX_NOTES = 100
MAX_BAD_LINES = 10  # a JSON Lines file's bad lines named, the rest counted
DAILY_SPAN_DAYS = 31  # a daily, weekly or monthly list lists days no further apart
HUB_KEYS = {kind: (f"linked{kind.title()}", f"numTotal{kind.title()}") for kind in HUB_KINDS}
# huggingface_hub's names for the API's fields (its PaperInfo, which `hf papers` prints).
CLI_NAMES = {
    "published_at": "publishedAt",
    "submitted_at": "submittedOnDailyAt",
    "submitted_by": "submittedOnDailyBy",
    "github_repo": "githubRepo",
    "github_stars": "githubStars",
    "project_page": "projectPage",
    "comments": "numComments",
    **{f"linked_{kind}": linked for kind, (linked, _) in HUB_KEYS.items()},
    **{f"num_total_{kind}": total for kind, (_, total) in HUB_KEYS.items()},
}


# Names scripts give the API's fields when they keep its items as records of their own
# (a JSON list, or JSON Lines: `arxiv_id`, `abstract`, `authors` as names...).
SCRIPT_NAMES = {
    "arxiv_id": "id",
    "paper_id": "id",
    "abstract": "summary",
    "hf_published_at": "publishedAt",
    "publication_date": "publishedAt",
    "upvotes_at_extraction": "upvotes",
    "daily_paper_date": "submittedOnDailyAt",
    "daily_date": "submittedOnDailyAt",
    "submitted_on_daily_at": "submittedOnDailyAt",
    "num_comments": "numComments",
    "project_url": "projectPage",
    "code_url": "githubRepo",
    "github_url": "githubRepo",
    "github": "githubRepo",
    "published": "publishedAt",
    "keywords": "ai_keywords",
    # (This catalogue's export: the Hub's repositories citing the paper, by id.)
    **{kind: linked for kind, (linked, _) in HUB_KEYS.items()},
    **{f"{kind}_total": total for kind, (_, total) in HUB_KEYS.items()},
}
OTHER_NAMES = {**CLI_NAMES, **SCRIPT_NAMES}
# Where such a record gives its paper only as a link: its Hugging Face or arXiv page.
PAPER_LINK_KEYS = ("huggingface_url", "hf_url", "paper_url", "arxiv_url", "url", "pdf_url")


def _nested(raw: dict) -> dict:
    """An item flattened as pandas' `json_normalize` does it (`"paper.id"`,
    `"submittedBy.fullname"`: a notebook's table of the API's list, saved as JSON)
    as the API gives it; any other item as it is."""
    if "paper" in raw or not any("." in key for key in raw):
        return raw
    nested: dict = {}
    for key, value in raw.items():
        if value is None:
            continue  # (a table's empty cell: the item has no such field)
        *path, last = key.split(".")
        place = nested
        for part in path:
            place = place.setdefault(part, {})
            if not isinstance(place, dict):  # (`a` and `a.b` both: kept as they came)
                return raw
        if isinstance(place.get(last), dict):
            return raw
        place[last] = value
    return nested


def _api_names(raw: object) -> tuple[object, dict[str, str]]:
    """An item `hf papers` printed, or a script kept, with the API's names (any other
    item as it is), and the file's names of the fields renamed (the API's -> the file's).
    A name is taken only where the item lacks the API's own."""
    if not isinstance(raw, dict) or "paper" in raw:
        return raw, {}
    if "arxiv_id" in raw and not _arxiv_id_in(raw.get("id")):
        # (Its `id` is a page's, as this catalogue's exports give it: not the paper's.)
        raw = {key: value for key, value in raw.items() if key != "id"}
    spelled = {api: name for name, api in OTHER_NAMES.items() if name in raw and api not in raw}
    renamed = {OTHER_NAMES[k] if OTHER_NAMES.get(k) in spelled else k: v for k, v in raw.items()}
    if renamed.get("id") is None:
        for key in PAPER_LINK_KEYS:
            link = renamed.get(key)
            found = paper_id(link.strip()) if isinstance(link, str) else None
            if found:
                renamed["id"], spelled["id"] = found, key
                break
    return (renamed, spelled) if spelled else (raw, {})


class _Item:
    """One item's fields, each checked as it is taken; what is left out, noted."""

    def __init__(
        self, where: str, paper: dict, outer: dict, notes: list[str], spelled: dict | None = None
    ):
        self.where, self.paper, self.outer, self.notes = where, paper, outer, notes
        self.spelled = spelled or {}  # the API's names of fields -> the file's, where they differ

    def note(self, message: str) -> None:
        for api, cli in self.spelled.items():  # (a note names a field as the file does)
            message = message.replace(f".{api}", f".{cli}")
        self.notes.append(f"{self.where}: {message}")

    def value(self, key: str, kind: type, check: Callable[[object], str | None] = lambda _: None):
        """`paper[key]` (else the item's own `key`) if it is of `kind` and passes
        `check`; None if absent, or bad (noted)."""
        where, value = "paper", self.paper.get(key)
        if value is None:
            where, value = "item", self.outer.get(key)
            if value is None:
                return None
        # (JSON gives exact types: a bool is not taken for a whole number.)
        wrong = None if type(value) is kind else _expected(kind, value)
        wrong = wrong or check(value)
        if wrong:
            self.note(f"{where}.{key}: {wrong}")
            return None
        return value

    def text(self, key: str, limit: int) -> str | None:
        """A text field, unwrapped and cleaned; None if absent, blank or bad."""
        value = self.value(key, str, lambda v: _too_long(v, limit))
        return clean_line(unwrap(value)) or None if value is not None else None

    def count(self, key: str) -> int | None:
        return self.value(key, int, lambda v: "expected a count of at least 0" if v < 0 else None)

    def url(self, key: str) -> str | None:
        """An http(s) URL; whitespace around it trimmed, and inside it (a line break) joined."""
        value = self.value(key, str)
        return None if value is None else self.checked_url(value, key)

    def urls(self, key: str) -> tuple[str, ...]:
        """A list of http(s) URLs (an export's `code`, `links`), each checked as one is."""
        found = []
        for k, value in enumerate(_list(self, key)[:MAX_LISTED]):
            url = self.checked_url(value, f"{key}[{k}]") if isinstance(value, str) else None
            if url:
                found.append(url)
            elif not isinstance(value, str):
                self.note(
                    f"paper.{key}[{k}]: expected an http(s) URL, got {json.dumps(value)[:40]}"
                )
        return tuple(dict.fromkeys(found))

    def checked_url(self, value: str, key: str) -> str | None:
        url = value if value.isprintable() and " " not in value else _SPACES.sub("", value)
        if not url:
            return None  # (an empty string: no URL)
        if len(url) > MAX_URL_CHARS or not _HTTP_URL.fullmatch(url) or not has_real_host(url):
            self.note(f"paper.{key}: expected an http(s) URL, got {value[:40]!r}")
            return None
        return url


def _expected(kind: type, value: object) -> str:
    names = {str: "a string", int: "a whole number", list: "a list", dict: "an object"}
    return f"expected {names[kind]}, got {json.dumps(value)[:40]}"


def _arxiv_id_in(value: object) -> bool:
    return isinstance(value, str) and bool(ARXIV_ID.fullmatch(value.strip()))


def _arxiv_id(value: str) -> str | None:
    return (
        None if ARXIV_ID.fullmatch(value.strip()) else f"expected an arXiv id, got {value[:40]!r}"
    )


def _too_long(value: str, limit: int) -> str | None:
    return f"{len(value):,} characters, more than {limit:,}" if len(value) > limit else None


def _is_clean(text: str) -> bool:
    """Whether clean_line would leave `text` as it is."""
    return text.isprintable() and text[0] != " " and text[-1] != " " and "  " not in text


def _list(item: _Item, key: str) -> list:
    def too_many(v: list) -> str | None:
        return f"{len(v):,} entries, more than {MAX_LIST:,}" if len(v) > MAX_LIST else None

    return item.value(key, list, too_many) or []


def _names(item: _Item, key: str, field: str | None) -> list[str]:
    """A list of names, in order: strings, or objects whose `field` is the name.
    Empty names are dropped; a name of the wrong type or size is noted."""
    values = _list(item, key)
    found = (
        [value.get(field) if type(value) is dict else value for value in values]
        if field
        else values
    )
    # Most lists hold names that need no cleaning: checked in one pass, not a call a name.
    if all(type(n) is str and 0 < len(n) <= MAX_NAME_CHARS and _is_clean(n) for n in found):
        return found
    names = []
    for k, name in enumerate(found):
        if type(name) is str and len(name) <= MAX_NAME_CHARS:
            if name := clean_line(unwrap(name)):
                names.append(name)
            continue  # (an empty name: nothing to keep)
        item.note(
            f"paper.{key}[{k}]{'.' + field if field else ''}: expected a name, got "
            f"{json.dumps(name)[:40]}"
        )
    return names


def _instant(item: _Item, key: str) -> dt.date | None:
    value = item.value(key, str)
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        item.note(f"paper.{key}: expected a date and time, got {value[:40]!r}")
        return None


def _organization(item: _Item) -> tuple[str | None, str | None]:
    """(display name, handle) of the paper's organisation."""
    if isinstance(named := item.paper.get("organization"), str):
        # (A script's or an export's: the name, with its handle beside it, if any.)
        handle = item.paper.get("organization_handle")
        handle = handle.strip() if isinstance(handle, str) else ""
        name = clean_line(named)[:MAX_NAME_CHARS] or None
        return name, handle if name and HANDLE.fullmatch(handle) else None
    org = item.value("organization", dict)
    if not org:
        return None, None
    handle, name = org.get("name"), org.get("fullname") or org.get("display_name")
    handle = handle.strip() if isinstance(handle, str) else handle
    if not isinstance(handle, str) or not HANDLE.fullmatch(handle):
        item.note(
            f"organization.name: expected a Hugging Face handle, got {json.dumps(handle)[:40]}"
        )
        return None, None
    if (
        not isinstance(name, str)
        or len(name) > MAX_NAME_CHARS
        or not (name := clean_line(unwrap(name)))
    ):
        name = handle
    return name, handle


def _authors_count(item: _Item, named: int) -> int | None:
    """How many authors the paper has: those named, or more where the record says
    so (a script that keeps the first names writes `authors_omitted`; an export,
    this catalogue's too, `authors_count`)."""
    stated = item.count("authors_count")
    omitted = item.count("authors_omitted")
    total = max(named, stated or 0, named + (omitted or 0))
    if total > MAX_LIST:
        item.note(f"paper.authors_count: {total:,} authors, more than {MAX_LIST:,}: not taken")
        total = named
    return total or None


def _upvote_history(item: _Item, captured: dt.date | None, upvotes: int | None):
    """The counts of the capture, and those an export kept (`upvote_history`: a day
    and a count each), one a day, the highest."""
    counts = list(UpvoteCount.seen(captured, upvotes))
    for k, entry in enumerate(_list(item, "upvote_history")):
        day = entry.get("captured") if isinstance(entry, dict) else None
        count = entry.get("upvotes") if isinstance(entry, dict) else None
        try:
            if type(count) is not int or count < 0:
                raise ValueError
            counts.append(UpvoteCount(dt.date.fromisoformat(day), count))
        except (TypeError, ValueError):
            item.note(f"paper.upvote_history[{k}]: expected a day and a count, got "
                      f"{json.dumps(entry)[:40]}")  # fmt: skip
    return upvotes_by_day(counts)


def _submitter(item: _Item) -> str | None:
    """Who put the paper on the daily list: a display name, else a handle."""
    for key in ("submittedOnDailyBy", "submittedBy"):
        if isinstance(named := item.paper.get(key), str):  # (an export's: the name alone)
            return clean_line(named)[:MAX_NAME_CHARS] or None
        person = item.value(key, dict)
        if person:
            for field in ("fullname", "display_name", "name", "user", "username"):
                name = person.get(field)
                if (
                    isinstance(name, str)
                    and len(name) <= MAX_NAME_CHARS
                    and (name := clean_line(name))
                ):
                    return name
    return None


def _hub(item: _Item, kind: str) -> tuple[tuple[str, ...], int | None]:
    """(ids, total) of the Hub repositories of `kind` that cite the paper."""
    listed, total_key = HUB_KEYS[kind]
    ids = []
    for k, entry in enumerate(_list(item, listed)):
        hub_id = entry.get("id") if type(entry) is dict else entry  # (an export's: the id)
        if type(hub_id) is str and _HUB_ID.fullmatch(hub_id.strip()):
            ids.append(hub_id.strip())
        else:
            item.note(f"paper.{listed}[{k}].id: expected owner/name, got {json.dumps(hub_id)[:40]}")
    ids = list(dict.fromkeys(ids))[:MAX_LISTED]
    total = item.count(total_key)
    if ids and (total is None or total < len(ids)):
        total = len(ids)
    return tuple(ids), total


def read_item(
    number: int,
    raw: object,
    file: str,
    captured: dt.date | None,
    topics_of: TopicsOf | None,
    notes: list[str],
    unit: str = "item",
) -> Paper | None:
    """Item `number` of the response (a table's row: `unit`) as a record; None if
    it has no title, or has neither an abstract nor an arXiv id (a script's record
    of a paper may give only its title and link: the paper, its abstract left to
    other dumps)."""
    where = f"{unit} {number}"
    if not isinstance(raw, dict):
        notes.append(f"{where}: expected an object, got {json.dumps(raw)[:40]}")
        return None
    raw, spelled = _api_names(_nested(raw))
    paper = raw.get("paper", raw)  # (a paper object alone: /api/papers/{id})
    if not isinstance(paper, dict):
        notes.append(f"{where}: paper: expected an object, got {json.dumps(paper)[:40]}")
        return None
    item = _Item(where, paper, raw if paper is not raw else {}, notes, spelled)
    texts = {}
    for key, limit in (("title", MAX_TITLE_CHARS), ("summary", MAX_ABSTRACT_CHARS)):
        said = len(notes)
        texts[key] = item.text(key, limit)
        # (An abstract merely missing is looked for by the arXiv id, below.)
        if not texts[key] and (key == "title" or len(notes) > said):
            if len(notes) == said:  # (not already said why)
                item.note(f"paper.{key} is missing")
            return None
    title, abstract = texts["title"], texts["summary"] or ""
    arxiv_id = item.value("id", str, _arxiv_id)
    if not abstract and not arxiv_id:  # (no abstract, and no arXiv id to find it by)
        item.note("paper.summary is missing")
        return None
    authors = _names(item, "authors", "name")
    authors_count = _authors_count(item, len(authors))
    upvotes = item.count("upvotes")
    stars = item.count("githubStars")
    repo = item.url("githubRepo")
    organization, handle = _organization(item)
    code, links = find_urls(abstract)
    # (An export's own lists: this catalogue's, or another's.)
    listed_code, listed_links = item.urls("code"), item.urls("links")
    code = tuple(dict.fromkeys((*((repo,) if repo else ()), *listed_code, *code)))
    links = tuple(dict.fromkeys((*listed_links, *links)))
    hub = (
        {kind: _hub(item, kind) for kind in HUB_KINDS}
        if "linkedModels" in paper or "numTotalModels" in paper
        else {}
    )
    return Paper(
        id=slug_for(title),
        title=title,
        abstract=abstract,
        arxiv_id=arxiv_id.strip() if arxiv_id else None,
        authors=tuple(authors),
        authors_count=authors_count,
        organization=organization,
        organization_handle=handle,
        published=_instant(item, "publishedAt"),
        upvotes=upvotes,
        upvote_history=_upvote_history(item, captured, upvotes),
        github_stars=stars if repo or listed_code else None,
        code=code,
        links=links,
        project_page=item.url("projectPage"),
        keywords=tuple(dict.fromkeys(_names(item, "ai_keywords", None))),
        ai_summary=item.text("ai_summary", MAX_ABSTRACT_CHARS),
        daily_date=_instant(item, "submittedOnDailyAt"),
        comments=item.count("numComments"),
        submitted_by=_submitter(item),
        **{kind: ids for kind, (ids, _) in hub.items()},
        **{f"{kind}_total": total for kind, (_, total) in hub.items()},
        **topic_fields(topics_of, title, abstract),
        sources=(Source(file, number, captured),),
    )


class _TooLong(ValueError):
    """A number with more digits than a count has."""


def _whole_number(digits: str) -> int:
    if len(digits) > MAX_NUMBER_DIGITS:
        raise _TooLong(
            f"a number of {len(digits):,} digits, more than the {MAX_NUMBER_DIGITS} a count has"
        )
    return int(digits)


def listed_on(item: object) -> dt.date | None:
    """The day an item of a daily list was on the list (`submittedOnDailyAt`, or
    another name for it: `hf papers`' `submitted_at`, a script's), if it says."""
    if not isinstance(item, dict):
        return None
    named = _api_names(item)[0]
    paper = named.get("paper", named)
    if not isinstance(paper, dict):
        return None
    value = paper.get("submittedOnDailyAt")
    try:
        return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else None
    except ValueError:
        return None


def listed_day(items: list) -> dt.date | None:
    """The capture day of a daily list saved with no date: the latest day it lists,
    if its days lie within a month (a search spans years)."""
    days = {day for day in map(listed_on, items) if day}
    if days and (max(days) - min(days)).days <= DAILY_SPAN_DAYS:
        return max(days)
    return None


def _item_lists(document: dict) -> list[list]:
    """A wrapper's lists of papers: those of objects with a title or a `paper`
    (`{"date": ..., "papers": [...]}`), or an empty one under a papers' key."""
    lists = [
        value
        for value in document.values()
        if isinstance(value, list)
        and value
        and isinstance(value[0], dict)
        and ("title" in value[0] or "paper" in value[0])
    ]
    empty = [document[k] for k in WRAPPER_LISTS if document.get(k) == []]
    return lists or empty[:1]


def _search(document: dict) -> str | None:
    """The query of a search page's data (`{"query": {"q": ...}, "searchResults":
    [...], "dailyPapers": [...]}`: the page shows the results, not the list), or
    None for any other document."""
    results, query = document.get(SEARCH_RESULTS), document.get("query")
    words = query.get("q") if isinstance(query, dict) else None
    words = words.strip() if isinstance(words, str) else ""
    return words if isinstance(results, list) and (results or words) else None


def _unwrapped(document: object) -> object:
    """A document inside a script's wrapper of one key (`{"arxiv_scan": {"date": ...,
    "papers": [...]}}`): what it wraps, a few levels down; any other as it is."""
    for _ in range(3):
        if not (isinstance(document, dict) and len(document) == 1):
            break
        [inner] = document.values()
        if not isinstance(inner, dict) or "title" in inner or "paper" in inner:
            break
        document = inner
    return document


def _dataset_rows(document: dict) -> list | None:
    """The rows of a page of a Hub dataset, as its dataset viewer serves them
    (`datasets-server.huggingface.co/rows`: `{"features": [...], "rows": [{"row_idx":
    0, "row": {...}, "truncated_cells": []}], "num_rows_total": ...}`), as items; None
    for any other document."""
    rows = document.get("rows")
    if not (isinstance(rows, list) and "num_rows_total" in document):
        return None
    return [_dated_row(row.get("row")) if isinstance(row, dict) else row for row in rows]


def _dated_row(row: object) -> object:
    """A dataset's row of a paper, its `date` the day of the list that had it (as the
    Hub's datasets of the daily papers keep it: `arxiv_id`, `title`, `date`...)."""
    if not isinstance(row, dict) or "submittedOnDailyAt" in row or "arxiv_id" not in row:
        return row
    return {**row, "submittedOnDailyAt": row["date"]} if "date" in row else row


def _rows_left(document: dict, read: int) -> list[str]:
    """Notes on what a page of a dataset's rows leaves out: the rows past the page,
    and cells the viewer cut short."""
    notes = []
    total = document.get("num_rows_total")
    if type(total) is int and total > read:
        notes.append(f"{total - read:,} more rows of the dataset are not in this page of it")
    cut = sum(1 for row in document["rows"] if isinstance(row, dict) and row.get("truncated_cells"))
    if cut:
        notes.append(f"{cut:,} rows with cells the dataset viewer cut short (truncated_cells)")
    return notes


def _table_rows(document: dict) -> list[dict] | None:
    """The rows of a table pandas saved, as items: by columns, its default
    (`df.to_json()`: `{"title": {"0": ..., "1": ...}, "paper.id": {...}}`), or split
    (`{"columns": [...], "index": [...], "data": [[...], ...]}`); None for any other
    document."""
    names, data = document.get("columns"), document.get("data")
    if (
        isinstance(names, list)
        and isinstance(data, list)
        and {"title", "paper.title"} & {name for name in names if isinstance(name, str)}
    ):
        # (A row of another shape is left as it is: an item noted as no object.)
        return [dict(zip(names, row)) if _row(row, len(names)) else row for row in data]
    if not ({"title", "paper.title"} & document.keys()):
        return None
    columns = list(document.values())
    if not all(isinstance(column, dict) for column in columns):
        return None
    rows = list(columns[0])
    if any(list(column) != rows for column in columns):
        return None
    return [{name: column[row] for name, column in document.items()} for row in rows]


def _row(row: object, width: int) -> bool:
    return isinstance(row, list) and len(row) == width


def _keyed_papers(document: dict) -> list[dict] | None:
    """The papers of a script's mapping of arXiv ids to papers (`{"2305.03048":
    {"title": ...}, ...}`), each with its key for its id where it gives none."""
    papers = list(document.values())
    if not all(isinstance(p, dict) and "title" in p for p in papers):
        return None
    return [
        {**paper, "id": key} if ARXIV_ID.fullmatch(key) and not {"id", "arxiv_id"} & paper.keys()
        else paper
        for key, paper in document.items()
    ]  # fmt: skip


def _stated_day(document: dict) -> dt.date | None:
    """The day a wrapper states it lists (`"date": "2026-10-03"`), if any."""
    for key in WRAPPER_DAYS:
        value = document.get(key)
        if isinstance(value, str) and len(value) >= 10:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                return None
    return None


# An HTTP response saved with its headers (`curl -i`, `curl -iL`: a block for each
# redirect), before its body: a status line, header lines, a blank line.
_HTTP_HEADERS = re.compile(r"(?:HTTP/[\d.]+ (\d{3})[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n)+")


def _without_headers(text: str) -> tuple[str, str | None]:
    """The text with the HTTP headers before it blanked (its lines kept, so that a
    line named in the body's JSON is the file's), and the status they end with."""
    headers = _HTTP_HEADERS.match(text, 0, 65536) if text.startswith("HTTP/") else None
    if not headers:
        return text, None
    return "\n" * headers.group().count("\n") + text[headers.end() :], headers.group(1)


def _said(error: json.JSONDecodeError) -> str:
    """What is wrong, without "starting at" (the line says where)."""
    return error.msg.removesuffix(" starting at")


def _document(text: str) -> tuple[object, list[tuple[int, str]]]:
    """The JSON document, and its bad lines (line, what is wrong) if it is JSON Lines:
    an item a line, as scripts append them, read as the list of the lines that
    parse (a crash while appending cuts one line, not the file's other papers).
    A document is JSON Lines when its first value ends at a line's end."""
    try:
        return json.loads(text, parse_int=_whole_number), []
    except json.JSONDecodeError as error:
        if not error.msg.startswith("Extra data") or "\n" not in text[: error.pos]:
            raise
    items, bad = [], []
    # (Lines end at `\n` only: a JSON string may hold U+2028, which splitlines splits at.)
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            try:
                items.append(json.loads(line, parse_int=_whole_number))
            except json.JSONDecodeError as error:
                bad.append((number, f"not valid JSON: {_said(error)}; the other lines are read"))
            except (_TooLong, RecursionError) as error:
                said = str(error) if isinstance(error, _TooLong) else "nested too deep to read"
                bad.append((number, f"{said}; the other lines are read"))
    return items, bad


def parse_json_dump(
    data: bytes, file: str, captured: dt.date | None, topics_of: TopicsOf | None = None
) -> DumpResult:
    """Read one saved API response. Problems (a file that is not a response) and
    notes (what was left out) name the item; line 0 is the file."""
    result = DumpResult(file=file, captured=captured)
    try:
        text, status = _without_headers(decode(data))
        if status:
            said = f"an HTTP response saved with its headers (status {status}): its body is read"
            result.notes.append(Problem(file, 1, said))
        document, bad_lines = _document(text)
    except DumpError as error:
        result.problems.append(Problem(file, error.line, error.message))
        return result
    except json.JSONDecodeError as error:
        result.problems.append(Problem(file, error.lineno, f"not valid JSON: {_said(error)}"))
        return result
    except RecursionError:
        result.problems.append(
            Problem(file, 0, "not valid JSON for a response: nested too deep to read")
        )
        return result
    except _TooLong as error:
        result.problems.append(Problem(file, 0, str(error)))
        return result
    result.problems += [Problem(file, line, said) for line, said in bad_lines[:MAX_BAD_LINES]]
    if len(bad_lines) > MAX_BAD_LINES:
        result.problems.append(
            Problem(file, 0, f"and {len(bad_lines) - MAX_BAD_LINES:,} more bad lines, not listed")
        )
    return read_document(result, document, topics_of)


def read_document(result: DumpResult, document: object, topics_of: TopicsOf | None) -> DumpResult:
    """The papers of a parsed response (JSON's, or YAML's: yaml_dump.py), by its shape."""
    file, captured = result.file, result.captured
    notes: list[str] = []  # (what the document says of itself, before the items' notes)
    document = _unwrapped(document)
    if is_json_feed(document):  # (a feed, titled, lists its papers as `items`)
        return _feed_result(result, json_feed_items(document), topics_of)
    if isinstance(document, dict) and (rows := _dataset_rows(document)) is not None:
        items, listed = rows, True  # (a page of a dataset's rows, as the Hub serves it)
        notes += _rows_left(document, len(rows))
    elif isinstance(document, dict) and (rows := _table_rows(document)):
        items, listed = rows, True  # (a table pandas saved, a column an object)
    elif (
        isinstance(document, dict)
        and "title" in document
        and ("summary" in document or not _item_lists(document))
    ) or (isinstance(document, dict) and isinstance(document.get("paper"), dict)):
        # (/api/papers/{id}, `hf papers info`; a paper page's data, `{"paper": ...}`)
        items, listed = [document], False
    elif isinstance(document, list):
        items, listed = document, True
    elif isinstance(document, dict) and isinstance(document.get("error"), str):
        # (What the API answers a bad request with, `{"error": "..."}`, saved as it came.)
        said = clean_line(document["error"])[:MAX_ERROR_CHARS] or "(no message)"
        result.problems.append(Problem(file, 0, f"an error the API answered, not papers: {said}"))
        return result
    elif isinstance(document, dict) and (query := _search(document)) is not None:
        items, listed = document[SEARCH_RESULTS], True  # (a search page: its results)
        daily = document.get(PAGE_PAPERS)
        if isinstance(daily, list) and daily:
            notes.append(
                f"a search page ({query!r}): its {len(items):,} results are read, not the "
                f"{len(daily):,} papers of the list it also carries"
            )
    elif isinstance(document, dict) and len(lists := _item_lists(document)) == 1:
        [items], listed = lists, True  # a list page's own data (html_page.py), a script's
    elif isinstance(document, dict) and (keyed := _keyed_papers(document)):
        items, listed = keyed, True
    else:
        many = f" (one, not {len(lists)}: a wrapper's lists of items)" if len(lists) > 1 else ""
        result.problems.append(Problem(
            file, 0, f"expected a list of papers (daily_papers, search) or one paper{many}"
        ))  # fmt: skip
        return result
    if isinstance(document, dict) and type(left := document.get("omitted")) is int and left > 0:
        # (A tool that keeps the first papers of a response says how many it left out.)
        notes.append(f"{left:,} more papers were left out of this file, as it says (omitted)")
    if captured is None and isinstance(document, dict) and (captured := _stated_day(document)):
        result.captured = captured
        notes.append(f"captured on {captured.isoformat()}, the day it states")
    if captured is None and listed and (captured := listed_day(items)):
        result.captured = captured
        notes.append(_latest_day(captured))
    return read_items(result, items, topics_of, notes)


def _latest_day(day: dt.date) -> str:
    """The note on a capture dated by the latest day its papers give."""
    return (
        f"captured on {day.isoformat()}, the latest day it lists (a date in its name or in "
        "captures.yml would say so)"
    )


def read_items(
    result: DumpResult,
    items: list,
    topics_of: TopicsOf | None,
    notes: list[str],
    unit: str = "item",
    numbers: list[int] | None = None,
) -> DumpResult:
    """The dump's papers from its items (a table's rows: `unit`), with a note for
    each thing left out; each item is `numbers`' (its line: a record's source), else
    counted from 1."""
    if not items:
        notes.insert(0, EMPTY_LIST)
    file, captured = result.file, result.captured
    more = 0  # notes past MAX_NOTES, counted
    for number, raw in zip(numbers or range(1, len(items) + 1), items):
        paper = read_item(number, raw, file, captured, topics_of, notes, unit)
        if paper:
            result.papers.append(paper)
        if len(notes) > MAX_NOTES:
            more += len(notes) - MAX_NOTES
            del notes[MAX_NOTES:]
    if more:
        notes.append(f"and {more:,} more notes like these, not listed")
    result.notes += [Problem(file, 0, message) for message in notes]
    result.notes += no_abstract(file, result.papers, "with no abstract (paper.summary)")
    return result


def _feed_result(result: DumpResult, found: FeedItems, topics_of: TopicsOf | None) -> DumpResult:
    """A feed's papers (feed.py gives its entries as the API's items), dated by the
    day it states, else by the latest day of its entries, if within a month."""
    if found.problem:
        result.problems.append(Problem(result.file, found.line, found.problem))
        return result
    notes = [found.note] if found.note else []
    if result.captured is None and found.stated:
        result.captured = found.stated
        notes.append(f"captured on {found.stated.isoformat()}, the day the feed states")
    elif result.captured is None and found.days:
        if (max(found.days) - min(found.days)).days <= DAILY_SPAN_DAYS:
            result.captured = max(found.days)
            notes.append(_latest_day(result.captured))
    return read_items(result, found.items, topics_of, notes)


def parse_feed_dump(
    data: bytes, file: str, captured: dt.date | None, topics_of: TopicsOf | None = None
) -> DumpResult:
    """Read one saved RSS or Atom feed (feed.py): problems name the line, notes the entry."""
    return _feed_result(DumpResult(file=file, captured=captured), xml_feed_items(data), topics_of)
