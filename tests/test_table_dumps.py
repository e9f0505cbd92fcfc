"""Tables of papers (CSV, TSV) as dumps: a reading group's spreadsheet, a notebook's
table of the API's list, this catalogue's own CSV export (test_follow_relate_cite)."""

import csv
import datetime as dt
import io
import json
import shutil

from conftest import FIXTURES, copy_project, flattened, mkdocs, page_text
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.read.dumps import READERS
from generator.read.hf_json import parse_json_dump
from generator.read.table import parse_table_dump

TABLES = FIXTURES.parent / "tables"
HF = FIXTURES.parent / "hf"
CAPTURED = dt.date(2025, 11, 5)


def test_a_reading_groups_spreadsheet_is_its_papers():
    """A reading group keeps its papers in a spreadsheet and exports it as CSV: its
    columns are named as a script labels its fields (`Title`, `Authors`, `Link`,
    `Abstract`); the others (`Presenter`) are not read, and a note names them. A
    table was not read at all: a note said `.csv` is no dump."""
    result = parse_table_dump((TABLES / "reading_group.csv").read_bytes(), "group.csv", None)
    tides, surges = result.papers
    assert (tides.title, tides.arxiv_id) == ("Tide Gauges Read From Harbour Webcams", "2611.04001")
    assert tides.authors == ("Maren Solberg", "Kofi Mensah", "Aiko Tanaka")
    assert tides.abstract.startswith("We read tide levels") and "\n" not in tides.abstract
    # (A bare arXiv id in a link's column is the id; the title's comma is the title's.)
    assert (surges.title, surges.arxiv_id, surges.authors) == (
        "Storm Surges, Forecast With Graph Networks", "2611.04002", ("Lena Okafor",)
    )
    said = [str(n) for n in result.notes]
    assert said[0] == (
        "group.csv: columns not read (no field of a paper's): Date presented, Presenter"
    )
    assert "row 3: paper.summary is missing" in said[1]  # (Moss on Roofs: no link, no text)
    assert result.problems == []


def test_a_table_separated_by_semicolons_or_tabs_is_read_the_same():
    """Excel in many languages saves CSV separated by `;`; a `.tsv` by tabs."""
    text = (TABLES / "reading_group.csv").read_text()
    expected = [p.title for p in parse_table_dump(text.encode(), "g.csv", None).papers]
    for name, separator in (("g.csv", ";"), ("g.tsv", "\t")):
        table = text.replace('"Storm Surges, Forecast With Graph Networks"', "Storm Surges")
        table = table.replace(",", separator).replace(
            f'"Maren Solberg{separator} Kofi Mensah', '"Maren Solberg, Kofi Mensah'
        )
        titles = [p.title for p in parse_table_dump(table.encode(), name, None).papers]
        assert titles == [expected[0], "Storm Surges"], name


def test_a_notebooks_table_of_the_api_list_saved_as_csv_is_the_list():
    """`pd.json_normalize(papers).to_csv(...)`: an index column, flattened names, the
    lists as Python prints them (the authors' objects, with `False`), counts as
    floats where a column has a gap (`12.0`), a gap empty. Read, each row is the
    API's item."""
    items = json.loads((HF / "daily.json").read_bytes())
    flat = [flattened(item) for item in items]
    names = list(dict.fromkeys(name for row in flat for name in row))

    def cell(value):
        if value is None:
            return ""
        if isinstance(value, (list, dict)):
            return repr(value)
        return f"{float(value)}" if type(value) is int else str(value)

    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(["", *names])
    for k, row in enumerate(flat):
        writer.writerow([k, *(cell(row.get(name)) for name in names)])
    data = table.getvalue().encode()
    assert b"'hidden': False" in data and b"12.0" in data
    result = parse_table_dump(data, "2025-11-05-daily.csv", CAPTURED)
    expected = parse_json_dump((HF / "daily.json").read_bytes(), "x.json", CAPTURED)
    assert (result.problems, result.notes) == ([], [])
    assert [p.replace(sources=()) for p in result.papers] == [
        p.replace(sources=()) for p in expected.papers
    ]


def test_a_table_that_is_no_table_of_papers_is_one_line():
    """No `Title` column; a cell past csv's size limit; a list too deep to print: one
    problem naming the line, or the cell read as text, never a traceback."""
    result = parse_table_dump(b"name,score\nada,3\n", "scores.csv", None)
    assert [str(p) for p in result.problems] == [
        "scores.csv:1: expected a table of papers: a header row naming a `Title` column"
    ]
    huge = b"Title,Abstract\nTides," + b"x" * 200_000 + b"\n"
    [problem] = parse_table_dump(huge, "huge.csv", None).problems
    assert problem.line == 2 and "not a table: field larger than field limit" in problem.message
    deep = "Title,Authors,Link\nTides," + '"' + "[" * 50_000 + '"' + ",https://arxiv.org/abs/2611.00001\n"
    result = parse_table_dump(deep.encode(), "deep.csv", None)
    assert [p.title for p in result.papers] == ["Tides"] and result.problems == []
    assert parse_table_dump("Title\n\u00a0\n".encode("utf-16"), "t.csv", None).problems == []


