"""When each dump was captured: from its file name, else from `captures.yml`.

A dump's capture date is what resolves the dates it writes without a year.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from ..model import InputError, Problem
from .yaml_file import NodeLoader, read_yaml

MANIFEST_NAME = "captures.yml"
_FILE_DATE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def load_manifest(dumps_dir: Path) -> dict[str, dt.date]:
    """Capture dates for dumps whose names do not carry one, from
    `captures.yml`: one `file name: YYYY-MM-DD` per line. An InputError lists
    every bad line."""
    path = dumps_dir / MANIFEST_NAME
    if not path.exists():
        return {}
    # Read as plain strings (the base loader), with lines: PyYAML's own date
    # reading fails on `2025-13-01` with no word of where.
    node = read_yaml(path, loader=NodeLoader)
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise InputError(
            [Problem(str(path), node.start_mark.line + 1, "expected `file name: YYYY-MM-DD` lines")]
        )
    dates, problems = {}, []
    for key, value in node.value:
        line = key.start_mark.line + 1
        if not isinstance(key, yaml.ScalarNode) or not isinstance(value, yaml.ScalarNode):
            problems.append(Problem(str(path), line, "expected `file name: YYYY-MM-DD`"))
            continue
        try:
            dates[key.value] = dt.date.fromisoformat(value.value)
        except ValueError:
            problems.append(
                Problem(
                    str(path), line, f"{key.value}: expected a date YYYY-MM-DD, got {value.value!r}"
                )
            )
    if problems:
        raise InputError(problems)
    return dates


def capture_date(name: str, manifest: dict[str, dt.date]) -> dt.date | None:
    """A leading `YYYY-MM-DD` in the file name wins; then the manifest; else unknown."""
    match = _FILE_DATE_RE.match(name)
    if match:
        try:
            return dt.date.fromisoformat(match.group(1))
        except ValueError:
            pass
    return manifest.get(name)
