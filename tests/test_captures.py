"""Listing pages saved by other tools than a browser's copy: one fixture per tool
and page kind (tests/fixtures/captures/, our own text after the shapes of real
captures), each with its golden output. Refresh after an intended change with:

    UPDATE_GOLDEN=1 python -m pytest tests/test_captures.py
"""

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_project, mkdocs, page_text
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from test_golden import check

from generator.catalogue.merge import merge_papers
from generator.model import Catalogue, Source
from generator.pages.bibtex import entry as bibtex_entry
from generator.pages.paper import render_paper
from generator.read.capture_blocks import looks_like_capture
from generator.read.dumps import READERS
from generator.read.hf_json import parse_json_dump

CAPTURES = FIXTURES.parent / "captures"
SHOWN = (
    "title",
    "arxiv_id",
    "authors_count",
    "organization",
    "organization_handle",
    "published",
    "published_text",
    "upvotes",
    "comments",
    "code",
    "github_stars",
    "submitted_by",
)


def read(name: str, captured=None):
    path = CAPTURES / name
    return READERS[path.suffix](path.read_bytes(), name, captured)


def golden_view(result) -> str:
    """What a reader of the capture sees, paper by paper, and the problems."""
    papers = [
        {**{k: p.to_dict().get(k) for k in SHOWN}, "line": p.sources[0].line,
         "text": "AI summary" if p.ai_summary else "abstract", "words": len(p.abstract.split())}
        for p in result.papers
    ]  # fmt: skip
    view = {
        "captured": str(result.captured),
        "papers": papers,
        "problems": [str(p) for p in result.problems],
        "notes": [str(n) for n in result.notes],
    }
    return json.dumps(view, ensure_ascii=False, indent=1) + "\n"


FIXTURE_NAMES = sorted(p.name for p in CAPTURES.iterdir())


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_each_tools_capture_reads_as_its_golden_output(name):
    check(f"captures/{Path(name).stem}.json", golden_view(read(name)))


# A paper's own page, not a list; one page each but for the reader's two.
PAPER_PAGES = (
    "fetch_paper_page.txt",
    "reader_paper_pages.md",
    "site_links_paper_page.md",
    "reader_metadata_paper_page.md",
    "clipper_paper_page.md",
)


# Scripts' digests of the lists: three cards each, one of them with no abstract (and
# a dashboard's section of Hugging Face's trending papers, among its other sections).
DIGESTS = ("digest_cards.md", "digest_folded.md", "dashboard_trending.md")
# Notes on one paper each (the first, an LLM's summary in sections: no abstract).
NOTES = (
    "note_sections.md",
    "note_abstract.md",
    "note_field_table.md",
    "note_front_matter.md",
    "note_api_front_matter.md",
    "note_untitled_front_matter.md",
    "note_template_sections.md",
    "note_digest_metadata.md",
)
# Papers listed by title and link alone: four, without abstracts.
LISTS = ("list_glance.md",)
# Papers whose text is a script's own, in sections or labels, often translated: none is
# an abstract.
NO_ABSTRACTS = (
    "note_sections.md", "note_field_table.md", "report_translated.md", "report_labels.md"
)


# Captures with no paper in them: a page's furniture; a note titled in Korean.
NO_PAPERS = ("furniture_only.md", "note_translated_title.md")


@pytest.mark.parametrize("name", [n for n in FIXTURE_NAMES if n not in NO_PAPERS])
def test_every_card_gives_a_clean_title_and_text(name):
    result = read(name)
    one_page = name in PAPER_PAGES and name != "reader_paper_pages.md" or name in NOTES
    expected = 1 if one_page else 3 if name in DIGESTS else 4 if name in LISTS else 2
    assert len(result.papers) == expected
    for paper in result.papers:
        for text in (paper.title, paper.abstract):
            assert not set(text) & set("[]<>\\*#"), text
            assert "](" not in text and "( " not in text and " )" not in text, text
            assert "http" not in text or "://" in paper.abstract  # (no link lines glued on)
        assert paper.title[0].isupper()
        no_abstract = name in (*DIGESTS, *LISTS, *NO_ABSTRACTS) and (
            paper.abstract == ""
        )
        assert len(paper.abstract.split()) >= 6 or no_abstract


def test_a_papers_own_page_gives_that_paper_whole():
    """Real fetch tools save papers' own pages too: read as a listing, such a page
    gave a paper titled "Abstract" whose text was the AI summary."""
    [paper] = read("fetch_paper_page.txt").papers
    assert (paper.title, paper.arxiv_id, paper.sources[0].line) == (
        "Tidal Caches: Reusing Attention State Across Ebbing Contexts", "2607.04412", 40
    )
    # The year from the header's capture date; the submitter and the day of the daily list.
    assert (paper.published, paper.daily_date) == (dt.date(2026, 7, 6), dt.date(2026, 7, 8))
    assert (paper.submitted_by, paper.upvotes) == ("Marit Osei", 23)
    # Five names shown, six folded away (`+ 6 authors`): eleven, none invented.
    assert paper.authors[-1] == "Ines Castellanos" and len(paper.authors) == 5
    assert paper.authors_count == 11
    assert paper.ai_summary.startswith("Tidal Caches keep")
    assert paper.ai_summary.endswith("long dialogues.")
    # The wrapped abstract in one piece, without the space the page puts before `,` and `.`.
    assert paper.abstract.startswith("Serving long conversations spends most of its compute")
    assert "Tidal Caches, a key-value cache" in paper.abstract and " ." not in paper.abstract
    assert paper.abstract.endswith("speculative decoding.")
    assert (paper.models_total, paper.datasets_total, paper.spaces_total) == (0, 2, 1)
    assert paper.datasets == ("tidal-lab/multiturn-ebb", "mosei/ebb-traces")
    assert paper.spaces == ("tidal-lab/cache-explorer",)

    lantern, quiet = read("reader_paper_pages.md").papers  # (two pages in one Markdown file)
    assert lantern.authors == (
        "Rosa Delgado-Mtshali", "Kjell Andersen", "Nuri Yılmaz", "Chiara Benedetti"
    ) and lantern.authors_count == 4  # fmt: skip
    assert lantern.code == ("https://github.com/lantern-vl/lantern",) and lantern.github_stars == 86
    assert lantern.project_page == "https://lantern-vl.github.io"
    assert lantern.models == ("rdelgado/lantern-probes-7b", "rdelgado/lantern-edited-llava")
    assert "vision-language models store" in lantern.abstract and "](" not in lantern.abstract
    assert (quiet.arxiv_id, quiet.upvotes, quiet.ai_summary) == ("2511.20934", None, None)
    assert quiet.published == dt.date(2025, 11, 26) and quiet.abstract.startswith("Small batches")


