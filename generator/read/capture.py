"""Captures of Hugging Face listing pages saved by other tools -> paper records.

People save the daily, search and trending pages with whatever they have: a
web clipper that writes each link's text and then its URL on a line of its
own, a page-to-Markdown converter (inline or reference links, headings,
images), a firecrawl scrape, a reader mode with numbered links (`[title][12]`,
with or without the list of links), a text browser. All of them keep the
cards of the page in order, and each card gives, in one order or another:
the upvotes (`-` for none; before the title on daily and search pages,
`Upvote N` after it on trending ones), the title, the abstract (or, on
trending pages and recent searches, Hugging Face's one-sentence AI summary),
`N authors` or an organisation (its name linking `huggingface.co/<handle>`),
`·`, the date (`Oct 7, 2024`, `May 29`, `Published on Sep 16, 2026`), the
comment count (linking `#community`), and on trending cards `GitHub 11.3k`
(the repository and its stars), an `arXiv Page` link and "Submitted by".

The text is read into blocks first (capture_blocks.py: paragraphs, headings
and list items with their links, whatever the tool did to them undone).
Then cards are read from the blocks (`_Cards`): a card starts at a title (a
heading, a block linking the paper's page, or, in a capture with no links, a
short block) followed by an abstract-like block; what follows up to the next
card is its metadata. Page furniture (menus, footers, the tool's header) is
never a card: a title must be followed by an abstract, and, in a capture that
links papers, must link one. Nor is a section's heading over a paper's linked
title (a digest's), nor a line of links: a text that is one link to a paper
under a title linking none, or links alone, is no card's text. A card seen
twice (trending pages show each twice) is one record; a title with no
abstract after it is one problem, and so is a tool's mark that it cut the
page short (`[Content truncated]`): the card it cut is left out, not kept with
half its text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..catalogue.slugs import title_key
from ..model import NO_PAPERS, DumpResult, Problem
from .capture_blocks import URL_ONLY, Block, blocks_of, dated_result, looks_like_capture
from .dates import MONTHS, dated
from .digest import looks_like_digest, parse_digest
from .html_page import looks_like_html, read_html_page
from .labelled import labelled_records, parse_labelled, surely_records
from .limits import MAX_TITLE_CHARS, abstract_too_long
from .links import find_urls, hub_handle, stars
from .paper_list import listed_papers, parse_paper_list
from .paper_page import looks_like_paper_page, parse_paper_pages
from .text_dump import (
    DumpError,
    TopicsOf,
    decode,
    parse_lines,
    parse_text,
    split_lines,
    text_record,
)

_MONTH = "(" + "|".join(MONTHS) + ")[a-z]*\\.?"
# `May 29`, `Oct 7, 2024`, `Published on Sep 16, 2026`, `· Dec 28, 2024`; the
# comment count may follow (`Mar 8, 2024 6`: its link's number, the link gone).
_DATE = re.compile(
    rf"^(?:·\s*)?(?:Published on\s+)?{_MONTH}\s+(\d{{1,2}})(?:,\s*(\d{{4}}))?"
    r"(?:\s+(\d[\d,]{0,20}))?$"
)
# (Counts of at most 21 characters: a longer number is no count, and Python refuses
# to read one of more than 4,300 digits.)
_UPVOTES = re.compile(r"^(?:Upvote\s*)?(\d[\d,]{0,20}|-)$", re.IGNORECASE)
_AUTHORS = re.compile(r"^(?:[-•*·]\s*)?(\d[\d,]{0,20})\s+authors?$", re.IGNORECASE)
# A tool's mark where it cut the page short: `[Content truncated]`, `... (truncated)`,
# `[... 4,000 characters truncated ...]`.
_CUT_MARK = re.compile(
    r"^\W*(?:(?:content|output|text|page|response|document)(?:\s+was)?\s+"
    r"|[\d,]+\s+(?:characters|chars|lines|tokens|bytes)\s+)?truncated"
    r"(?:\s+(?:due\s+to\s+length|at\s+[\d,]+\s+\w+))?\W*$",
    re.IGNORECASE,
)
_GITHUB = re.compile(r"^GitHub\s*([\d.,]+)\s*([kKmM]?)$")
_ARXIV_ID = r"(\d{4}\.\d{4,5})(?:v\d+)?"
_PAPER_URL = re.compile(rf"^https?://(?:www\.)?huggingface\.co/papers/{_ARXIV_ID}/?$")
_COMMUNITY_URL = re.compile(rf"^https?://(?:www\.)?huggingface\.co/papers/{_ARXIV_ID}/?#community$")
_LOGIN_URL = re.compile(
    rf"^https?://(?:www\.)?huggingface\.co/login\?next=%2Fpapers%2F{_ARXIV_ID}$", re.IGNORECASE
)
_ARXIV_URL = re.compile(rf"^https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/{_ARXIV_ID}")
FURNITURE = frozenset(
    s.casefold()
    for s in (
        "new",
        "Get trending papers in your email inbox!",
        "Get trending papers in your email inbox once a day!",
        "Subscribe",
        "Daily Papers",
        "Trending Papers",
        "Trending",
        "by AK and the research community",
        "byAK and the research community",
        "by and the research community",
        "AK and the research community",
        "Daily",
        "Weekly",
        "Monthly",
        "Submitted by",
        "arXiv Page",
        "Upvote",
        "Previous",
        "Next",
        "Models",
        "Datasets",
        "Spaces",
        "Community",
        "Docs",
        "Enterprise",
        "Pricing",
        "Log In",
        "Sign Up",
        "Papers",
        "Hugging Face",
        "Search",
        "Posts",
        "Buckets",
        "Buckets new",
        "Collections",
        "Load more",
        "View all",
        "Trending Papers ranked by GitHub stars activity",
        "Home",
        "Menu",
        "System theme",
        "Website",
        "Company",
        "Resources",
        "About",
        "Jobs",
        "Blog",
        "Learn",
        "Discord",
        "Forum",
        "GitHub",
        "Changelog",
        "Status",
    )
)
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"\w")
MIN_ABSTRACT_WORDS = 12
MAX_HEADER_LINES = 200  # a text browser's page title and menus before the first card
MAX_FOOTER_LINES = 12
MIN_SUMMARY_WORDS = 6  # Hugging Face's AI summaries run to one sentence
MAX_SUMMARY_WORDS = 60  # an abstract is longer, and more than one sentence

# ---------------------------------------------------------------- cards


def _paper_id(url: str) -> str | None:
    for pattern in (_PAPER_URL, _LOGIN_URL, _ARXIV_URL):
        match = pattern.match(url)
        if match:
            return match.group(1)
    return None


def _count(text: str) -> int | None:
    return None if text == "-" else int(text.replace(",", ""))


def _words(text: str) -> int:
    return text.count(" ") + 1 if text else 0


@dataclass
class _Card:
    title: Block
    text: str  # the abstract, or Hugging Face's summary
    arxiv_id: str | None = None
    upvotes: int | None = None
    authors_count: int | None = None
    organization: str | None = None
    handle: str | None = None
    published: dt.date | None = None
    published_text: str | None = None
    comments: int | None = None
    github: str | None = None
    stars: int | None = None
    submitted_by: str | None = None

    def has_meta(self) -> bool:
        """Whether the card gave anything a listing's card gives besides its text."""
        return any(
            v is not None
            for v in (
                self.upvotes,
                self.authors_count,
                self.organization,
                self.published,
                self.published_text,
                self.github,
            )
        )


