"""Records of labelled fields that scripts write -> paper records.

Scripts that fetch Hugging Face's papers (the API, or the page) and keep them as
text often write one record per paper, a field a line:

    Title: <title>
    Authors: A, B, C
    PDF: https://arxiv.org/pdf/<id>
    Summary: <the abstract, on one line or several>
    ---

(a public script writes just these from the API's daily list; others write
`Abstract:`, `URL:`, `arXiv:`, `ID:`, `Published:`, in bold or as list items,
under a heading that is the title). Read as a listing's cards, the `PDF:` line
became a paper's title and the `Summary:` line its abstract.

A record starts at each `Title:` (or at the label a script writes before it:
`ID:`, `Title:`, ...), or at a heading of the level whose headings have a
paper's link or arXiv id under them (a page's own heading above them is none;
one below, `### Authors`, `### Abstract`, is a section of the paper). A known
label starts a field; the lines after it go on with it (an abstract over
several lines, authors one a line) up to a rule (`---`, `===`), a heading or
another known label. An unknown label (`Full Content:`, `Reason:`) ends the
field and its text is not read; in an abstract, `Results: we show ...` is
text. A `TL;DR:` may be any tool's summary, so is not taken for Hugging
Face's. A `Title:` record is a paper with its abstract or its link (Hugging
Face's page, or arXiv); else it is one problem line. A heading is a paper's
only if it links the paper, as a digest's card must. Only what is labelled is
taken: nothing is guessed from unlabelled lines.

A note on one paper is its heading, a line of links with the paper's (or
labelled lines, one of them its link), then only sections (`## One-sentence
takeaway`, `## Abstract`) or labelled lines, in any language, up to the next
heading or rule: a script's per-paper summaries, reading notes and digests are
written so. It is that paper, with an abstract only from an `Abstract` section
or label. A table of fields (`| **Paper** | [arXiv:...](...) |`, a row a
label and its value) is read as labelled lines, and a label may be quoted
(`> **TL;DR**: ...`). A note whose front matter names its paper (its link,
`url:`, `link:`, `arxiv_id:`...; its `title` or else the first heading) is that
paper, the front matter's keys read as labels and the text's own fields winning
over them (a `summary:` there is often cut short); the paragraphs right under its
title are its abstract if of an abstract's length, no section gives one and the
note links no other paper; arXiv's announcement (`arXiv:<id> Announce Type: new
Abstract: ...`, as notes made from its feeds keep it) labels the abstract. A second
section of a field is the reader's (`## Summary` after `## Abstract`), unless named
for the field.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import yaml

from ..model import DumpResult, Problem
from .capture_blocks import front_matter
from .limits import MAX_LIST, MAX_NAME_CHARS, MAX_TITLE_CHARS, abstract_too_long, no_abstract
from .links import MARKDOWN_LINK, bare_paper_id, find_urls, is_code_url, paper_id, stars
from .text_dump import TopicsOf, text_record, without_announcement
from .unwrap import unwrap

# Labels of a paper's link (or of its bare arXiv id).
_LINK_LABELS = (
    "url", "link", "links", "pdf", "pdf url", "pdf link", "arxiv", "arxiv url", "arxiv link",
    "arxiv id", "id", "paper url", "paper link", "paper id", "hf url", "hf link",
    "hugging face", "huggingface", "hugging face url", "source", "paper",
)  # fmt: skip
# Each known label (lower case, spaces collapsed) -> the field it fills.
FIELDS = {
    **dict.fromkeys(("title", "paper title"), "title"),
    **dict.fromkeys(("authors", "author", "author(s)", "authors list"), "authors"),
    **dict.fromkeys(
        ("abstract", "summary", "paper summary", "paper abstract", "abstract note"), "abstract"
    ),  # (`Abstract Note`: Zotero's)
    # (Hugging Face's one-sentence summary; a `TL;DR:` may be any tool's, so is not read.)
    **dict.fromkeys(
        ("ai summary", "ai generated summary", "hf summary", "tl;dr (hf auto summary)"),
        "ai_summary",
    ),
    **dict.fromkeys(_LINK_LABELS, "link"),
    **dict.fromkeys(("code", "github", "repo", "repository", "code url", "github url"), "code"),
    **dict.fromkeys(("project page", "project", "project url", "website"), "project"),
    **dict.fromkeys(
        ("published", "published date", "publication date", "published at", "published on"),
        "published",
    ),
    **dict.fromkeys(("upvotes", "likes", "votes"), "upvotes"),
    **dict.fromkeys(("stars", "github stars"), "stars"),
    **dict.fromkeys(("organization", "organisation", "org"), "organization"),
    **dict.fromkeys(("keywords", "ai keywords"), "keywords"),
}
# Labels scripts write that say nothing the catalogue keeps: each ends the field before.
OTHER_LABELS = frozenset(
    (
        "date", "submitted", "submission date", "submitted by", "updated", "year", "doi",
        "journal", "venue", "publication venue", "journal reference", "categories", "category",
        "primary category", "comments", "comment", "file", "reason", "score", "tags", "notes",
        "note", "full content", "full text", "content", "generated by", "matching authors",
        "pmid", "citations", "citation count", "affiliations", "affiliation", "institution",
        "rank", "status", "relevance", "relevance score", "subjects", "license", "pages",
        "conference", "type", "fetched", "created", "captured", "retrieved", "version",
        "tl;dr", "tldr", "english tl;dr",
    )
)  # fmt: skip
# `Label: value`, `**Label:** value`, `**Label**: value`, `- Label: value`, `> Label: ...`
# (a link, `https://...`, wrapped to the start of a line, is none).
_LABEL = re.compile(
    r"^[ \t]*(?:>[ \t]*)?(?:[-*+][ \t]+)?(?:\*\*|__)?[ \t]*"
    r"([A-Za-z][A-Za-z0-9 ;()/._-]{0,30}?)[ \t]*"
    r"(?::[ \t]*(?:\*\*|__)|(?:\*\*|__)[ \t]*:|:(?!//))[ \t]*(.*)$"
)
# A bold label in any script (`- **论文链接**: ...`, `**Autoren:**`): not read, but no text.
_ANY_LABEL = re.compile(
    r"^[ \t]*(?:>[ \t]*)?(?:[-*+][ \t]+)?(?:\*\*|__)[^*_\n]{1,40}?"
    r"(?:[:：][ \t]*(?:\*\*|__)|(?:\*\*|__)[ \t]*[:：])"
)
_RULE = re.compile(r"^[ \t]*(?:-{3,}|={3,}|\*{3,}|_{3,})[ \t]*$")
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
# A record's number before its title: `1. `, `Paper 2: `, `[4] `.
_NUMBERED = re.compile(r"^(?:(?:paper[ \t]+)?\d{1,4}[.):]|\[\d{1,4}\])[ \t]+", re.IGNORECASE)
_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()\s]*\)")
# A link to another note of a notebook's (Obsidian's), with its text after `|`, if any.
_NOTE_LINK = re.compile(r"\[\[([^\[\]|]{1,300})(?:\|([^\[\]]{1,300}))?\]\]")
_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>")
_NONE = re.compile(
    r"^(?:n/?a|none|null|unknown|-+|no (?:abstract|summary)(?: available)?\.?)$", re.I
)
_ID = r"(\d{4}\.\d{4,5})(?:v\d+)?"
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?!\d)")
# A paper's link or labelled arXiv id, anywhere in a line.
_ANY_PAPER = re.compile(
    rf"(?:huggingface\.co/papers/|arxiv\.org/(?:abs|pdf)/){_ID}"
    rf"|^\W*(?:arxiv(?: id)?|id)\W*:\W*{_ID}",
    re.I,
)
_URL_ONLY = re.compile(r"^https?://\S+$")
_STRUCTURE = re.compile(r"^[{\[]")  # (a script's dict or list, printed: no text)
# A line of HTML tags alone (`<details>`, `<summary>Details</summary>`, `</details>`):
# a fold around fields, no text of theirs.
_TAGS_ONLY = re.compile(r"^[ \t]*</?[A-Za-z][^<>]*>(?:[^<>]{0,40}</[A-Za-z]+>)?[ \t]*$")
# A row of a table of fields, `| **Paper** | [arXiv:2605.23904](...) |`: its label and
# value (the label a few words, no link); and the rule under a table's header.
_FIELD_ROW = re.compile(r"^[ \t]*\|[ \t*_]*+([A-Za-z][^|\[\]()]{0,39}+)\|([^|]*+)\|?+[ \t]*+$")
_CELL_EDGES = " \t*_:"  # (around a label in its cell: `**Paper**`, `Paper:`)
_TABLE_RULE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}+:?[ \t]*\|)+[ \t]*(?::?-{3,}+:?[ \t]*)?$")
_COUNT = re.compile(r"^(\d[\d,]{0,20})$")
_STARS = re.compile(r"^(\d[\d.,]{0,20})\s*([kKmM]?)$")
_AUTHOR_SPLIT = re.compile(r" ?(?:[,;]|\band\b) ?")
_LIST_SPLIT = re.compile(r" ?[,;] ?")
_ET_AL = re.compile(r",? et al\.?$")


@dataclass
class _Record:
    title: str
    line: int
    labelled: bool  # started by `Title:` (else by a heading)
    # A note on the paper: its heading, a line of links with the paper's, then only
    # sections or labelled lines (or nothing): a paper even without an abstract.
    note: bool = False
    fields: dict[str, list[str]] = field(default_factory=dict)
    urls: list[str] = field(default_factory=list)
    fronted: set[str] = field(default_factory=set)  # fields from a note's front matter
    sections: dict[str, str] = field(default_factory=dict)  # field -> its section's heading

    def add(self, name: str, value: str) -> None:
        """A value of a field; the text's own replaces its front matter's (a summary
        there is often the abstract cut short)."""
        if name in self.fronted:
            self.fronted.discard(name)
            self.fields[name] = []
        self.fields.setdefault(name, []).append(value)

    def text(self, name: str) -> str:
        value = " ".join(" ".join(self.fields.get(name, ())).split())
        return "" if _NONE.match(value) else value

    def has_paper(self) -> bool:
        return bool(self.text("abstract") or self.text("ai_summary") or self.arxiv_id())

    def arxiv_id(self) -> str | None:
        """Its arXiv id, from a link to its page (Hugging Face's or arXiv's), or a
        bare id labelled as its link (`arXiv: 2509.04664`, `ID: 2509.04664v2`)."""
        for value in [*self.urls, *self.fields.get("link", ())]:
            found = paper_id(value.strip()) or bare_paper_id(value)
            # (Else a link among other words.)
            found = found or next(filter(None, map(paper_id, find_urls(value)[1])), None)
            if found:
                return found
        return None


def _label(line: str) -> tuple[str, str] | None:
    """(the label, lower case, and the value) of a line that starts with one."""
    # (The label is looked for in the line's start; the value is the rest, whole.)
    match = _LABEL.match(line[:200]) if ":" in line[:200] else None
    return (label_key(match.group(1)), line[match.start(2) :]) if match else None


def label_key(label: str) -> str:
    """A label as FIELDS knows it: lower case, `_` and `-` as spaces (`published_date`,
    `Published-Date`), without a heading's emoji before it (`📄 Abstract`)."""
    return " ".join(_SYMBOLS.sub("", label).lower().replace("_", " ").replace("-", " ").split())


