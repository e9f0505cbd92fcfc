"""The topic taxonomy: a YAML file users edit, read and checked in full.

Every mistake in the file is reported at once, each as a Problem naming the
file and the line of the topic or key it is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model import Implied, InputError, Problem
from ..read.yaml_file import read_yaml

DEFAULT_TAXONOMY = Path(__file__).resolve().parent.parent / "topics.yml"
MAX_SLUG_CHARS = 60  # a slug names files and URLs
RESERVED_SLUGS = {"index": "topics/ lists the topics", "all": "feeds/all.xml is every paper's feed"}
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ALLOWED_KEYS = {
    "slug",
    "name",
    "description",
    "keywords",
    "title_keywords",
    "min_hits",
    "exclude",
    "broader",
}
# Prefix keywords are indexed by their first characters: every one has this many.
PREFIX_KEY = 3
_KEYWORD_RE = re.compile(rf"^(?:\w+(?: +|-))*(?:\w+|\w{{{PREFIX_KEY},}}\*)$")


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
    def parse(cls, written: str) -> Keyword:
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
    broader: tuple[str, ...] = ()  # the slugs of topics this one is part of


class Broader:
    """The taxonomy's `broader`: a paper with a topic has every topic it is part
    of too, directly or through others."""

    def __init__(self, taxonomy: list[Topic]):
        self.order = {t.slug: n for n, t in enumerate(taxonomy)}
        parents = {t.slug: t.broader for t in taxonomy}
        self.of: dict[str, tuple[str, ...]] = {}  # slug -> every topic it is part of
        for topic in taxonomy:
            found, todo = [], list(topic.broader)
            while todo:
                parent = todo.pop()
                if parent != topic.slug and parent not in found:
                    found.append(parent)
                    todo += parents.get(parent, ())
            if found:
                self.of[topic.slug] = tuple(found)

    def add(
        self, evidence: dict[str, tuple], keep_out: frozenset[str] = frozenset()
    ) -> dict[str, tuple]:
        """`evidence` (slug -> why) in taxonomy order, with the topics its topics
        are part of, but not those in `keep_out`, as Implied by them (implied
        topics already in `evidence` are implied again, from what is left)."""
        given = {slug: why for slug, why in evidence.items() if not isinstance(why, Implied)}
        implied: dict[str, list[str]] = {}
        for slug in sorted(given, key=self.order.__getitem__):
            for parent in self.of.get(slug, ()):
                if parent not in given and parent not in keep_out:
                    implied.setdefault(parent, []).append(slug)
        given.update((slug, Implied(by)) for slug, by in implied.items())
        return {slug: given[slug] for slug in sorted(given, key=self.order.__getitem__)}


class _Located(dict):
    """A mapping read from YAML, with its line and its keys' lines."""

    def __init__(self, line: int, key_lines: dict):
        super().__init__()
        self.line = line
        self.key_lines = key_lines

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
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
        raise InputError(
            [Problem(str(path), 1, "expected a list of topics (`- slug: ...` entries)")]
        )
    problems: list[Problem] = []
    topics: list[Topic] = []
    seen: set[str] = set()
    named: list[tuple[str, str, int]] = []  # (topic, a topic it names broader, the line)
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, _Located):
            problems.append(
                Problem(
                    str(path),
                    0,
                    f"topic {number}: expected a mapping with slug, name, description, keywords",
                )
            )
            continue

        def problem(key: str | None, message: str, entry=entry) -> None:
            line = entry.line_of(key) if key else entry.line
            problems.append(Problem(str(path), line, message))

        slug = entry.get("slug")
        if not isinstance(slug, str) or not _SLUG_RE.fullmatch(slug):
            problem(
                "slug", f"topic {number}: slug {slug!r} must be lowercase words joined by hyphens"
            )
            continue
        if len(slug) > MAX_SLUG_CHARS:
            problem(
                "slug",
                f"topic {number}: slug {slug[:40]!r}... has {len(slug)} characters, more than "
                f"{MAX_SLUG_CHARS}",
            )
            continue
        if slug in RESERVED_SLUGS:
            problem(
                "slug",
                f"topic {number}: slug {slug!r} is the name of another page: "
                f"{RESERVED_SLUGS[slug]}",
            )
            continue
        where = f"topic {slug!r}"
        if slug in seen:
            problem("slug", f"{where}: appears twice")
        seen.add(slug)
        unknown = sorted(set(entry) - _ALLOWED_KEYS)
        for key in unknown:
            problem(
                key,
                f"{where}: unknown key {key!r} (expected one of "
                f"{', '.join(sorted(_ALLOWED_KEYS))})",
            )
        lists = {}
        for key in ("keywords", "title_keywords", "exclude"):
            value = entry.get(key) or []
            if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
                problem(key, f"{where}: {key} must be a list of words")
                value = []
            for word in value:
                if not _KEYWORD_RE.fullmatch(word):
                    problem(
                        key,
                        f"{where}: {key}: {word!r} must be words joined by spaces or hyphens, "
                        f"with an optional `*` ending of at least {PREFIX_KEY} characters",
                    )
            lists[key] = [w for w in value if _KEYWORD_RE.fullmatch(w)]
        if not lists["keywords"] and not lists["title_keywords"]:
            problem(None, f"{where}: needs keywords or title_keywords")
        min_hits = entry.get("min_hits", 2)
        if not isinstance(min_hits, int) or isinstance(min_hits, bool) or min_hits < 1:
            problem("min_hits", f"{where}: min_hits must be a whole number of at least 1")
            min_hits = 2
        broader = entry.get("broader") or []
        if not isinstance(broader, list) or not all(isinstance(b, str) for b in broader):
            problem("broader", f"{where}: broader must be a list of topic slugs")
            broader = []
        topics.append(
            Topic(
                slug=slug,
                name=str(entry.get("name") or slug),
                description=str(entry.get("description") or ""),
                keywords=tuple(Keyword.parse(w) for w in lists["keywords"]),
                title_keywords=tuple(Keyword.parse(w) for w in lists["title_keywords"]),
                exclude=tuple(Keyword.parse(w) for w in lists["exclude"]),
                min_hits=min_hits,
                broader=tuple(broader),
            )
        )
        named.extend((slug, parent, entry.line_of("broader")) for parent in broader)
    # (Once every topic is read: `broader` may name one further down.)
    for slug, parent, line in named:
        if parent == slug:
            problems.append(
                Problem(
                    str(path), line, f"topic {slug!r}: broader: a topic is not broader than itself"
                )
            )
        elif parent not in seen:
            problems.append(
                Problem(
                    str(path), line, f"topic {slug!r}: broader: no topic has the slug {parent!r}"
                )
            )
    if problems:
        raise InputError(problems)
    return topics
