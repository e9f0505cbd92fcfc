"""The topic taxonomy (a YAML file users edit) and assigning topics to papers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .model import Paper

DEFAULT_TAXONOMY = Path(__file__).with_name("topics.yml")
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ALLOWED_KEYS = {"slug", "name", "description", "keywords", "title_keywords", "min_hits", "exclude"}


class TaxonomyError(ValueError):
    """The taxonomy file is unusable; the message lists every mistake in it."""


def _pattern(keywords: list[str]) -> re.Pattern | None:
    """One alternation for a keyword list: whole words, capitals-only words case-sensitive."""
    parts = []
    for word in keywords:
        prefix = word.endswith("*")
        body = re.escape(word.rstrip("*")).replace(r"\ ", r"[\s-]+")
        tail = r"\w*" if prefix else ""
        if word.rstrip("*").isupper():  # an acronym: `RL` must not match `rl`
            parts.append(body + tail)
        else:
            parts.append(f"(?i:{body}{tail})")
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    description: str
    keywords: re.Pattern | None
    title_keywords: re.Pattern | None
    exclude: re.Pattern | None
    min_hits: int = 2

    def matches(self, title: str, abstract: str) -> bool:
        if self.exclude and (self.exclude.search(title) or self.exclude.search(abstract)):
            return False
        for pattern in (self.title_keywords, self.keywords):
            if pattern and pattern.search(title):
                return True
        if not self.keywords:
            return False
        hits = {m.group(0).casefold() for m in self.keywords.finditer(abstract)}
        return len(hits) >= self.min_hits


def load_taxonomy(path: Path = DEFAULT_TAXONOMY) -> list[Topic]:
    """Read and check the whole taxonomy, reporting every bad entry at once."""
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise TaxonomyError(f"{path}: cannot read the taxonomy: {exc}".splitlines()[0]) from None
    if not isinstance(entries, list):
        raise TaxonomyError(f"{path}: expected a list of topics")
    errors: list[str] = []
    topics: list[Topic] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: topic {number}"
        if not isinstance(entry, dict):
            errors.append(f"{where}: expected a mapping with slug, name, description, keywords")
            continue
        slug = entry.get("slug")
        if not isinstance(slug, str) or not _SLUG_RE.match(slug):
            errors.append(f"{where}: slug {slug!r} must be lowercase words joined by hyphens")
            continue
        where = f"{path}: topic {slug!r}"
        if slug in seen:
            errors.append(f"{where}: appears twice")
        seen.add(slug)
        unknown = set(entry) - _ALLOWED_KEYS
        if unknown:
            errors.append(f"{where}: unknown keys {sorted(unknown)}")
        lists = {}
        for key in ("keywords", "title_keywords", "exclude"):
            value = entry.get(key) or []
            if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
                errors.append(f"{where}: {key} must be a list of words")
                value = []
            lists[key] = value
        if not lists["keywords"] and not lists["title_keywords"]:
            errors.append(f"{where}: needs keywords or title_keywords")
        min_hits = entry.get("min_hits", 2)
        if not isinstance(min_hits, int) or min_hits < 1:
            errors.append(f"{where}: min_hits must be a whole number of at least 1")
            min_hits = 2
        topics.append(
            Topic(
                slug=slug,
                name=str(entry.get("name") or slug),
                description=str(entry.get("description") or ""),
                keywords=_pattern(lists["keywords"]),
                title_keywords=_pattern(lists["title_keywords"]),
                exclude=_pattern(lists["exclude"]),
                min_hits=min_hits,
            )
        )
    if errors:
        raise TaxonomyError("\n".join(errors))
    return topics


def assign_topics(paper: Paper, taxonomy: list[Topic]) -> Paper:
    """The paper with its topics, in taxonomy order."""
    slugs = tuple(t.slug for t in taxonomy if t.matches(paper.title, paper.abstract))
    return paper.replace(topics=slugs)
