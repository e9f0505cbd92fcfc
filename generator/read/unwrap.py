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

_HYPHEN_BREAK = re.compile(r"-[ \t]*\r?\n[ \t]*")
# A URL reaching the end of a line, the break, and the next line's first word.
_URL_BREAK = re.compile(r"(https?://[^\s<>\"'`{}\\]*)[ \t]*\r?\n[ \t]*(?=(\S+))", re.IGNORECASE)
_PATH_WORD = re.compile(r"^[\w.~%-]*[/_.][\w./~%?=&#-]*[\w/]")
_CUT = frozenset("-_=&?#%~")  # no address ends with these


def _url_break(match: re.Match) -> str:
    url, following = match.group(1), match.group(2)
    if url[-1] in _CUT or (url[-1] == "/" and _PATH_WORD.match(following)):
        return url
    return url + " "


def _join_hyphens(text: str) -> str:
    """`high-\\nresolution` as `high-resolution`: a hyphen at a line's end between letters.
    (Split at the hyphen, then look at the letters: a regex starting with a
    look-behind scanned every character, five times slower.)"""
    parts = _HYPHEN_BREAK.split(text)
    joined = parts[0]
    for part in parts[1:]:
        joined += ("-" if joined[-1:].isalpha() and part[:1].isalpha() else "-\n") + part
    return joined


def unwrap(text: str) -> str:
    """`text` with its line breaks as spaces, or as nothing where a word or URL was cut."""
    if "\n" not in text and "\r" not in text:
        return text
    # (Each checked for first: most abstracts have neither, and a regex's scan costs.)
    if "-\n" in text or "-\r" in text or "- \n" in text:
        text = _join_hyphens(text)
    if "://" in text:
        text = _URL_BREAK.sub(_url_break, text)
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
