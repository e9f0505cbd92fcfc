"""Pages saved as web archives -> the page's HTML, read as a page saved as HTML is.

A browser's "save as one file": Chrome's and Edge's "Webpage, Single File"
(`.mhtml`, `.mht`: a MIME message, the page's HTML one quoted-printable part among
its styles and images) and Safari's "Web Archive" (`.webarchive`: a property list,
the page's HTML its main resource). The HTML is taken out by the standard
library's own parsers (email, plistlib) and read by html_page.py; nothing else in
the archive is read. The day Chrome saved the page (its `Date:` header) dates the
capture when the file's name and captures.yml do not, and a note says so. A
problem's line is the archive's first: the page's own lines are not the file's.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
import plistlib
from email.parser import BytesParser

from ..model import DumpResult, Problem
from .html_page import read_html_page
from .text_dump import TopicsOf

MHTML_SUFFIXES = (".mhtml", ".mht")
WEBARCHIVE_SUFFIXES = (".webarchive",)


def parse_mhtml_dump(
    data: bytes, file: str, captured: dt.date | None, topics_of: TopicsOf | None = None
) -> DumpResult:
    """Read a page saved as MHTML: the HTML part's papers."""
    message = BytesParser(policy=email.policy.default).parsebytes(data)
    page = next((part for part in message.walk() if part.get_content_type() == "text/html"), None)
    if page is None:
        said = "no page in the archive: expected MHTML with the page's HTML (text/html)"
        return DumpResult(file, captured, problems=[Problem(file, 1, said)])
    notes = []
    if captured is None and (saved := _saved_on(message.get("Date"))):
        captured = saved
        notes.append(Problem(file, 1, f"captured on {saved.isoformat()}, as the archive says"))
    html = _text(page.get_payload(decode=True) or b"", page.get_content_charset())
    result = _page(read_html_page(html, file, captured, topics_of), file)
    result.notes[:0] = notes
    return result


def parse_webarchive_dump(
    data: bytes, file: str, captured: dt.date | None, topics_of: TopicsOf | None = None
) -> DumpResult:
    """Read a page saved as a Safari Web Archive: its main resource's papers."""
    try:
        archive = plistlib.loads(data)
    except (plistlib.InvalidFileException, ValueError, TypeError, OverflowError, RecursionError):
        said = "not a web archive that can be read: expected Safari's property list"
        return DumpResult(file, captured, problems=[Problem(file, 1, said)])
    main = archive.get("WebMainResource") if isinstance(archive, dict) else None
    body = main.get("WebResourceData") if isinstance(main, dict) else None
    if not isinstance(body, bytes):
        said = "no page in the archive: expected its main resource (WebMainResource)"
        return DumpResult(file, captured, problems=[Problem(file, 1, said)])
    encoding = main.get("WebResourceTextEncodingName")
    html = _text(body, encoding if isinstance(encoding, str) else None)
    return _page(read_html_page(html, file, captured, topics_of), file)


def _text(body: bytes, charset: str | None) -> str:
    """The page's bytes as text, in the charset the archive names (else UTF-8)."""
    try:
        return body.decode(charset or "utf-8", "replace")
    except LookupError:  # (a charset Python does not know)
        return body.decode("utf-8", "replace")


def _saved_on(header: object) -> dt.date | None:
    try:
        return email.utils.parsedate_to_datetime(str(header)).date() if header else None
    except (TypeError, ValueError, OverflowError):
        return None


def _page(result: DumpResult, file: str) -> DumpResult:
    """The page's problems at the archive's first line (its lines are not the file's)."""
    result.problems = [Problem(file, 1, f"its page: {p.message}") for p in result.problems]
    return result
