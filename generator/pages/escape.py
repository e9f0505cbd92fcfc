"""Where text from a dump is made inert, outside the Jinja templates (which
escape every value themselves: templates.py).

In Markdown through `text()`, which turns markup and every character Markdown
or math would act on into HTML entities; in a URL's query through
`query_value()`. Front matter is only written through python-frontmatter
(front_matter.py).
"""

from __future__ import annotations

from urllib.parse import quote_plus

# Characters Python-Markdown (or math, or a table cell) would act on.
_INERT = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]#|$~^"}
_INERT.update(
    {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#39;"}
)
_INERT.update({ord("\n"): " ", ord("\r"): " "})


def text(value: object) -> str:
    """Untrusted text as inert HTML/Markdown: shows every character, means nothing."""
    return str(value).translate(_INERT)


# quote_plus of each ASCII character: an ASCII title is quoted by one translate
# (quote_plus takes a step of Python per character that needs quoting).
_QUERY_ASCII = {c: quote_plus(chr(c)) for c in range(128)}


def query_value(value: str) -> str:
    """`value` as a URL query value: `quote_plus(value)`."""
    return value.translate(_QUERY_ASCII) if value.isascii() else quote_plus(value)
