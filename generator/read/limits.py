"""What a dump may hold, the same for every reader: a value past a limit is a
one-line problem (or, in an API response, a note) naming the file and the line
or item, never a page that carries it.

The limits are far above what real dumps hold (measured on the samples and on
real API responses) and far below what would slow a build or a page down.
"""

from ..model import Problem

# A dump: the largest sample is 365 KB, a month of API items about 5 MB.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_TITLE_CHARS = 400
MAX_ABSTRACT_CHARS = 10_000  # arXiv allows 1,920; room for other sources, not for floods
MAX_NAME_CHARS = 300  # an author, an organisation, a keyword
MAX_LIST = 5_000  # authors or keywords of one paper (collaborations run to thousands)
MAX_URL_CHARS = 2_000
# A count; Python refuses integers of more than 4,300 digits, with a traceback.
MAX_NUMBER_DIGITS = 30


def abstract_too_long(text: str) -> str | None:
    """What is wrong with an abstract past the limit (the text readers' one line)."""
    if len(text) > MAX_ABSTRACT_CHARS:
        return (
            f"expected an abstract of at most {MAX_ABSTRACT_CHARS:,} characters, got {len(text):,}"
        )
    return None


def no_abstract(file: str, papers: list, said: str = "with no abstract") -> list[Problem]:
    """A dump's note (a list of none or one) on those of its `papers` that came
    with no abstract: merging takes one from another dump that has the paper
    (catalogue/merge.py). `said` says how they came."""
    missing = sum(not paper.abstract for paper in papers)
    if not missing:
        return []
    return [Problem(file, 0, f"{missing:,} paper(s) {said}: one from another dump is taken")]


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.1f} MB"
