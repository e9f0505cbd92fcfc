"""Papers kept as YAML (`*.yaml`, `*.yml`) -> paper records, read as the API's JSON is.

Scripts keep their scans of the daily list as YAML (`papers:` with `arxiv_id`,
`title`, `authors`, `abstract` each), and some keep the API's items so: the
document is read by hf_json.py as a saved response is, with the same names,
checks and notes. YAML's own types are read, but a float or a date is its text,
as JSON writes them: `arxiv_id: 2502.08550` is no number (as a float it read
`2502.0855`, another paper), `date: 2026-11-03` a day's text. The folder's own
YAML files (captures.yml, overrides.yml, pages.yml, the labels) are no dumps. An
alias (`*name`) is refused: it repeats a value, and aliases of aliases make a few
lines a billion values.
"""

from __future__ import annotations

import datetime as dt

import yaml

from ..model import DumpResult, Problem
from .hf_json import read_document
from .text_dump import DumpError, TopicsOf, decode

YAML_SUFFIXES = (".yaml", ".yml")
_AS_TEXT = {"tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML's safe types, floats and dates kept as their text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag not in _AS_TEXT]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}


def parse_yaml_dump(
    data: bytes, file: str, captured: dt.date | None, topics_of: TopicsOf | None = None
) -> DumpResult:
    """Read one YAML file of papers: problems name its line, notes the item."""
    result = DumpResult(file=file, captured=captured)
    try:
        text = decode(data)
        if alias := _alias(text):
            said = "an alias (`*name`) is not read in a dump: write each value out"
            result.problems.append(Problem(file, alias, said))
            return result
        document = yaml.load(text, Loader=_Loader)
    except DumpError as error:
        result.problems.append(Problem(file, error.line, error.message))
        return result
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        what = getattr(error, "problem", None) or "not valid YAML"
        result.problems.append(
            Problem(file, mark.line + 1 if mark else 0, f"not valid YAML: {what}")
        )
        return result
    except RecursionError:  # (PyYAML's own parser, without libyaml's depth limit)
        result.problems.append(Problem(file, 0, "not valid YAML: nested too deep to read"))
        return result
    return read_document(result, document, topics_of)


def _alias(text: str) -> int | None:
    """The line of the document's first alias, if any: an alias repeats a value, and
    aliases of aliases make a few lines a billion values (YAML's "billion laughs")."""
    if "*" not in text:
        return None
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1
    return None
