"""Digests that scripts write from Hugging Face's paper lists -> paper records.

Many groups keep the Markdown digest a script writes each day from the daily or
trending list (and commit it), rather than the page itself. Two shapes are common:

- a card per paper: its title in bold, linking the paper's page
  (`**[Title](https://huggingface.co/papers/<id>)**`, wrapped over two lines
  by some); an italic byline (`*A, B, C et al. (7 authors)*`);
  `🏢 <organisation>`; Hugging Face's one-sentence summary (else the abstract,
  whole: the script writes the API's `ai_summary`, else its `summary`); the counts
  (`▲ 16 • 💬 2 • ⭐ 2,171 • 16d ago`: upvotes, comments, the code's stars,
  age); links (arXiv, code, project); `---` between cards. Other sections of
  the same digest list models or repositories: they link no paper, and are
  no cards;
- a folded card per paper (`<details>`): `<summary><b>1. Title</b> ⭐ 23</summary>`
  (the code's stars), labelled lines (`**👥 Authors:** ...`, `**🔗 Links:**`
  with the paper's page and arXiv, `**💻 Code:**`), then a quote (`> ...`) cut
  short (`...`), or `No abstract available.` The script's names are not what
  they seem. Its "authors" are the avatars of the paper's card on the daily
  list: accounts' names, some of them user names (`Peter2023HuggingFace`), in
  the reverse of the paper's order (`Yifei Shi, Peter2023HuggingFace` for a
  paper by Zheyuan Hu and Yifei Shi). Its "abstract" is the first text block of
  the paper's page, most often a comment: an author's greeting, a line of
  links, a bot's list of similar papers. So neither is taken (a note counts
  them); an abstract the digest labels (`**Abstract:**`) is.

A card is read only if it links its paper (its Hugging Face page, or arXiv),
and only what it gives is kept: a cut abstract stays cut (a note says how many;
a whole one from another dump replaces it: catalogue/merge.py), a byline's
first authors are not all of them (the count says how many), and the age of a
card (`16d ago`) dates nothing. A link to a code host's account rather than a
repository (`github.com/huggingface`, which some digests give every paper) is
no code.
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import NO_PAPERS, DumpResult, Problem
from .limits import MAX_LIST, MAX_NAME_CHARS, MAX_TITLE_CHARS, abstract_too_long, no_abstract
from .links import MARKDOWN_LINK, find_urls, is_code_url, paper_id, stars
from .text_dump import TopicsOf, text_record

# A card's title: a bold link on a line of its own (the link's text may wrap), or a
# folded card's summary line.
_BOLD_TITLE = re.compile(
    r"^\*\*\[(?P<title>[^\[\]]+?)\]\((?P<url>https?://[^\s()]+)\)\*\*[ \t]*$", re.MULTILINE
)
_SUMMARY = re.compile(r"^[ \t]*<summary>(?P<summary>.*?)</summary>[ \t]*$", re.MULTILINE)
_TAG = re.compile(r"<[^<>]*>")
_NUMBERED = re.compile(r"^\d{1,4}\.\s+")
_CARD_END = re.compile(r"^(?:-{3,}|\*{3,}|_{3,}|</details>|#{1,6}\s.*)$")
_LABELLED = re.compile(r"^\*\*([^*:]{1,60}):\s*\*\*\s*(.*)$")  # `**👥 Authors:** ...`
_BYLINE = re.compile(
    r"^\*(?!\*)(?P<names>.+?)(?:,?\s+et\s+al\.?)?"
    r"(?:\s*\((?P<count>\d[\d,]{0,20})\s+authors?\))?\*$"
)
MAX_BYLINE_CHARS = 2_000  # (a byline names the first few authors)
_ITALIC_LINE = re.compile(r"^\*(?!\*).+\*$", re.MULTILINE)
_ORGANISATION = re.compile(r"^🏢\s*(.+)$")
_UPVOTES = re.compile(r"▲\s*(\d[\d,]{0,20})")
_COMMENTS = re.compile(r"💬\s*(\d[\d,]{0,20})")
_STARS = re.compile(r"⭐\s*(\d[\d.,]{0,20})\s*([kKmM]?)\b")
_CUT = re.compile(r"(?:\.\.\.|…)$")
_NO_ABSTRACT = re.compile(r"^no abstract(?: available)?\.?$", re.IGNORECASE)
_WORD = re.compile(r"\w")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_HEADER_DATE = re.compile(r"^#.*?\b(\d{4}-\d{2}-\d{2})\b")


def looks_like_digest(text: str) -> bool:
    """Whether the text is a script's digest of one of the two shapes: a bold title
    linking a paper with its counts (`▲`) or byline after it, or a folded card
    that links one."""
    for match in _BOLD_TITLE.finditer(text):
        if paper_id(match.group("url")):
            after = text[match.end() : match.end() + 600]
            if "▲" in after or _ITALIC_LINE.search(after):
                return True
    return "<details>" in text and any(
        paper_id(url) for _, url in MARKDOWN_LINK.findall(_folded_cards_text(text))
    )


def _folded_cards_text(text: str) -> str:
    start = text.find("<summary>")
    return text[start : start + 4000] if start >= 0 else ""


def _count(text: str) -> int:
    return int(text.replace(",", ""))


class _Card:
    """One card's title and lines, read into a paper's fields."""

    def __init__(self, title: str, line: int, head_urls: list[str], lines: list[str], folded: bool):
        self.title = " ".join(title.split())
        self.folded = folded
        self.avatars = False  # (a folded card's `Authors:`: see above)
        self.line = line
        self.arxiv_id = next(filter(None, map(paper_id, head_urls)), None)
        self.authors: tuple[str, ...] = ()
        self.authors_count: int | None = None
        self.organization: str | None = None
        self.upvotes: int | None = None
        self.comments: int | None = None
        self.stars: int | None = None
        self.code: list[str] = []
        self.project: str | None = None
        self.quoted: list[str] = []
        self.abstract = ""  # as labelled
        self.paragraphs: list[str] = []
        self._read(lines)

    def _read(self, lines: list[str]) -> None:
        paragraph: list[str] = []
        quoting = False
        for raw in [*lines, ""]:
            line = raw.strip()
            if not line:
                if paragraph:
                    self._paragraph(" ".join(paragraph))
                    paragraph = []
                quoting = False
                continue
            # (A quote goes on over the lines after it up to a blank one, `>` or not:
            # Markdown's lazy continuation, as a quoted BibTeX entry runs on.)
            if line.startswith(">") or quoting:
                self.quoted.append(line.lstrip("> ").strip())
                quoting = True
                continue
            paragraph.append(line)

    def _paragraph(self, text: str) -> None:
        # (Spaces collapsed: a run of them, or a long line, must not make a pattern
        # try every split of it. A flood of 8,000 characters took 0.7 s, growing
        # with its square.)
        text = " ".join(text.split())
        links = MARKDOWN_LINK.findall(text)
        for label, url in links:
            found = paper_id(url)
            if found and self.arxiv_id is None:
                self.arxiv_id = found
            elif is_code_url(url) and "huggingface.co/" not in url:
                self.code.append(url.rstrip("/"))
            elif not found and label.strip().lower().endswith("project"):
                self.project = self.project or url
        labelled = _LABELLED.match(text)
        if labelled:
            label = [w.lower() for w in re.findall(r"\w+", labelled.group(1))][-1:]
            if label in (["authors"], ["author"]) and self.folded:
                self.avatars = True
            elif label in (["authors"], ["author"]) and not self.authors:
                self.authors = _names(labelled.group(2))
            elif label == ["abstract"] and not self.abstract:
                self.abstract = labelled.group(2).strip()
            return
        byline = _BYLINE.match(text) if len(text) <= MAX_BYLINE_CHARS else None
        if byline and not links and not self.authors:
            self.authors = _names(byline.group("names"))
            if byline.group("count"):
                self.authors_count = _count(byline.group("count"))
            return
        organisation = _ORGANISATION.match(text)
        if organisation and self.organization is None:
            name = organisation.group(1).strip()
            self.organization = name if len(name) <= MAX_NAME_CHARS else None
            return
        if "▲" in text or "💬" in text:
            upvotes, comments, starred = (p.search(text) for p in (_UPVOTES, _COMMENTS, _STARS))
            self.upvotes = _count(upvotes.group(1)) if upvotes else self.upvotes
            self.comments = _count(comments.group(1)) if comments else self.comments
            self.stars = stars(*starred.groups()) if starred else self.stars
            return
        if links or text.startswith(("`", "!", "<")) or not _WORD.search(text):
            # (Links, a parameter count, an image, markup; `**`, the byline of a
            # paper with no authors: no text of the paper.)
            return
        self.paragraphs.append(text)

    def text(self) -> str:
        """The card's abstract (labelled), else its text: Hugging Face's summary, or
        the abstract where the paper has none (whole, in as many paragraphs as it
        has); what it quotes is not taken (see above)."""
        text = self.abstract or " ".join(self.paragraphs)
        return "" if _NO_ABSTRACT.match(text) else text

    def quotes_page_text(self) -> bool:
        """Whether the card quotes text of the paper's page (not `No abstract available.`)."""
        quoted = " ".join(" ".join(self.quoted).split())
        return bool(quoted) and not _NO_ABSTRACT.match(quoted)


