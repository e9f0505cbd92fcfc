"""Hugging Face's list pages saved as HTML (read/html_page.py): the papers' data the
page carries for its script is read whole; a page without it is one line."""

import datetime as dt
import html
import json
import plistlib
import re
import shutil

from conftest import FIXTURES, copy_project, mkdocs

from generator.read.dumps import READERS

PAGE = FIXTURES.parent / "html" / "2026-10-07-daily-papers.html"


def read(data: bytes, name: str = PAGE.name):
    return READERS[".html"](data, name, dt.date(2026, 10, 7))


def test_a_saved_list_page_gives_its_papers_whole():
    """The cards show a title, upvotes and a few avatars; the page's own data (the
    API's items, `&quot;`-escaped in `data-props`) gives every field, in order."""
    result = read(PAGE.read_bytes())
    assert result.problems == [] and result.notes == []
    harbor, glacier = result.papers
    assert harbor.arxiv_id == "2610.04417"
    assert harbor.authors == ("Noor Haddad", "Lukas Brenner", "Mei Tanaka")
    # (Entities resolved once: `&lt;` and `&amp;` are the abstract's own `<` and `&`.)
    assert harbor.abstract.endswith("keeping p99 latency < 80 ms at 40 models per GPU.")
    assert "to their tracks & to the ice-thickness map" in glacier.abstract
    assert harbor.ai_summary.startswith("Harbor serves dozens of small models")
    assert (harbor.organization, harbor.organization_handle) == ("Harbor Lab", "harbor-lab")
    assert (harbor.upvotes, harbor.comments, harbor.github_stars) == (57, 3, 1830)
    assert harbor.code == ("https://github.com/harbor-serve/harbor",)
    assert harbor.daily_date == dt.date(2026, 10, 7) and harbor.submitted_by == "Noor Haddad"
    assert glacier.authors == ("Ilse Vermeulen", "Tomás Okoye")  # (not the avatars' order)


def test_a_papers_own_page_saved_as_html_is_that_paper_whole():
    """A paper's own page carries the paper for its script (`data-target=
    "PaperContent"`: `{"paper": {...}, "comments": [...]}`, as public scripts read
    it): it was one problem, no paper. Read as the API's paper, every field."""
    page = FIXTURES.parent / "html" / "2026-10-08-paper-page.html"
    result = read(page.read_bytes(), page.name)
    assert result.problems == [] and result.notes == []
    [fjord] = result.papers
    assert (fjord.title, fjord.arxiv_id) == ("Fjord Currents Mapped From Ferry Wakes", "2610.05521")
    assert fjord.authors == ("Sigrun Halvorsen", "Kwame Asante", "Lucía Ferreira")
    assert fjord.abstract.endswith("to within five centimetres per second.")
    assert (fjord.upvotes, fjord.github_stars, fjord.organization) == (23, 57, "Fjord Lab")
    assert fjord.ai_summary.startswith("Ferry wakes seen by harbour cameras")


def test_a_page_without_the_papers_data_is_one_line_and_no_paper():
    """A model's page, or any other, saved as HTML: one problem naming the file."""
    text = PAGE.read_text(encoding="utf-8").replace('data-target="DailyPapers"', 'data-x="y"')
    result = read(text.encode())
    assert result.papers == []
    assert [str(p) for p in result.problems] == [
        f"{PAGE.name}:1: no papers found: expected a Hugging Face list or paper page saved as "
        'HTML, with the papers\' data (`data-target="DailyPapers" data-props="..."`)'
    ]


def test_broken_data_in_the_page_is_one_line_naming_its_line():
    text = PAGE.read_text(encoding="utf-8")
    text = text.replace("dailyPapers&quot;:[", "dailyPapers&quot;:[[", 1)
    [problem] = read(text.encode()).problems
    assert str(problem).startswith(f"{PAGE.name}:12: not valid JSON:")


