"""Hugging Face papers API responses (saved as `*.json` dumps) -> paper records.

Three shapes, as saved from:
- `GET /api/daily_papers?date=...` (or `week=`, `month=`) and
  `GET /api/papers/search?q=...`: a list of items, each with a `paper` object
  and top-level `title`, `summary`, `publishedAt`, `organization`...;
- `GET /api/papers/{id}`: one `paper` object.

From `paper`: `id` (the arXiv id), `title`, `summary` (hard-wrapped: unwrapped
here), `authors[].name`, `publishedAt`, `upvotes`, `githubRepo`, `githubStars`,
`projectPage`, `ai_keywords`, `organization` (`name` the handle, `fullname`
the display name). The JSON is as untrusted as a text dump: every value is
checked for its type and size, and a bad one is a problem naming the item
(`item 4: paper.title is missing`); an item without a title or abstract is
left out, a bad optional value is dropped, and the other items are read.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable

from ..catalogue.slugs import slug_for
from ..model import DumpResult, Paper, Problem, Source, UpvoteCount
from ..urls import HANDLE
from .links import find_urls
from .text_dump import MAX_TITLE_CHARS, TopicsOf, clean_line, topic_fields

MAX_ABSTRACT_CHARS = 10_000  # arXiv allows 1,920; room for other sources, not for floods
MAX_NAME_CHARS = 300  # an author, an organisation, a keyword
MAX_LIST = 5_000  # authors or keywords of one paper (collaborations run to thousands)
MAX_URL_CHARS = 2_000
_ARXIV_ID = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})$")


class _Item:
    """One item's fields, each checked as it is taken; problems collected."""

    def __init__(self, number: int, paper: dict, outer: dict, problems: list[str]):
        self.number, self.paper, self.outer, self.problems = number, paper, outer, problems

    def problem(self, message: str) -> None:
        self.problems.append(f"item {self.number}: {message}")

    def value(self, key: str, kind: type, check: Callable[[object], str | None] = lambda _: None):
        """`paper[key]` (else the item's own `key`) if it is of `kind` and passes
        `check`; None if absent, or bad (a problem)."""
        where, value = "paper", self.paper.get(key)
        if value is None:
            where, value = "item", self.outer.get(key)
            if value is None:
                return None
        # (JSON gives exact types: a bool is not taken for a whole number.)
        wrong = None if type(value) is kind else _expected(kind, value)
        wrong = wrong or check(value)
        if wrong:
            self.problem(f"{where}.{key}: {wrong}")
            return None
        return value

    def text(self, key: str, limit: int) -> str | None:
        value = self.value(key, str, lambda v: _too_long(v, limit))
        return _unwrap(value) if value is not None else None


def _expected(kind: type, value: object) -> str:
    names = {str: "a string", int: "a whole number", list: "a list", dict: "an object"}
    return f"expected {names[kind]}, got {json.dumps(value)[:40]}"


def _too_long(value: str, limit: int) -> str | None:
    return f"{len(value):,} characters, more than {limit:,}" if len(value) > limit else None


def _url(value: str) -> str | None:
    if len(value) > MAX_URL_CHARS or not re.match(r"^https?://[^\s<>\"']+$", value, re.IGNORECASE):
        return f"expected an http(s) URL, got {value[:40]!r}"
    return None


def _unwrap(text: str) -> str:
    """Text hard-wrapped at about 80 columns, as one line, cleaned as dump lines are."""
    if "\n" in text or "\r" in text:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return clean_line(text)


def _is_clean(text: str) -> bool:
    """Whether clean_line would leave `text` as it is."""
    return text.isprintable() and text[0] != " " and text[-1] != " " and "  " not in text


def _names(item: _Item, key: str, field: str | None) -> tuple[str, ...]:
    """A list of names: strings, or objects whose `field` is the name."""
    values = item.value(key, list, lambda v: f"{len(v):,} entries, more than {MAX_LIST:,}" if len(v) > MAX_LIST else None)
    if not values:
        return ()
    found = [value.get(field) if type(value) is dict else value for value in values] if field else values
    # Most lists hold names that need no cleaning: checked in one pass, not a call a name.
    if all(type(n) is str and 0 < len(n) <= MAX_NAME_CHARS and _is_clean(n) for n in found):
        return tuple(dict.fromkeys(found))
    names = []
    for k, name in enumerate(found):
        if type(name) is not str or len(name) > MAX_NAME_CHARS or not (name := _unwrap(name)):
            item.problem(f"paper.{key}[{k}]{'.' + field if field else ''}: expected a name, got {json.dumps(name)[:40]}")
            continue
        names.append(name)
    return tuple(dict.fromkeys(names))