def test_a_table_in_the_dumps_folder_is_built_into_pages(tmp_path):
    """End to end, strict: the spreadsheet in `dumps/`, the real build, the paper's
    page. No paper of it has a day (the table is not dated): the nav's top page was
    missing and `mkdocs build --strict` failed on its link; the page says why."""
    project = copy_project(tmp_path / "project", with_dumps=False)
    shutil.copy(TABLES / "reading_group.csv", project / "dumps" / "reading_group.csv")
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    page = project / "site" / "papers" / "tide-gauges-read-from-harbour-webcams" / "index.html"
    text = page_text(page.read_text())
    assert "Tide Gauges Read From Harbour Webcams" in text and "Aiko Tanaka" in text
    assert "No paper has a day yet" in (project / "site" / "top" / "index.html").read_text()
    assert READERS[".csv"] is parse_table_dump


def test_a_cell_the_export_kept_from_a_spreadsheets_formulas_reads_back_as_it_was():
    """The CSV export starts a cell a spreadsheet would run (`=SUM(...)`) with `'`;
    read back, the quote is the export's, not the title's."""
    from generator.model import Paper
    from generator.pages.exports import papers_csv

    paper = Paper(id="sum", title="=SUM(1,2) Considered Harmful", abstract="-1 is a number.",
                  arxiv_id="2611.00009")  # fmt: skip
    data = papers_csv([paper.to_dict()]).encode()
    assert b"'=SUM" in data
    [read] = parse_table_dump(data, "papers.csv", None).papers
    assert (read.title, read.abstract) == (paper.title, paper.abstract)


def test_a_zotero_libraries_csv_export_is_its_papers():
    """Zotero exports a library as CSV (`Author` as `Last, First; ...`, `Abstract Note`,
    arXiv's DOI `10.48550/arXiv.<id>`, dozens of columns mostly empty): the names
    are turned, the DOI names the paper, and the note names only the columns with
    something in them."""
    result = parse_table_dump((TABLES / "zotero_export.csv").read_bytes(), "zotero.csv", None)
    tides, surges, logbooks = result.papers
    assert tides.authors == ("Maren Solberg", "Kofi Mensah") and tides.arxiv_id == "2611.04001"
    assert tides.abstract.startswith("We read tide levels")
    assert (surges.arxiv_id, surges.authors) == ("2611.04002", ("Lena Okafor",))  # (by its DOI)
    assert (logbooks.arxiv_id, logbooks.authors) == (None, ("Aiko Tanaka",))  # (a journal's DOI)
    [note] = [str(n) for n in result.notes]
    assert note == (
        "zotero.csv: columns not read (no field of a paper's): Key, Item Type, Publication "
        "Year, Publication Title, Date, Date Added, Date Modified, Access Date, Pages, Issue "
        "and 3 more"
    )


_CELLS = st.one_of(
    st.sampled_from([
        "", "Tides", "2611.00001", "https://arxiv.org/abs/2611.00001", "12.0", "-3", "1,204",
        "[{'name': 'Ada'}]", "['A', 'B']", "[1, [2", "[" * 300, "{'a': 1}", "A; B", "A | B",
        "Lovelace, Ada", "'=SUM(1)", "10.48550/arXiv.2611.00001", "2026-11-03:3 | x", "\x00",
        '"', "\r\n", "None", "NaN", "True",
    ]),
    st.text(max_size=20),
)  # fmt: skip
_NAMES = st.sampled_from(
    ["Title", "Authors", "Link", "Abstract", "upvotes", "paper.id", "paper.authors", "DOI",
     "authors_count", "upvote_history", "code", "keywords", "Presenter", "", "title"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_NAMES, min_size=1, max_size=6), st.lists(st.lists(_CELLS, max_size=7), max_size=5),
       st.sampled_from([",", ";", "\t"]))  # fmt: skip
def test_any_table_is_papers_problems_and_notes_never_an_exception(names, rows, separator):
    """Whatever a table holds, reading it gives papers, problems and notes, each a line."""
    table = io.StringIO()
    writer = csv.writer(table, delimiter=separator)
    writer.writerow(names)
    writer.writerows(rows)
    result = parse_table_dump(table.getvalue().encode(), "t.csv", None)
    for said in (*result.problems, *result.notes):
        assert "\n" not in str(said)
    for paper in result.papers:
        assert paper.title and "\n" not in paper.title
