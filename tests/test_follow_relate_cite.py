"""Feeds to follow, related papers, and exports to cite and reuse, on real builds."""

import csv
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import bibtexparser
import feedparser
import jsonschema
import pytest
import rnc2rng
from conftest import FIXTURES, SITE_ADDRESS, collect, copy_project, mkdocs
from lxml import etree

from generator.catalogue.related import related_papers
from generator.model import Paper, Source
from generator.pages import bibtex
from generator.pages.feeds import feed_order
from generator.read.dumps import READERS

ABSTRACT = (
    "We study how agents learn to cooperate in games with many players and sparse "
    "rewards over time."
)


DATA = Path(__file__).parent / "data"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def catalogue():
    return collect()[0]


# ---------------------------------------------------------------- feeds


def test_atom_feeds_parse_and_list_the_newest_papers(hosted_site, catalogue):
    feed = feedparser.parse((hosted_site / "feeds" / "all.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    expected = feed_order(catalogue.papers)[:50]
    assert [e.link for e in feed.entries] == [f"{SITE_ADDRESS}papers/{p.id}/" for p in expected]
    assert [e.title for e in feed.entries] == [p.title for p in expected]
    assert len({e.id for e in feed.entries}) == 50 and all(
        e.id.startswith("urn:uuid:") for e in feed.entries
    )
    first = feed.entries[0]
    assert first.summary == expected[0].abstract
    names = {t.slug: t.name for t in catalogue.taxonomy}
    assert [t.label for t in first.tags] == [names[s] for s in expected[0].topics]
    for entry in feed.entries:  # each links a page that exists
        assert (hosted_site / entry.link.removeprefix(SITE_ADDRESS) / "index.html").is_file()


def test_topic_feeds_hold_only_their_topics_papers(hosted_site, catalogue):
    for topic in catalogue.taxonomy:
        feed = feedparser.parse((hosted_site / "feeds" / f"{topic.slug}.xml").read_bytes())
        assert not feed.bozo, topic.slug
        papers = [p for p in feed_order(catalogue.papers) if topic.slug in p.topics][:50]
        assert [e.title for e in feed.entries] == [p.title for p in papers], topic.slug
    untopiced = [p for p in feed_order(catalogue.papers) if not p.topics]
    assert untopiced, "the sample has papers with no topic"


def test_json_feeds_have_the_fields_of_json_feed_1_1(hosted_site, catalogue):
    data = json.loads((hosted_site / "feeds" / "robotics.json").read_text())
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["home_page_url"] == f"{SITE_ADDRESS}topics/robotics/"
    assert data["feed_url"] == f"{SITE_ADDRESS}feeds/robotics.json"
    assert data["title"] == "Paper catalogue: Robotics"
    assert 0 < len(data["items"]) <= 50
    for item in data["items"]:
        assert set(item) >= {"id", "url", "title", "content_text", "date_published", "tags"}
        assert "Robotics" in item["tags"]
        dt.datetime.fromisoformat(item["date_published"])
        assert item["url"].startswith(SITE_ADDRESS)
    atom = feedparser.parse((hosted_site / "feeds" / "robotics.xml").read_bytes())
    assert [i["id"] for i in data["items"]] == [e.id for e in atom.entries]


ATOM = "{http://www.w3.org/2005/Atom}"


def atom_validator() -> etree.RelaxNG:
    """RFC 4287's own schema (tests/data/atom.rnc, RELAX NG Compact) as lxml's validator."""
    grammar = rnc2rng.dumps(rnc2rng.load(open(DATA / "atom.rnc", encoding="utf-8")))
    # (The schema's `local` prefix names the empty namespace: legal in it, not as XML.)
    return etree.RelaxNG(etree.fromstring(grammar.replace('xmlns:local=""', "").encode()))


def rfc4287_rules(feed: etree._Element) -> list[str]:
    """What RFC 4287 requires beyond its schema (its Schematron rules, and 4.1.1-4.1.2)."""
    broken = []
    entries = feed.findall(f"{ATOM}entry")
    if feed.find(f"{ATOM}author") is None and any(e.find(f"{ATOM}author") is None for e in entries):
        broken.append("an entry with no author in a feed with none")
    for entry in entries:
        alternates = [
            (link.get("type"), link.get("hreflang"))
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if len(alternates) != len(set(alternates)):
            broken.append("two alternate links of one type and language")
        if entry.find(f"{ATOM}content") is None and not alternates:
            broken.append("an entry with neither content nor an alternate link")
    return broken


def test_every_feed_is_valid_by_its_specs_schema(hosted_site):
    """Atom by RFC 4287's RELAX NG schema (lxml) and the rules it leaves to
    Schematron; JSON Feed by a JSON Schema of version 1.1 (jsonschema)."""
    atom = atom_validator()
    feeds = sorted((hosted_site / "feeds").glob("*.xml"))
    assert len(feeds) > 20
    for path in feeds:
        document = etree.parse(path)
        assert atom.validate(document), f"{path.name}: {atom.error_log.last_error}"
        assert rfc4287_rules(document.getroot()) == [], path.name
    schema = json.loads((DATA / "jsonfeed-1.1.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    json_feed = jsonschema.Draft202012Validator(schema)
    for path in sorted((hosted_site / "feeds").glob("*.json")):
        errors = [e.message for e in json_feed.iter_errors(json.loads(path.read_text()))]
        assert errors == [], path.name
    # The validators tell a broken feed: an entry with no id, one with no author.
    broken = etree.parse(feeds[0])
    entry = broken.getroot().find(f"{ATOM}entry")
    entry.remove(entry.find(f"{ATOM}id"))
    assert not atom.validate(broken)
    for author in broken.getroot().iter(f"{ATOM}author"):
        author.getparent().remove(author)
    assert rfc4287_rules(broken.getroot()) == ["an entry with no author in a feed with none"]
    item = json.loads((hosted_site / "feeds" / "all.json").read_text())
    item["items"][0]["date_published"] = "2025-05-19"
    assert not json_feed.is_valid(item)


def test_home_and_topic_pages_announce_and_link_their_feeds(hosted_site):
    for url, name in (("", "all"), ("topics/robotics", "robotics")):
        text = page(hosted_site, url) if url else (hosted_site / "index.html").read_text()
        assert re.search(
            r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]+" '
            rf'href="[./]*feeds/{name}\.xml">',
            text,
        )
        assert f'feeds/{name}.json">' in text
        assert re.search(rf'Subscribe: <a href="[./]*feeds/{name}\.xml">Atom</a>', text)


def test_without_a_site_address_there_are_no_feeds_and_the_build_says_so(built_site):
    assert not (built_site / "feeds").exists()
    assert "Subscribe" not in (built_site / "index.html").read_text()


def test_feed_text_stays_text(tmp_path):
    project = copy_project(tmp_path / "project", with_dumps=False)
    shutil.copy(FIXTURES / "hostile_text.txt", project / "dumps" / "2025-05-19-hostile.txt")
    result = mkdocs("build", "--strict", cwd=project, SITE_URL=SITE_ADDRESS)
    assert result.returncode == 0, result.stderr
    raw = (project / "site" / "feeds" / "all.xml").read_text()
    assert "<script>" not in raw and "&lt;script&gt;" in raw
    feed = feedparser.parse(raw.encode())
    assert not feed.bozo
    assert feed.entries[0].title.startswith("<script>alert('title')</script>")


# ---------------------------------------------------------------- related papers


def test_every_paper_page_lists_related_papers_that_exist(built_site):
    pages = list((built_site / "papers").glob("*/index.html"))
    assert len(pages) == 469
    for path in pages:
        text = path.read_text()
        assert '<h2 id="related">Related papers</h2>' in text
        section = text.split('<h2 id="related">')[1].split("<h2")[0]
        links = re.findall(r'<li><a href="\.\./([^"/]+)/">', section)
        assert 1 <= len(links) <= 5 and len(links) == section.count("<li>")
        assert path.parent.name not in links
        for other in links:
            assert (built_site / "papers" / other / "index.html").is_file()


def test_related_papers_mostly_share_a_topic(catalogue):
    """The agreement the note reports: of the related papers of a paper with topics,
    the share that has one of its topics."""
    topics = {p.id: set(p.topics) for p in catalogue.papers}
    pairs = [
        (p.id, r.id) for p in catalogue.papers if p.topics for r in catalogue.related.get(p.id, ())
    ]
    agreement = sum(bool(topics[a] & topics[b]) for a, b in pairs) / len(pairs)
    assert agreement >= 0.75, agreement
    assert sum(len(catalogue.related.get(p.id, ())) for p in catalogue.papers) >= 4.5 * len(
        catalogue.papers
    )


def paper(title: str, abstract: str = ABSTRACT) -> Paper:
    return Paper(
        id=title.lower().replace(" ", "-"),
        title=title,
        abstract=abstract,
        sources=(Source("a.txt", 1),),
    )


def test_a_catalogue_of_one_paper_says_it_has_no_related_papers(tmp_path):
    assert related_papers([paper("Alone")], workers=1) == {}
    project = copy_project(tmp_path / "project", with_dumps=False)
    dump = (FIXTURES / "blank_separated.txt").read_text()
    (project / "dumps" / "2025-05-19-one.txt").write_text(
        dump.split("Forgetting in Language Models")[0]
    )
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    text = page(project / "site", "papers/sparse-rewards-in-practice")
    assert "No other paper in the catalogue shares enough of its words." in text
    assert 'class="paper-related"' not in text


def test_papers_with_identical_abstracts_are_related_to_each_other():
    found = related_papers(
        [paper("One"), paper("Two"), paper("Three", "A different text about protein folding.")],
        workers=1,
    )
    assert [r.id for r in found["one"]] == ["two"] and [r.id for r in found["two"]] == ["one"]
    assert "three" not in found
    assert "cooperate" in found["one"][0].shared


def test_a_word_and_its_plural_are_one_shared_word():
    """The reason a paper is related read `shared: surveys, survey, small`."""
    text = "Surveys and a survey of reef surveys by survey ships: surveys."
    found = related_papers(
        [paper("One", text), paper("Two", text), paper("Three", "Protein folding, fast.")],
        workers=1,
    )
    [relation] = found["one"]
    words = {w[:-1] if w.endswith("s") else w for w in relation.shared}
    assert len(words) == len(relation.shared) == 3, relation.shared


def test_related_papers_are_the_same_from_the_dumps_word_counts(catalogue):
    """Dumps are counted as they are read (and cached); a paper's row is taken from them."""
    counted_here = related_papers(catalogue.papers, workers=2)
    assert all(d.terms is not None for d in catalogue.dumps)
    assert catalogue.related == counted_here  # every row from the dumps
    some = [(d.papers, d.terms) for d in catalogue.dumps[:2]]
    assert related_papers(catalogue.papers, workers=2, counted=some) == counted_here  # some of them


def test_related_papers_are_those_a_dense_product_finds(catalogue, monkeypatch):
    """The sparse, blocked search against its definition, paper by paper in
    dense arrays: a paper's strongest terms against every other paper's
    vector, the scores over the floor highest first (ties in paper order),
    and the terms whose products weigh most (a word and its plural once); a pair
    with one word in common only if few papers have it."""
    import numpy as np

    import generator.catalogue.related as related

    monkeypatch.setattr(related, "BLOCK", 100)  # rows of several blocks
    papers = catalogue.papers
    found = related.term_vectors(papers, 1)
    vectors, names = found.rows, found.names
    dense = vectors.toarray()
    papers_with = (dense > 0).sum(axis=0)
    limit = max(related.ONE_WORD_MIN, related.ONE_WORD_SHARE * len(papers))
    expected = {}
    for i, row in enumerate(dense):
        query = np.where(row >= np.sort(row)[-related.QUERY_TERMS], row, 0)  # its strongest terms
        scores = dense @ query
        scores[i] = 0  # not related to itself
        found = sorted((-s, j) for j, s in enumerate(scores) if s >= related.FLOOR)[
            : related.RELATED
        ]
        relations = []
        for _, j in found:
            products = row * dense[j]
            terms = sorted((-products[t], t) for t in np.flatnonzero(products))
            shared = []  # (of the first twice as many: a word and its plural once)
            for word in [names[t] for _, t in terms[: 2 * related.SHARED_TERMS]]:
                singular = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
                if len(shared) < related.SHARED_TERMS and all(
                    singular != (w[:-1] if w.endswith("s") and not w.endswith("ss") else w)
                    for w in shared
                ):
                    shared.append(word)
            if len(shared) > 1 or papers_with[list(names).index(shared[0])] <= limit:
                relations.append(related.Relation(papers[j].id, tuple(shared)))
        if relations:
            expected[papers[i].id] = tuple(relations)
    assert related_papers(papers, workers=1) == expected


def test_a_paper_known_by_its_title_is_related_by_a_rare_word_not_a_common_one():
    """A paper known by its title alone (a list or a script's record gives no
    abstract) was related to five papers that share any word of it, `shared:
    fast` or `shared: deep`; one word in common now relates it only if few papers
    have that word."""

    def paper(title, abstract=""):
        return Paper(id=re.sub(r"\W+", "-", title.lower()), title=title, abstract=abstract,
                     sources=(Source("d.txt", 1, None),))  # fmt: skip

    filler = [  # ("fast" in 7 papers of 42: more than few, fewer than a fifth)
        paper(f"{'Fast ' if k < 7 else ''}Solver Number {k}", f"Solver {k} of kind {k % 9}.")
        for k in range(40)
    ]
    tibetan = paper("Tibetan Speech Corpora", "We record Tibetan speech in three dialects.")
    known = paper("Fast Tibetan Transcription")  # (its title only)
    related = related_papers([*filler, tibetan, known], workers=1)
    assert [(r.id, r.shared) for r in related[known.id]] == [(tibetan.id, ("tibetan",))]


def test_related_papers_are_the_same_with_and_without_workers(catalogue, monkeypatch):
    import generator.catalogue.related as related

    monkeypatch.setattr(related, "BLOCK", 100)  # several blocks, so that both workers have some
    assert related_papers(catalogue.papers, workers=2) == related_papers(
        catalogue.papers, workers=1
    )


# ---------------------------------------------------------------- exports and citations


def test_json_export_reads_back_as_the_catalogue(built_site, catalogue):
    records = json.loads((built_site / "exports" / "papers.json").read_text())
    # (Why a paper has a topic is said on its page; the record holds the topics.)
    assert [Paper.from_dict(r) for r in records] == [
        p.replace(evidence=()) for p in catalogue.papers
    ]


# The fields an export gives back when it is another catalogue's dump.
READ_BACK = ("title", "abstract", "arxiv_id", "authors", "authors_count", "organization", "code",
             "organization_handle", "published", "keywords", "ai_summary", "daily_date",
             "comments", "submitted_by", "project_page", "github_stars", "links",
             "upvote_history", "upvotes")  # fmt: skip


def _fields(papers) -> dict:
    return {p.title: [getattr(p, f) for f in READ_BACK] for p in papers}


def test_json_export_is_another_catalogues_dump(built_site, catalogue):
    """Saved in another catalogue's dumps, the export gives each paper as this one has
    it. Its `id` (the page's) was taken for the arXiv id: 469 notes, and no paper
    kept its arXiv id, its organisation, its publication date or its keywords; the
    authors a capture folded away were not counted, and its code, links, stars and
    upvotes by day were lost."""
    data = (built_site / "exports" / "papers.json").read_bytes()
    result = READERS[".json"](data, "papers.json", None)
    assert result.problems == [] and result.notes == []
    assert _fields(result.papers) == _fields(catalogue.papers)
    assert any(p.organization_handle for p in result.papers)
    assert any(p.code for p in result.papers) and any(p.upvote_history for p in result.papers)


def test_csv_export_is_another_catalogues_dump(built_site, catalogue):
    """Saved in another catalogue's dumps, the CSV export gives each paper as this
    one has it, as the JSON export does (a table was not read at all)."""
    data = (built_site / "exports" / "papers.csv").read_bytes()
    result = READERS[".csv"](data, "papers.csv", None)
    assert result.problems == [] and result.notes == []
    assert _fields(result.papers) == _fields(catalogue.papers)


def test_csv_export_has_a_row_a_paper(built_site, catalogue):
    with open(built_site / "exports" / "papers.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == [p.id for p in catalogue.papers]
    by_id = {p.id: p for p in catalogue.papers}
    for row in rows:
        paper = by_id[row["id"]]
        assert row["title"] == paper.title and row["abstract"] == paper.abstract
        assert (
            row["topics"].split(" | ") == list(paper.topics)
            if paper.topics
            else row["topics"] == ""
        )
        assert len(row["sources"].split(" | ")) == len(paper.sources)


def test_bibtex_exports_parse_with_no_failed_block(built_site, catalogue):
    library = bibtexparser.parse_string((built_site / "exports" / "papers.bib").read_text())
    assert library.failed_blocks == []
    assert len(library.entries) == len(catalogue.papers)
    assert len({e.key for e in library.entries}) == len(catalogue.papers)
    assert all(e.entry_type == "misc" for e in library.entries)
    for topic in catalogue.taxonomy:
        topic_library = bibtexparser.parse_string(
            (built_site / "exports" / "topics" / f"{topic.slug}.bib").read_text()
        )
        assert topic_library.failed_blocks == []
        assert len(topic_library.entries) == sum(topic.slug in p.topics for p in catalogue.papers)


def test_bibtex_escapes_latex_and_keeps_unicode(built_site):
    library = bibtexparser.parse_string((built_site / "exports" / "papers.bib").read_text())
    titles = [e.fields_dict["title"].value for e in library.entries]
    hostile = [t for t in titles if "&" in t or "%" in t or "_" in t or "#" in t]
    assert hostile and all(re.search(r"(?<!\\)[&%#_]", t) is None for t in hostile)
    assert any(not t.isascii() for t in titles)  # Unicode kept, not turned into LaTeX
    dated = [e for e in library.entries if "year" in e.fields_dict]
    assert dated and all(
        e.fields_dict["month"].value in "jan feb mar apr may jun jul aug sep oct nov dec".split()
        for e in dated
    )


def _paper(id: str, title: str, authors=(), arxiv_id=None, seen=dt.date(2025, 11, 5)) -> Paper:
    return Paper(
        id=id, title=title, abstract="An abstract.", authors=authors, arxiv_id=arxiv_id,
        published=dt.date(2025, 11, 1), sources=(Source("d.json", 1, seen),),
    )  # fmt: skip


def test_bibtex_keys_are_short_unique_and_stay_when_papers_are_added():
    first = _paper("sparse", "The Sparse Rewards", ("Ada Lovelace", "Alan Turing"), "2511.00001")
    assert bibtex.cite_keys([first]) == {"sparse": "lovelace2025sparse"}
    accented = _paper("x", "À propos: Über alles", ("José García Márquez",))
    assert bibtex.base_key(accented) == "marquez2025propos"
    assert bibtex.base_key(_paper("y", "学习", ("李 明",))) == "paper2025"  # (nothing in ASCII)
    # A later paper with the same key adds its arXiv id (else a digest of its page id);
    # the first keeps its key.
    later = _paper("sparse-2", "Sparse attention", ("Ada Lovelace",), "2511.09999",
                   seen=dt.date(2025, 12, 1))  # fmt: skip
    other = _paper("sparse-3", "Sparse again", ("A. Lovelace",), seen=dt.date(2025, 12, 2))
    keys = bibtex.cite_keys([later, other, first])
    assert keys == {
        "sparse": "lovelace2025sparse",
        "sparse-2": "lovelace2025sparse-2511.09999",
        "sparse-3": f"lovelace2025sparse-{keys['sparse-3'][-6:]}",
    }
    assert len(set(keys.values())) == 3 and keys == bibtex.cite_keys([first, other, later])


def test_an_arxiv_papers_entry_gives_its_eprint_and_arxiv_address():
    paper = _paper("sparse", "Sparse Rewards", ("Ada Lovelace",), "2511.00001")
    [cited] = bibtexparser.parse_string(bibtex.entry(paper, "https://example.org/papers/sparse/")).entries
    assert cited.key == "lovelace2025sparse"
    assert cited.fields_dict["eprint"].value == "2511.00001"
    assert cited.fields_dict["archivePrefix"].value == "arXiv"
    assert cited.fields_dict["url"].value == "https://arxiv.org/abs/2511.00001"


def test_paper_pages_cite_themselves_in_a_pre_that_keeps_its_lines(hosted_site):
    text = page(hosted_site, "papers/can-llms-learn-by-teaching-a-preliminary-study")
    cite = text.split('<h2 id="cite">Cite</h2>')[1].split("</pre>")[0]
    bibtex = cite.split("<code>")[1].split("</code>")[0]
    # Indentation kept.
    assert "\n  title = {Can LLMs Learn by Teaching? A Preliminary Study},\n" in bibtex
    [entry] = bibtexparser.parse_string(bibtex).entries
    assert entry.key == "can2024"  # (a text dump names no author: the title's word, the year)
    assert (
        entry.fields_dict["url"].value
        == f"{SITE_ADDRESS}papers/can-llms-learn-by-teaching-a-preliminary-study/"
    )
    assert entry.fields_dict["year"].value == "2024"


def test_home_and_topic_pages_link_the_exports(built_site):
    home = (built_site / "index.html").read_text()
    for name in ("papers.json", "papers.csv", "papers.bib"):
        assert f'href="exports/{name}"' in home
    assert 'href="../../exports/topics/robotics.bib"' in page(built_site, "topics/robotics")


def test_citations_taken_from_the_cache_are_those_a_cold_build_makes(tmp_path):
    """BibTeX entries are kept in the build cache; a new site address makes them anew."""
    from conftest import settings

    from generator.pipeline import build

    warm, cold = tmp_path / "warm", tmp_path / "cold"
    build(
        settings(docs=warm, cache=tmp_path / "cache", site_url="https://one.example/"), search=False
    )
    build(
        settings(docs=warm, cache=tmp_path / "cache", site_url="https://two.example/"), search=False
    )
    build(settings(docs=cold, site_url="https://two.example/"), search=False)
    for folder in ("exports", "papers"):
        made = sorted(p.relative_to(cold) for p in (cold / folder).rglob("*") if p.is_file())
        assert made and made == sorted(
            p.relative_to(warm) for p in (warm / folder).rglob("*") if p.is_file()
        )
        for name in made:
            assert (warm / name).read_bytes() == (cold / name).read_bytes(), name
    assert "https://one.example/" not in (warm / "exports" / "papers.bib").read_text()


def test_feed_entries_name_their_authors_as_rfc_4287_asks():
    """A feed names an author, or each entry does: the site as the feed's author,
    a paper's first authors (else its organisation) as its entry's."""
    import datetime as dt

    from generator.model import Catalogue, Paper, Source
    from generator.pages.feeds import Feeds

    day = dt.date(2025, 11, 5)
    papers = [
        Paper(
            id="a",
            title="A",
            abstract="An abstract.",
            authors=("Ada Lovelace", "Alan Turing"),
            published=day,
            sources=(Source("d.json", 1, day),),
            arxiv_id="2511.01234",
        ),
        Paper(
            id="b",
            title="B",
            abstract="An abstract.",
            organization="Example Lab",
            published=day,
            sources=(Source("d.json", 2, day),),
        ),
        Paper(
            id="c",
            title="C",
            abstract="An abstract.",
            published=day,
            sources=(Source("d.txt", 3, day),),
        ),
    ]
    files = Feeds(Catalogue(papers, [], []), SITE_ADDRESS).pages()
    feed = feedparser.parse(files["feeds/all.xml"].encode())
    assert not feed.bozo and feed.feed.author_detail.name == "Paper catalogue"
    authors = {e.title: [a.name for a in e.get("authors", [])] for e in feed.entries}
    assert authors == {"A": ["Ada Lovelace", "Alan Turing"], "B": ["Example Lab"], "C": []}
    items = {i["title"]: i.get("authors") for i in json.loads(files["feeds/all.json"])["items"]}
    assert items == {
        "A": [{"name": "Ada Lovelace"}, {"name": "Alan Turing"}],
        "B": [{"name": "Example Lab"}],
        "C": None,
    }
    # An arXiv paper's entry links the paper itself beside its page here.
    [a] = [e for e in feed.entries if e.title == "A"]
    related = [link.href for link in a.links if link.rel == "related"]
    assert related == ["https://arxiv.org/abs/2511.01234"]
    [item] = [i for i in json.loads(files["feeds/all.json"])["items"] if i["title"] == "A"]
    assert item["external_url"] == "https://arxiv.org/abs/2511.01234"


def test_pages_announcing_a_feed_fetch_nothing_that_is_not_there(page, hosted_site, tmp_path):
    """Material fetched a sitemap.xml beside every `link[rel=alternate]`: two 404s a page."""
    from conftest import serve

    with serve(hosted_site, tmp_path) as url:
        failed = []
        page.on("response", lambda r: r.status >= 400 and failed.append(r.url))
        for path in ("", "topics/robotics/"):
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
        assert failed == []
        # (Feed readers look for `alternate` among the link's rel words.)
        assert page.locator('link[rel~="alternate"][type="application/atom+xml"]').count() == 1