def test_a_paper_page_with_the_sites_own_links_is_read_whole():
    """A real capture kept the page's hrefs as the site wrote them (`/login?next=...`,
    `/quillmaker`) and labels the summary `AI-generated summary`: the upvotes, the
    submitter's name (not `quillmaker](/quillmaker)`), the Hub repositories and the
    summary apart from the abstract."""
    [paper] = read("site_links_paper_page.md").papers
    assert (paper.upvotes, paper.submitted_by, paper.daily_date) == (
        34, "quillmaker", dt.date(2026, 10, 3)
    )
    assert paper.ai_summary.startswith("Lanternfish decodes") and paper.ai_summary.endswith("buoy.")
    assert paper.abstract.startswith("We present Lanternfish")
    assert "AI-generated" not in paper.abstract
    assert paper.models == ("oceanlab/lanternfish-7b", "oceanlab/lanternfish-buoy")
    assert paper.spaces == ("oceanlab/lanternfish-demo",) and paper.datasets_total == 0


def test_a_clipped_paper_page_takes_its_date_from_the_clippers_front_matter():
    """A real web clipping of a paper page kept no `Published on` line and no
    author, but its front matter states the page's date; keyword links inside
    brackets (`([SSM](...))`) leave no space inside them."""
    [paper] = read("clipper_paper_page.md").papers
    assert (paper.published, paper.published_text) == (dt.date(2026, 10, 2), None)
    assert paper.authors == () and paper.authors_count is None
    assert "still moving (SSM), and" in paper.abstract
    # (The `Paper of the day` badge: the day's list it links, the organisation beside it.)
    assert paper.daily_date == dt.date(2026, 10, 3)
    assert (paper.organization, paper.organization_handle) == ("Ocean Lab", "oceanlab")


@pytest.mark.parametrize(
    "cut_after, said",
    [
        ("Copy markdown", "2607.04412: expected its title after `arxiv:<id>`"),
        ("Authors: Marit", "2607.04412: expected `Abstract` after its title"),
        ("Abstract\n", "2607.04412: expected the abstract after `Abstract`"),
    ],
)
def test_a_paper_page_cut_off_is_one_problem_and_no_paper(cut_after, said):
    text = (CAPTURES / "fetch_paper_page.txt").read_text(encoding="utf-8")
    cut = text[: text.index(cut_after) + len(cut_after)]
    result = READERS[".txt"](cut.encode(), "page.txt", None)
    assert result.papers == []
    assert [p.message for p in result.problems] == [f"the paper page of arXiv {said}"]


@pytest.mark.parametrize(
    "name, text",
    [
        ("listing.md", "[Upvote {n}](https://huggingface.co/login?next=%2Fpapers%2F2501.00001)\n\n"
         "### [A Title](https://huggingface.co/papers/2501.00001)\n\n{abstract}\n\n{n} authors\n"),
        ("page.txt", "Papers arxiv:2501.00001\nA Title\nUpvote {n}\nAuthors: Ada Lovelace ,\n"
         "+ {n} authors\nAbstract\n{abstract}\nDatasets citing this paper {n}\n"),
    ],
)  # fmt: skip
def test_a_number_too_long_to_be_a_count_is_no_count_and_no_traceback(name, text):
    # (Python refuses to read an integer of more than 4,300 digits: it stopped the build.)
    abstract = "An abstract long enough to read as one, in words a reader would use for it."
    data = text.format(n="9" * 5000, abstract=abstract).encode()
    [paper] = READERS[Path(name).suffix](data, name, None).papers
    assert paper.upvotes is None and paper.title == "A Title"
    assert paper.authors_count in (None, 1)


def test_the_authors_a_paper_page_folds_away_are_counted_not_lost(tmp_path):
    [page] = read("fetch_paper_page.txt").papers
    # An older API record names all eleven: its whole list wins over the newer five.
    api = Source("2026-09-01-hf-daily.json", 1, dt.date(2026, 9, 1))
    whole = page.replace(authors=page.authors + tuple(f"Author {n}" for n in range(6)),
                         authors_count=11, sources=(api,))  # fmt: skip
    assert merge_papers([page, whole])[0][0].authors == whole.authors
    [merged], _ = merge_papers([page, page.replace(authors=(), authors_count=None)])
    assert (len(merged.authors), merged.authors_count) == (5, 11)
    assert "Ines Castellanos and 6 more" in page_text(
        render_paper(merged, Catalogue([merged], [], []))
    )
    assert "and Ines Castellanos and others}" in bibtex_entry(merged, None)


def test_the_sample_dumps_are_plain_copies_read_as_before():
    for path in sorted((FIXTURES.parent.parent.parent / "dumps").glob("*.txt")):
        assert not looks_like_capture(path.read_text(encoding="utf-8")), path.name


def test_page_furniture_is_never_a_paper():
    result = read("furniture_only.md")
    assert result.papers == []
    assert [str(p) for p in result.problems] == [
        "furniture_only.md:1: no papers found: expected cards of a Hugging Face listing page"
    ]


def test_a_card_shown_twice_is_one_paper_and_a_card_cut_off_is_a_problem():
    result = read("html2md_trending.md")
    assert [p.arxiv_id for p in result.papers] == ["2610.04417", "2411.07777"]
    [problem] = result.problems
    assert str(problem).startswith(
        "html2md_trending.md:90: expected an abstract after the title 'Glacier Flow"
    )


def test_the_date_a_header_states_resolves_dates_and_is_said():
    result = read("firecrawl_daily.md")
    assert result.captured == dt.date(2026, 10, 1) and result.papers[0].published == dt.date(
        2026, 9, 29
    )
    assert [str(n) for n in result.notes] == [
        "firecrawl_daily.md: captured on 2026-10-01, as the capture's header says"
    ]
    named = read("firecrawl_daily.md", dt.date(2026, 10, 3))  # (a date in the file's name wins)
    assert named.captured == dt.date(2026, 10, 3) and named.notes == []


def test_a_capture_its_tool_cut_short_says_so_and_keeps_what_came_before():
    """A real reader-mode capture, fenced as text and cut by its tool mid-abstract:
    the cut card is no paper (its abstract ends mid-word); the one problem names it."""
    result = read("reader_fenced_search.md")
    assert [p.title for p in result.papers] == [
        "Tidepool: Multi-Agent Planning for Harbour Logistics",
        "Careful Paging of Attention Caches for Many Users",
    ]
    [problem] = result.problems
    assert str(problem).startswith("reader_fenced_search.md:78: the capture was cut short here")
    assert "'Reducing Distraction in Long-Context Models' is left out" in str(problem)


