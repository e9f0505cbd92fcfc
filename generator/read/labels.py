"""Papers a reader labelled with their topics, which the topics are learnt from
(catalogue/topic_model.py): `dumps/topic_labels.yml`, beside the curator's
overrides, of `<paper id>: [slug, slug]` lines, or of groups of them (the
sample's: `tune:`, the half the taxonomy was tuned on, and `held_out:`).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..model import Problem
from .yaml_file import NodeLoader, read_yaml

LABELS_NAME = "topic_labels.yml"
FORM = "expected `<paper id>: [topic slug, ...]`"


def load_labels(
    dumps_dir: Path, slugs: frozenset[str]
) -> tuple[dict[str, frozenset[str]], list[Problem], list[Problem]]:
    """Paper id -> the topics it was labelled with (none without the file); a
    problem for each entry not in that form; a note for each topic the taxonomy
    does not have (a taxonomy edit may take one away: its labels teach nothing).
    An InputError if the file is not YAML."""
    path = dumps_dir / LABELS_NAME
    if not path.exists():
        return {}, [], []
    node = read_yaml(path, loader=NodeLoader)  # (nodes: every problem gets its line)
    labels: dict[str, frozenset[str]] = {}
    problems: list[Problem] = []
    unknown: dict[str, int] = {}  # a slug the taxonomy lacks -> its first line

    def read(mapping: yaml.Node) -> None:
        if not isinstance(mapping, yaml.MappingNode):
            problems.append(Problem(str(path), mapping.start_mark.line + 1, FORM))
            return
        for key, value in mapping.value:
            line = key.start_mark.line + 1
            if isinstance(value, yaml.MappingNode):  # a group
                read(value)
            elif not isinstance(value, yaml.SequenceNode) or not isinstance(key, yaml.ScalarNode):
                named = f"{key.value}: " if isinstance(key, yaml.ScalarNode) else ""
                problems.append(Problem(str(path), line, named + FORM))
            else:
                topics = [item.value for item in value.value if isinstance(item, yaml.ScalarNode)]
                if len(topics) != len(value.value):
                    problems.append(Problem(str(path), line, f"{key.value}: {FORM}"))
                    continue
                for slug in topics:
                    if slug not in slugs:
                        unknown.setdefault(slug, line)
                labels[key.value] = frozenset(t for t in topics if t in slugs)

    if node is not None:
        read(node)
    notes = [
        Problem(str(path), line, f"no topic has the slug {slug!r}: its labels teach nothing")
        for slug, line in unknown.items()
    ]
    return labels, problems, notes
