"""BibTeX entries of papers, written by bibtexparser.

An `@misc` entry per paper; its key is derived from the page id (so unique and
stable); the title has LaTeX's special characters escaped (Unicode is kept,
as biber and modern BibTeX read it); year and month where known, the page's
URL where the site has an address; the authors, the arXiv id and the
organisation where a dump gave them.
"""

from __future__ import annotations

import re
import warnings

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
_KEY_UNSAFE = re.compile(r"[^a-z0-9-]")

_FORMAT = BibtexFormat()
_FORMAT.indent = "  "
_FORMAT.block_separator = "\n"
# (The entries are made here and thrown away once written: no need for copies.)
_UNPARSE = default_unparse_stack(allow_inplace_modification=True)


def latex_text(value: str) -> str:
    """Text with LaTeX's special characters escaped."""
    return value.translate(_LATEX)


def cite_key(paper_id: str) -> str:
    """The entry's key: the page id, with any character a key cannot hold coded
    (`_` and the rest as `_xx`), so different ids keep different keys."""
    return _KEY_UNSAFE.sub(lambda m: "".join(f"_{b:02x}" for b in m.group(0).encode()), paper_id)


def entry(paper: Paper, url: str | None) -> str:
    """The paper's BibTeX entry; `url` is its page's address, when the site has one."""
    fields = [Field("title", latex_text(paper.title))]
    if paper.authors:
        fields.append(Field("author", " and ".join(latex_text(a) for a in paper.authors)))
    if paper.published:
        fields += [
            Field("year", str(paper.published.year)),
            Field("month", MONTHS[paper.published.month - 1]),
        ]
    if paper.arxiv_id:
        fields += [Field("eprint", paper.arxiv_id), Field("archivePrefix", "arXiv")]
    if url:
        fields.append(Field("url", url))
    if paper.organization:
        fields.append(Field("organization", latex_text(paper.organization)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (bibtexparser's hint about large libraries)
        return bibtexparser.write_string(
            bibtexparser.Library([Entry("misc", cite_key(paper.id), fields)]),
            unparse_stack=_UNPARSE,
            bibtex_format=_FORMAT,
        )