@pytest.mark.parametrize(
    "cut_in, kept",
    [
        ("first", ["Lanternfish"]),
        ("second", ["Lanternfish", "Careful Paging of Attention Caches"]),
    ],
    ids=["in a card's text", "in its second showing, after the first was whole"],
)  # fmt: skip
def test_a_cut_mark_leaves_out_only_a_card_whose_text_it_cut(cut_in, kept):
    text = (CAPTURES / "structured_trending.md").read_text(encoding="utf-8")
    at = (text.index if cut_in == "first" else text.rindex)("Paged key-value caches")
    cut = text[:at] + "Paged key-value caches cut the memory that serving\n\n[Content truncated]\n"
    result = READERS[".md"](cut.encode(), "cut.md", None)
    assert [p.title.partition(":")[0].partition(" for ")[0] for p in result.papers] == kept
    [problem] = result.problems
    assert ("is left out" in str(problem)) == (cut_in == "first")


def test_a_summary_only_card_does_not_replace_an_abstract():
    trending = read("html2md_trending.md").papers[0]
    api = parse_json_dump(json.dumps([{"paper": {
        "id": "2610.04417", "title": trending.title, "upvotes": 250,
        "summary": "The abstract itself, long enough to be one: " + "words " * 30,
    }}]).encode(), "2026-10-01-hf-daily.json", dt.date(2026, 10, 1)).papers[0]  # fmt: skip
    for records in ([trending, api], [api, trending]):
        [paper], _ = merge_papers(records)
        assert (
            paper.abstract.startswith("The abstract itself")
            and paper.ai_summary == trending.ai_summary
        )
        assert paper.upvotes == 212  # (the newest capture's count)


def test_a_digests_cards_are_read_whole_and_its_other_sections_are_no_papers():
    """A script's digest of the trending list, its cards as real digests write
    them (bold linked title, italic byline, organisation, summary, counts,
    links), beside sections of models and repositories."""
    result = read("digest_cards.md")
    lantern, rain, patchwork = result.papers
    assert [p.arxiv_id for p in result.papers] == ["2609.11702", "2411.04417", "2608.20019"]
    assert lantern.authors == ("Iris Okafor", "Jun Takeda", "Pia Lindqvist")
    assert lantern.authors_count == 8 and lantern.organization == "Lantern Lab"
    assert (lantern.upvotes, lantern.comments, lantern.github_stars) == (42, 3, 1204)
    assert lantern.code == ("https://github.com/lantern-lab/lantern",)
    assert lantern.ai_summary == lantern.abstract and lantern.abstract.startswith("Lantern is")
    # (A paper with no authors: its byline `**`; with no AI summary: its abstract
    # whole, in its two paragraphs.)
    assert rain.organization is None and rain.comments == 0 and rain.authors == ()
    assert rain.abstract.startswith("Nowcasting") and rain.abstract.endswith("missing.")
    assert "directly from the frames. On three years" in rain.abstract
    assert rain.ai_summary is None
    # (A title the digest wraps over two lines; the project page.)
    assert patchwork.title == "Patchwork: Training Vision Transformers on Mixed Resolutions"
    assert patchwork.project_page == "https://patchwork.example.org/"
    assert result.captured == dt.date(2026, 9, 14)
    assert [str(n) for n in result.notes] == [
        "digest_cards.md: captured on 2026-09-14, as the digest's heading says"
    ]
    assert result.problems == []


def test_a_digests_links_are_read_however_markdown_lets_them_be_written():
    """`[label](<address>)` and spaces inside the parentheses are Markdown links too."""
    text = (CAPTURES / "digest_cards.md").read_text(encoding="utf-8")
    text = text.replace("(https://github.com/lantern-lab/lantern)", "(<https://github.com/lantern-lab/lantern>)")
    text = text.replace("(https://patchwork.example.org/)", "( https://patchwork.example.org/ )")
    result = READERS[".md"](text.encode(), "2026-09-14-digest.md", None)
    lantern, _, patchwork = result.papers
    assert lantern.code == ("https://github.com/lantern-lab/lantern",)
    assert patchwork.project_page == "https://patchwork.example.org/"


def test_a_digest_of_another_shape_invents_no_paper():
    """The cards digest with neither counts nor bylines is no digest `digest.py` knows,
    and goes to the capture reader. It made a paper of the section's heading (its
    text the first card's title) and one of a summary (its text the links line);
    now each card is read right, or is one problem naming its line."""
    text = (CAPTURES / "digest_cards.md").read_text(encoding="utf-8")
    plain = "\n".join(
        line for line in text.split("\n") if "▲" not in line and not re.match(r"^\*[^*].*\*$", line)
    )
    result = READERS[".md"](plain.encode(), "2026-09-14-digest.md", None)
    truth = {
        "2609.11702": "Lantern: Grounding Research Agents in Runnable Evidence",
        "2411.04417": "A decoder-only model for rainfall nowcasting",
        "2608.20019": "Patchwork: Training Vision Transformers on Mixed Resolutions",
    }
    assert result.papers and all(truth.get(p.arxiv_id) == p.title for p in result.papers)
    read_ids = {p.arxiv_id for p in result.papers}
    lines = {problem.line for problem in result.problems}
    assert len(read_ids) + len(lines) == len(truth)  # (each card read, or one problem)


def test_a_folded_digest_is_read_and_its_quotes_and_avatars_are_not_taken():
    """A digest of folded cards (`<details>`): the numbered title, the code's stars
    and links; a link to GitHub's huggingface account on every card is no paper's
    code. What each card quotes is the first text of the paper's Hugging Face
    page, a comment as often as not (the real script reads the page's first
    `div.prose`): no abstract. Its `Authors:` are the avatars of the paper's
    card on the daily list (user names among them, in reverse order): no byline."""
    result = read("digest_folded.md")
    quiet, atlas, judges = result.papers
    assert quiet.title == "Quiet Gradients: Stable Low-Rank Updates for Long Training Runs"
    assert (quiet.authors, quiet.authors_count) == ((), None)
    assert quiet.code == () and quiet.github_stars is None and quiet.ai_summary is None
    assert atlas.code == ("https://github.com/atlas-worlds/atlas",) and atlas.github_stars == 1200
    assert atlas.authors == () and atlas.authors_count is None
    assert [(p.arxiv_id, p.abstract) for p in result.papers] == [
        ("2610.08811", ""), ("2610.07702", ""), ("2610.06633", "")
    ]  # fmt: skip
    assert [str(n) for n in result.notes] == [
        "digest_folded.md: 1 paper(s)' `Authors:` not taken as their authors: the digest "
        "lists the avatars of each paper's card, user names among them, in reverse order",
        "digest_folded.md: 2 quote(s) of the papers' Hugging Face pages not taken as "
        "abstracts: the digest quotes each page's first text, most often a comment",
        "digest_folded.md: 3 paper(s) with no abstract in the digest: one from another dump "
        "is taken",
    ]