class _Cards:
    """The card reader: blocks in, cards and problems out."""

    def __init__(self, blocks: list[Block], captured: dt.date | None):
        self.blocks, self.captured = blocks, captured
        self.linked = any(_paper_id(url) for b in blocks for url in b.urls())
        self.cards: list[_Card] = []
        self.problems: list[tuple[int, str]] = []

    def read(self) -> None:
        blocks, k = self.blocks, 0
        pending_upvotes: int | None = None  # a count before its card's title
        pending_submitter: str | None = None
        card: _Card | None = None
        text_end = -1
        while k < len(blocks):
            block = blocks[k]
            start = self._card_start(k)
            if start:
                card = _Card(block, *start)
                card.upvotes, pending_upvotes = pending_upvotes, None
                card.submitted_by, pending_submitter = pending_submitter, None
                self.cards.append(card)
                k += 2
                text_end = k  # (a cut mark here cuts the card's text)
                continue
            text = block.text
            if _CUT_MARK.match(text):
                # (A card whose text it cuts is not read: the text ends where the tool
                # stopped. After what followed the text, the text was whole.)
                text = text.strip("[]()<>!- .…")
                said = f"the capture was cut short here ({text!r})"
                if card is not None and card is self.cards[-1] and k == text_end:
                    self.cards.pop()
                    if not any(_same(card, other) for other in self.cards):
                        said += f": {_short(card.title.text)!r} is left out, its text incomplete"
                self.problems.append((block.line, said))
                card = None
                k += 1
                continue
            if text.casefold() == "submitted by" and k + 1 < len(blocks):
                pending_submitter = blocks[k + 1].text or None
                k += 2
                continue
            upvotes = _UPVOTES.match(text)
            if upvotes and (not block.links or any(_LOGIN_URL.match(u) for u in block.urls())):
                count = _count(upvotes.group(1))
                owner = next(filter(None, map(_paper_id, block.urls())), None)
                if text.lower().startswith("upvote") and card and owner in (None, card.arxiv_id):
                    # Trending: after the card.
                    card.upvotes = count if count is not None else card.upvotes
                elif card and owner and owner == card.arxiv_id:
                    card.upvotes = count
                else:
                    pending_upvotes = count
                k += 1
                continue
            if self._unread_title(block, card):
                # (A capture cut off after a title, say: the card is not a paper.)
                found = (
                    "the end of the capture"
                    if k + 1 == len(blocks)
                    else repr(_short(blocks[k + 1].text))
                )
                said = f"expected an abstract after the title {_short(text)!r}, found {found}"
                self.problems.append((block.line, said))
            elif card:
                self._meta(card, block)
            k += 1

    def _card_start(self, k: int) -> tuple[str, str | None] | None:
        """The card's text (abstract or summary) and arXiv id if a card starts at block k."""
        if k + 1 >= len(self.blocks):
            return None
        title, body = self.blocks[k], self.blocks[k + 1]
        if not self._is_title(title) or body.heading:
            return None
        text = body.text
        words = _words(text)
        if words < MIN_SUMMARY_WORDS or _is_meta(text):
            return None
        title_id = next(filter(None, map(_paper_id, title.urls())), None)
        body_id = next(filter(None, map(_paper_id, body.urls())), None)
        if self.linked:
            # Where the capture links papers, a card's title or text links its paper.
            if not (title_id or body_id) or (title_id and body_id and title_id != body_id):
                return None
            # A text that is all one link to a paper, under a title that links none, is
            # that paper's title under a section's heading (a digest's); a text of
            # links alone is a card's links line.
            if not _WORD.search(body.outside) and (
                len(body.links) > 1 or (body_id and not title_id)
            ):
                return None
        elif words < MIN_ABSTRACT_WORDS and not title.heading:
            return None
        return text, title_id or body_id

    def _is_title(self, block: Block) -> bool:
        text = block.text
        return (
            0 < len(text) <= MAX_TITLE_CHARS
            and text.casefold() not in FURNITURE
            and not _is_meta(text)
            and not _UPVOTES.match(text)
            and not URL_ONLY.match(text)
            and _words(text) <= 60
            and _LETTER.search(text) is not None  # (`· 57`, a count's line, is no title)
        )

    def _unread_title(self, block: Block, card: _Card | None) -> bool:
        """Whether the block is the title of a card that could not be read: a title
        linking another paper than the card's (furniture links no paper)."""
        ids = {match.group(1) for url in block.urls() if (match := _PAPER_URL.match(url))}
        return bool(ids) and self._is_title(block) and (card is None or card.arxiv_id not in ids)

    def _meta(self, card: _Card, block: Block) -> None:
        text = block.text
        for label, url in block.links:
            if _COMMUNITY_URL.match(url) and label.replace(",", "").isdigit() and len(label) <= 20:
                card.comments = int(label.replace(",", ""))
            elif (
                url.startswith(("https://github.com/", "http://github.com/"))
                and card.github is None
            ):
                github = _GITHUB.match(label or text)
                if github:
                    card.github, card.stars = url.rstrip("/"), stars(*github.groups())
            elif not card.arxiv_id and _ARXIV_URL.match(url):
                card.arxiv_id = _paper_id(url)
        bare = block.outside if block.links else text
        parts = [p.strip() for p in re.split(r"\s·\s|^·\s|\s·$", bare) if p.strip()] or [bare]
        for part in parts:
            self._meta_text(card, part, block)
        if (
            len(parts) == 2
            and not block.links
            and card.organization is None
            and _DATE.match(parts[1])
            and not _is_meta(parts[0])
            and _words(parts[0]) <= 8
        ):
            card.organization = parts[0]  # (its name with no link: no handle)
        if card.organization is None:
            for label, url in block.links:
                handle = hub_handle(url)
                if handle and label:
                    card.organization, card.handle = label, handle
                    break

    def _meta_text(self, card: _Card, text: str, block: Block) -> None:
        authors = _AUTHORS.match(text)
        if authors and card.authors_count is None:
            card.authors_count = int(authors.group(1).replace(",", ""))
            return
        for label, _ in block.links:
            linked_authors = _AUTHORS.match(label)
            if linked_authors and card.authors_count is None:
                card.authors_count = int(linked_authors.group(1).replace(",", ""))
        date = _DATE.match(text)
        if date and date.group(4) and card.comments is None:
            card.comments = int(date.group(4).replace(",", ""))
        if date and card.published is None and card.published_text is None:
            try:
                card.published, card.published_text = dated(
                    date.group(1)[:3].title(), int(date.group(2)), date.group(3), self.captured
                )
            except ValueError:
                pass
            return