def _date(item: _Item) -> dt.date | None:
    value = item.value("publishedAt", str)
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        item.problem(f"paper.publishedAt: expected a date and time, got {value[:40]!r}")
        return None


def _organization(item: _Item) -> tuple[str | None, str | None]:
    """(display name, handle) of the paper's organisation."""
    org = item.value("organization", dict)
    if not org:
        return None, None
    handle, name = org.get("name"), org.get("fullname")
    if not isinstance(handle, str) or not HANDLE.match(handle):
        item.problem(f"organization.name: expected a Hugging Face handle, got {json.dumps(handle)[:40]}")
        return None, None
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME_CHARS:
        name = handle
    return _unwrap(name), handle


def read_item(
    number: int, raw: object, file: str, captured: dt.date | None, topics_of: TopicsOf | None, problems: list[str]
) -> Paper | None:
    """Item `number` of the response as a record; None if it has no title or abstract."""
    if not isinstance(raw, dict):
        problems.append(f"item {number}: expected an object, got {json.dumps(raw)[:40]}")
        return None
    paper = raw.get("paper", raw)  # (a paper object alone: /api/papers/{id})
    if not isinstance(paper, dict):
        problems.append(f"item {number}: paper: expected an object, got {json.dumps(paper)[:40]}")
        return None
    item = _Item(number, paper, raw if paper is not raw else {}, problems)
    texts = {}
    for key, limit in (("title", MAX_TITLE_CHARS), ("summary", MAX_ABSTRACT_CHARS)):
        reported = len(problems)
        texts[key] = item.text(key, limit)
        if not texts[key]:
            if len(problems) == reported:  # (not already said why)
                item.problem(f"paper.{key} is missing")
            return None
    title, abstract = texts["title"], texts["summary"]
    arxiv_id = item.value("id", str, lambda v: None if _ARXIV_ID.match(v) else f"expected an arXiv id, got {v[:40]!r}")
    authors = _names(item, "authors", "name")
    upvotes = item.value("upvotes", int, lambda v: "expected a count of at least 0" if v < 0 else None)
    stars = item.value("githubStars", int, lambda v: "expected a count of at least 0" if v < 0 else None)
    repo = item.value("githubRepo", str, _url)
    page = item.value("projectPage", str, _url)
    organization, handle = _organization(item)
    code, links = find_urls(abstract)
    if repo:
        code = tuple(dict.fromkeys((repo, *code)))
    return Paper(
        id=slug_for(title),
        title=title,
        abstract=abstract,
        arxiv_id=arxiv_id,
        authors=authors,
        authors_count=len(authors) if authors else None,
        organization=organization,
        organization_handle=handle,
        published=_date(item),
        upvotes=upvotes,
        upvote_history=(UpvoteCount(captured, upvotes),) if captured and upvotes is not None else (),
        github_stars=stars if repo else None,
        code=code,
        links=links,
        project_page=page,
        keywords=_names(item, "ai_keywords", None),
        **topic_fields(topics_of, title, abstract),
        sources=(Source(file, number, captured),),
    )


def parse_json_dump(
    data: bytes, file: str, captured: dt.date | None, topics_of: TopicsOf | None = None
) -> DumpResult:
    """Read one saved API response. Problems name the item (line 0: the file)."""
    result = DumpResult(file=file, captured=captured)
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        result.problems.append(Problem(file, 0, "expected UTF-8 text"))
        return result
    except json.JSONDecodeError as error:
        result.problems.append(Problem(file, error.lineno, f"not valid JSON: {error.msg}"))
        return result
    if isinstance(document, dict) and "title" in document:
        items = [document]  # /api/papers/{id}
    elif isinstance(document, list):
        items = document
    else:
        result.problems.append(Problem(file, 0, "expected a list of papers (daily_papers, search) or one paper"))
        return result
    problems: list[str] = []
    for number, raw in enumerate(items, start=1):
        paper = read_item(number, raw, file, captured, topics_of, problems)
        if paper:
            result.papers.append(paper)
    result.problems += [Problem(file, 0, message) for message in problems]
    return result
