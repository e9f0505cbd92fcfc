"""The record model: plain frozen data, no I/O.

The field names here are the public schema used in front matter, in
`python -m generator parse` output and in any export.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

SCHEMA_FIELDS = (
    "id",
    "title",
    "abstract",
    "arxiv_id",
    "authors",
    "authors_count",
    "organization",
    "organization_handle",
    "published",
    "upvotes",
    "upvote_history",
    "github_stars",
    "code",
    "links",
    "project_page",
    "keywords",
    "ai_summary",
    "daily_date",
    "comments",
    "submitted_by",
    "models",
    "models_total",
    "datasets",
    "datasets_total",
    "spaces",
    "spaces_total",
    "topics",
    "sources",
    "first_seen",
)
HUB_KINDS = ("models", "datasets", "spaces")  # what a paper's Hub page lists as citing it


@dataclass(frozen=True, order=True)
class UpvoteCount:
    """The upvotes one capture saw."""

    captured: dt.date
    upvotes: int

    def to_dict(self) -> dict:
        return {"captured": self.captured.isoformat(), "upvotes": self.upvotes}

    @classmethod
    def seen(cls, captured: dt.date | None, upvotes: int | None) -> tuple[UpvoteCount, ...]:
        """A record's history from its one capture: a count, if the capture is dated and counted."""
        return (cls(captured, upvotes),) if captured and upvotes is not None else ()

    @classmethod
    def from_dict(cls, data: dict) -> UpvoteCount:
        return cls(dt.date.fromisoformat(str(data["captured"])), int(data["upvotes"]))


@dataclass(frozen=True, order=True)
class Source:
    """One appearance of a paper: which dump, which line (of a text dump) or
    item (of a JSON dump), captured when."""

    file: str
    line: int
    captured: dt.date | None = None

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "captured": self.captured.isoformat() if self.captured else None,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Source:
        captured = data.get("captured")
        return cls(
            file=str(data["file"]),
            line=int(data["line"]),
            captured=dt.date.fromisoformat(str(captured)) if captured else None,
        )


CURATED = ("curated",)  # the evidence of a topic a curator gave


class Implied(tuple):
    """The evidence of a topic a paper has because it has narrower ones (the
    taxonomy's `broader`): their slugs."""

    __slots__ = ()


class Like(tuple):
    """The evidence of a topic the labelled papers taught (catalogue/topic_model.py):
    the id of the labelled paper most like this one that has it."""

    __slots__ = ()