def _section_field(key: str) -> str | None:
    """The field a section's heading names, if any; `Abstract (원문)` is the abstract."""
    return FIELDS.get(key) or FIELDS.get(_GLOSS.sub("", key))


_SYMBOLS = re.compile(r"^[^\w(]+")
_GLOSS = re.compile(r"\s*\([^()]*\)$")  # (a label's words in brackets after it)


def _as_field(line: str) -> str:
    """A table's row of a label and a value as a labelled line (`| **Paper** | x |`
    is `Paper: x`), its rule as a blank line; any other line as it is."""
    if _TABLE_RULE.match(line):
        return ""
    row = _FIELD_ROW.match(line)
    if not row:
        return line
    label, value = row.groups()
    return f"{label.strip(_CELL_EDGES)}: {value.strip()}"


def _known(label: str) -> bool:
    return label in FIELDS or label in OTHER_LABELS


def _start_label(lines: list[str]) -> str:
    """The label a record starts with: `title`, or the first of the known labels
    that come just before the first `Title:` (`ID:` in `ID:`, `Title:`, ...)."""
    run_start = None  # the first label of the run of labelled lines so far
    for line in lines:
        found = _label(line)
        if found and FIELDS.get(found[0]) == "title":
            return run_start or found[0]
        run_start = (run_start or found[0]) if found and _known(found[0]) else None
    return "title"


