"""The Jinja templates of a paper page's body and of a paper in a list.

A site overrides them as it overrides Material's templates: its own
`catalogue/paper_body.html` or `catalogue/paper_card.html` in the theme's
`custom_dir` is used instead of the generator's (generator/templates/).
Autoescaping is on: every value from a dump is escaped by the template, not
by remembering to at each f-string.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2

from ..model import InputError, Problem

OWN = Path(__file__).resolve().parent.parent / "templates"
PAPER_BODY = "catalogue/paper_body.html"
PAPER_CARD = "catalogue/paper_card.html"


class _Environment(jinja2.Environment):
    def getattr(self, obj, attribute):
        """`part.href` of a dict: looked up in the dict first. (Jinja tries the
        attribute first and pays for an AttributeError each time: a paper page's
        values are dicts, and that was 55 of the 400 µs a page took.)"""
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


class Templates:
    """The templates a build renders with, a site's own first."""

    def __init__(self, custom: Path | None = None):
        folders = [str(custom)] if custom is not None and custom.is_dir() else []
        env = _Environment(
            loader=jinja2.FileSystemLoader([*folders, str(OWN)]),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,  # (a misspelt name is an error, not "")
        )
        digest = hashlib.sha1()
        try:
            self.paper_body = env.get_template(PAPER_BODY)
            self.paper_card = env.get_template(PAPER_CARD)
        except jinja2.TemplateSyntaxError as exc:
            where = exc.filename or exc.name or "?"
            raise InputError([Problem(where, exc.lineno, exc.message or "")]) from None
        for template in (self.paper_body, self.paper_card):
            digest.update(Path(template.filename).read_bytes())
        # What a page made with them depends on: a changed template remakes the pages.
        self.digest = digest.hexdigest()


def rendered(template: jinja2.Template, name: str, **context) -> str:
    """The template's output without blank lines (a blank line would end the raw
    HTML block Markdown leaves alone); an error in it is one line naming it."""
    try:
        out = template.render(**context)
    except Exception as exc:  # (a site's template can fail in any way a Python expression can)
        message = f"{type(exc).__name__}: {exc} (rendering {name})"
        raise TemplateFailed(template.filename, message) from None
    return "\n".join(line for line in out.split("\n") if line.strip())


class TemplateFailed(Exception):
    """A template that cannot render a page: its file, and what failed where."""

    def __init__(self, template: str, message: str):
        super().__init__(f"{template}: {message}")
        self.template, self.message = template, message
