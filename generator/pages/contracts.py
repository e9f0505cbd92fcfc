"""What generated pages promise the MkDocs side (mkdocs/), written once.

The MkDocs side takes short cuts that are only right for pages made as these
constants say; both sides import them, and tests/test_contracts.py fails when
either side stops keeping them.

- A paper page's body is one raw HTML block, `PAPER_BODY_OPEN` ... `PAPER_BODY_CLOSE`,
  that Python-Markdown would copy through unchanged: so its workers take it
  as it is, without Markdown (mkdocs/paper_pages.py).
- A paper list (topic, date and home pages) is a raw HTML list whose first
  line is `PAPER_LIST_OPEN` and last `PAPER_LIST_CLOSE`, each a line of its
  own, with no line of its own equal to `PAPER_LIST_CLOSE` inside: so it is set
  aside from Markdown by `PAPER_LIST` and put back in its output
  (mkdocs/paper_lists.py).
- Paper pages' whitespace is squeezed outside `<pre>` and `<textarea>`
  elements only (mkdocs/paper_pages.py `squeeze`): a page may hold either.
"""

from __future__ import annotations

import re

PAPER_TEMPLATE = "paper.html"  # overrides/paper.html: the slim page of a paper
PAPER_BODY_OPEN, PAPER_BODY_CLOSE = '<div class="paper">', "</div>"
PAPER_LIST_OPEN, PAPER_LIST_CLOSE = '<ul class="paper-list">', "</ul>"
PAPER_LIST = re.compile(
    rf"^{re.escape(PAPER_LIST_OPEN)}$.*?^{re.escape(PAPER_LIST_CLOSE)}$", re.M | re.S
)


def is_paper_body(body: str) -> bool:
    """Whether `body` (stripped) is a paper page's body as render_paper writes it."""
    return (
        body.startswith(PAPER_BODY_OPEN)
        and body.endswith(PAPER_BODY_CLOSE)
        and body.count(PAPER_BODY_OPEN) == 1
    )