def test_an_abstract_a_digest_labels_is_taken_and_a_cut_one_said():
    text = "\n\n".join([
        "<details>",
        "<summary><b>1. Slow Clocks for Fast Agents</b></summary>",
        "**🔗 Links:** [🤗 HuggingFace](https://huggingface.co/papers/2610.01234)",
        "**📝 Abstract:** Agents that act on a slow clock plan better than those that "
        "act on every frame, we find across three simulated tasks...",
        "</details>",
    ])  # fmt: skip
    result = READERS[".md"](text.encode(), "2026-10-07-digest.md", None)
    [paper] = result.papers
    assert paper.abstract.startswith("Agents that act") and paper.abstract.endswith("tasks...")
    assert [str(n) for n in result.notes] == [
        "2026-10-07-digest.md: 1 abstract(s) cut short by the digest (`...`), kept so: "
        "a whole one from another dump replaces each"
    ]


def test_a_cut_or_missing_abstract_does_not_replace_a_whole_one():
    [quiet, *_] = read("digest_folded.md", dt.date(2026, 10, 7)).papers
    cut = quiet.replace(abstract="Low-rank adapters drift over long training runs, and...")
    whole = "We study why low-rank adapters drift over long training runs " + "and more " * 20

    def api(paper):
        return parse_json_dump(json.dumps([{"paper": {
            "id": paper.arxiv_id, "title": paper.title, "summary": whole,
        }}]).encode(), "2026-10-01-hf-daily.json", dt.date(2026, 10, 1)).papers[0]  # fmt: skip

    for digest in (quiet, cut):
        for records in ([digest, api(digest)], [api(digest), digest]):
            [paper], _ = merge_papers(records)
            assert paper.abstract == whole.strip()
            assert len(paper.sources) == 2


def test_a_line_without_a_letter_is_never_a_title():
    """A count's line (`· [ 57](…login…)`) before a card's text made a paper titled
    `· 57`, with the card's abstract and arXiv id."""
    text = (
        "### [Harbor: Serving Many Small Models](https://huggingface.co/papers/2612.01417)\n\n"
        "Submitted by\n\nnoorh\n\n"
        "· [ 57](https://huggingface.co/login?next=%2Fpapers%2F2612.01417)\n\n"
        "Serving dozens of small fine-tuned models usually means one GPU each, most idle.\n"
    )
    result = READERS[".md"](text.encode(), "cards.md", None)
    assert [p.title for p in result.papers] == []
    assert [p.line for p in result.problems] == [1]


def test_a_scripts_records_of_labelled_fields_are_read_field_by_field():
    """`Title:`, `PDF:`, `Summary:` and `---`, as a script writes the API's daily list:
    read as a listing, the `PDF:` line was a paper's title. An `ID:` before its
    `Title:` is its record's; an unknown label ends a field (`Full Content:` and
    the text after it are no abstract), and a heading with labels under it is a
    record whose title it is."""
    daily = read("records_daily.txt").papers
    assert [(p.title, p.arxiv_id) for p in daily] == [
        ("Ebb-Aware Prefill: Keeping Attention State Across Shrinking Contexts", "2611.02231"),
        ("Chart Reading With a 400M Vision-Language Model", "2611.02987"),
    ]
    assert daily[1].abstract.startswith("Chart question answering is usually left to")
    assert daily[0].abstract.endswith("cutting the time to first token by half on multi-turn "
                                      "agent traces.")  # (a line of 300 characters, whole)
    anglerfish, kelp = read("records_search.txt").papers
    assert (anglerfish.arxiv_id, kelp.arxiv_id) == ("2611.04410", "2611.05120")
    assert anglerfish.authors == ("Ines Castellanos", "Oskar Lindqvist", "Mei Tanaka")
    assert anglerfish.published == dt.date(2026, 11, 9)
    assert anglerfish.abstract.endswith("Results: the maps match shore-side surveys within a "
                                        "metre at a tenth of the power.")  # fmt: skip
    assert kelp.abstract.endswith("checked against divers' counts.")
    rubrics, seals = read("records_weekly.md").papers
    assert rubrics.title == "Editors' Rubrics as Rewards for Report-Writing Agents"
    assert rubrics.authors == ("Noor Haddad", "Lukas Brenner", "Ilse Vermeulen")
    assert (rubrics.arxiv_id, rubrics.upvotes) == ("2611.06005", 41)
    assert rubrics.code == ("https://github.com/rubric-lab/rubric-rewards",)
    assert (seals.arxiv_id, seals.ai_summary) == ("2611.06001", seals.abstract)
    assert "make rewards" not in rubrics.abstract  # (a `TL;DR:` may be any tool's: not read)
    # Sections under each paper's heading (`### Authors`, `### Abstract`); the page's
    # own heading over them is no paper, and an `Abstract:` that is a link is a link.
    tides, kelp = read("records_sections.md").papers
    assert (tides.title, tides.arxiv_id) == ("Tide Tables From Satellite Altimetry Alone",
                                             "2611.09001")  # fmt: skip
    assert tides.authors == ("Rosa Albers", "Kofi Mensah")
    assert tides.abstract.endswith("checking them against gauges elsewhere.")
    assert (kelp.arxiv_id, kelp.authors) == ("2611.09002", ("Tomás Okoye",))


def test_a_note_on_one_paper_is_that_paper():
    """A note on one paper (its title as the heading, a line of links with the
    paper's, then sections) is that paper: a script's per-paper summaries were
    problems (their links line read as a title), a reading group's note nothing.
    Only an `Abstract` section is its abstract: a summary in sections is no abstract."""
    result = read("note_sections.md")
    [sharks] = result.papers
    assert sharks.title == "Lantern Sharks Counted From Baited Deep-Sea Cameras"
    assert (sharks.arxiv_id, sharks.abstract, sharks.ai_summary) == ("2611.08841", "", None)
    assert result.problems == [] and "no abstract" in str(result.notes[0])
    [rips] = read("note_abstract.md").papers  # (front matter and all)
    assert (rips.title, rips.arxiv_id) == ("Rip Currents Mapped From Beach Webcams", "2611.09417")
    assert rips.abstract.startswith("Rip currents drown swimmers") and "lifeguards" in rips.abstract
    assert rips.abstract.endswith("agree with dye releases on 27.")
    assert rips.code == ("https://github.com/ripwatch/webcam-rips",)
    # A heading whose first line links a paper, and then text that no label names,
    # is no note: that text may be its abstract, which another reader finds.
    text = (
        "# Rip Currents Mapped From Beach Webcams\n\n[arXiv](https://arxiv.org/abs/2611.09417)\n\n"
        "Rip currents drown swimmers on beaches, and we map them from public webcams.\n"
    )
    [paper] = READERS[".md"](text.encode(), "n.md", None).papers
    assert "webcams" in paper.abstract + (paper.ai_summary or "")