def _records_level(lines: list[str], noted: _Record | None) -> int:
    """The level of the headings that are records' (`##`: 2): that of the first
    heading with a paper's link or arXiv id under it, before the next heading; in a
    note on one paper (`noted`), another paper's (its own are under its sections)."""
    level = 0
    own = noted.arxiv_id() if noted else None
    for line in lines:
        heading = _HEADING.match(line) if len(line) <= MAX_TITLE_CHARS + 20 else None
        if heading:
            level = len(heading.group(1))
        found = _ANY_PAPER.search(line) if level else None
        if found and not (own and own in found.groups()):
            return level
    return 1


def _plain(value: str, urls: list[str]) -> str:
    """A value without Markdown's images, links and bold (the links' addresses kept
    in `urls`), and a notebook's links to its own notes (`[[Ada Lovelace]]`, `[[ada|Ada
    Lovelace]]`) as their text: an image is no text (a heading's thumbnail read
    `!thumb Title`)."""

    def link(match: re.Match) -> str:
        urls.append(match.group(2))
        return match.group(1)

    if "[[" in value:
        value = _NOTE_LINK.sub(lambda m: m.group(2) or m.group(1), value)
    value = MARKDOWN_LINK.sub(link, _IMAGE.sub(" ", value))
    value = _AUTOLINK.sub(lambda m: urls.append(m.group(1)) or m.group(1), value)
    return " ".join(value.replace("**", "").replace("__", "").split())


