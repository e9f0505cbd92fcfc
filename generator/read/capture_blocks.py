"""A tool's capture of a listing page -> blocks: its paragraphs, headings and
list items, each with its text, line and links.

The text is parsed as Markdown by markdown-it-py (plain text and link lines
are Markdown too). Then what the tools did to it is undone: a block that is
only a URL (a web clipper's link line) is a link of the block before it; a
link a tool broke over blank lines (`[Upvote` ... `117](https://...)`) is
mended; a text browser's marks (`[12]Title`, with `12. https://...` under
"References") and a reader mode's numbered links (`[title][12]`) give their
URLs, or go when the tool left the list out (as do the brackets of one it
broke over lines: `[` ... `][12]`); a capture a tool put in a fenced text
block is read as the page it holds; image placeholders
(`[图片：无替代文本]`, `[Image 33]`, `[-]`), hard breaks (`\\`) and HTML anchors go.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from ..model import DumpResult, Problem
from .text_dump import clean_line

URL_ONLY = re.compile(r"^<?(https?://\S+?)>?$")
# What tools put in place of an image or an icon: `[图片：无替代文本]`, `[Image 33]`, `[-]`,
# and the upvote button as a checkbox: `[x]`.
_PLACEHOLDER = re.compile(r"\[(?:[-\sxX]|图片[:：][^\]]*|[Ii]mage(?:\s*\d+|:[^\]]*)?|img)\]")
# A reference-style link whose list of links the tool left out: `[title][12]`,
# `[[logo] Microsoft][43]` (an image's alt text in brackets, then the link's text).
_NUMBERED = re.compile(r"\[(?:\[[^\[\]]*\]\s*)?([^\[\]]+)\]\[\d+\]")
# The same broken over lines: a line that is only `[`, and one that starts `][12]`.
_NUMBERED_OPEN = re.compile(r"^\s*\[\s*$")
_NUMBERED_CLOSE = re.compile(r"^\s*\]\[\d+\]")
# A fence a tool put the whole capture in (```text ... ```): the page, not code.
_TEXT_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})\s*(?:text|txt|plain|plaintext|markdown|md)?\s*$")
MIN_FENCED_CAPTURE_LINES = 20
# A text browser's link marks: `[12]OCC-RAG: ...` with `12. https://...` under "References".
_LYNX_MARK = re.compile(r"\[(\d+)\]")
_LYNX_REFERENCE = re.compile(r"^\s*(\d+)\.\s+(https?://\S+)\s*$")
# A link a tool broke over blank lines: `[Upvote` ... `117](https://...)`.
_BROKEN_LINK_END = re.compile(r"^(.*?)\]\((https?://[^\s)]+|/[^\s)/][^\s)]*)\)$", re.DOTALL)
SITE = "https://huggingface.co"


def _absolute(href: str) -> str:
    """A link as the page meant it: a site-relative one (`/login?next=...`, a tool that
    kept the page's own hrefs) is on Hugging Face, the only site captured."""
    return SITE + href if href.startswith("/") and not href.startswith("//") else href


# Headers tools write: `retrieved: 2026-10-02`, `exported: 2026-07-28`,
# `Captured (UTC): 2026-03-25 08:00`, `timestamp: 2026-10-06T15:47:53.034Z`.
_HEADER_DATE = re.compile(
    r"^\W*(?:retrieved|exported|captured|saved|fetched|clipped|created|date|timestamp"
    r"|scraped|crawled|accessed|downloaded)(?: \(UTC\))?\W*:?\s*\**\s*(\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)


@dataclass
class Block:
    """A paragraph, heading or list item: its text, line, and links (text, URL)."""

    line: int
    text: str
    links: list[tuple[str, str]] = field(default_factory=list)
    heading: bool = False
    outside: str = ""  # the text that is not the text of a link

    def urls(self) -> list[str]:
        return [url for _, url in self.links]


def stated_date(lines: list[str], pattern: re.Pattern) -> dt.date | None:
    """The date (`pattern`'s group 1, ISO) of the first line `pattern` matches;
    None if none does or that date is no day."""
    for line in lines:
        match = pattern.match(line.strip())
        if match:
            try:
                return dt.date.fromisoformat(match.group(1))
            except ValueError:
                return None
    return None


def capture_date(text: str) -> dt.date | None:
    """The capture date a tool's header states (in its first 40 lines)."""
    return stated_date(text.split("\n", 40)[:40], _HEADER_DATE)


def dated_result(text: str, file: str, captured: dt.date | None) -> DumpResult:
    """An empty result for a capture, dated by its file name or manifest, else by
    the date its header states (and then a note says so)."""
    stated = None if captured else capture_date(text)
    result = DumpResult(file=file, captured=captured or stated)
    if stated:
        result.notes.append(
            Problem(file, 0, f"captured on {stated.isoformat()}, as the capture's header says")
        )
    return result


_URL_LINE = re.compile(r"^\s*https?://(?:www\.)?huggingface\.co/\S*\s*$", re.MULTILINE)
_HEADING_LINE = re.compile(r"^#{1,6} ", re.MULTILINE)


def looks_like_capture(text: str) -> bool:
    """Whether the text is a tool's capture rather than a browser's plain copy:
    front matter, Markdown links or headings, link lines, numbered links. (Its
    first cards show it: the head alone is looked at, a tenth of the cost.)"""
    head = text[:8_000]
    return (
        head.startswith("---\n")
        or "](http" in head
        or "login?next=" in head
        or len(_URL_LINE.findall(head)) >= 3
        or bool(_HEADING_LINE.search(head))
        or bool(_NUMBERED.search(head))
        or bool(_LYNX_MARK.search(head) and "References" in text)
    )


_MARKDOWN = MarkdownIt("commonmark", {"html": False})


def _lynx_references(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """A text browser's trailing `References` list, taken off the text, as {number: URL}."""
    for k in range(len(lines) - 1, -1, -1):
        if lines[k].strip() == "References":
            refs = {}
            for line in lines[k + 1 :]:
                match = _LYNX_REFERENCE.match(line)
                if match:
                    refs[match.group(1)] = match.group(2)
            if refs:
                return lines[:k], refs
    return lines, {}


def _unfenced(lines: list[str]) -> list[str]:
    """The lines with the marks of a long text fence blanked (so numbers hold)."""
    out = list(lines)
    k = 0
    while k < len(out):
        opened = _TEXT_FENCE.match(out[k])
        if not opened:
            k += 1
            continue
        mark = opened.group(1)
        closing = re.compile(rf"^\s{{0,3}}{re.escape(mark[0])}{{{len(mark)},}}\s*$")
        end = next((j for j in range(k + 1, len(out)) if closing.match(out[j])), len(out))
        if end - k > MIN_FENCED_CAPTURE_LINES:
            out[k] = ""
            if end < len(out):
                out[end] = ""
        k = end + 1
    return out


_ATX_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
_INDENTED_WORDS = re.compile(r"^\s+(?!\d+[.)]\s)[^\s\-*+>#]")  # (not a list's item)


def _headings_unwrapped(lines: list[str]) -> list[str]:
    """A heading's title wrapped onto an indented next line (`### A model for end-to-end`,
    `  multi-modal conversion`: arXiv's wrap, kept by the page) as one heading."""
    out = list(lines)
    for k in range(len(out) - 1):
        if _ATX_HEADING.match(out[k]):
            j = k + 1
            while j < len(out) and _INDENTED_WORDS.match(out[j]):  # (a long title: more lines)
                out[k] = out[k].rstrip() + " " + out[j].strip()
                out[j] = ""
                j += 1
    return out


def _unbracketed(lines: list[str]) -> list[str]:
    """The brackets of numbered links broken over lines (`[` ... `][12]`) taken off."""
    return [
        "" if _NUMBERED_OPEN.match(line) else _NUMBERED_CLOSE.sub("", line, count=1)
        for line in lines
    ]


# A line that is only a card's metadata link (`[LINK: GitHub 11.3k](...)`, `[arXiv Page](...)`).
_META_LINK_LINE = re.compile(
    r"^\s*\[(?:(?:LINK|URL)\s*:\s*)?(?:GitHub|arXiv|Upvote|\d)[^\[\]]*\]\(\S+\)(?:\s+\[.*)?$"
)


def _spaced(lines: list[str], each_line: bool) -> tuple[str, list[int]]:
    """The text Markdown reads, and each of its lines' number in the capture: a
    card's metadata link written under its text with no blank line is a block of
    its own; with `each_line`, every line is."""
    out: list[str] = []
    origin: list[int] = []
    for number, line in enumerate(lines, 1):
        if not each_line and out and out[-1].strip() and _META_LINK_LINE.match(line):
            out.append("")
            origin.append(number)
        out.append(line)
        origin.append(number)
        if each_line:
            out.append("")
            origin.append(number)
    return "\n".join(out), origin


def front_matter(text: str) -> list[str]:
    """The lines of the YAML front matter block a capture starts with, if any."""
    lines = text.split("\n", 60)[:60]
    end = _front_matter_end(lines)
    return lines[1 : end - 1] if end else []


def _front_matter_end(lines: list[str]) -> int:
    """The first line after a YAML front matter block, if the text starts with one."""
    if lines and lines[0].strip() == "---":
        for k in range(1, min(len(lines), 60)):
            if lines[k].strip() in ("---", "..."):
                return k + 1
    return 0


def _inline(children, links: list[tuple[str, str]]) -> tuple[str, str]:
    """(all the text, the text outside links) of inline tokens, images left out;
    the links collected."""
    parts: list[str] = []
    outside: list[str] = []
    href, label = None, []
    for token in children:
        if token.type == "link_open":
            href, label = token.attrs.get("href"), []
        elif token.type == "link_close":
            text = " ".join("".join(label).split())
            if href:
                links.append((text, _absolute(str(href))))
            parts.append(f"{_EDGE}{text}{_EDGE}")
            outside.append(" ")
            href = None
        elif token.type in ("text", "code_inline", "softbreak", "hardbreak"):
            content = token.content if token.type in ("text", "code_inline") else " "
            if href:
                label.append(content)
            else:
                parts.append(content)
                outside.append(content)
    return _edges_spaced("".join(parts)), "".join(outside)


# A link's text is spaced from what is around it (a tool may glue two links), but
# not from the brackets around it: `([SSM](...))` is `(SSM)`.
_EDGE = "\x00"  # (Markdown never leaves a NUL in text: it reads one as U+FFFD)


def _edges_spaced(text: str) -> str:
    if _EDGE not in text:
        return text
    return text.replace(f"({_EDGE}", "(").replace(f"{_EDGE})", ")").replace(_EDGE, " ")


def blocks_of(text: str, each_line: bool = False) -> list[Block]:
    """The capture's blocks, in order, with their first line's number; with
    `each_line`, every line is a block of its own (a capture that keeps a page's
    lines with no blank line between them)."""
    # (Split as Markdown splits: a lone carriage return ends a line too.)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = _front_matter_end(lines)
    lines, refs = _lynx_references(lines)
    lines = _headings_unwrapped(_unbracketed(_unfenced([""] * start + lines[start:])))
    source, origin = _spaced(lines, each_line)
    blocks: list[Block] = []
    heading = False
    for token in _MARKDOWN.parse(source):
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type in ("code_block", "fence"):
            # (Indented text is a code block to Markdown; to a capture, paragraphs
            # a text browser indented.)
            at = token.map[0] + (token.type == "fence")  # (a fence's first line is its mark)
            for paragraph in token.content.split("\n\n"):
                if paragraph.strip():
                    line = origin[min(at, len(origin) - 1)]
                    blocks.append(Block(line, " ".join(paragraph.split())))
                at += paragraph.count("\n") + 2
        elif token.type == "inline":
            links: list[tuple[str, str]] = []
            raw, outside = _inline(token.children or [], links)
            blocks.append(Block(origin[token.map[0]], raw, links, heading, outside))
    cleaned = [_cleaned(block, refs) for block in _joined_urls(blocks)]
    return [block for block in cleaned if block.text or block.links]


def _joined_urls(blocks: list[Block]) -> list[Block]:
    """A block that is only a URL (a web clipper's link line) as a link of the block
    before it; a link a tool broke over blank lines mended."""
    out: list[Block] = []
    for block in blocks:
        text = block.text.strip()
        url = URL_ONLY.match(text)
        if url and not block.links and out:
            out[-1].links.append((out[-1].text, url.group(1)))  # (the link's text: the line before)
            continue
        broken = _BROKEN_LINK_END.match(text)
        if broken and not block.links:
            # The link's opening `[` is a block or a few before: they are one block.
            label, first = broken.group(1), len(out)
            for k in range(len(out) - 1, max(len(out) - 4, -1), -1):
                if out[k].text.count("[") > out[k].text.count("]"):
                    first = k
                    break
            opened = out[first:]
            del out[first:]
            label = " ".join([b.text for b in opened] + [label])
            line, heading = (
                (opened[0].line, opened[0].heading) if opened else (block.line, block.heading)
            )
            block = Block(
                line,
                label,
                [link for b in opened for link in b.links] + [(label, _absolute(broken.group(2)))],
                heading,
            )
        out.append(block)
    return out


_LINK_MARK = re.compile(r"^(?:LINK|URL)\s*:\s*", re.IGNORECASE)
_HTML_TAG = re.compile(r"^(?:<[^<>]+>)+$")


def _plain(text: str, refs: dict[str, str], links: list[tuple[str, str]]) -> str:
    """A block's text as a reader sees it: numbered links, placeholders, a tool's
    hard breaks (`\\` at a line's end) and stray escapes and bullets gone."""
    text = _NUMBERED.sub(r"\1", text)
    if refs and "[" in text:
        for number in _LYNX_MARK.findall(text):
            if number in refs:
                links.append(("", refs[number]))
        text = _LYNX_MARK.sub(" ", text)
    text = _PLACEHOLDER.sub(" ", text).replace("\\", " ")
    text = clean_line(text).strip(" [-*•>")
    return "" if _HTML_TAG.match(text) else text


def _cleaned(block: Block, refs: dict[str, str]) -> Block:
    block.text = _plain(block.text, refs, block.links)
    block.outside = _plain(block.outside, {}, [])
    # (A text browser's link has the text its mark stood before; some tools mark
    # a link's text: `[LINK: GitHub 11.3k](...)`.)
    block.links = [
        (_LINK_MARK.sub("", _plain(label, {}, [])) if label else block.text, url)
        for label, url in block.links
    ]
    return block