def _is_meta(text: str) -> bool:
    return bool(_AUTHORS.match(text) or _DATE.match(text) or text == "·")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_summary(text: str) -> bool:
    """Hugging Face's AI summary rather than an abstract: one sentence, short."""
    words = _words(text)
    sentences = len(re.findall(r"[.!?](?:\s|$)", text))
    return words <= MAX_SUMMARY_WORDS and sentences <= 1


def _key(card: _Card) -> str:
    return card.arxiv_id or title_key(card.title.text)


def _same(card: _Card, other: _Card) -> bool:
    """Whether two cards show one paper (trending pages show each twice)."""
    return _key(card) == _key(other)


def _merged(cards: list[_Card]) -> list[_Card]:
    """Each paper once (trending pages show every card twice): the first card,
    what it lacks taken from the others."""
    by_key: dict[str, _Card] = {}
    order: list[str] = []
    for card in cards:
        key = _key(card)
        if key not in by_key:
            by_key[key] = card
            order.append(key)
            continue
        first = by_key[key]
        for name in (
            "upvotes",
            "authors_count",
            "organization",
            "handle",
            "published",
            "published_text",
            "comments",
            "github",
            "stars",
            "submitted_by",
            "arxiv_id",
        ):
            if getattr(first, name) is None:
                setattr(first, name, getattr(card, name))
        if len(card.text) > len(first.text):
            first.text = card.text
    return [by_key[key] for key in order]


