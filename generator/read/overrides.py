"""Curators' corrections to the topics, from `dumps/overrides.yml`:

    <paper id>:
      topics: [+agents, -pretraining]

`+slug` gives the paper a topic, `-slug` takes one away (catalogue/curation.py
applies them: a curator's word wins over the keywords). The paper id is the
last part of the paper page's address.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model import InputError, Problem
from .yaml_file import NodeLoader, read_yaml

OVERRIDES_NAME = "overrides.yml"
FORM = "expected `<paper id>:` then `topics: [+slug, -slug]`"


@dataclass(frozen=True)
class Change:
    adds: bool  # + (else -)
    slug: str
    line: int


@dataclass(frozen=True)
class Override:
    paper_id: str
    changes: tuple[Change, ...]
    line: int


def load_overrides(dumps_dir: Path) -> tuple[list[Override], list[Problem]]:
    """The overrides, and a problem for each entry not in the expected form (the
    others are kept). An InputError if the file is not YAML."""
    path = dumps_dir / OVERRIDES_NAME
    if not path.exists():
        return [], []
    node = read_yaml(path, loader=NodeLoader)  # (nodes: every problem gets its line)
    if node is None:
        return [], []
    if not isinstance(node, yaml.MappingNode):
        raise InputError([Problem(str(path), node.start_mark.line + 1, FORM)])
    overrides, problems = [], []
    for key, value in node.value:
        line = key.start_mark.line + 1
        override = _override(key, value)
        if isinstance(override, str):
            problems.append(Problem(str(path), line, override))
        else:
            overrides.append(override)
    return overrides, problems


def _override(key: yaml.Node, value: yaml.Node) -> Override | str:
    """One entry, or what is wrong with it."""
    if not isinstance(key, yaml.ScalarNode) or not key.value:
        return FORM
    where = f"{key.value}: "
    topics = None
    if isinstance(value, yaml.MappingNode):
        fields = {k.value: v for k, v in value.value if isinstance(k, yaml.ScalarNode)}
        if set(fields) - {"topics"} or len(fields) != len(value.value):
            return where + "expected only `topics:`"
        topics = fields.get("topics")
    if not isinstance(topics, yaml.SequenceNode):
        return where + FORM
    changes = []
    for item in topics.value:
        text = item.value if isinstance(item, yaml.ScalarNode) else ""
        if len(text) < 2 or text[0] not in "+-":
            return where + f"expected +slug or -slug, got {text[:40]!r}"
        changes.append(Change(text[0] == "+", text[1:], item.start_mark.line + 1))
    return Override(key.value, tuple(changes), key.start_mark.line + 1)
