"""URLs found in abstracts: code repositories apart from other links.

Abstracts come from LaTeX: `\\url{...}` and `\\href{url}{text}` give their URL, and
braces and backslashes end one (`https://github.com/a/b{\\small\\texttt{...}}`
is `https://github.com/a/b`). A URL is kept only with a real host: a name
with a dot (`https://github` and `https://itaychachy` are not addresses), and
a doubled scheme (`http://http://...`) is read as one.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..urls import HANDLE

_URL_RE = re.compile(r"https?://(?:https?://)*([^\s<>\"'`{}\\|^]+)", re.IGNORECASE)
_HOST = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]+)$|^\d{1,3}(?:\.\d{1,3}){3}$"
)
# Sentence punctuation and closing brackets glued to the end of a URL.
_TRAILING = ".,;:!?)]}>'\"*"
_ARXIV_ID = r"(\d{4}\.\d{4,5})(?:v\d+)?"
_PAPER_PAGE = re.compile(
    rf"^https?://(?:www\.)?(?:huggingface\.co/papers/{_ARXIV_ID}/?(?:[?#]\S*)?$"
    rf"|arxiv\.org/(?:abs|pdf|html)/{_ARXIV_ID})"
)
# A Markdown link, `[text](<url>)` (the angle brackets and the spaces inside optional):
# (its text, its address).
MARKDOWN_LINK = re.compile(r"\[([^\[\]]*)\]\(\s*<?(https?://[^\s()<>]+)>?\s*\)")
_HUB_PAGE = re.compile(r"^https?://(?:www\.)?huggingface\.co/([A-Za-z0-9][\w.-]*)/?$")
# Hub pages that are no account's.
_NOT_HANDLES = frozenset(
    {
        "papers",
        "login",
        "join",
        "models",
        "datasets",
        "spaces",
        "docs",
        "blog",
        "pricing",
        "enterprise",
        "posts",
        "settings",
    }
)
_CODE_HOSTS = {"github.com", "www.github.com", "gitlab.com", "www.gitlab.com", "huggingface.co"}


def _trim(url: str) -> str:
    while url and url[-1] in _TRAILING:
        # Keep a closing bracket that closes one opened inside the URL (wiki-style paths).
        closer = url[-1]
        opener = {")": "(", "]": "[", "}": "{"}.get(closer)
        if opener and url.count(opener) >= url.count(closer):
            break
        url = url[:-1]
    return url


def _split(url: str):
    try:
        return urlsplit(url)
    except ValueError:  # e.g. an unbalanced `[` taken for an IPv6 host
        return None


def _real(parts) -> bool:
    return parts is not None and bool(parts.hostname) and bool(_HOST.fullmatch(parts.hostname))


def _code(parts) -> bool:
    path = [p for p in parts.path.split("/") if p]
    return (parts.hostname or "") in _CODE_HOSTS and len(path) >= 2


def has_real_host(url: str) -> bool:
    """Whether the URL names a host with a dot (or an IPv4 address)."""
    return _real(_split(url))


def is_code_url(url: str) -> bool:
    """A repository (or model, dataset, space) page: host plus at least owner/name."""
    parts = _split(url)
    return parts is not None and _code(parts)


def find_urls(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(code, links): every http(s) URL in the text, in order, each once."""
    if "://" not in text:
        return (), ()  # most abstracts: no need for the regex
    code: list[str] = []
    links: list[str] = []
    for match in _URL_RE.finditer(text):
        # (Of a doubled scheme, the last: `http://https://x.org` is https.)
        https = text[match.start(1) - 8 : match.start(1)].lower() == "https://"
        url = _trim(("https://" if https else "http://") + match.group(1))
        parts = _split(url)  # (once: it took most of the time here)
        if not _real(parts):
            continue
        target = code if _code(parts) else links
        if url not in target:
            target.append(url)
    return tuple(code), tuple(links)


def paper_id(url: str) -> str | None:
    """The arXiv id of a paper's own page: on Hugging Face (`/papers/<id>`, a query or
    an anchor after it) or on arXiv (`abs/`, `pdf/`, `html/`); None for any other URL."""
    match = _PAPER_PAGE.match(url)
    return (match.group(1) or match.group(2)) if match else None


def doi_paper_id(doi: str) -> str | None:
    """The arXiv id arXiv's DOI names (`10.48550/arXiv.2611.04001`, or its
    `https://doi.org/` link); None for any other DOI."""
    match = _ARXIV_DOI.match(doi.strip())
    return match.group(1) if match else None


def bare_paper_id(text: str) -> str | None:
    """The arXiv id a value gives alone (`2611.04001`, `arXiv:2611.04001v2`)."""
    match = _BARE_ID.match(text.strip())
    return match.group(1) if match else None


_ARXIV_DOI = re.compile(r"^(?:https?://doi\.org/)?10\.48550/arxiv\.(\d{4}\.\d{4,5})$", re.I)
_BARE_ID = re.compile(r"^(?:arxiv:\s*)?(\d{4}\.\d{4,5})(?:v\d+)?$", re.IGNORECASE)


def hub_handle(url: str) -> str | None:
    """The account (organisation or user) whose Hugging Face page the URL is
    (`https://huggingface.co/<handle>`); None for any other page."""
    hub = _HUB_PAGE.match(url)
    handle = hub.group(1) if hub else None
    if handle and HANDLE.fullmatch(handle) and handle.casefold() not in _NOT_HANDLES:
        return handle
    return None


def stars(number: str, unit: str) -> int | None:
    """A `GitHub 11.3k` button's stars: 11300."""
    try:
        value = float(number.replace(",", ""))
    except ValueError:
        return None
    return round(value * {"": 1, "k": 1_000, "m": 1_000_000}[unit.lower()])
