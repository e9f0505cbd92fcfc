"""Builds reuse what did not change: adding a dump rewrites only the pages it touches."""

import json
import re
import shutil

import pytest
from conftest import FIXTURES, SEEDS, collect, settings

import generator.catalogue.topic_model as topic_model
import generator.pipeline as pipeline
from generator.catalogue.taxonomy import load_taxonomy
from generator.catalogue.topic_model import keyword_signals, rule_signals
from generator.catalogue.topics import TopicMatcher
from generator.pages.exports import export_paths
from generator.pages.feeds import feed_paths
from generator.pages.listings import render_index_pages
from generator.pipeline import build

NEW_DUMP = "2025-11-20-new.txt"  # blank_separated.txt: two papers new to the sample


@pytest.fixture
def project(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "dumps")
    return tmp_path


def run(project, **kwargs):
    report = build(settings(project / "dumps", project / "docs", project / "cache", **kwargs))
    assert report.problems == []
    return report


def files_of(report) -> int:
    """What a build writes: paper pages; list pages (topics, dates, organisations,
    home); the exports: the catalogue's, then each topic's BibTeX."""
    catalogue = report.catalogue
    return len(catalogue.papers) + len(render_index_pages(catalogue)) + 3 + len(catalogue.taxonomy)


def _without_topics(page: str) -> str:
    """A paper page with its topics (front matter and section) left out."""
    head, _, rest = page.partition('<h2 id="topics">')
    head = re.sub(r"\ntopics:\n(?:- .*\n)*", "\n", head)
    return head + rest.partition("</details>")[2]


def test_adding_a_dump_rewrites_only_the_pages_it_touches(project):
    first = run(project)
    assert first.written.written == files_of(first) > 469 + 100
    before = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}

    shutil.copy(FIXTURES / "blank_separated.txt", project / "dumps" / NEW_DUMP)
    second = run(project)
    changed = {
        p.relative_to(project / "docs").as_posix()
        for p in (project / "docs").rglob("*")
        if p.is_file() and before.get(p) != p.read_bytes()
    }
    assert second.papers == first.papers + 2
    assert second.written.written == len(changed)
    new_papers = {"papers/sparse-rewards-in-practice.md", "papers/forgetting-in-language-models.md"}
    assert new_papers <= changed
    # An existing paper page changes only where its related papers did, or its topics
    # (learnt from the labelled papers most alike, which new papers' words can move).
    for page in {c for c in changed if c.startswith("papers/")} - new_papers:
        old = _without_topics(before[project / "docs" / page].decode())
        now = _without_topics((project / "docs" / page).read_text())
        assert old.split('<h2 id="related">')[0] == now.split('<h2 id="related">')[0], page
        assert old.split('<h2 id="cite">')[1] == now.split('<h2 id="cite">')[1], page
    assert (
        "index.md" in changed and "dates/2025-11.md" in changed and "exports/papers.json" in changed
    )
    assert len(changed) < len(before) / 4  # (new related papers for some, not a rebuild of all)
    assert (
        second.written.written + second.written.unchanged == files_of(second) == files_of(first) + 2
    )


def test_a_rebuild_of_unchanged_dumps_writes_nothing_and_renders_no_paper(project):
    assert run(project).rendered == 469
    report = run(project)
    assert report.written.written == 0 and report.rendered == 0
    # The same without the page cache: every page rendered again, none written.
    (project / "cache" / "papers.pickle").unlink()
    report = run(project)
    assert report.written.written == 0 and report.rendered == 469


def test_an_edited_dump_is_read_again(project):
    run(project)
    dump = project / "dumps" / "004_6ea843bea65a7bc1.txt"
    text = dump.read_text()
    dump.write_text(
        text.replace("Neural Circuit Architectural Priors", "Neural Circuit Architecture Priors")
    )
    run(project)
    papers = {p.name for p in (project / "docs" / "papers").glob("*.md")}
    assert "neural-circuit-architecture-priors-for-embodied-control.md" in papers
    assert "neural-circuit-architectural-priors-for-embodied-control.md" not in papers


