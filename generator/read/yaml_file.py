"""YAML files users edit (the taxonomy, the capture manifest), read with the
line of any syntax error."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..model import InputError, Problem


def read_yaml(path: Path, loader: type) -> object:
    """The YAML document in `path`; an InputError naming the line where it breaks."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError([Problem(str(path), 0, f"cannot read: {exc.strerror}")]) from None
    except UnicodeDecodeError:
        raise InputError([Problem(str(path), 0, "expected UTF-8 text")]) from None
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        what = getattr(exc, "problem", None) or "not valid YAML"
        raise InputError([Problem(str(path), line, f"not valid YAML: {what}")]) from None
    except RecursionError:  # (PyYAML's own parser, without libyaml's depth limit)
        raise InputError([Problem(str(path), 0, "not valid YAML: nested too deep")]) from None


class NodeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Reads the document as YAML nodes, constructing nothing: every value keeps its line.
    (libyaml's parser where PyYAML has it: the labels file in 5 ms, not 60.)"""

    def get_single_data(self):
        return self.get_single_node()