def _names(text: str) -> tuple[str, ...]:
    names = [" ".join(n.split()) for n in re.split(r",\s*", text.strip().strip("*"))]
    return tuple(n for n in names if 0 < len(n) <= MAX_NAME_CHARS)[:MAX_LIST]


def _cards(text: str) -> list[_Card]:
    """Every card of the digest, in order, each with its lines up to its end."""
    # (Each card's start, the end of its title, title, links in the title, stars;
    # a folded card has no links in its title.)
    heads: list[tuple[int, int, str, list[str], int | None]] = []
    for match in _BOLD_TITLE.finditer(text):
        heads.append((match.start(), match.end(), match.group("title"), [match.group("url")], None))
    for match in _SUMMARY.finditer(text):
        bold, _, rest = match.group("summary").partition("</b>")
        title = _NUMBERED.sub("", " ".join(_TAG.sub(" ", bold).split()))
        starred = _STARS.search(_TAG.sub(" ", rest))
        heads.append((match.start(), match.end(), title, [], starred and stars(*starred.groups())))
    heads.sort()
    cards, line, counted = [], 1, 0
    for number, (start, title_end, title, urls, card_stars) in enumerate(heads):
        end = heads[number + 1][0] if number + 1 < len(heads) else len(text)
        line, counted = line + text.count("\n", counted, start), start
        lines = text[title_end:end].split("\n")
        cut = next((k for k, row in enumerate(lines) if k and _CARD_END.match(row.strip())), None)
        card = _Card(title, line, urls, lines[:cut], folded=not urls)
        card.stars = card.stars if card_stars is None else card_stars
        cards.append(card)
    return cards