def test_a_changed_taxonomy_reassigns_topics(project, tmp_path):
    run(project)
    taxonomy = tmp_path / "topics.yml"
    taxonomy.write_text(
        "- slug: teaching\n  name: Teaching\n  description: Teaching.\n  title_keywords: "
        "[teaching]\n"
    )
    run(project, taxonomy=taxonomy)
    page = (
        project / "docs" / "papers" / "can-llms-learn-by-teaching-a-preliminary-study.md"
    ).read_text()
    assert "topics:\n- teaching\n" in page


def test_a_damaged_cache_is_ignored(project):
    run(project)
    for path in (project / "cache").rglob("*.pickle"):
        path.write_bytes(b"not a pickle")
    shutil.rmtree(project / "docs" / "papers")
    report = run(project)
    assert report.papers == 469 and len(list((project / "docs" / "papers").glob("*.md"))) == 469


def test_a_paper_seen_in_a_new_dump_or_edited_in_place_is_written_again(project):
    run(project)
    page = (
        project / "docs" / "papers" / "neural-circuit-architectural-priors-for-embodied-control.md"
    )
    # The same records again in a new dump: each of their pages gains a source.
    newer = project / "dumps" / "2026-01-05-again.txt"
    shutil.copy(project / "dumps" / "004_6ea843bea65a7bc1.txt", newer)
    run(project)
    assert "2026-01-05-again.txt" in page.read_text()
    # The newest record's abstract edited where it is, on the same lines.
    newer.write_text(newer.read_text().replace("embodied control", "embodied kontrol"))
    run(project)
    assert "embodied kontrol" in page.read_text()


def test_cards_and_export_lines_of_a_changed_paper_are_made_again(project, tmp_path):
    """Each paper's card in the lists and its lines in the exports are kept from
    the build before, while its records and topics are the same: an abstract's
    first words edited in a new dump show on the list pages and in the exports
    as a cold build's."""
    run(project)
    newer = project / "dumps" / "2026-01-05-again.txt"
    edited = (project / "dumps" / "004_6ea843bea65a7bc1.txt").read_text()
    newer.write_text(edited.replace("for motor control usually", "for motor kontrol usually"))
    run(project)
    cold = tmp_path / "cold"
    build(settings(project / "dumps", cold / "docs", cold / "cache"))

    def files(docs):
        return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.*")}

    built, expected = files(project / "docs"), files(cold / "docs")
    assert b"motor kontrol" in built["exports/papers.csv"]
    assert b"motor kontrol" in built["topics/robotics.md"]
    assert [name for name in expected if built.get(name) != expected[name]] == []


def test_a_new_index_replaces_the_old_one_whole(project):
    run(project)
    search = project / "cache" / "search"
    first = json.loads((search / "index.json").read_text())["build"]
    run(project)  # nothing changed: the same files
    assert json.loads((search / "index.json").read_text())["build"] == first
    shutil.copy(FIXTURES / "blank_separated.txt", project / "dumps" / NEW_DUMP)
    run(project)
    second = json.loads((search / "index.json").read_text())["build"]
    assert second != first
    assert sorted(p.name for p in search.iterdir() if p.is_dir()) == [second]


def test_a_new_site_address_rewrites_the_paper_pages_but_reads_no_dump_again(project):
    run(project)
    cached = sorted(p.name for p in (project / "cache" / "dumps").glob("*.pickle"))
    report = run(project, site_url="https://example.org/catalogue/")
    assert report.rendered == 469  # each page cites its address
    page = (project / "docs" / "papers" / "self-rewarding-language-models.md").read_text()
    assert "url = {https://example.org/catalogue/papers/self-rewarding-language-models/}" in page
    # The same five dumps' records, under the same keys: not read again.
    assert sorted(p.name for p in (project / "cache" / "dumps").glob("*.pickle")) == cached