def _records(lines: list[str], first: int, noted: _Record | None = None) -> list[_Record]:
    """The records of the lines (numbered from `first`), each with its fields; the
    first, `noted`, if the front matter names the paper the text is a note on."""
    records: list[_Record] = [noted] if noted else []
    record: _Record | None = noted
    current: str | None = None  # the field the next unlabelled line goes on with
    start = _start_label(lines)
    levels = _records_level(lines, noted)
    # (A note untitled in its front matter takes its first heading for the paper's title,
    # and the text under its title for the abstract, only if it is about that paper alone.)
    alone = bool(noted) and _links_only(lines, noted.arxiv_id())
    under = 0  # a heading's record: 1 before its first line, 2 after it linked the paper
    for number, line in enumerate(lines, first):
        if "|" in line:
            line = _as_field(line)
        elif line[:6].lower() == "arxiv:" and (text := without_announcement(line)) != line:
            line = f"Abstract: {text}"  # (arXiv's feed's announcement labels the abstract)
        # (Long lines are text, never headings.)
        heading = _HEADING.match(line) if len(line) <= MAX_TITLE_CHARS + 20 else None
        if _TAGS_ONLY.match(line):
            current = None
            continue
        if heading or _RULE.match(line):
            if record and under == 2:
                record.note = True
            current, under = None, 0
            if heading and heading.group(2):
                urls: list[str] = []
                text = _plain(heading.group(2), urls)
                level = len(heading.group(1))
                key = label_key(text.rstrip(":"))
                name = _section_field(key)
                if record and name and name != "title":  # (`### Abstract` over its text)
                    current = _section(record, name, key)
                elif noted and (
                    _same(text, noted.title)
                    or (level >= levels and alone and _untitled(noted, record, key))
                ):
                    # (The note's heading: its title, again or at last, never a digest's
                    # own heading above its papers'; the text right under it may be the
                    # abstract, as a script's notes write it.)
                    noted.title = noted.title or _NUMBERED.sub("", text)
                    record, under, current = noted, 1, "lead" if alone else None
                    record.urls += urls
                elif level < levels:  # (the page's heading, over the records)
                    record = None
                elif level == levels or record is None:  # (deeper: a section of the record)
                    title = _NUMBERED.sub("", text)
                    record = _Record(title, number, labelled=False, urls=urls)
                    records.append(record)
                    under = 1
            continue
        found = _label(line)
        if under == 1 and line.strip():
            # (The first lines under a heading: a note's links, or labelled lines, one
            # of them its link, as in a table of fields; any other text is no note's.)
            if record and not found and _ANY_PAPER.search(line):
                under = 2
                _plain(line, record.urls)
                continue
            if not (found or _ANY_LABEL.match(line)):
                under = 0
        elif under == 2 and line.strip() and not (found or _ANY_LABEL.match(line)):
            # (Labelled lines, in any language, and their indented continuations may
            # follow a note's links; a line of text may be its abstract, not labelled.)
            under = 2 if line[:1] in " \t" else 0
        name = FIELDS.get(found[0]) if found else None
        # (In an abstract, `Results: we show ...` is text; elsewhere an unknown label
        # ends the field before it.)
        if found and not name and not _known(found[0]) and current in ("abstract", "ai_summary"):
            found = None
        if found is None:
            if current and _ANY_LABEL.match(line):
                current = None  # (`- **概述**: ...`, a field of another script's)
            if record is None or not current:
                continue
            if not line.strip():
                if current in ("title", "authors", "keywords") and record.fields.get(current):
                    current = None  # (lists and titles end at a blank line; abstracts go on)
                continue
            value = _plain(line.strip().lstrip("-*+ ").strip(), record.urls)
            if current == "title":  # (a title wrapped over two lines)
                record.title = f"{record.title} {value}"
            else:
                record.add(current, value)
            continue
        label, value = found
        if label == start or (name == "title" and (record is None or record.title)):
            record = _Record("", number, labelled=True)
            records.append(record)
        if record is None or not name:
            current = None
            continue
        value = _plain(value, record.urls)
        if name == "abstract" and _URL_ONLY.match(value):  # (`Abstract: <its arXiv page>`)
            name = "link"
        if name == "title":
            record.title = value
        elif not _STRUCTURE.match(value):
            record.add(name, value)
        current = name
        if under == 1 and name == "link" and record.arxiv_id():
            under = 2
    if record and under == 2:
        record.note = True
    return records


