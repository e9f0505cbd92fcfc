"""Dump text -> paper records, one per appearance, with file and line.

A dump is the text a browser copies from a Hugging Face papers listing page:
some page chrome, then records of a title line, an abstract line and, on some
pages, a metadata block (authors or organisation, a `·` line, a date with an
optional upvote count). Blank lines between fields are optional.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from ..catalogue.slugs import slug_for
from ..model import DumpResult, Paper, Problem, Source, UpvoteCount
from .dates import META_DATE_RE, PAGE_DATE_RE, dated
from .limits import MAX_NAME_CHARS, MAX_TITLE_CHARS, abstract_too_long
from .links import find_urls

CHROME = frozenset(
    {
        "new",
        "Get trending papers in your email inbox!",
        "Get trending papers in your email inbox once a day!",
        "Subscribe",
        "Daily Papers",
        "byAK and the research community",
    }
)
GLUED_PREFIX = "Subscribe"  # the compact layout glues it to the first title
META_SEPARATOR = "·"
AUTHORS_RE = re.compile(r"^•\s*(\d{1,20}) authors?$")

# Bounds seen in real dumps, with room to spare: they tell a dump from other text.
MIN_ABSTRACT_WORDS = 12


class Line(NamedTuple):  # (a tuple: made twice as fast as a frozen dataclass)
    number: int
    text: str


class DumpError(Exception):
    """Where the text stops looking like a dump."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class _CleanTable(dict):
    """A `str.translate` table that classifies each character once, when first seen."""

    def __missing__(self, code: int) -> str | None:
        category = unicodedata.category(chr(code))
        if category in ("Zs", "Zl", "Zp") or code == 9:
            value = " "  # (a line or paragraph separator parts words too)
        elif category in ("Cc", "Cf", "Cs"):
            value = None  # invisible; never part of a title or abstract
        else:
            value = chr(code)
        self[code] = value
        return value


_CLEAN = _CleanTable()


def clean_line(raw: str) -> str:
    """Browser copies bring no-break spaces, tabs and stray control characters:
    those become single spaces or go, and the line is stripped."""
    if raw.isprintable():  # most lines: nothing to replace or remove, spaces only
        if "  " not in raw and raw[:1] != " " and raw[-1:] != " ":
            return raw  # already clean (splitting and joining an abstract takes 8 µs)
        return " ".join(raw.split())
    return " ".join(raw.translate(_CLEAN).split())


# UTF-16's byte order marks: Windows' PowerShell 5 saves a response so (`> papers.json`,
# `Out-File`), and Notepad a page's text saved as "Unicode".
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), or UTF-16 with its BOM; a DumpError names the
    first bad line."""
    encoding = "utf-16" if data[:2] in _UTF16_BOMS else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(encoding, "replace").count("\n") + 1
        said = "UTF-16" if encoding == "utf-16" else "UTF-8"
        raise DumpError(line, f"bytes that are not {said} text ({exc.reason})") from None


def split_lines(text: str) -> list[Line]:
    """Non-blank cleaned lines with their 1-based numbers; LF, CRLF or CR endings."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = map(clean_line, text.split("\n"))
    return [Line(number, line) for number, line in enumerate(cleaned, start=1) if line]


def _skip_chrome(lines: list[Line]) -> int:
    """Index of the first record line, after the page header.

    The page has one Subscribe button: once it was a line of its own, a title
    that starts with the word ("Subscriber-Aware Ranking") is a title, whole."""
    i = 0
    subscribe_seen = False
    while i < len(lines):
        text = lines[i].text
        if text in CHROME or PAGE_DATE_RE.match(text):
            subscribe_seen = subscribe_seen or text == GLUED_PREFIX
            i += 1
        elif text.startswith(GLUED_PREFIX) and not subscribe_seen:
            lines[i] = Line(lines[i].number, text[len(GLUED_PREFIX) :].strip())
            break
        else:
            break
    return i


def _is_meta_line(text: str) -> bool:
    return text == META_SEPARATOR or bool(AUTHORS_RE.match(text))


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class _Meta:
    authors_count: int | None = None
    organization: str | None = None
    organization_handle: str | None = None
    published: dt.date | None = None
    published_text: str | None = None
    upvotes: int | None = None


def _read_meta(lines: list[Line], i: int, captured: dt.date | None) -> tuple[_Meta, int]:
    """The optional metadata block at lines[i]; returns it and the next index."""
    meta = _Meta()
    if i >= len(lines):
        return meta, i
    who = lines[i].text
    authors = AUTHORS_RE.match(who)
    has_separator = i + 1 < len(lines) and lines[i + 1].text == META_SEPARATOR
    if not authors and not has_separator:
        return meta, i
    if authors:
        meta.authors_count = int(authors.group(1))
    elif len(who) > MAX_NAME_CHARS:
        raise DumpError(
            lines[i].number, f"expected an organisation of at most {MAX_NAME_CHARS} characters"
        )
    else:
        handle, _, name = who.partition(" ")
        meta.organization = name.strip() or handle
        meta.organization_handle = handle
    if not has_separator:
        raise DumpError(lines[i].number + 1, f"expected a `{META_SEPARATOR}` line after {who!r}")
    if i + 2 >= len(lines):
        raise DumpError(
            lines[i + 1].number + 1, "expected a date after the `·` line, found the end of the file"
        )
    date_line = lines[i + 2]
    match = META_DATE_RE.match(date_line.text)
    if not match:
        raise DumpError(
            date_line.number,
            "expected a date like `May 20` or `Jun 13, 2024` after `·`, got "
            f"{_short(date_line.text)!r}",
        )
    month, day, year, upvotes = match.groups()
    try:
        meta.published, meta.published_text = dated(month, int(day), year, captured)
    except ValueError:
        raise DumpError(date_line.number, f"no such date: {date_line.text!r}") from None
    meta.upvotes = int(upvotes) if upvotes else None
    return meta, i + 3