def _stated_date(text: str) -> dt.date | None:
    """The day a digest's first heading names (`# Morning Glance — 2026-09-14`)."""
    for line in text.split("\n", 40)[:40]:
        if line.startswith("#"):
            match = _HEADER_DATE.match(line)
            try:
                return dt.date.fromisoformat(match.group(1)) if match else None
            except ValueError:
                return None
    return None


def parse_digest(
    text: str, file: str, captured: dt.date | None, topics_of: TopicsOf | None = None
) -> DumpResult:
    """Read a script's digest of Hugging Face's list (the text decoded)."""
    stated = None if captured else _stated_date(text)
    result = DumpResult(file=file, captured=captured or stated)
    if stated:
        result.notes.append(
            Problem(file, 0, f"captured on {stated.isoformat()}, as the digest's heading says")
        )
    captured, cut, quoted, avatars, seen = result.captured, 0, 0, 0, set()
    for card in _cards(text):
        if card.arxiv_id is None:
            continue  # (a model's or a repository's card: no paper)
        if card.arxiv_id in seen:
            continue  # (some digests list a paper in two sections)
        seen.add(card.arxiv_id)
        title, body = card.title, card.text()
        if not title or len(title) > MAX_TITLE_CHARS:
            said = f"expected a title of at most {MAX_TITLE_CHARS} characters"
            result.problems.append(Problem(file, card.line, said))
            continue
        too_long = abstract_too_long(body)
        if too_long:
            result.problems.append(Problem(file, card.line, too_long))
            continue
        cut += bool(_CUT.search(body))
        quoted += card.quotes_page_text() and not card.abstract
        avatars += card.avatars
        # (An unlabelled sentence is Hugging Face's summary.)
        summary = bool(body) and not card.abstract and len(_SENTENCE_END.findall(body)) <= 1
        code, links = find_urls(body)
        code = tuple(dict.fromkeys((*card.code, *code)))
        result.papers.append(
            text_record(
                file,
                card.line,
                captured,
                title,
                body,
                topics_of,
                ai_summary=body if summary else None,
                arxiv_id=card.arxiv_id,
                authors=card.authors,
                authors_count=card.authors_count,
                organization=card.organization,
                upvotes=card.upvotes,
                comments=card.comments,
                code=code,
                links=links,
                github_stars=card.stars if code else None,
                project_page=card.project,
            )
        )
    # (Notes, not problems: no edit of the digest could make its abstracts whole.)
    if cut:
        said = f"{cut} abstract(s) cut short by the digest (`...`), kept so: a whole one"
        result.notes.append(Problem(file, 0, said + " from another dump replaces each"))
    if avatars:
        said = f"{avatars} paper(s)' `Authors:` not taken as their authors: the digest lists"
        said += " the avatars of each paper's card, user names among them, in reverse order"
        result.notes.append(Problem(file, 0, said))
    if quoted:
        said = f"{quoted} quote(s) of the papers' Hugging Face pages not taken as abstracts:"
        said += " the digest quotes each page's first text, most often a comment"
        result.notes.append(Problem(file, 0, said))
    result.notes += no_abstract(file, result.papers, "with no abstract in the digest")
    if not result.papers and not result.problems:
        result.problems.append(
            Problem(file, 1, f"{NO_PAPERS}: expected cards linking Hugging Face paper pages")
        )
    return result
