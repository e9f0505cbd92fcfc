"""Page addresses pinned to arXiv ids, from `dumps/pages.yml`:

    2510.17001: tiled-diffusion-for-high-resolution-satellite-maps

A paper's page is named after the title of its earliest capture, which a later
dump never changes; but a backfill brings captures from before it, perhaps
with the title spelled otherwise. A paper whose arXiv id is pinned here keeps
its page whatever is added. `python -m generator pin` adds every paper not
pinned yet (the daily fetch workflow runs it), and never changes an entry.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..model import InputError, Problem
from .hf_json import ARXIV_ID
from .yaml_file import NodeLoader, read_yaml

PAGES_NAME = "pages.yml"
_PAGE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # as slugs.slug_for makes them


def load_pins(dumps_dir: Path) -> tuple[dict[str, str], list[Problem]]:
    """arXiv id -> page id, and a problem for each line not of that form."""
    path = dumps_dir / PAGES_NAME
    if not path.is_file() or path.is_symlink():
        return {}, []
    node = read_yaml(path, loader=NodeLoader)
    if node is None:
        return {}, []
    if not isinstance(node, yaml.MappingNode):
        raise InputError(
            [Problem(str(path), node.start_mark.line + 1, "expected `<arXiv id>: <page id>` lines")]
        )
    pins, problems = {}, []
    for key, value in node.value:
        line = key.start_mark.line + 1
        arxiv, page = getattr(key, "value", None), getattr(value, "value", None)
        if not isinstance(arxiv, str) or not ARXIV_ID.fullmatch(arxiv):
            problems.append(
                Problem(str(path), line, f"expected an arXiv id, got {str(arxiv)[:40]!r}")
            )
        elif not isinstance(page, str) or not _PAGE_ID.fullmatch(page) or len(page) > 200:
            said = f"{arxiv}: expected a page id (the end of its address), got {str(page)[:40]!r}"
            problems.append(Problem(str(path), line, said))
        else:
            pins[arxiv] = page
    return pins, problems


def pinned_text(pins: dict[str, str]) -> str:
    """The file's text for `pins`, one line each, sorted (a diff shows what was added)."""
    header = (
        "# Page addresses pinned to arXiv ids (README: Stable addresses). "
        "`python -m generator pin` adds.\n"
    )
    # (Both are checked words of letters, digits, dots and hyphens: nothing to quote but
    # the id, which YAML would take for a number.)
    return header + "".join(f"'{arxiv}': {page}\n" for arxiv, page in sorted(pins.items()))
