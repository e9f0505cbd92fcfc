"""BibTeX files (`*.bib`) -> paper records, read as the API's items.

A reading group's bibliography, exported by Zotero or written by hand, arXiv's
"Export BibTeX citation", and this catalogue's own `exports/papers.bib`: an entry a
paper. bibtexparser reads the file (a reference manager's users test with it) and
turns LaTeX into text (`M{\\"u}ller` is Müller) and each name into `First Last`.
Its arXiv id is its `eprint` (with `archivePrefix = {arXiv}`, or an id of arXiv's
form), else arXiv's DOI or a link to its page; `and others` counts no authors,
and a note says the list is cut. An entry that cannot be read is one problem
naming its line; the others are read.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import warnings

from ..model import DumpResult, Problem
from .hf_json import read_items
from .links import bare_paper_id, doi_paper_id
from .text_dump import DumpError, TopicsOf, decode

BIB_SUFFIXES = (".bib", ".bibtex")

_LATEX = re.compile(r"[\\{}$~]")  # (LaTeX's specials: a value without them is plain)
_BRACES = re.compile(r"[{}]")  # (what LaTeX decoding leaves of a title's protected words)


def parse_bib_dump(
    data: bytes, file: str, captured: dt.date | None, topics_of: TopicsOf | None = None
) -> DumpResult:
    """Read one BibTeX file: problems name an entry's line, notes the entry."""
    result = DumpResult(file=file, captured=captured)
    try:
        library = _library(decode(data))
    except DumpError as error:
        result.problems.append(Problem(file, error.line, error.message))
        return result
    for block in library.failed_blocks:
        error = getattr(block, "error", None)
        said = getattr(error, "abort_reason", None) or str(error or "") or "not an entry"
        said = " ".join(said.split())[:200]
        result.problems.append(Problem(file, block.start_line + 1, f"an entry not read: {said}"))
    entries = library.entries
    if not entries and not result.problems:
        result.problems.append(Problem(file, 1, "no entries: expected BibTeX (@misc{key, ...})"))
        return result
    lines = [entry.start_line + 1 for entry in entries]
    read_items(result, list(map(_item, entries)), topics_of, [], unit="line", numbers=lines)
    for entry in entries:
        if (names := _names(entry)) and names[-1] == "others":
            said = f"`and others`: the authors past the first {len(names) - 1} are not counted"
            result.notes.append(Problem(file, entry.start_line + 1, said))
    return result


def _library(text: str):
    """The file's entries and failed blocks, LaTeX decoded and names as `First Last`."""
    import bibtexparser  # (imported when a .bib is read: a reader most builds never use)
    from bibtexparser import middlewares

    class LatexWhereAny(middlewares.LatexDecodingMiddleware):
        """LaTeX decoded only in a value that has some (`\\`, braces, `$`, `~`): the
        others, most of a file, are kept as they are (decoding took 1 ms a value:
        4.7 s of 5 over 5,000 entries)."""

        def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
            if not _LATEX.search(python_string):
                return python_string, ""
            return super()._transform_python_value_string(python_string)

    stack = [
        middlewares.NormalizeFieldKeys(),
        LatexWhereAny(),
        middlewares.SeparateCoAuthors(),
        middlewares.SplitNameParts(),
        middlewares.MergeNameParts(style="first"),
    ]
    # (It logs each block it cannot read, over lines: the problem says it in one, and
    # under `mkdocs build --strict` its warning would fail the build.)
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # (bibtexparser's own hints, not the file's)
            return bibtexparser.parse_string(text, append_middleware=stack)
    except (RecursionError, ValueError, TypeError) as error:  # (a block nested past reading)
        raise DumpError(1, f"not BibTeX that can be read ({type(error).__name__})") from None
    finally:
        logger.setLevel(level)


def _names(entry) -> list[str]:
    names = _field(entry, "author")
    return [n for n in names if isinstance(n, str)] if isinstance(names, list) else []


def _field(entry, key: str):
    field = entry.fields_dict.get(key)
    return field.value if field is not None else None


def _text(entry, key: str) -> str | None:
    value = _field(entry, key)
    return " ".join(_BRACES.sub("", value).split()) or None if isinstance(value, str) else None


def _item(entry) -> dict:
    """An entry as the API's item: title, abstract, authors, arXiv id, links."""
    item: dict = {"title": _text(entry, "title"), "summary": _text(entry, "abstract")}
    names = [" ".join(_BRACES.sub("", n).split()) for n in _names(entry)]
    if names := [n for n in names if n and n != "others"]:
        item["authors"] = names
    eprint, doi = _text(entry, "eprint") or "", _text(entry, "doi") or ""
    if found := bare_paper_id(eprint) or doi_paper_id(doi):
        item["id"] = found
    if url := _text(entry, "url"):
        item["url"] = url
    if keywords := _text(entry, "keywords"):
        item["ai_keywords"] = [k.strip() for k in re.split(r"[,;]", keywords) if k.strip()]
    if organization := _text(entry, "organization"):
        item["organization"] = organization
    return {key: value for key, value in item.items() if value is not None}
