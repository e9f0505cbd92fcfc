"""Lists of papers by title and link (a digest's "papers at a glance") -> paper records.

Scripts that summarise the daily list often end their report with a list of the
day's papers, a paper an item, its title and its links and nothing else:

    - **Video = World + Event Stream** (`2607.15038`) — [Hugging Face](...) · [arXiv](...)
    - Video = World + Event Stream — `2607.15038` — [Hugging Face](...) — [arXiv](...)
    1. [Video = World + Event Stream](https://arxiv.org/abs/2607.15038)

Read as a listing's cards, its heading became a paper titled "Papers at a
glance", and every item a problem. An item is a paper's when it links the
paper's own page (Hugging Face's or arXiv's) and names it: in bold, as the
text of that link, or before links that name no paper (`arXiv`, `PDF`...). Such a list gives
no abstract (a note counts the papers), and the text around it is the script's
own: it is not read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..model import DumpResult
from .limits import MAX_TITLE_CHARS, no_abstract
from .links import MARKDOWN_LINK, is_code_url, paper_id
from .text_dump import TopicsOf, text_record

_ITEM = re.compile(r"^[ \t]{0,8}(?:[-*+]|\d{1,4}[.)])[ \t]+(.+)$")
_BOLD = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)")
# Link texts that name a page, not a paper.
_GENERIC = re.compile(
    r"^(?:arxiv|hugging ?face|hf|pdf|paper|abs|abstract|html|link|code|github|project"
    r"(?: page)?|page|website|demo|here|source)$",
    re.IGNORECASE,
)
# The arXiv id a title is followed by (`Title (2607.15038)`); the brackets before it
# are stripped apart (in one pattern, they were tried from every place: a flood of
# brackets took seconds).
_ID_AFTER = re.compile(r"(?:arxiv:)?\d{4}\.\d{4,5}(?:v\d+)?[)\]\s]*$", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_SEPARATORS = " -—–:·|"
MIN_ITEMS = 3  # a list of papers, not a paper mentioned in a list


@dataclass(frozen=True)
class _Listed:
    line: int
    title: str
    arxiv_id: str
    urls: tuple[str, ...]


def _listed(number: int, line: str) -> _Listed | None:
    """The paper an item names and links, if it does."""
    item = _ITEM.match(line) if "](" in line else None
    if not item:
        return None
    body = item.group(1)
    links = MARKDOWN_LINK.findall(body)
    paper = next(((text, url, found) for text, url in links if (found := paper_id(url))), None)
    if paper is None:
        return None
    bold = _BOLD.match(body)
    if bold and (bold.group(1).rstrip().endswith(":") or body[bold.end() :].lstrip()[:1] == ":"):
        return None  # (`**Paper:** [link]`: a label, not a title)
    if bold:
        title = MARKDOWN_LINK.sub(lambda m: m.group(1), bold.group(1))
    elif not _GENERIC.match(links[0][0].strip()):
        title = links[0][0] if links[0][1] == paper[1] else ""
    else:  # (`Title — 2607.15038 — [Hugging Face](...)`: the text before the links)
        title = body[: body.index("[")]
    if len(title) > 4 * MAX_TITLE_CHARS:
        return None
    title = " ".join(title.replace("`", " ").split()).strip(_SEPARATORS)
    after = _ID_AFTER.search(title)
    title = (title[: after.start()].rstrip(" ([") if after else title).strip(_SEPARATORS)
    if not _LETTER.search(title) or _GENERIC.match(title) or len(title) > MAX_TITLE_CHARS:
        return None
    return _Listed(number, title, paper[2], tuple(url for _, url in links))


def listed_papers(text: str) -> list[_Listed]:
    """The papers a text lists by title and link, if it lists at least MIN_ITEMS
    and more than its other lines link papers (outside lists and tables: a
    listing's cards, whose reader it is); else []."""
    listed, cards = [], 0
    for number, line in enumerate(text.splitlines(), 1):
        if "huggingface.co/papers/" not in line and "arxiv.org/" not in line:
            continue
        found = _listed(number, line)
        if found:
            listed.append(found)
        elif not _ITEM.match(line) and not line.lstrip().startswith("|"):
            cards += 1
    if len(listed) < MIN_ITEMS or len(listed) <= cards:
        return []
    return listed


def parse_paper_list(
    listed: list[_Listed], file: str, captured: dt.date | None, topics_of: TopicsOf | None = None
) -> DumpResult:
    """The papers of a list (listed_papers): by title and link, without abstracts."""
    result = DumpResult(file=file, captured=captured)
    seen: set[str] = set()
    for item in listed:
        if item.arxiv_id in seen:
            continue  # (a report that lists a paper twice)
        seen.add(item.arxiv_id)
        code = tuple(u for u in item.urls if is_code_url(u) and "huggingface.co/" not in u)
        result.papers.append(
            text_record(
                file,
                item.line,
                captured,
                item.title,
                "",
                topics_of,
                arxiv_id=item.arxiv_id,
                code=code,
            )  # fmt: skip
        )
    result.notes += no_abstract(
        file, result.papers, "listed by title and link only, with no abstract"
    )
    return result