def parse_capture(
    text: str, file: str, captured: dt.date | None, topics_of: TopicsOf | None = None
) -> DumpResult:
    """Read a tool's capture of a listing page (the text decoded)."""
    result = dated_result(text, file, captured)
    captured = result.captured
    reader = _Cards(blocks_of(text), captured)
    reader.read()
    for card in _merged(reader.cards):
        if not (card.arxiv_id or card.has_meta()):
            continue  # (unlinked, with nothing a card gives but text: page furniture)
        title, body = card.title.text, card.text
        too_long = abstract_too_long(body)
        if too_long:
            result.problems.append(Problem(file, card.title.line, too_long))
            continue
        summary = _is_summary(body)
        code, links = find_urls(body)
        if card.github:
            code = tuple(dict.fromkeys((card.github, *code)))
        result.papers.append(
            text_record(
                file,
                card.title.line,
                captured,
                title,
                body,
                topics_of,
                ai_summary=body if summary else None,
                arxiv_id=card.arxiv_id,
                authors_count=card.authors_count,
                organization=card.organization,
                organization_handle=card.handle,
                published=card.published,
                published_text=card.published_text,
                upvotes=card.upvotes,
                comments=card.comments,
                code=code,
                links=links,
                github_stars=card.stars if card.github else None,
                submitted_by=card.submitted_by,
            )
        )
    result.problems += [Problem(file, line, message) for line, message in reader.problems]
    if not result.papers and not result.problems:
        result.problems.append(
            Problem(file, 1, f"{NO_PAPERS}: expected cards of a Hugging Face listing page")
        )
    return result