def test_related_papers_are_found_anew_only_when_a_text_changed(project, monkeypatch):
    found = []
    real = pipeline.related_papers
    monkeypatch.setattr(
        pipeline, "related_papers", lambda *a, **k: found.append(1) or real(*a, **k)
    )
    first = run(project)
    assert found == [1]
    # A curator's topic changes no text: the related papers are the cache's, the same.
    (project / "dumps" / "overrides.yml").write_text(
        "streaming-deep-reinforcement-learning-finally-works:\n  topics: [+safety-security]\n"
    )
    second = run(project)
    assert found == [1] and second.catalogue.related == first.catalogue.related
    # An abstract edited: found anew, and as a cold build finds them.
    dump = project / "dumps" / "004_6ea843bea65a7bc1.txt"
    dump.write_text(dump.read_text().replace("embodied control", "embodied kontrol"))
    third = run(project)
    assert found == [1, 1]
    shutil.rmtree(project / "cache")
    assert run(project).catalogue.related == third.catalogue.related


def test_topic_keywords_are_scanned_once_a_dump(project, monkeypatch):
    """The topic model's keyword signals are found as each dump is read, and kept
    with it in the cache: a curator's edit scans no paper again."""
    scanned = []
    real = topic_model.keyword_signals

    def counted(papers, matcher):
        scanned.append(len(papers))
        return real(papers, matcher)

    monkeypatch.setattr(topic_model, "keyword_signals", counted)
    monkeypatch.setattr(pipeline, "keyword_signals", counted)
    first = run(project, workers=1)
    assert sum(scanned) == sum(len(d.papers) for d in first.catalogue.dumps)
    scanned.clear()
    (project / "dumps" / "overrides.yml").write_text(
        "streaming-deep-reinforcement-learning-finally-works:\n  topics: [+safety-security]\n"
    )
    run(project, workers=1)
    assert sum(scanned) == 0


def test_keyword_signals_of_the_records_are_the_papers_own():
    """A merged paper's signals, taken from the record it has its text from, are
    those a scan of the paper gives."""
    catalogue, _ = collect()
    matcher = TopicMatcher(load_taxonomy(settings().taxonomy))
    found = [(d.papers, d.signals) for d in catalogue.dumps]
    assert all(signals is not None for _, signals in found)
    papers = catalogue.papers
    taken = rule_signals(papers, matcher, 1, found)
    assert taken.any() and (taken == keyword_signals(papers, matcher)).all()
    # Papers no record gives are scanned, in forked workers.
    assert (rule_signals(papers, matcher, 2, found[:2]) == taken).all()


def test_what_a_build_made_is_stored_again_only_when_it_changed(project):
    """The cache's memos of cards, export lines, BibTeX entries and page
    signatures are not written again when they are as stored (at 10,000 papers,
    pickling them took 0.15 s of a curator's edit)."""
    memos = ["cards", "exports", "entries", "papers"]

    def stamps():
        return {
            name: (project / "cache" / f"{name}.pickle").stat().st_mtime_ns for name in memos
        }

    run(project)
    before = stamps()
    run(project)
    assert stamps() == before
    (project / "dumps" / "overrides.yml").write_text(
        "streaming-deep-reinforcement-learning-finally-works:\n  topics: [+safety-security]\n"
    )
    run(project)
    after = stamps()
    # A topic changes the paper's card, its export lines and its page; not its BibTeX entry.
    assert [name for name in memos if after[name] != before[name]] == ["cards", "exports", "papers"]


def test_under_serve_a_curators_edit_finds_the_term_vectors_in_memory(project, monkeypatch):
    """A process that builds again keeps the term vectors of the papers' texts: a
    curator's edit (no text changed) makes none; the topics are a cold build's."""
    made = []
    real = pipeline.term_vectors
    monkeypatch.setattr(pipeline, "term_vectors", lambda *a: made.append(1) or real(*a))
    run(project, builds_again=True)
    assert made == [1]
    (project / "dumps" / "overrides.yml").write_text(
        "streaming-deep-reinforcement-learning-finally-works:\n  topics: [+safety-security]\n"
    )
    served = run(project, builds_again=True)
    assert made == [1]
    cold = build(settings(project / "dumps", project / "cold-docs"))
    assert [(p.id, p.topics, p.evidence) for p in served.catalogue.papers] == [
        (p.id, p.topics, p.evidence) for p in cold.catalogue.papers
    ]
    # (A build that does not build again, as `mkdocs build`, uses nothing kept in memory.)
    assert made == [1, 1]
    run(project)
    assert made == [1, 1, 1]


