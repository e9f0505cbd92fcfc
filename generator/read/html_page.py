"""Hugging Face's paper lists and pages saved as HTML (a browser's `Save Page As`) -> records.

The daily, weekly, monthly and trending pages carry their papers twice: as the
cards a reader sees, and, for the page's script, as the API's items in the
`data-props` attribute of `<div data-target="DailyPapers">` (JSON, its quotes
written `&quot;`). That attribute is read, not the cards: it is the API's daily
list whole (abstracts, authors in order, AI summaries, upvotes, code), so
hf_json.py reads it as it reads a saved response, with the same checks and
notes. A paper's own page carries it so too (`data-target="PaperContent"`:
`{"paper": {...}, "comments": [...]}`), and is read as the API's paper. Nothing
else of the page is read, and nothing in it is run.

The attribute is found by searching the text, not by parsing the page: the
standard library's HTML parser took 12 s over 5 MB of `<`, a time that grows
with the square of the page; these searches take one pass.

A page's HTML saved under a text name is read the same way: scripts save the
list page's source as `.txt` (`open(f"{day}-huggingface_papers.txt", "w")
.write(requests.get(url).text)`), and read as text its markup became a paper.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from ..model import DumpResult, Problem
from .hf_json import parse_json_dump
from .text_dump import DumpError, TopicsOf, decode

# An HTML document's start: its doctype, or its `<html>` with a head or body after it.
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]", re.I)
_HEAD_OR_BODY = re.compile(r"<(?:head|body)[\s>]", re.I)
_BLANK = re.compile(r"\s*")
HTML_LOOKED_AT = 8192  # characters looked at for the start
# The elements whose `data-props` hold the papers (a list page's), or the paper (a
# paper's own page: `{"paper": {...}, "comments": [...]}`), and that attribute's value.
_LIST_DATA = re.compile(r"""data-target\s*=\s*(["'])DailyPapers\1""")
_PAPER_DATA = re.compile(r"""data-target\s*=\s*(["'])PaperContent\1""")
_PROPS = re.compile(r"""data-props\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _props(text: str, target: re.Pattern) -> tuple[int, str] | None:
    """(line, text) of the `data-props` of the first element marked as `target`
    (`data-target="DailyPapers"`), its character references resolved."""
    marks = target.finditer(text)
    mark, searched = next(marks, None), 0
    while mark:
        following = next(marks, None)
        # (Each search starts where the last one ended: one pass over any page.)
        start = text.rfind("<", searched, mark.start())
        end = following.start() if following else len(text)
        props = _PROPS.search(text, start + 1, end) if start >= 0 else None
        # (The attribute belongs to the element only if no other tag starts before it.)
        if props and text.find("<", start + 1, props.start()) < 0:
            value = props.group(1) if props.group(1) is not None else props.group(2)
            return text.count("\n", 0, start) + 1, html.unescape(value)
        mark, searched = following, mark.end()
    return None


def looks_like_html(text: str) -> bool:
    """Whether the text is an HTML document: `<!DOCTYPE html>`, or `<html>` with a
    head or body, first after blank lines and comments."""
    start = _BLANK.match(text).end()
    while text.startswith("<!--", start):  # (a loop: a regex for these backtracked)
        end = text.find("-->", start + 4, HTML_LOOKED_AT)
        if end < 0:
            return False
        start = _BLANK.match(text, end + 3).end()
    first = _HTML_START.match(text, start)
    if not first:
        return False
    return first.group().startswith("<!") or bool(_HEAD_OR_BODY.search(text, start, HTML_LOOKED_AT))


def parse_html_dump(
    data: bytes, file: str, captured: dt.date | None, topics_of: TopicsOf | None = None
) -> DumpResult:
    """Read a list page saved as HTML: the papers its own data lists."""
    try:
        text = decode(data)
    except DumpError as error:
        return DumpResult(file, captured, problems=[Problem(file, error.line, error.message)])
    return read_html_page(text, file, captured, topics_of)


def read_html_page(
    text: str, file: str, captured: dt.date | None, topics_of: TopicsOf | None = None
) -> DumpResult:
    """The papers a list page's HTML lists in its own data, or the paper of a
    paper's page."""
    found = _props(text, _LIST_DATA) or _props(text, _PAPER_DATA)
    if found is None:
        said = "no papers found: expected a Hugging Face list or paper page saved as HTML, "
        said += 'with the papers\' data (`data-target="DailyPapers" data-props="..."`)'
        return DumpResult(file, captured, problems=[Problem(file, 1, said)])
    line, props = found
    result = parse_json_dump(props.encode("utf-8", "replace"), file, captured, topics_of)
    # (The JSON's own line numbers mean nothing in the page: its problems are the element's.)
    result.problems = [Problem(file, line, p.message) for p in result.problems]
    return result
