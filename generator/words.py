"""A text's words, as the regex `\\w+` finds them, found faster on ASCII text."""

from __future__ import annotations

import re

NON_WORD = re.compile(r"\W+")
# The codes of the ASCII word characters (re.ASCII's \w).
ASCII_WORD_CODES = frozenset(c for c in range(128) if re.match(r"\w", chr(c), re.ASCII))
# Every other ASCII character -> a space: then str.split finds the words, in a
# fraction of the regex's time.
ASCII_NON_WORD = str.maketrans({chr(c): " " for c in range(128) if c not in ASCII_WORD_CODES})


def words(text: str) -> list[str]:
    """The runs of word characters in `text`, in order."""
    if text.isascii():  # (on ASCII text, \w is re.ASCII's \w)
        return text.translate(ASCII_NON_WORD).split()
    return [word for word in NON_WORD.split(text) if word]