def test_under_serve_a_curators_next_fix_finds_only_its_papers_likeness(project, monkeypatch):
    """A process that builds again keeps every paper's nearest labelled papers: a
    curator who fixes another paper adds one labelled paper, whose likeness to
    each paper is all that is found anew; the topics are a cold build's."""
    monkeypatch.setattr(topic_model, "_kept_neighbours", topic_model.Neighbours())
    full = []
    real = topic_model.TopicModel.everyones_nearest
    monkeypatch.setattr(
        topic_model.TopicModel, "everyones_nearest", lambda m: full.append(1) or real(m)
    )
    overrides = project / "dumps" / "overrides.yml"
    fixes = ""
    for pid, topic in [  # (two papers no reader labelled)
        ("a-closer-look-at-rehearsal-free-continual-learning", "robotics"),
        ("a-study-of-latent-monotonic-attention-variants", "safety-security"),
    ]:
        fixes += f"{pid}:\n  topics: [+{topic}]\n"
        overrides.write_text(fixes)
        served = run(project, builds_again=True)
    assert full == [1]
    cold = build(settings(project / "dumps", project / "cold-docs"))
    assert full == [1, 1]
    assert [(p.id, p.topics, p.evidence) for p in served.catalogue.papers] == [
        (p.id, p.topics, p.evidence) for p in cold.catalogue.papers
    ]
    # A fix taken back leaves fewer labelled papers: all are found anew.
    overrides.write_text("")
    run(project, builds_again=True)
    assert full == [1, 1, 1]


def test_under_serve_a_curators_edit_merges_nothing_and_remakes_few_papers(project, monkeypatch):
    """A process that builds again keeps the papers the same dumps merged into, and
    the papers the topic model made: a curator's edit merges nothing again and
    makes anew only the papers whose topics it changed; as a cold build gives them."""
    merges, remade = [], []
    merge, with_topics = pipeline.merge_papers, topic_model._with_topics
    monkeypatch.setattr(pipeline, "merge_papers", lambda *a: merges.append(1) or merge(*a))
    monkeypatch.setattr(topic_model, "_with_topics", lambda *a: remade.append(1) or with_topics(*a))
    run(project, builds_again=True)  # (the dumps read into the cache)
    run(project, builds_again=True)  # (and kept in memory from it)
    first = len(remade)
    (project / "dumps" / "overrides.yml").write_text(
        "a-closer-look-at-rehearsal-free-continual-learning:\n  topics: [+robotics]\n"
    )
    served = run(project, builds_again=True)
    assert len(merges) == 2, "the dumps were merged again"
    assert 0 < len(remade) - first < first / 10
    cold = build(settings(project / "dumps", project / "cold-docs"))
    assert [(p.id, p.topics, p.evidence) for p in served.catalogue.papers] == [
        (p.id, p.topics, p.evidence) for p in cold.catalogue.papers
    ]


def test_under_serve_the_exports_and_feeds_follow_the_pages(project):
    """With downloads_later, an export or feed not there yet is an empty file while
    the pages are built (their links resolve); report.downloads then writes each
    into the docs folder and the site's, as a build that makes them at once does."""
    address = "https://example.org/catalogue/"
    at_once = build(settings(project / "dumps", project / "at-once", site_url=address))
    later = build(
        settings(project / "dumps", project / "docs", project / "cache", site_url=address),
        downloads_later=True,
    )
    made = _downloads(project / "at-once")
    assert len(made) == 3 + 3 * len(at_once.catalogue.taxonomy) + 2
    taxonomy = later.catalogue.taxonomy
    assert sorted(made) == sorted([*export_paths(taxonomy), *feed_paths(taxonomy)])
    assert all((project / "docs" / path).read_bytes() == b"" for path in made)
    # (A download of a topic gone is removed, from the site too.)
    site = project / "site"
    (site / "exports" / "topics").mkdir(parents=True)
    (site / "exports" / "topics" / "gone.bib").write_text("@misc{gone}")
    later.downloads(site)
    for folder in (project / "docs", site):
        assert _downloads(folder) == made


def _downloads(folder) -> dict[str, bytes]:
    """The exports and feeds in `folder`: path -> bytes."""
    files = [p for name in ("exports", "feeds") for p in (folder / name).rglob("*.*")]
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}
