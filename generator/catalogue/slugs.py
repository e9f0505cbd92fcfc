"""Title keys (which titles are the same paper) and page slugs (stable URLs)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_SLUG = 80
_HASH_LEN = 8
_NON_WORD_RE = re.compile(r"[\W_]+")


def title_key(title: str) -> str:
    """Titles that differ only in Unicode form, case, spacing or punctuation match."""
    folded = unicodedata.normalize("NFKC", title).casefold()
    # A title of punctuation alone keeps its punctuation rather than matching every other.
    return _NON_WORD_RE.sub(" ", folded).strip() or " ".join(folded.split())


def slug_for(title: str) -> str:
    """ASCII, lowercase, at most 80 characters, and a function of the title alone.

    A plain ASCII key maps one-to-one onto its slug, so those need no suffix.
    Any other key (accents dropped, non-Latin script, or too long) loses
    information on the way to ASCII, so it gets a hash of the full key: the
    URL never depends on which other papers exist, so adding dumps moves nothing.
    """
    key = title_key(title)
    plain = key.replace(" ", "-")
    if plain and plain.isascii() and len(plain) <= MAX_SLUG:
        return plain
    ascii_key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    stem = _NON_WORD_RE.sub("-", ascii_key).strip("-")[: MAX_SLUG - _HASH_LEN - 1].rstrip("-")
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:_HASH_LEN]
    return f"{stem}-{digest}" if stem else f"paper-{digest}"