def parse_text_dump(
    data: bytes, file: str, captured: dt.date | None, topics_of: TopicsOf | None = None
) -> DumpResult:
    """A text dump of any kind: a browser's plain copy (text_dump.py, exact on
    the sample's layouts), another tool's capture of a listing (above) or of
    papers' own pages (paper_page.py), a script's records of labelled fields
    (labelled.py) or list of papers by title and link (paper_list.py), or a
    page's HTML source saved as text (html_page.py). A plain copy that
    the plain reader finds no paper in (a text browser's page title and menus
    before the cards) is read as a capture, when that finds papers. A text that
    no reader finds a paper in, but whose headings link papers, is those papers,
    without abstracts (a report of papers whose summaries are in another language)."""
    try:
        text = decode(data)
    except DumpError as error:
        return DumpResult(file, captured, problems=[Problem(file, error.line, error.message)])
    if looks_like_html(text):  # (a page's source, saved under a text name)
        return read_html_page(text, file, captured, topics_of)
    if looks_like_paper_page(text):
        return parse_paper_pages(text, file, captured, topics_of)
    # (A digest's reader that finds no card yields to the others: a folded block
    # near a paper's link made a daily report of labelled records look like one.)
    digest = parse_digest(text, file, captured, topics_of) if looks_like_digest(text) else None
    if digest and digest.papers:
        return digest
    records = labelled_records(text)
    if surely_records(records):
        # (A note's or a script's header dates it as a capture's does: `date:`, `fetched:`.)
        header = dated_result(text, file, captured)
        result = parse_labelled(records, file, header.captured, topics_of)
        result.notes[:0] = header.notes
        return result
    listed = listed_papers(text)
    if listed:
        return parse_paper_list(listed, file, captured, topics_of)
    if digest:
        found = digest
    elif looks_like_capture(text):
        found = parse_capture(text, file, captured, topics_of)
        if found.papers or any(not p.message.startswith(NO_PAPERS) for p in found.problems):
            return found  # (a card it could not read is a problem for a person to see)
    else:
        found = parse_text(text, file, captured, topics_of)
        if not found.papers and found.problems:
            found = _after_header(text, file, captured, topics_of) or found
    if not found.papers and records:  # (headings that link papers, no abstract labelled)
        linked = parse_labelled(records, file, captured, topics_of)
        if linked.papers:
            return linked
    return found


def _after_header(
    text: str, file: str, captured: dt.date | None, topics_of: TopicsOf | None
) -> DumpResult | None:
    """A plain copy with a page title and menus before its cards (a text browser's
    dump), read from its first title and abstract on; a footer after the last card
    is no problem. None if no papers are found that way."""
    lines = split_lines(text)
    for start in range(min(len(lines) - 1, MAX_HEADER_LINES)):
        if (
            _words(lines[start + 1].text) < MIN_ABSTRACT_WORDS
            or _words(lines[start].text) >= MIN_ABSTRACT_WORDS
        ):
            continue
        papers, error = parse_lines(lines[start:], file, captured, topics_of)
        if not papers:
            continue
        result = DumpResult(file, captured, papers)
        rest = [line for line in lines if error and line.number >= error.line]
        if error and not _is_footer(rest):
            result.problems.append(Problem(file, error.line, error.message))
        return result
    return None


def _is_footer(lines: list) -> bool:
    """Lines after the last card that are a page's footer, not a card cut off."""
    return (
        len(lines) <= MAX_FOOTER_LINES
        and all(_words(line.text) < MIN_ABSTRACT_WORDS for line in lines)
        and any("©" in line.text or line.text.casefold() in FURNITURE for line in lines)
    )