def test_a_reports_papers_are_read_and_its_translations_are_not():
    """A script's daily report of arXiv papers, headings linking each, its own
    summaries in its readers' language: its labelled `Abstract:` is read, without
    the fold (`<details>`) around it; a folded block near a paper's link made it
    look like a digest, whose reader found no card, and every paper was lost.
    Where it gives no abstract, only translations, the papers are read without
    one, and the translated keywords are not theirs."""
    terns, marsh = read("report_folded.md").papers
    assert (terns.title, terns.arxiv_id) == ("Tern Colonies Counted From Kite Photographs",
                                             "2609.41207")  # fmt: skip
    assert terns.abstract.startswith("Seabird surveys count nests from boats")
    assert terns.abstract.endswith("ground counts made the same week.")
    assert marsh.abstract.endswith("timed by cheap loggers.")  # (no `</details>`)
    result = read("report_translated.md")
    terns, marsh = result.papers
    assert (terns.title, terns.arxiv_id) == ("Tern Colonies Counted From Kite Photographs",
                                             "2609.41207")  # fmt: skip
    assert (terns.abstract, terns.ai_summary, terns.keywords) == ("", None, ())
    assert marsh.arxiv_id == "2610.00518" and result.problems == []
    assert "2 paper(s) with no abstract" in str(result.notes[0])
    # A digest whose papers are headings, each with its link and labelled lines in
    # Chinese (`- **论文链接**: [...]`): read as a listing, the link's line was each
    # card's title and the card a problem.
    result = read("report_labels.md")
    assert [(p.title, p.arxiv_id, p.abstract) for p in result.papers] == [
        ("Tern Colonies Counted From Kite Photographs", "2609.41207", ""),
        ("Salt Marsh Elevation From Tide Gauge Timing", "2610.00518", ""),
    ]
    assert result.problems == []


def test_a_list_of_papers_by_title_and_link_is_those_papers():
    """A script's daily report ends with its papers at a glance, an item each: the
    title (in bold, before its links, or as the link's text) and links to the
    paper's pages. Read as a listing, its heading was a paper titled "Papers at a
    glance" and every item a problem; now each item is its paper, without an
    abstract, and the report's own text (its summary, its table) is not read."""
    result = read("list_glance.md")
    assert [(p.title, p.arxiv_id) for p in result.papers] == [
        ("Tern Colonies Counted From Kite Photographs", "2611.41207"),
        ("Salt Marsh Elevation From Tide Gauge Timing", "2611.40518"),
        ("Reef Sound Maps From Drifting Hydrophones", "2611.41302"),
        ("Kelp Canopy Height From Sentinel Passes", "2611.41377"),
    ]
    assert all(p.abstract == "" for p in result.papers) and result.problems == []
    assert result.papers[3].code == ("https://github.com/kelpwatch/canopy",)
    assert "4 paper(s) listed by title and link only" in str(result.notes[0])
    # A label is no title (`**Paper:** [link]`), and a link named `arXiv` names none.
    labelled = "".join(
        f"- **Paper:** [arXiv](https://arxiv.org/abs/2611.4130{k})\n" for k in range(4)
    )
    assert READERS[".md"](labelled.encode(), "l.md", None).papers == []


def test_a_dashboards_section_of_trending_papers_is_those_papers_and_no_other_item():
    """A dashboard saves threads, repositories and Hugging Face's trending papers in
    one page, each item a bold link, a line of text and its counts. The papers are
    the items that link a paper; its authors as shown (`et al. (9 authors)`: three
    named of nine), its organisation (`🏢`) and its upvotes; a title folded over two
    lines is one title. The threads and repositories are no papers."""
    result = read("dashboard_trending.md")
    assert [(p.title, p.arxiv_id, p.upvotes) for p in result.papers] == [
        ("Tidal Agents: Scheduling Tool Calls by Expected Value", "2605.11111", 142),
        ("Folded Meshes: Feed-Forward Reconstruction of Deformable Objects", "2605.22222", 37),
        ("Quiet Gradients: Why Late Training Stalls", "2509.33333", 61),
    ]
    tidal, folded, quiet = result.papers
    assert tidal.authors == ("Mara Quint", "Oskar Ferro", "Lena Abt")
    assert tidal.authors_count == 9 and tidal.organization == "Example Research Lab"
    assert folded.authors == ("Ines Varga", "Tomas Rell") and folded.organization is None
    assert quiet.code == () and tidal.code == ("https://github.com/example/tidal",)
    assert result.problems == []


def test_an_image_beside_a_records_title_is_no_part_of_it():
    """A thumbnail or a badge in a record's heading read `!thumb Title`, `Title !badge`."""
    text = (
        "## 1. ![thumb](https://cdn.example/t.png) [Sparse Sonar Maps From Buoys]"
        "(https://huggingface.co/papers/2601.00001)\n\n"
        "**Abstract:** We map the seabed from buoys with sparse decoders, and the maps hold.\n\n"
        "## 2. [Kelp Counts From Drones](https://arxiv.org/abs/2601.00002) "
        "![badge](https://img.shields.io/x)\n\n"
        "**Abstract:** We count kelp from drone video and check the counts against divers.\n"
    )
    result = READERS[".md"](text.encode(), "weekly.md", None)
    assert [p.title for p in result.papers] == [
        "Sparse Sonar Maps From Buoys", "Kelp Counts From Drones"
    ]


def test_a_labelled_record_without_abstract_or_link_is_one_line_and_no_paper():
    text = (
        "Title: Harbor Seals Tracked by Sound\nPDF: https://arxiv.org/pdf/2611.06001\n"
        "Keywords: question and answer, seals, seals\n"
        "Summary: Hydrophone arrays track harbor seals through murky water by sound.\n---\n"
        "Title: A Note Without Its Paper\nYear: 2025\nAbstract: N/A\n---\n"
    )
    result = READERS[".txt"](text.encode(), "notes.txt", None)
    assert [p.title for p in result.papers] == ["Harbor Seals Tracked by Sound"]
    assert result.papers[0].keywords == ("question and answer", "seals")  # (split at commas)
    assert [str(p) for p in result.problems] == [
        "notes.txt:6: expected an abstract or the paper's link under the title "
        "'A Note Without Its Paper'"
    ]


