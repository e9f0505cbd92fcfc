"""Text hard-wrapped at about 80 columns (the API's abstracts and titles) as one line.

A line break is a space, except where the wrap cut a word or an address:
- after a hyphen between letters (`high-\\nresolution` is `high-resolution`:
  arXiv abstracts are wrapped at spaces, so the hyphen is the word's own);
- inside a URL: one that ends the line with a character no address ends with
  (`-`, `_`, `=`, `&`, `?`, `#`, `%`, `~`), or with `/` when the next line goes
  on with a path (a `/`, `_` or `.` in its first word, and no sentence
  punctuation closing it).
"""

from __future__ import annotations

import re

_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n[ \t]*(?=[^\W\d_])")
# A URL reaching the end of a line, the break, and the next line's first word.
_URL_BREAK = re.compile(r"(https?://[^\s<>\"'`{}\\]*?([-_=&?#%~/]))[ \t]*\r?\n[ \t]*(?=(\S+))", re.IGNORECASE)
_PATH_WORD = re.compile(r"^[\w.~%-]*[/_.][\w./~%?=&#-]*[\w/]")


def _url_break(match: re.Match) -> str:
    url, last, following = match.group(1), match.group(2), match.group(3)
    if last == "/" and not _PATH_WORD.match(following):
        return url + " "
    return url


def unwrap(text: str) -> str:
    """`text` with its line breaks as spaces, or as nothing where a word or URL was cut."""
    if "\n" not in text and "\r" not in text:
        return text
    if "-" in text:
        text = _HYPHEN_BREAK.sub("-", text)
    if "://" in text:
        text = _URL_BREAK.sub(_url_break, text)
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
