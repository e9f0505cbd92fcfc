"""Paper lists kept away from Python-Markdown, and put back in its output.

Paper lists (pages/listings.py: topic, date and home pages) are raw HTML
blocks of up to thousands of rows. Python-Markdown copies such a block through
unchanged, but only after parsing every tag in it, twice (its raw HTML pass
and MkDocs' anchor check): most of the main process's time at 50,000 papers.
So they are set aside before Markdown, leaving a one-line raw HTML block it
copies through the same way, and put back in its output. The lists are found
as pages/contracts.py says they are written.
"""

from __future__ import annotations

import re

from ..pages.contracts import PAPER_LIST

_PLACEHOLDER = '<div data-catalogue-paper-list="{}"></div>'


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with its paper lists replaced by placeholders, and the lists."""
    lists: list[str] = []

    def placeholder(match: re.Match) -> str:
        lists.append(match.group(0))
        return _PLACEHOLDER.format(len(lists) - 1)

    return PAPER_LIST.sub(placeholder, markdown), lists


def put_back(content: str, lists: list[str]) -> str:
    for k, table in enumerate(lists):
        content = content.replace(_PLACEHOLDER.format(k), table, 1)
    return content