def test_captures_build_a_strict_site_beside_the_samples(tmp_path):
    project = copy_project(tmp_path / "project")
    for name in (
        "clipper_search.txt",
        "reader_daily.txt",
        "reader_nolinks_trending.txt",
        "firecrawl_daily.md",
        "fetch_paper_page.txt",
        "structured_trending.md",
        "labelled_links_trending.md",
        "digest_cards.md",
        "digest_folded.md",
        "records_daily.txt",
        "records_search.txt",
        "records_weekly.md",
        "records_sections.md",
        "note_sections.md",
        "note_abstract.md",
        "report_folded.md",
        "list_glance.md",
    ):
        shutil.copy(CAPTURES / name, project / "dumps" / name)
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    page = (
        project / "site" / "papers" / "small-vision-models-can-read-charts" / "index.html"
    ).read_text()
    assert "AI summary (Hugging Face):</strong> A compact vision-language model" in page
    assert "Not in the dumps: the captures that list this paper show Hugging Face" in page
    assert "submitted by tomasz-k" in page
    rubrics = (
        project
        / "site"
        / "papers"
        / "rubrics-as-rewards-for-open-ended-writing-agents"
        / "index.html"
    ).read_text()
    assert 'href="https://arxiv.org/abs/2609.30123"' in rubrics and "12 comments" in rubrics
    tidal = (
        project / "site" / "papers" / "tidal-caches-reusing-attention-state-across-ebbing-contexts"
    ).joinpath("index.html").read_text()
    assert "Ines Castellanos and 6 more" in page_text(tidal) and "tidal-lab/multiturn-ebb" in tidal
    assert not (project / "site" / "papers" / "abstract").exists()
    kelp = project / "site" / "papers" / "kelp-forest-counts-from-drone-video" / "index.html"
    assert 'href="https://arxiv.org/abs/2611.05120"' in kelp.read_text()
    sharks = project / "site" / "papers" / "lantern-sharks-counted-from-baited-deep-sea-cameras"
    assert 'href="https://arxiv.org/abs/2611.08841"' in (sharks / "index.html").read_text()
    # (The same paper in two tools' captures, one linking its arXiv id: one page, both sources.)
    lanternfish = (project / "site" / "papers").joinpath(
        "lanternfish-streaming-sparse-decoders-for-deep-sea-sonar-maps", "index.html"
    ).read_text()
    assert "arxiv.org/abs/2610.01234" in lanternfish and "labelled_links_trending.md" in lanternfish
    judges = (project / "site" / "papers").joinpath(
        "when-judges-disagree-calibrating-model-graders", "index.html"
    ).read_text()
    assert "Not in the dumps: none of those that list this paper gives its abstract." in judges
    assert not (project / "site" / "papers" / "huggingface-papers-trending").exists()


@pytest.mark.parametrize(
    "markdown, text",
    [
        (
            "[- [x] Upvote 29](https://huggingface.co/login?next=%2Fpapers%2F2410.02675)",
            "Upvote 29",
        ),
        (
            "[[图片：lab] Lab Name](https://huggingface.co/lab) · Sep 4, 2026",
            "Lab Name · Sep 4, 2026",
        ),
        ("[Upvote\n\n117](https://huggingface.co/login?next=%2Fpapers%2F2610.05608)", "Upvote 117"),
        ("[Title][4]", "Title"),
        ("[\n* 3 authors\n][34]", "3 authors"),
        ("[[microsoft] Microsoft][43]", "Microsoft"),
        ("tracing\\\nknowledge flows", "tracing knowledge flows"),
        ("### Compact models for\n  document conversion", "Compact models for document conversion"),
        ("### A title long\n  enough to wrap\n  twice", "A title long enough to wrap twice"),
        ("### Fast rendering of\n  3D scenes", "Fast rendering of 3D scenes"),
    ],
    ids=[
        "checkbox",
        "image placeholder",
        "link broken over a blank line",
        "numbered link, no list",
        "numbered link broken over lines",
        "numbered link with a logo",
        "hard break",
        "title wrapped under its heading",
        "title wrapped twice",
        "title wrapped before a number",
    ],
)
def test_what_tools_do_to_a_block_is_undone(markdown, text):
    from generator.read.capture_blocks import blocks_of

    assert [b.text for b in blocks_of(markdown)] == [text]


# Pieces captures are made of, shuffled into any order: the reader never raises.
_PIECES = st.sampled_from(
    [
        "### [A Title That Links](https://huggingface.co/papers/2601.00001)",
        "[12](https://huggingface.co/login?next=%2Fpapers%2F2601.00001)",
        "[An abstract of enough words to be one, linking its paper page as firecrawl writes it.](https://huggingface.co/papers/2601.00001)",
        "· Published on Sep 4, 2026",
        "·",
        "May 29[6](https://huggingface.co/papers/2601.00001#community)",
        "[- 3 authors](https://x.y/z)",
        "[Upvote",
        "117](https://huggingface.co/login?next=%2Fpapers%2F2601.00002)",
        "Submitted by",
        "[图片：无替代文本]",
        "[GitHub 4.81k](https://github.com/a/b) [arXiv Page](https://arxiv.org/abs/2601.00002)",
        "https://huggingface.co/papers/2601.00003",
        "[Title][7]",
        "][7]",
        "```text",
        "Mar 8, 2024 [ 6][39]",
        "[LINK: GitHub 1.2k](https://github.com/a/b)",
        "[Content truncated]",
        "### A heading cut by a wrap",
        "  and its indented rest",
        "[7]: https://huggingface.co/papers/2601.00004",
        "References",
        "  1. https://huggingface.co/papers/2601.00005",
        "---",
        "retrieved: 2026-13-45",
        '<a id="x"></a>',
        "    indented code block line",
        "```",
        "[",
        "](",
        "\\\\",
        "**[A Digest Title](https://huggingface.co/papers/2601.00006)**",
        "*Ann Lee, Bo Chen et al. (5 authors)*",
        "🏢 Some Lab",
        "▲ 16 • 💬 2 • ⭐ 2,171 • 16d ago",
        "<details>",
        "<summary><b>1. A Folded Title</b> ⭐ 1.2k</summary>",
        "**👥 Authors:** Ann Lee, Bo Chen",
        "**🔗 Links:** [🤗 HuggingFace](https://huggingface.co/papers/2601.00007)",
        "> A quote of the paper's page, cut short by the script that wrote the digest...",
        "**📝 Abstract:** An abstract the digest labels, cut short...",
        "> No abstract available.",
        "</details>",
        '<div data-target="DailyPapers" data-props="{&quot;dailyPapers&quot;:[',
        "{&quot;paper&quot;:{&quot;id&quot;:&quot;2601.00008&quot;,&quot;title&quot;:",
        "&quot;A Page&#39;s Title&quot;,&quot;summary&quot;:&quot;An abstract.&quot;}}]}\">",
        "Title: A Labelled Title",
        "ID: 2601.00009v2",
        "PDF: https://arxiv.org/pdf/2601.00010",
        "Summary: An abstract a script labelled, on one line of enough words.",
        "- **Authors:** Ann Lee and Bo Chen",
        "Full Content:",
        "Upvotes: 1,234",
        "Published: 2026-02-30 10:00:00",
        "TL;DR: {'text': 'a printed dict'}",
        "## 2. [A Heading Title](https://arxiv.org/abs/2601.00011)",
        "<!DOCTYPE html>",
        "",
    ]
)


@hypothesis_settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=40)), max_size=40))
def test_any_capture_is_read_without_a_traceback(pieces):
    for suffix, text in ((".md", "\n\n".join(pieces)), (".txt", "\n".join(pieces)),
                         (".html", "\n\n".join(pieces))):  # fmt: skip
        result = READERS[suffix](text.encode("utf-8", "surrogatepass"), "any" + suffix, None)
        for paper in result.papers:
            # (A digest may give a paper with no abstract: its link says which.)
            assert paper.title and (paper.abstract or paper.arxiv_id) and "\n" not in paper.title
        for problem in result.problems:
            assert "\n" not in str(problem)


