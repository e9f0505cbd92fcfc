"""Every generated page's path in the docs folder and its URL in the site.

The one place that knows the site's layout (`papers/<id>/`, `topics/<slug>/`,
`topics/<slug>/page/2/`, `dates/<year>-<month>/`, ...). A page is named by its
path under the docs folder, as MkDocs names it (`src_uri`); its URL is
relative to the site root, as MkDocs' `File.url` is, so the site works under
any sub-path. The paper pages' raw HTML and the search entries carry URLs
written by the generator, not by MkDocs: they come from here. They are
directory URLs (MkDocs' `use_directory_urls`, its default), which the plugin
checks (`check_mkdocs`).
"""

from __future__ import annotations

import posixpath
import re

PAPERS, TOPICS, DATES, ORGS, TOP = "papers", "topics", "dates", "orgs", "top"
FEEDS, EXPORTS = "feeds", "exports"
# The folders the generator owns: any other file in them is one of a paper,
# topic or month that no longer exists.
GENERATED_DIRS = (PAPERS, TOPICS, DATES, ORGS, TOP, FEEDS, EXPORTS)
HOME = "index.md"
TOPIC_INDEX = f"{TOPICS}/index.md"
DATE_INDEX = f"{DATES}/index.md"
UNDATED = f"{DATES}/undated.md"
ORG_INDEX = f"{ORGS}/index.md"
TOP_INDEX = f"{TOP}/index.md"  # the top papers of the latest day


def top_page(period: str) -> str:
    """The top papers of the latest day, week, month or year."""
    return TOP_INDEX if period == "day" else f"{TOP}/{period}.md"


SEARCH = "search.md"


def paper_page(paper_id: str) -> str:
    return f"{PAPERS}/{paper_id}.md"


def topic_page(slug: str) -> str:
    return f"{TOPICS}/{slug}.md"


def month_page(year: int, month: int) -> str:
    return f"{DATES}/{year}-{month:02d}.md"


def topic_upvoted(slug: str) -> str:
    """A topic's most upvoted papers."""
    return f"{TOPICS}/{slug}/upvoted.md"


def list_page(first: str, number: int) -> str:
    """Page `number` of the list of papers whose first page is `first`:
    `topics/x.md`, then `topics/x/page/2.md` (served at topics/x/page/2/)."""
    return first if number == 1 else f"{first[: -len('.md')]}/page/{number}.md"


def year_page(year: int) -> str:
    return f"{DATES}/{year}.md"


# A Hugging Face handle (fullmatch: no final line break).
HANDLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,95}")


def org_page(handle: str) -> str | None:
    """An organisation's page, by its Hugging Face handle (None for a handle
    that cannot name a page: it came from a dump)."""
    return f"{ORGS}/{handle}.md" if HANDLE.fullmatch(handle) and handle != "index" else None


def feed(name: str, kind: str) -> str:
    """A feed's file: `all` or a topic's slug; `xml` (Atom) or `json` (JSON Feed)."""
    return f"{FEEDS}/{name}.{kind}"


def export(kind: str) -> str:
    """The whole catalogue as `json`, `csv` or `bib`."""
    return f"{EXPORTS}/papers.{kind}"


def topic_export(slug: str) -> str:
    """A topic's papers as BibTeX."""
    return f"{EXPORTS}/topics/{slug}.bib"


def is_paper_page(page: str) -> bool:
    return page.startswith(PAPERS + "/") and page.endswith(".md")


def paper_id(page: str) -> str:
    """The id of the paper whose page is `page` (see is_paper_page)."""
    return page[len(PAPERS) + 1 : -len(".md")]


def url(page: str) -> str:
    """`page`'s URL relative to the site root: `papers/x/` for `papers/x.md`."""
    folder, name = posixpath.split(page)
    stem = name[: -len(".md")]
    prefix = folder + "/" if folder else ""
    return prefix if stem == "index" else f"{prefix}{stem}/"


def root(page: str) -> str:
    """The way from `page` back to the site root: `../../` from `papers/x/`."""
    return "../" * url(page).count("/")


def link(from_page: str, to_page: str) -> str:
    """The shortest relative link from one page to another: `../b/` from `papers/a/`
    to `papers/b/`, `../../topics/x/` from `papers/a/` to `topics/x/`."""
    here, there = url(from_page).split("/")[:-1], url(to_page).split("/")[:-1]
    common = 0  # (not posixpath.relpath: 17 µs a link, five links a paper page)
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "".join(part + "/" for part in there[common:])


def section_index(page: str) -> str | None:
    """The index page of the section a page lies in (its tab), if it has one:
    `topics/index.md` for `topics/robotics.md`."""
    first = page.partition("/")[0]
    return {TOPICS: TOPIC_INDEX, DATES: DATE_INDEX, ORGS: ORG_INDEX, TOP: TOP_INDEX}.get(first)


def check_mkdocs(config) -> str | None:
    """What in MkDocs' config these URLs do not fit, if anything."""
    if not config.use_directory_urls:
        return "needs `use_directory_urls: true` (papers are served at papers/<id>/)"
    return None
