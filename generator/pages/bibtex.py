"""BibTeX entries of papers, written by bibtexparser.

An `@misc` entry per paper; its key in the usual form, the first author's
family name, the year and the title's first word (`lovelace2025sparse`; see
`cite_keys` for how it stays unique and stable); the title has LaTeX's special
characters escaped (Unicode is kept, as biber and modern BibTeX read it); year
and month where known; for an arXiv paper `eprint` and its arXiv address as
`url`, else the page's address where the site has one; the authors and the
organisation where a dump gave them.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
import warnings
from collections import defaultdict
from collections.abc import Iterable

import bibtexparser
from bibtexparser.middlewares import default_unparse_stack
from bibtexparser.model import Entry, Field
from bibtexparser.writer import BibtexFormat

from ..model import Paper

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# One pass, so that the braces of \textbackslash{} are not escaped again.
_LATEX = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
})  # fmt: skip

_FORMAT = BibtexFormat()
_FORMAT.indent = "  "
_FORMAT.block_separator = "\n"
# (The entries are made here and thrown away once written: no need for copies.)
_UNPARSE = default_unparse_stack(allow_inplace_modification=True)


def latex_text(value: str) -> str:
    """Text with LaTeX's special characters escaped."""
    return value.translate(_LATEX)


# Title words a key passes over, as reference managers do.
_SKIPPED = frozenset("a an the on of in for to and or with via from by at as is are do".split())


def _ascii_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", folded)


def base_key(paper: Paper) -> str:
    """`lovelace2025sparse`: the first author's family name (the last word of the
    name, in ASCII), the year and the title's first word that says something."""
    return _base_key(
        paper.authors[0] if paper.authors else "",
        paper.published.year if paper.published else None,
        paper.title,
    )


@functools.lru_cache(maxsize=1 << 17)  # (every build keys every paper: mostly the same again)
def _base_key(first_author: str, year: int | None, title: str) -> str:
    family = next(iter(_ascii_words(first_author)[-1:]), "")
    word = next((w for w in _ascii_words(title) if w not in _SKIPPED), "paper")
    year_text = "" if year is None else str(year)
    return f"{family}{year_text}{word}" if family else f"{word}{year_text}"


def cite_keys(papers: Iterable[Paper]) -> dict[str, str]:
    """Each paper's key, unique in the catalogue and stable as papers are added:
    of papers with the same key, the one seen first (then the smallest page id)
    keeps it, and each other one adds its arXiv id, else a few characters of
    its page id's digest (`lovelace2025sparse-2511.01234`): never a letter
    that depends on how many came before."""
    groups: dict[str, list[Paper]] = defaultdict(list)
    for paper in papers:
        groups[base_key(paper)].append(paper)
    keys = {}
    for key, same in groups.items():
        same.sort(key=lambda p: (p.first_seen or dt.date.max, p.id))
        keys[same[0].id] = key
        for paper in same[1:]:
            keys[paper.id] = f"{key}-{paper.arxiv_id or _digest(paper.id)}"
    return keys


def _digest(paper_id: str) -> str:
    return hashlib.sha1(paper_id.encode()).hexdigest()[:6]


def entry(paper: Paper, url: str | None, key: str | None = None) -> str:
    """The paper's BibTeX entry; `url` is its page's address, when the site has
    one; `key` its key in the catalogue (cite_keys), else its base key."""
    fields = [Field("title", latex_text(paper.title))]
    if paper.authors:
        names = [latex_text(a) for a in paper.authors]
        if paper.authors_in_all > len(names):
            names.append("others")  # (BibTeX's word for the names a capture left out)
        fields.append(Field("author", " and ".join(names)))
    if paper.published:
        fields += [
            Field("year", str(paper.published.year)),
            Field("month", MONTHS[paper.published.month - 1]),
        ]
    if paper.arxiv_id:
        fields += [Field("eprint", paper.arxiv_id), Field("archivePrefix", "arXiv")]
        url = f"https://arxiv.org/abs/{paper.arxiv_id}"
    if url:
        fields.append(Field("url", url))
    if paper.organization:
        fields.append(Field("organization", latex_text(paper.organization)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (bibtexparser's hint about large libraries)
        return bibtexparser.write_string(
            bibtexparser.Library([Entry("misc", key or base_key(paper), fields)]),
            unparse_stack=_UNPARSE,
            bibtex_format=_FORMAT,
        )