def test_a_note_whose_fields_are_a_table_is_that_paper():
    """A tool's note on one paper gives its fields as a table (`| **Paper** | ... |`)
    under a TL;DR: read as a digest's card, the TL;DR was the paper's title and the
    table's cells its abstract. It is that paper, with its authors, code and
    keywords; the TL;DR is the tool's, and a table row `Abstract` is the abstract."""
    result = read("note_field_table.md")
    [kelp] = result.papers
    assert (kelp.title, kelp.arxiv_id) == ("Kelp Forests Mapped From Harbour Ferry Cameras",
                                           "2611.20417")  # fmt: skip
    assert kelp.authors == ("Ilse Vandermeer", "Tomasi Fifita", "Ngozi Ade", "Rafael Quispe")
    assert (kelp.published, kelp.code) == (
        dt.date(2026, 11, 19), ("https://github.com/ferrykelp/canopy-maps",)
    )
    assert kelp.keywords == ("Kelp canopy", "Ferry cameras", "Semantic segmentation")
    assert (kelp.abstract, kelp.ai_summary) == ("", None)
    assert result.problems == [] and "no abstract" in str(result.notes[0])
    text = (
        "# Kelp Forests Mapped From Harbour Ferry Cameras\n\n| Field | Value |\n|---|---|\n"
        "| **Paper** | [arXiv:2611.20417](https://arxiv.org/abs/2611.20417) |\n"
        "| **Abstract** | Harbour ferries carry cameras that see the kelp canopy daily. |\n"
    )
    [paper] = READERS[".md"](text.encode(), "n.md", None).papers
    assert paper.abstract == "Harbour ferries carry cameras that see the kelp canopy daily."


def test_a_note_whose_front_matter_names_its_paper_is_that_paper():
    """Notes made from arXiv's feeds name the paper in their front matter (`title:`,
    `link:` or `url:`, `authors:`) and give the abstract after arXiv's announcement
    (`arXiv:<id> Announce Type: new Abstract: ...`): no reader found a paper in them."""
    [kelp] = read("note_front_matter.md").papers
    assert (kelp.title, kelp.arxiv_id) == (
        "Kelp Canopy Segmented From Harbour Ferry Cameras on the Longest Crossings", "2611.12001"
    )
    assert kelp.abstract.startswith("Harbour ferries carry cameras that see the kelp canopy")
    assert kelp.abstract.endswith("within a tenth of the canopy area.")
    # The text's abstract wins over the front matter's summary, cut short; authors
    # given as a list.
    text = (
        '---\ntitle: "Counting Wildebeest in Drone Mosaics"\nurl: "https://arxiv.org/abs/'
        '2611.08213"\nauthors: ["Baraka Otieno", "Ana Lima"]\nsummary: "arXiv:2611.08213v1 '
        'Announce Type: new Abstract: Drone mosaics of a migrating"\ntags: [ecology]\n---\n\n'
        "arXiv:2611.08213v1 Announce Type: new Abstract: Drone mosaics of a migrating herd "
        "overlap, and animals that move between passes are counted twice.\n"
    )
    [paper] = READERS[".md"](text.encode(), "n.md", None).papers
    assert (paper.title, paper.arxiv_id) == ("Counting Wildebeest in Drone Mosaics", "2611.08213")
    assert paper.authors == ("Baraka Otieno", "Ana Lima")
    assert paper.abstract == (
        "Drone mosaics of a migrating herd overlap, and animals that move between passes are "
        "counted twice."
    )
    # A script's note on one paper of the API's list: its fields in the front matter,
    # Hugging Face's summary and the abstract in sections.
    [kelp] = read("note_api_front_matter.md").papers
    assert (kelp.arxiv_id, kelp.published, kelp.upvotes) == ("2611.12001", dt.date(2026, 11, 12), 7)
    assert kelp.authors == ("Ilse Vandermeer", "Tomasi Fifita", "Ngozi Ade")
    assert (kelp.organization, kelp.project_page) == (
        "A Coastal University", "https://ferrykelp.github.io"
    )
    assert kelp.ai_summary.startswith("Ferry cameras and a small segmenter map kelp canopy")
    assert kelp.abstract.endswith("to within a tenth of the canopy area.")
    # A notebook's note (Obsidian) links its authors to notes of their own: their names.
    linked = "## Authors\n- [[Baraka Otieno]]\n- [[people/ana-lima|Ana Lima]]"
    obsidian = text.replace('authors: ["Baraka Otieno", "Ana Lima"]\n', "").replace(
        "\n\narXiv:", f"\n\n{linked}\n\narXiv:"
    )
    [paper] = READERS[".md"](obsidian.encode(), "n.md", None).papers
    assert paper.authors == ("Baraka Otieno", "Ana Lima")
    # A front matter naming no paper is the page's, as before: no record of its own.
    page = text.replace("https://arxiv.org/abs/2611.08213", "https://example.org/blog")
    assert READERS[".md"](page.encode(), "n.md", None).papers == []