def _section(record: _Record, name: str, heading: str) -> str | None:
    """The field a section of a record's goes on (`## Abstract`), or None: a second
    section of a field is the reader's own (a note's `## Summary` after its
    `## Abstract`), unless it is named for the field and the first was not."""
    first = record.sections.setdefault(name, heading)
    if first == heading:
        return name
    if heading == name:  # (`## Abstract` after `## Summary`: the abstract is this one)
        record.sections[name] = heading
        record.fields.pop(name, None)
        return name
    return None


def _same(text: str, title: str) -> bool:
    return text.casefold() == " ".join(title.casefold().split())


def _untitled(noted: _Record, record: _Record | None, key: str) -> bool:
    """Whether a heading (its label key) is the title of a note whose front matter
    has none: its first heading, unless a section's (`# Notes`)."""
    return not noted.title and record is noted and not _known(key)


def _links_only(lines: list[str], own: str | None) -> bool:
    """Whether the lines link no paper but `own` (a note on it, not a roundup of
    several under a heading of its own)."""
    return all(own in found.groups() for line in lines for found in _ANY_PAPER.finditer(line))


def labelled_records(text: str) -> list[_Record]:
    """The text's records of labelled fields (see surely_records)."""
    if "itle" not in text and "#" not in text:
        return []
    return _records(*_body(text), _front_matter_record(text))


