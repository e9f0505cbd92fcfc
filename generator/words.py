"""A text's words, as the regex `\\w+` finds them, found faster on ASCII text."""

from __future__ import annotations

import re

NON_WORD = re.compile(r"\W+")
# Every ASCII character that is not a word character (re.ASCII's \w) -> a space:
# then str.split finds the words, in a fraction of the regex's time.
ASCII_NON_WORD = str.maketrans(
    {c: " " for c in map(chr, range(128)) if not re.match(r"\w", c, re.ASCII)}
)


def words(text: str) -> list[str]:
    """The runs of word characters in `text`, in order."""
    if text.isascii():  # (on ASCII text, \w is re.ASCII's \w)
        return text.translate(ASCII_NON_WORD).split()
    return [word for word in NON_WORD.split(text) if word]