def test_a_note_titled_by_its_heading_is_its_paper_with_the_text_under_it():
    """A script's notes of the daily list (real: a public repository's, 2026) name
    the paper in their front matter by its ids alone (`arxiv_id:`, `url:`), title it
    by a heading and give the abstract right under it: no paper was found. YAML read
    `arxiv_id: 2611.12340` as a number, 2611.1234: another paper's id."""
    result = read("note_untitled_front_matter.md")
    [lichen] = result.papers
    assert (lichen.title, lichen.arxiv_id) == (
        "Lichen Cover Estimated From Hikers' Phone Photos", "2611.12340"
    )
    assert lichen.abstract.startswith("Lichen grows slowly on the boulders along mountain")
    assert lichen.abstract.endswith("https://github.com/trail-lichen/phone-cover.")
    assert lichen.code == ("https://github.com/trail-lichen/phone-cover",)
    # (Its header's `date:` dates it, as a capture's header does: the day was lost.)
    assert result.captured == dt.date(2026, 11, 18) and result.problems == []
    assert [str(n) for n in result.notes] == [
        "note_untitled_front_matter.md: captured on 2026-11-18, as the capture's header says"
    ]
    text = (CAPTURES / "note_untitled_front_matter.md").read_text()
    url = "url: https://huggingface.co/papers/2611.12340\n"
    [alone] = READERS[".md"](text.replace(url, "").encode(), "n.md", None).papers
    assert alone.arxiv_id == "2611.12340"
    # A line of the reader's under the title is no abstract; an `Abstract` section is.
    mine = text[: text.index("Lichen grows")] + "Read for Friday's group.\n"
    [paper] = READERS[".md"](mine.encode(), "n.md", None).papers
    assert (paper.title, paper.abstract) == ("Lichen Cover Estimated From Hikers' Phone Photos", "")
    sectioned = mine + "\n## Abstract\n\nLichen grows slowly on boulders by trails.\n"
    [paper] = READERS[".md"](sectioned.encode(), "n.md", None).papers
    assert paper.abstract == "Lichen grows slowly on boulders by trails."
    # A digest's own heading, above its papers' headings, is no title of the one its
    # front matter links; a section's heading neither.
    digest = text.replace("# Lichen Cover", "# Today's papers\n\n## [Lichen Cover").replace(
        "Photos\n", "Photos](https://huggingface.co/papers/2611.12340)\n"
    ) + "\n## [Moss on Roofs](https://huggingface.co/papers/2611.12341)\n\nMoss grows.\n"
    titles = [p.title for p in READERS[".md"](digest.encode(), "n.md", None).papers]
    assert titles == ["Lichen Cover Estimated From Hikers' Phone Photos", "Moss on Roofs"]
    notes = text.replace("# Lichen Cover Estimated From Hikers' Phone Photos", "# Notes")
    assert READERS[".md"](notes.encode(), "n.md", None).papers == []
    # A roundup that links other papers in its text is no note on the one its front
    # matter names: its heading is not that paper's title.
    roundup = text.replace("# Lichen Cover Estimated From Hikers' Phone Photos", "# This week")
    roundup = roundup.replace("Code:\n", "See also https://arxiv.org/abs/2611.00777.\n")
    titles = [p.title for p in READERS[".md"](roundup.encode(), "n.md", None).papers]
    assert "This week" not in titles
    # Nor is a reader's text that links another paper the abstract of the note's.
    titled = text.replace("source:", "title: Lichen Cover Estimated From Hikers' Phone Photos\n"
                          "source:").replace("Code:\n", "Compare https://arxiv.org/abs/2611.00777.\n")
    [paper] = READERS[".md"](titled.encode(), "n.md", None).papers
    assert (paper.arxiv_id, paper.abstract) == ("2611.12340", "")


def test_a_notes_template_gives_the_abstract_not_the_readers_summary_beside_it():
    """A public template of paper notes writes `published-date:` in its front matter,
    links the authors to notes of their own and puts the reader's `## Summary` after
    the `## Abstract`: the summary was read on as the abstract, the date not at all."""
    [glacier] = read("note_template_sections.md").papers
    assert (glacier.arxiv_id, glacier.published) == ("2611.10450", dt.date(2026, 11, 17))
    assert glacier.authors == ("Runa Eide", "Tomas Brekke", "Hanne Solvik")
    assert glacier.abstract.startswith("Seismometers near tidewater glaciers record")
    assert glacier.abstract.endswith("the counts match a season of time-lapse images.")
    # A `## Summary` before the `## Abstract` gives way to it; alone, it is the abstract.
    text = (CAPTURES / "note_template_sections.md").read_text()
    head, abstract = text.split("## Abstract\n")
    abstract, summary = abstract.split("## Summary\n")
    first = f"{head}## Summary\n{summary.split('##')[0]}## Abstract\n{abstract}"
    [paper] = READERS[".md"](first.encode(), "n.md", None).papers
    assert paper.abstract == glacier.abstract
    alone = f"{head}## Summary\n{abstract}"
    [paper] = READERS[".md"](alone.encode(), "n.md", None).papers
    assert paper.abstract == glacier.abstract


def test_a_digests_note_on_one_paper_is_that_paper_not_its_metadata_section():
    """A public repository's notes of arXiv's daily papers (2025) give the id in the
    front matter, a block of the tool's JSON in a comment, the title as a heading,
    a metadata section linking the paper, similar papers as notes' links, and the
    abstract under `## 📄 Abstract (원문)`: the metadata section's heading was read
    as the paper's title."""
    result = read("note_digest_metadata.md")
    [seabird] = result.papers
    assert (seabird.title, seabird.arxiv_id, seabird.published) == (
        "Seabird Flights Reconstructed From Cheap Loggers", "2611.20430", dt.date(2026, 11, 20)
    )
    assert seabird.abstract.startswith("Cheap GPS loggers on seabirds drop fixes over the sea.")
    assert seabird.abstract.endswith("costly loggers on the same birds.")
    assert result.problems == []
    # The abstract under its heading alone, without arXiv's announcement.
    text = (CAPTURES / "note_digest_metadata.md").read_text()
    bare = re.sub(r"arXiv:\S+ Announce Type: \S+ \nAbstract: ", "", text)
    [paper] = READERS[".md"](bare.encode(), "n.md", None).papers
    assert paper.abstract == seabird.abstract
    # Another script's labels in its readers' language, in bold, are no abstract.
    labels = "- **概述**: 用风筝线测量风场，一个很长的概述。\n- **关键要点**: 1. 便宜 2. 准确\n"
    note = text[: text.index("<!--")] + "# Seabird Flights Reconstructed From Cheap Loggers\n\n"
    [paper] = READERS[".md"]((note + labels).encode(), "n.md", None).papers
    assert (paper.title, paper.abstract) == (seabird.title, "")
    words = " ".join(["word"] * 40)
    [paper] = READERS[".md"]((note + f"{words}\n{labels}").encode(), "n.md", None).papers
    assert paper.abstract == words


def test_a_paper_titled_in_another_script_than_arxivs_is_not_taken_from_that_dump():
    """A public wiki's notes of the weekly papers (2026) title each note in Korean
    (`ShieldVLA 핵심 기술 학습 자료`, `... 핵심 참고문헌`, or a title half translated)
    and name the paper in the front matter: read as the paper, its page took the
    note's title. arXiv's titles are in English; the paper is taken from the other
    dumps, with a note."""
    result = read("note_translated_title.md")
    assert result.papers == [] and result.problems == []
    [note] = result.notes
    assert str(note).startswith("note_translated_title.md:1: 1 paper(s) not read, titled in")
    # In a script's records (`Title:`) too; an English title beside them is read.
    records = (
        "Title: 海岸线追踪的简单分割模型\nURL: https://arxiv.org/abs/2611.13231\n---\n"
        "Title: Moss on Roofs\nURL: https://arxiv.org/abs/2611.13232\n"
    )
    result = READERS[".md"](records.encode(), "r.md", None)
    assert [p.title for p in result.papers] == ["Moss on Roofs"]
    assert "1 paper(s) not read" in str(result.notes[-1])
    # Greek letters, as in many titles (`π0`, `Δ-attention`), are no translation, nor
    # is a word in another script in an English title; a title half translated is.
    for title, read_as in (
        ("π0: Δ-Attention for Shorelines", True),
        ("Shoreline Words in Coastal Dialects — 海岸", True),
        ("ShoreNet: 해안선 추적을 위한 단순 Segmentation Model", False),
    ):
        other = records.replace("海岸线追踪的简单分割模型", title)
        titles = [p.title for p in READERS[".md"](other.encode(), "r.md", None).papers]
        assert titles == [title, "Moss on Roofs"][1 - read_as :]