def _front_matter_record(text: str) -> _Record | None:
    """A note's front matter as its paper's record, if it names its paper's link
    (`url:`, `link:`, `arxiv_id:`...), its keys read as labels; its title, if the
    front matter has none, is the note's first heading."""
    block = front_matter(text) if text.startswith("---") else None
    if not block:
        return None
    try:
        data = yaml.load("\n".join(block), Loader=_LOADER)
    except (yaml.YAMLError, RecursionError):  # (libyaml's absence: nesting recurses)
        return None  # (a page's block that is no YAML: no record of it)
    if not isinstance(data, dict):
        return None
    record = _Record("", 1, labelled=True)
    for key, value in data.items():
        name = FIELDS.get(label_key(str(key)))
        values = [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
        if name == "title" and values:
            record.title = values[0]
        elif name and values:
            record.fields.setdefault(name, []).extend(values)
            record.fronted.add(name)
    return record if record.arxiv_id() else None


# Every value a string, as written: `arxiv_id: 2605.12340` is no number (as a float it
# read `2605.1234`, another paper).
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def surely_records(records: list[_Record]) -> bool:
    """Whether the records are surely a text's papers: one at least with a labelled
    title and an abstract or its paper's link, or with a heading, a link to its
    paper and an abstract (or a note's). Else other readers go first, and the
    headings that link papers are read as papers only if they find none."""
    return any(map(_surely_a_paper, records))


def _surely_a_paper(record: _Record) -> bool:
    """A labelled title with an abstract or the paper's link; a heading with its
    paper's link and an abstract, or a note's."""
    if record.labelled:
        return record.has_paper()
    return bool(record.arxiv_id() and (record.text("abstract") or record.note))


def _body(text: str) -> tuple[list[str], int]:
    """The lines after a front matter block (its `title:` is the page's), and the
    first one's number."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    block = front_matter(text)
    skipped = len(block) + 2 if block else 0
    return lines[skipped:], skipped + 1


def _names(values: list[str], split: re.Pattern = _AUTHOR_SPLIT) -> tuple[str, ...]:
    """The names in a field's values (`A, B and C`; keywords split at commas only)."""
    # (Spaces collapsed first: over a run of them these patterns tried every split.)
    text = _ET_AL.sub("", " ".join(", ".join(values).split()))
    names = split.split(text)
    return tuple(n for n in names if 0 < len(n) <= MAX_NAME_CHARS)[:MAX_LIST]


def _other_script_share(text: str) -> float:
    """The share of the text's letters that are not Latin (CJK, Cyrillic...)."""
    letters = [c for c in text[:400] if c.isalpha()]
    return sum(c > "\u024f" for c in letters) / len(letters) if letters else 0.0


def _east_asian_share(title: str) -> float:
    """The share of a title's letters in Han, kana or Hangul: a title much in them is
    no arXiv title (arXiv's are in English, a word in another script at most) but a
    reader's translation, or the title of a note on the paper (`... 핵심 참고문헌`)."""
    letters = [c for c in title if c.isalpha()]
    return len(_EAST_ASIAN.findall(title)) / len(letters) if letters else 0.0


_EAST_ASIAN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _translated(value: str | None, title: str) -> bool:
    """Whether a value is in another script than the paper's title (mostly not
    Latin where the title is): a report's translation, not the paper's text."""
    return bool(value) and _other_script_share(value) > 0.5 >= _other_script_share(title)


def _date(text: str) -> dt.date | None:
    """The day a value starts with (`2026-11-09 17:42:10+00:00`), if there is one."""
    match = _DATE.match(text)
    try:
        return dt.date.fromisoformat(match.group(1)) if match else None
    except ValueError:  # (no such day)
        return None


def _lead(record: _Record) -> list[str]:
    """The text right under a note's title heading, as its abstract: a paragraph of
    an abstract's length, not a line of the reader's."""
    lines = record.fields.get("lead", [])
    return lines if sum(len(line.split()) for line in lines) >= _LEAD_WORDS else []


_LEAD_WORDS = 30


def _number(text: str) -> int | None:
    match = _COUNT.match(text)
    return int(match.group(1).replace(",", "")) if match else None


def parse_labelled(
    records: list[_Record], file: str, captured: dt.date | None, topics_of: TopicsOf | None = None
) -> DumpResult:
    """The papers of a text's records of labelled fields (labelled_records)."""
    result = DumpResult(file=file, captured=captured)
    seen: set[str] = set()
    retitled: list[_Record] = []  # records titled in a script arXiv's titles are not in
    for record in records:
        title = " ".join(record.title.strip("\"' ").split())
        if _east_asian_share(title) >= 0.15 and record.arxiv_id():
            retitled.append(record)
            continue
        # (A heading is a paper's only if it links it, as a digest's card must.)
        if not record.has_paper() or not (record.labelled or record.arxiv_id()):
            if record.labelled and title:  # (else no paper: a script's header, say)
                said = f"expected an abstract or the paper's link under the title {title[:60]!r}"
                result.problems.append(Problem(file, record.line, said))
            continue
        if not title or len(title) > MAX_TITLE_CHARS:
            said = f"expected a title (`Title:`) of at most {MAX_TITLE_CHARS} characters"
            result.problems.append(Problem(file, record.line, said))
            continue
        abstract = unwrap("\n".join(record.fields.get("abstract") or _lead(record)))
        abstract = "" if _NONE.match(abstract.strip()) else " ".join(abstract.split())
        ai_summary = record.text("ai_summary") or None
        # (A report may give a paper's text in its readers' language: a translation.)
        abstract = "" if _translated(abstract, title) else abstract
        ai_summary = None if _translated(ai_summary, title) else ai_summary
        keywords = _names(record.fields.get("keywords", []), _LIST_SPLIT)
        keywords = () if _translated(" ".join(keywords), title) else keywords
        body = abstract or ai_summary or ""
        too_long = abstract_too_long(body)
        if too_long:
            result.problems.append(Problem(file, record.line, too_long))
            continue
        arxiv_id = record.arxiv_id()
        key = arxiv_id or title.casefold()
        if key in seen:
            continue  # (a script that lists a paper twice)
        seen.add(key)
        project = next(iter(find_urls(record.text("project"))[1]), None)
        fields = record.fields
        code, links = find_urls(
            " ".join([*record.urls, *fields.get("link", ()), *fields.get("code", ()), body])
        )
        code = tuple(u for u in code if is_code_url(u) and "huggingface.co/" not in u)
        links = tuple(u for u in links if u != project and not paper_id(u))
        starred = _STARS.match(record.text("stars"))
        authors = _names(record.fields.get("authors", []))
        organization = record.text("organization")
        result.papers.append(
            text_record(
                file,
                record.line,
                captured,
                title,
                body,
                topics_of,
                ai_summary=ai_summary,
                arxiv_id=arxiv_id,
                authors=authors,
                authors_count=len(authors) or None,
                published=_date(record.text("published")),
                upvotes=_number(record.text("upvotes")),
                code=code,
                links=links,
                project_page=project,
                github_stars=stars(*starred.groups()) if starred and code else None,
                organization=organization if 0 < len(organization) <= MAX_NAME_CHARS else None,
                keywords=tuple(dict.fromkeys(keywords)),
            )
        )
    result.notes += no_abstract(file, result.papers, "with no abstract in the records")
    if retitled:
        said = f"{len(retitled)} paper(s) not read, titled in another script than arXiv's "
        said += "(a translation, or a note's own title): each is taken from other dumps only"
        result.notes.append(Problem(file, retitled[0].line, said))
    if not result.papers and not result.problems and not retitled:
        said = "no papers found: expected records of labelled fields (`Title:`, `Abstract:`)"
        result.problems.append(Problem(file, 1, said))
    return result
