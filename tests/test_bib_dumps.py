"""BibTeX files as dumps: a reading group's bibliography, arXiv's citations, this
catalogue's own `exports/papers.bib`."""

import logging

from conftest import FIXTURES, copy_project, mkdocs

from generator.model import Paper
from generator.pages.bibtex import entry
from generator.read.bibliography import parse_bib_dump
from generator.read.dumps import READERS

BIB = FIXTURES.parent / "bib"


def test_a_reading_groups_bibliography_is_its_papers():
    """Zotero's or a hand-written `.bib`: each entry a paper, its LaTeX made text, its
    names `First Last`, its arXiv id from `eprint` or arXiv's DOI; `and others` and
    an entry that cannot be read are said, with their lines. A `.bib` was not read."""
    result = parse_bib_dump((BIB / "reading_group.bib").read_bytes(), "group.bib", None)
    tides, surges = result.papers
    assert (tides.title, tides.arxiv_id) == ("Tide Gauges Read From Harbour Webcams", "2611.04001")
    assert tides.authors == ("Maren Solberg", "Kofi Mensah", "Jörg Müller")
    assert tides.abstract.startswith("We read tide levels") and "\n" not in tides.abstract
    assert tides.sources[0].line == 2  # (the entry's line)
    assert (surges.title, surges.arxiv_id, surges.authors) == (
        "Storm Surges Forecast With Graph Networks", "2611.04002", ("Lena Okafor",)
    )
    assert [str(p) for p in result.problems] == [
        "group.bib:20: an entry not read: Unexpectedly reached end of file."
    ]
    said = [str(n) for n in result.notes]
    assert "group.bib:2: `and others`: the authors past the first 3 are not counted" in said
    assert READERS[".bib"] is parse_bib_dump


def test_a_papers_bibtex_from_this_catalogue_reads_back():
    """An arXiv paper's entry as this site exports it gives its title, authors, id
    and organisation back."""
    paper = Paper(id="tides", title="Tide Gauges & Piers: {Braces} 100% Read", abstract="x",
                  arxiv_id="2611.04001", authors=("Jörg Müller", "Ada Lovelace"),
                  organization="Coastal Lab")  # fmt: skip
    text = entry(paper, "https://example.org/papers/tides/")
    [read] = parse_bib_dump(text.encode(), "papers.bib", None).papers
    assert (read.title, read.arxiv_id, read.authors, read.organization) == (
        paper.title.replace("{", "").replace("}", ""), paper.arxiv_id, paper.authors,
        "Coastal Lab",
    )


def test_a_bib_that_cannot_be_read_is_one_line_and_bibtexparser_logs_nothing(caplog):
    """No entries, braces nested past reading, a broken entry: one problem each, and
    bibtexparser's own warnings (which would fail `mkdocs build --strict`) kept quiet."""
    caplog.set_level(logging.DEBUG)
    cases = {
        b"just some text\n": "t.bib:1: no entries: expected BibTeX (@misc{key, ...})",
        b"@misc{a, title={" + b"{" * 20_000 + b"}\n": None,
    }
    for data, expected in cases.items():
        result = parse_bib_dump(data, "t.bib", None)
        assert len(result.problems) == 1 and result.papers == []
        assert expected is None or str(result.problems[0]) == expected
    assert not [r for r in caplog.records if r.name.startswith("bibtexparser")]


def test_a_bib_in_the_dumps_folder_is_built_into_pages(tmp_path):
    """End to end, strict: the bibliography in `dumps/`, the real build, its pages.
    No paper of it has a day (no dump is dated): the nav's top page was missing and
    `mkdocs build --strict` failed on its link; the page says why it is empty."""
    project = copy_project(tmp_path / "project", with_dumps=False)
    good = (BIB / "reading_group.bib").read_text().split("@inproceedings{broken")[0]
    (project / "dumps" / "group.bib").write_text(good)
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    page = project / "site" / "papers" / "tide-gauges-read-from-harbour-webcams" / "index.html"
    assert "Jörg Müller" in page.read_text()
    top = (project / "site" / "top" / "index.html").read_text()
    assert "No paper has a day yet" in top