@dataclass(frozen=True)
class Paper:
    """A paper as read from one dump, or merged from several.

    `published_text` keeps a date as the dump wrote it when its year could not
    be resolved (no capture date), so the page can say so instead of guessing.
    """

    id: str
    title: str
    abstract: str
    authors_count: int | None = None
    organization: str | None = None  # its display name
    published: dt.date | None = None
    upvotes: int | None = None
    code: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    # For each topic, in the same order: the words of title or abstract that gave
    # it, CURATED when dumps/overrides.yml did, or Implied by narrower topics.
    evidence: tuple[tuple[str, ...], ...] = ()
    published_text: str | None = None
    arxiv_id: str | None = None
    authors: tuple[str, ...] = ()  # names, where a dump gave them
    organization_handle: str | None = None  # its Hugging Face handle: orgs/<handle>/
    upvote_history: tuple[UpvoteCount, ...] = ()  # in capture order
    github_stars: int | None = None  # of the first code repository
    project_page: str | None = None
    keywords: tuple[str, ...] = ()
    ai_summary: str | None = None  # Hugging Face's one-sentence summary
    daily_date: dt.date | None = None  # the day it was on Hugging Face's daily list
    comments: int | None = None  # on its Hugging Face page (#community)
    submitted_by: str | None = None  # who put it on the daily list
    # Hub repositories that cite it, as `owner/name` (the first few the API lists),
    # and how many there are in all.
    models: tuple[str, ...] = ()
    models_total: int | None = None
    datasets: tuple[str, ...] = ()
    datasets_total: int | None = None
    spaces: tuple[str, ...] = ()
    spaces_total: int | None = None

    @cached_property  # (pages sort and file every paper by it, several times)
    def first_seen(self) -> dt.date | None:
        dates = [s.captured for s in self.sources if s.captured]
        return min(dates) if dates else None

    @property
    def authors_in_all(self) -> int:
        """How many authors the paper has: a capture may name only the first ones
        (a paper page folds the rest away) and count them all."""
        return max(len(self.authors), self.authors_count or 0)

    def byline(self, shown: int = 3) -> str:
        """Who, in a line of a list: the first authors, else the organisation."""
        if self.authors:
            more = " et al." if self.authors_in_all > shown else ""
            return ", ".join(self.authors[:shown]) + more
        return self.organization or ""

    def topic_evidence(self) -> list[tuple[str, tuple[str, ...]]]:
        """Each topic and its evidence; () for a topic of a paper made without it
        (read back from its front matter, say)."""
        missing = len(self.topics) - len(self.evidence)
        return list(zip(self.topics, self.evidence + ((),) * missing))

    def replace(self, **changes) -> Paper:
        return dataclasses.replace(self, **changes)

    def with_topics(self, topics: tuple[str, ...], evidence: tuple) -> Paper:
        """The paper with other topics: `replace(topics=..., evidence=...)`, a copy
        of its fields rather than a call of its constructor with all of them (the
        topic model gives most of 50,000 papers topics: 0.36 s against 1.0, profiled)."""
        paper = copy.copy(self)
        object.__setattr__(paper, "topics", topics)
        object.__setattr__(paper, "evidence", evidence)
        return paper

    def to_dict(self) -> dict:
        """The schema's plain-data form (JSON and YAML friendly), in schema order."""
        data = {
            "id": self.id,
            "title": self.title,
            "abstract": self.abstract,
            "arxiv_id": self.arxiv_id,
            "authors": list(self.authors),
            "authors_count": self.authors_count,
            "organization": self.organization,
            "organization_handle": self.organization_handle,
            "published": self.published.isoformat() if self.published else None,
            "upvotes": self.upvotes,
            "upvote_history": [u.to_dict() for u in self.upvote_history],
            "github_stars": self.github_stars,
            "code": list(self.code),
            "links": list(self.links),
            "project_page": self.project_page,
            "keywords": list(self.keywords),
            "ai_summary": self.ai_summary,
            "daily_date": self.daily_date.isoformat() if self.daily_date else None,
            "comments": self.comments,
            "submitted_by": self.submitted_by,
            "models": list(self.models),
            "models_total": self.models_total,
            "datasets": list(self.datasets),
            "datasets_total": self.datasets_total,
            "spaces": list(self.spaces),
            "spaces_total": self.spaces_total,
            "topics": list(self.topics),
            "sources": [s.to_dict() for s in self.sources],
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
        }
        if self.published_text:
            data["published_text"] = self.published_text
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Paper:
        published = data.get("published")
        return cls(
            id=str(data["id"]),
            title=str(data["title"]),
            abstract=str(data["abstract"]),
            authors_count=data.get("authors_count"),
            organization=data.get("organization"),
            published=dt.date.fromisoformat(str(published)) if published else None,
            upvotes=data.get("upvotes"),
            code=tuple(data.get("code") or ()),
            links=tuple(data.get("links") or ()),
            topics=tuple(data.get("topics") or ()),
            sources=tuple(Source.from_dict(s) for s in data.get("sources") or ()),
            published_text=data.get("published_text"),
            arxiv_id=data.get("arxiv_id"),
            authors=tuple(data.get("authors") or ()),
            organization_handle=data.get("organization_handle"),
            upvote_history=tuple(
                UpvoteCount.from_dict(u) for u in data.get("upvote_history") or ()
            ),
            github_stars=data.get("github_stars"),
            project_page=data.get("project_page"),
            keywords=tuple(data.get("keywords") or ()),
            ai_summary=data.get("ai_summary"),
            daily_date=dt.date.fromisoformat(str(daily))
            if (daily := data.get("daily_date"))
            else None,
            comments=data.get("comments"),
            submitted_by=data.get("submitted_by"),
            models=tuple(data.get("models") or ()),
            models_total=data.get("models_total"),
            datasets=tuple(data.get("datasets") or ()),
            datasets_total=data.get("datasets_total"),
            spaces=tuple(data.get("spaces") or ()),
            spaces_total=data.get("spaces_total"),
        )


# How a reader's problem starts when it found no card at all in a file (not one
# it could not read): another reader may then try.
NO_PAPERS = "no papers found"


@dataclass(frozen=True)
class Problem:
    """A one-line complaint about the input, pointing at file and line."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        # Line 0: the problem is with the file as a whole.
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class InputError(Exception):
    """Input that nothing can be built from (a taxonomy or capture manifest that
    cannot be read): every problem found in it, each one line."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass
class DumpResult:
    """What reading one dump gave: its papers, its problems (a text dump has at
    most one), and its notes: what the reader left out of an API response, or
    inferred about it, which no edit to the file should fix (README: "Problems
    and notes")."""

    file: str
    captured: dt.date | None
    papers: list[Paper] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    terms: object = None  # the papers' term counts (catalogue/related.py), when counted
    signals: object = None  # their topic keyword signals (catalogue/topic_model.py), likewise


@dataclass(frozen=True)
class Catalogue:
    """Everything the pages are made from, read in full before anything is written."""

    papers: list[Paper]
    taxonomy: list  # of catalogue.taxonomy.Topic
    dumps: list[DumpResult]
    related: dict = field(default_factory=dict)  # paper id -> catalogue.related.Relation, ...