# (title, abstract) -> (topic slugs, each topic's evidence): TopicMatcher.topics_and_evidence
TopicsOf = Callable[[str, str], tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]]


def topic_fields(topics_of: TopicsOf | None, title: str, abstract: str) -> dict:
    """A record's topics and their evidence, as Paper fields."""
    if topics_of is None:
        return {}
    topics, evidence = topics_of(title, abstract)
    return {"topics": topics, "evidence": evidence}


# arXiv's feeds start each paper's text so (`arXiv:2512.01234v1 Announce Type: new
# Abstract: ...`), and notes made from them keep it: the abstract is what follows.
_ARXIV_ANNOUNCEMENT = re.compile(
    r"^arXiv:\S+\s+Announce Type:\s*\S+(?:\s+Abstract:)?\s*", re.IGNORECASE
)


def without_announcement(abstract: str) -> str:
    """An abstract without arXiv's announcement before it."""
    return _ARXIV_ANNOUNCEMENT.sub("", abstract) if abstract[:6].lower() == "arxiv:" else abstract


def text_record(
    file: str,
    line: int,
    captured: dt.date | None,
    title: str,
    abstract: str,
    topics_of: TopicsOf | None,
    **fields,
) -> Paper:
    """A record a text dump gives at `line`: its page id from its title, its topics,
    its upvotes as of the capture day, and where it was read; `fields` the rest."""
    abstract = without_announcement(abstract)
    return Paper(
        id=slug_for(title),
        title=title,
        abstract=abstract,
        upvote_history=UpvoteCount.seen(captured, fields.get("upvotes")),
        **topic_fields(topics_of, title, abstract),
        sources=(Source(file, line, captured),),
        **fields,
    )


def parse_lines(
    lines: list[Line], file: str, captured: dt.date | None, topics_of: TopicsOf | None = None
) -> tuple[list[Paper], DumpError | None]:
    """Records in order, up to the first line that breaks the format, and that error."""
    papers: list[Paper] = []
    i = _skip_chrome(lines)
    try:
        while i < len(lines):
            title = lines[i]
            if _is_meta_line(title.text) or META_DATE_RE.match(title.text):
                raise DumpError(title.number, f"expected a title, got {title.text!r}")
            if len(title.text) > MAX_TITLE_CHARS:
                raise DumpError(
                    title.number, f"expected a title, got a line of {len(title.text)} characters"
                )
            if i + 1 >= len(lines):
                raise DumpError(
                    title.number, f"expected an abstract after the title {_short(title.text)!r}"
                )
            abstract = lines[i + 1]
            # (Cleaned lines have one space between words.)
            if _is_meta_line(abstract.text) or abstract.text.count(" ") + 1 < MIN_ABSTRACT_WORDS:
                raise DumpError(
                    abstract.number,
                    f"expected an abstract after the title {_short(title.text)!r}, "
                    f"got {_short(abstract.text)!r}",
                )
            too_long = abstract_too_long(abstract.text)
            if too_long:
                raise DumpError(abstract.number, too_long)
            meta, i = _read_meta(lines, i + 2, captured)
            code, links = find_urls(abstract.text)
            papers.append(
                text_record(
                    file,
                    title.number,
                    captured,
                    title.text,
                    abstract.text,
                    topics_of,
                    authors_count=meta.authors_count,
                    organization=meta.organization,
                    organization_handle=meta.organization_handle,
                    published=meta.published,
                    published_text=meta.published_text,
                    upvotes=meta.upvotes,
                    code=code,
                    links=links,
                )
            )
    except DumpError as exc:
        return papers, exc
    if not papers:
        number = lines[i - 1].number + 1 if lines else 1
        what = "empty file" if not lines else "no papers after the page header"
        return [], DumpError(number, f"{what}: expected a title line followed by an abstract")
    return papers, None


def parse_dump(
    data: bytes, file: str, captured: dt.date | None, topics_of: TopicsOf | None = None
) -> DumpResult:
    """Read one dump. A broken dump keeps the records before the break. With
    `topics_of`, each record gets its topics as it is made."""
    try:
        text = decode(data)
    except DumpError as error:
        return DumpResult(
            file=file, captured=captured, problems=[Problem(file, error.line, error.message)]
        )
    return parse_text(text, file, captured, topics_of)


def parse_text(
    text: str, file: str, captured: dt.date | None, topics_of: TopicsOf | None = None
) -> DumpResult:
    """`parse_dump` of the decoded text."""
    result = DumpResult(file=file, captured=captured)
    result.papers, error = parse_lines(split_lines(text), file, captured, topics_of)
    if error:
        result.problems.append(Problem(file, error.line, error.message))
    return result
