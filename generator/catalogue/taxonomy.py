"""The topic taxonomy: a YAML file users edit, read and checked in full.

Every mistake in the file is reported at once, each as a Problem naming the
file and the line of the topic or key it is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model import InputError, Problem
from ..read.yaml_file import read_yaml

DEFAULT_TAXONOMY = Path(__file__).resolve().parent.parent / "topics.yml"
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ALLOWED_KEYS = {"slug", "name", "description", "keywords", "title_keywords", "min_hits", "exclude"}
# Prefix keywords are indexed by their first characters: every one has this many.
PREFIX_KEY = 3
_KEYWORD_RE = re.compile(r"^(?:\w+(?: +|-))*(?:\w+|\w{%d,}\*)$" % PREFIX_KEY)


@dataclass(frozen=True)
class Keyword:
    """A keyword as words to match in order: whole words, optionally a prefix at the end.

    Between two words, a space in the keyword matches any run of spaces and
    hyphens in the text, a hyphen matches one hyphen. Capitals-only keywords
    (an acronym: `RL` must not match `rl`) are case-sensitive.
    """

    words: tuple[str, ...]
    hyphens: tuple[bool, ...]  # hyphens[k]: words k and k+1 are joined by `-`
    prefix: bool
    exact_case: bool

    @classmethod
    def parse(cls, written: str) -> "Keyword":
        prefix = written.endswith("*")
        body = written.rstrip("*")
        exact_case = body.isupper()
        parts = re.split(r"( +|-)", body if exact_case else body.lower())
        return cls(tuple(parts[::2]), tuple(sep == "-" for sep in parts[1::2]), prefix, exact_case)

    @property
    def first(self) -> str:
        return self.words[0].lower()


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    description: str
    keywords: tuple[Keyword, ...] = ()
    title_keywords: tuple[Keyword, ...] = ()
    exclude: tuple[Keyword, ...] = ()
    min_hits: int = 2


class _Located(dict):
    """A mapping read from YAML, with its line and its keys' lines."""

    def __init__(self, line: int, key_lines: dict):
        super().__init__()
        self.line = line
        self.key_lines = key_lines

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    """Safe YAML whose mappings remember where they and each of their keys start."""


def _located_mapping(loader: _LineLoader, node: yaml.MappingNode):
    keys = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    mapping = _Located(node.start_mark.line + 1, keys)
    yield mapping
    mapping.update(loader.construct_mapping(node))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _located_mapping)


def load_taxonomy(path: Path = DEFAULT_TAXONOMY) -> list[Topic]:
    """Read and check the whole taxonomy; an InputError lists every mistake in it."""
    entries = read_yaml(path, _LineLoader)
    if not isinstance(entries, list):
        raise InputError([Problem(str(path), 1, "expected a list of topics (`- slug: ...` entries)")])
    problems: list[Problem] = []
    topics: list[Topic] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, _Located):
            problems.append(
                Problem(str(path), 0, f"topic {number}: expected a mapping with slug, name, description, keywords")
            )
            continue

        def problem(key: str | None, message: str) -> None:
            line = entry.line_of(key) if key else entry.line
            problems.append(Problem(str(path), line, message))

        slug = entry.get("slug")
        if not isinstance(slug, str) or not _SLUG_RE.match(slug):
            problem("slug", f"topic {number}: slug {slug!r} must be lowercase words joined by hyphens")
            continue
        where = f"topic {slug!r}"
        if slug in seen:
            problem("slug", f"{where}: appears twice")
        seen.add(slug)
        unknown = sorted(set(entry) - _ALLOWED_KEYS)
        for key in unknown:
            problem(key, f"{where}: unknown key {key!r} (expected one of {', '.join(sorted(_ALLOWED_KEYS))})")
        lists = {}
        for key in ("keywords", "title_keywords", "exclude"):
            value = entry.get(key) or []
            if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
                problem(key, f"{where}: {key} must be a list of words")
                value = []
            for word in value:
                if not _KEYWORD_RE.match(word):
                    problem(
                        key,
                        f"{where}: {key}: {word!r} must be words joined by spaces or hyphens, "
                        f"with an optional `*` ending of at least {PREFIX_KEY} characters",
                    )
            lists[key] = [w for w in value if _KEYWORD_RE.match(w)]
        if not lists["keywords"] and not lists["title_keywords"]:
            problem(None, f"{where}: needs keywords or title_keywords")
        min_hits = entry.get("min_hits", 2)
        if not isinstance(min_hits, int) or isinstance(min_hits, bool) or min_hits < 1:
            problem("min_hits", f"{where}: min_hits must be a whole number of at least 1")
            min_hits = 2
        topics.append(
            Topic(
                slug=slug,
                name=str(entry.get("name") or slug),
                description=str(entry.get("description") or ""),
                keywords=tuple(Keyword.parse(w) for w in lists["keywords"]),
                title_keywords=tuple(Keyword.parse(w) for w in lists["title_keywords"]),
                exclude=tuple(Keyword.parse(w) for w in lists["exclude"]),
                min_hits=min_hits,
            )
        )
    if problems:
        raise InputError(problems)
    return topics