def test_a_saved_page_builds_a_strict_site_beside_the_samples(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copy(PAGE, project / "dumps" / PAGE.name)
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    harbor = project / "site" / "papers" / "harbor-serving-many-small-models-from-one-gpu"
    page = (harbor / "index.html").read_text(encoding="utf-8")
    assert "Noor Haddad" in page and "p99 latency &lt; 80 ms" in page


def test_a_pages_source_saved_as_text_is_read_as_the_page():
    """Scripts save a list page's source as `.txt` (`write(requests.get(url).text)`):
    the same papers as from `.html`, not one made of the markup."""
    data = ("\ufeff<!-- saved 2026-10-07 -->\n" + PAGE.read_text(encoding="utf-8")).encode()
    for suffix in (".txt", ".md"):
        result = READERS[suffix](data, "2026-10-07-huggingface_papers.txt", dt.date(2026, 10, 7))
        assert result.problems == [] and result.notes == []
        assert [p.title for p in result.papers] == [p.title for p in read(data).papers]
        assert result.papers[0].authors == ("Noor Haddad", "Lukas Brenner", "Mei Tanaka")


def test_a_text_that_only_mentions_html_is_still_read_as_text():
    """Only a document that starts as HTML is one: a capture quoting a tag is text."""
    data = b"<html> tags in captions\n\nA paper's abstract about markup " + b"words " * 20
    result = READERS[".txt"](data, "notes.txt", None)
    assert "HTML" not in " ".join(str(p) for p in result.problems)


def test_a_saved_search_page_gives_its_results_not_the_list_it_also_carries():
    """A search page (`/papers?q=...`) carries the day's list beside its results:
    read as a wrapper of two lists, it was one problem and no paper at all."""
    props = re.search(r'DailyPapers" data-props="([^"]*)"', PAGE.read_text(encoding="utf-8"))[1]
    daily = json.loads(html.unescape(props))["dailyPapers"]
    search = {"query": {"q": "glacier"}, "periodType": "day", "dailyPapers": daily,
              "searchResults": daily[1:]}  # fmt: skip
    page = PAGE.read_text(encoding="utf-8").replace(props, html.escape(json.dumps(search)))
    result = read(page.encode())
    assert [p.arxiv_id for p in result.papers] == [daily[1]["paper"]["id"]]
    assert result.problems == []
    assert [str(n) for n in result.notes] == [
        f"{PAGE.name}: a search page ('glacier'): its 1 results are read, not the 2 papers "
        "of the list it also carries"
    ]
    # A search that found nothing lists no paper, and says so.
    search["searchResults"] = []
    page = PAGE.read_text(encoding="utf-8").replace(props, html.escape(json.dumps(search)))
    result = read(page.encode())
    assert result.papers == [] and "a search finding none" in str(result.notes[0])


def test_a_page_saved_as_one_file_is_read_as_its_html():
    """Chrome's and Edge's "Webpage, Single File" (MHTML: the HTML one quoted-printable
    part, dated by its `Date:` header) and Safari's Web Archive (a property list,
    the HTML its main resource): neither was read (a note asked for HTML)."""
    expected = [p.replace(sources=()) for p in read(PAGE.read_bytes()).papers]
    mhtml = FIXTURES.parent / "html" / "daily-papers.mhtml"
    result = READERS[".mhtml"](mhtml.read_bytes(), mhtml.name, None)
    assert [p.replace(sources=()) for p in result.papers] == expected
    assert result.captured == dt.date(2026, 10, 7) and result.problems == []
    assert [str(n) for n in result.notes] == [
        "daily-papers.mhtml:1: captured on 2026-10-07, as the archive says"
    ]
    archive = plistlib.dumps(
        {"WebMainResource": {"WebResourceData": PAGE.read_bytes(),
                             "WebResourceMIMEType": "text/html",
                             "WebResourceTextEncodingName": "UTF-8",
                             "WebResourceURL": "https://huggingface.co/papers/date/2026-10-07"},
         "WebSubresources": []},
        fmt=plistlib.FMT_BINARY,
    )  # fmt: skip
    result = READERS[".webarchive"](archive, "2026-10-07.webarchive", dt.date(2026, 10, 7))
    assert [p.replace(sources=()) for p in result.papers] == expected


def test_an_archive_without_a_page_is_one_line():
    """An archive with no HTML in it, or no archive at all: one problem, no paper."""
    cases = {
        ".mhtml": (b"From: <Saved by Blink>\r\nContent-Type: text/plain\r\n\r\nhello\r\n",
                   "x.mhtml:1: no page in the archive: expected MHTML with the page's HTML "
                   "(text/html)"),
        ".webarchive": (b"bplist00\x00\x01garbage",
                        "x.webarchive:1: not a web archive that can be read: expected Safari's "
                        "property list"),
    }  # fmt: skip
    for suffix, (data, said) in cases.items():
        result = READERS[suffix](data, f"x{suffix}", None)
        assert result.papers == [] and [str(p) for p in result.problems] == [said]
    page = PAGE.read_text().replace('data-target="DailyPapers"', 'data-x="y"')
    mhtml = b"Content-Type: text/html\r\n\r\n" + page.encode()
    [problem] = READERS[".mhtml"](mhtml, "x.mhtml", None).problems
    assert str(problem).startswith("x.mhtml:1: its page: no papers found")
