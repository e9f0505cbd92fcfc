"""Search: the prebuilt index in real headless Chromium, and the same ranking in the CLI."""

import json
import re
import shutil
from urllib.parse import quote

import pytest
from conftest import SEEDS, collect, generator, serve, settings
from lunr.token import Token

from generator.search import format, query
from generator.search.index import publish, update_index
from generator.search.stemmer import stemmer

TEACHING = "papers/can-llms-learn-by-teaching-a-preliminary-study/"
SAFETY = "papers/safety-subspaces-are-not-distinct-a-fine-tuning-case-study/"
# Words from the middle of an abstract that is not in its title.
PHRASE = "entangled, high-impact components"


def results(page):
    page.wait_for_selector("html[data-search-results]")
    return [
        a.get_attribute("href") for a in page.locator("#search-results .search-result__title").all()
    ]


def test_a_misspelt_query_finds_words_like_it_and_says_so(page, site_url, built_site):
    page.goto(site_url + "search/?q=" + quote("difusion"))
    found = results(page)
    assert found and "words like them" in page.inner_text("#search-status")
    assert "diffusion" in page.inner_text("#search-results").lower()
    cli = generator("search", "--", "difusion", cwd=built_site.parent)
    assert "for words like them" in cli.stderr


@pytest.fixture(scope="module")
def api_site(tmp_path_factory):
    """A site with a day of the API (papers with arXiv ids and authors), served."""
    from conftest import FIXTURES, copy_project, mkdocs

    project = copy_project(tmp_path_factory.mktemp("api") / "project")
    day = project / "dumps" / "2025-10-20-hf.json"
    shutil.copy(FIXTURES.parent / "hf" / "daily_2025.json", day)
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    (project / "served").mkdir()
    with serve(project / "site", project / "served") as url:
        yield project, url


TILED = "papers/tiled-diffusion-for-high-resolution-satellite-maps/"


@pytest.mark.parametrize(
    "pasted",
    ["2510.17001", " arXiv:2510.17001v2 ", "https://arxiv.org/abs/2510.17001",
     "https://arxiv.org/pdf/2510.17001v1.pdf", "huggingface.co/papers/2510.17001"],
)  # fmt: skip
def test_a_pasted_arxiv_id_finds_its_paper_on_the_site_and_in_the_terminal(page, api_site, pasted):
    project, url = api_site
    page.goto(url + "search/?q=" + quote(pasted))
    assert [link.split("/catalogue/", 1)[1] for link in results(page)] == [TILED]
    meta = page.inner_text("#search-results .search-result")
    assert "arXiv 2510.17001" in meta and "Mira Castell, Wei Zhang" in meta  # (who, shown)
    index, entries = query.load(project / ".cache" / "generator")  # (the command's code)
    assert [h.entry["url"] for h in query.search(index, entries, pasted)] == [TILED]
    assert page.errors == []


def test_the_terminal_finds_a_pasted_arxiv_id_and_shows_who_wrote_it(api_site):
    project, _ = api_site
    cli = generator("search", "--", "https://arxiv.org/abs/2510.17001v2", cwd=project)
    assert cli.returncode == 0, cli.stderr
    assert "Tiled Diffusion for High-Resolution Satellite Maps" in cli.stdout
    assert "Mira Castell, Wei Zhang" in cli.stdout and "arXiv 2510.17001" in cli.stdout


def test_an_author_search_shows_the_author(page, api_site):
    project, url = api_site
    page.goto(url + "search/?q=" + quote("Priya Raman"))
    first = page.locator("#search-results .search-result").first
    assert "Priya Raman" in first.locator(".search-result__by").inner_text()
    assert page.locator("#search-results .search-result__by mark").count() >= 2  # (marked)


def test_an_authors_name_on_a_paper_page_searches_for_their_papers(page, api_site):
    """Each name a paper page shows links the search for that author's papers: every
    word of the name among a paper's authors."""
    project, url = api_site
    page.goto(url + TILED)
    page.locator(".paper-authors a", has_text="Wei Zhang").first.click()  # (two share it)
    found = [link.split("/catalogue/", 1)[1] for link in results(page)]
    assert TILED in found
    for by in page.locator("#search-results .search-result__by").all():
        assert {"Wei", "Zhang"} <= set(re.findall(r"\w+", by.inner_text()))
    assert page.input_value("#search-q") == "+authors:Wei +authors:Zhang"
    assert page.errors == []


def test_title_query_finds_the_paper_first(page, site_url):
    page.goto(site_url + "search/?q=" + quote("learn by teaching"))
    assert results(page)[0].endswith(TEACHING)
    assert page.errors == []


def test_abstract_phrase_finds_the_paper_first_and_is_highlighted(page, site_url):
    page.goto(site_url + "search/?q=" + quote(PHRASE))
    assert results(page)[0].endswith(SAFETY)
    page.wait_for_selector("html[data-search-snippets]")  # abstracts come after the results
    first = page.locator(".search-result").first
    marked = [m.inner_text().lower() for m in first.locator(".search-result__snippet mark").all()]
    assert {"entangled", "components"} <= set(marked)


def test_topic_filter_narrows_the_results(page, site_url):
    page.goto(site_url + "search/?q=" + quote("forgetting"))
    everything = results(page)
    page.evaluate("delete document.documentElement.dataset.searchResults")  # set again once redrawn
    page.select_option("#search-topic", "knowledge-distillation")
    page.wait_for_function(
        "new URL(location.href).searchParams.get('topic') === 'knowledge-distillation'"
    )
    narrowed = results(page)
    assert 0 < len(narrowed) < len(everything)
    assert "topic=knowledge-distillation" in page.url  # shareable
    for link in narrowed[:5]:
        page.goto(link)
        assert "Knowledge distillation" in page.inner_text("article")


def test_filters_show_how_many_results_each_keeps(page, site_url):
    page.goto(site_url + "search/?q=learning")
    results(page)
    option = "#search-topic option[value='knowledge-distillation']"
    # The topics' file is fetched once the filters are used.
    assert "(" not in page.inner_text(option)
    page.focus("#search-topic")
    page.wait_for_function(f"document.querySelector(\"{option}\").textContent.includes('(')")
    counted = int(page.inner_text(option).rsplit("(", 1)[1].rstrip(")"))
    year = int(page.inner_text("#search-year option[value='2025']").rsplit("(", 1)[1].rstrip(")"))
    code = int(page.inner_text("label:has(#search-code)").rsplit("(", 1)[1].rstrip(")"))
    for choose, expected in (
        (lambda: page.select_option("#search-topic", "knowledge-distillation"), counted),
        (lambda: page.select_option("#search-topic", ""), None),
        (lambda: page.select_option("#search-year", "2025"), year),
        (lambda: page.select_option("#search-year", ""), None),
        (lambda: page.check("#search-code"), code),
    ):
        page.evaluate("delete document.documentElement.dataset.searchResults")
        choose()
        results(page)
        if expected is not None:
            assert int(page.get_attribute("html", "data-search-results")) == expected > 0


def test_has_code_and_year_filters_from_the_url(page, site_url):
    page.goto(site_url + "search/?q=learning&code=1&year=2025")
    found = results(page)
    assert found
    page.goto(found[0])
    assert page.locator("article a[href^='https://github.com/']").count() >= 1


def test_header_box_suggests_as_you_type_and_works_by_keyboard(page, site_url):
    page.goto(site_url + "topics/")
    page.keyboard.press("/")  # focuses the search box
    page.keyboard.type("learn by teaching")
    # A pause between keys shows the suggestions of what is typed so far first.
    page.wait_for_selector(
        "#catalogue-search-suggestions[data-query='learn by teaching']:not([hidden]) [role=option]"
    )
    first = page.locator("#catalogue-search-suggestions [role=option] a").first
    assert first.get_attribute("href").endswith(TEACHING)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + TEACHING)
    assert page.errors == []


def test_enter_opens_a_shareable_results_page(page, site_url):
    page.goto(site_url + TEACHING)
    page.fill("#catalogue-search-input", "catastrophic forgetting")
    page.press("#catalogue-search-input", "Enter")
    page.wait_for_url("**/search/?q=catastrophic+forgetting")
    assert len(results(page)) > 5
    assert page.input_value("#search-q") == "catastrophic forgetting"
    assert page.errors == []


def test_non_paper_pages_are_findable(page, site_url):
    page.goto(site_url + "search/?q=taxonomy")
    assert any(link.endswith("/about/") for link in results(page))
    page.goto(site_url + "search/?q=" + quote("tabular data"))
    assert any(link.endswith("/topics/tabular-data/") for link in results(page)[:3])
    page.goto(site_url + "search/?q=" + quote("May 2025"))
    assert any(link.endswith("/dates/2025-05/") for link in results(page)[:3])


def test_cli_ranks_as_the_site_does(page, site_url, built_site):
    project = built_site.parent
    # Plain words, and lunr's syntax: the page fetches only the index shards a
    # query reaches (wildcards and fuzzy terms reach many), the CLI loads them all.
    queries = (
        "learn by teaching", PHRASE, "curriculum reinforcement",
        "learn* -reinforcement", "title:teaching", "-learning", "teachin~1",
        # Misspelt: nothing as typed, so words like them (one or two edits).
        "curiculum reinforcment", "difusion",
    )  # fmt: skip
    # (The command itself for the first; the rest through the same code in this
    # process, which saves the command's start and up-to-date check each time.)
    cli = generator("search", "--json", "--limit", "5", "--", queries[0], cwd=project)
    assert cli.returncode == 0, cli.stderr
    index, entries = query.load(project / ".cache" / "generator")
    first = [hit["url"] for hit in json.loads(cli.stdout)]
    assert first == [h.entry["url"] for h in query.search(index, entries, queries[0])[:5]]
    for text in queries:
        cli_urls = [h.entry["url"] for h in query.search(index, entries, text)[:5]]
        page.goto(site_url + "search/?q=" + quote(text))
        site_urls = [link.split("/catalogue/", 1)[1] for link in results(page)[:5]]
        assert cli_urls == site_urls, text


@pytest.fixture(scope="module")
def small_segments(built_site, tmp_path_factory):
    """The sample site with its index cut into tiny shards and segments, so that
    the page's queries take every path: later segments, results' own files,
    terms from several shards. Also its cache, for the CLI."""
    scratch = tmp_path_factory.mktemp("small-segments")
    site, cache = scratch / "site", scratch / "cache"
    shutil.copytree(built_site, site)
    catalogue, _ = collect(SEEDS)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(format, "SEGMENT", 2)
        patch.setattr(format, "GROWTH", 2)
        patch.setattr(format, "SHARD_BYTES", 3000)
        assert update_index(catalogue, settings(cache=cache, docs=built_site.parent / "docs"))
    publish(cache, site)
    head = json.loads((site / "search" / "index.json").read_text())
    assert (
        len(head["starts"]) > 50
        and len(list((site / "search" / head["build"]).glob("p-*.bin"))) > 1000
    )
    (scratch / "served").mkdir()
    with serve(site, scratch / "served") as url:
        yield url, cache


def shown(page, url, query):
    page.goto(url + "search/?q=" + quote(query))
    found = results(page)
    return int(page.get_attribute("html", "data-search-results")), [
        link.split("/catalogue/", 1)[1] for link in found
    ]


def test_every_kind_of_query_ranks_as_lunr_does(page, small_segments):
    """The page's results, count and order, against lunr.py over the whole index."""
    url, cache = small_segments
    index, entries = query.load(cache)
    titles = [e["title"] for e in entries if e["kind"] == "paper"][::60]
    queries = [
        "learning",
        "models",
        "language",
        "reinforcement learning",
        "large language models",
        "vision language",
        "learning learn",
        "diffusion models for video",
        "forgetting zzzunknownword",
        "forgeting",  # (nothing as typed: words one edit away)
        "reinforcment lerning",
        # Two common words: results whose entries of one word are deep in its segments.
        "model training",
        "language learning",
        "task performance",
        "data models",
        "neural network",
        "training data",
        "learning tasks",
        "reasoning models",
        "+learning -reinforcement",
        "title:learning",
        "learn*",
        "agent~1",
        "agent~100",
        "-learning",
        "models^5 data",
        *titles,
    ]
    for text in queries:
        hits = query.search(index, entries, text)
        count, site = shown(page, url, text)
        assert (count, site) == (len(hits), [h.entry["url"] for h in hits[:20]]), text
    assert page.errors == []


def test_more_results_continue_the_ranking(page, small_segments):
    url, cache = small_segments
    index, entries = query.load(cache)
    expected = [h.entry["url"] for h in query.search(index, entries, "learning")[:40]]
    page.goto(url + "search/?q=learning")
    assert len(results(page)) == 20
    page.evaluate("delete document.documentElement.dataset.searchResults")
    page.click(".search-more")
    assert [link.split("/catalogue/", 1)[1] for link in results(page)] == expected


def test_a_file_that_fails_is_a_message_and_is_tried_again(page, site_url):
    failed = []

    def flaky(route):
        if not failed:
            failed.append(route.request.url)
            return route.fulfill(status=503, body="busy")
        return route.continue_()

    page.route("**/search/*/s-*.json", flaky)
    page.goto(site_url + "search/?q=" + quote("learn by teaching"))
    page.wait_for_selector("html[data-search-failed]")
    assert "could not be loaded" in page.inner_text("#search-status") and failed
    assert page.locator("#search-results li").count() == 0
    page.click("#search-form button[type=submit]")  # search again
    assert results(page)[0].endswith(TEACHING)
    page.unroute("**/search/*/s-*.json")
    page.route("**/search/*/f/*.json", lambda route: route.fulfill(status=503, body="busy"))
    page.fill("#search-q", "catastrophic forgetting")
    page.wait_for_function(
        "document.querySelector('#search-status').textContent.includes('could not be loaded')"
    )
    assert page.locator(".search-result__missing").count() > 0


def test_queries_are_stemmed_as_the_index_is(page, site_url):
    """lunr.js stems the page's queries; the index and the terminal use its rule."""
    words = sorted(
        {w for path in SEEDS.glob("*.txt") for w in re.findall(r"\w+", path.read_text().lower())}
    )
    words += ["survey", "deployed", "try", "by", "yy", "syzygy", "keys", "daily", "naïvety", "ŷy"]
    page.goto(site_url + "search/")
    page.wait_for_function("() => Boolean(window.lunr)")
    theirs = page.evaluate(
        "words => words.map(w => lunr.stemmer(new lunr.Token(w)).toString())", words
    )
    ours = [str(stemmer(Token(w))) for w in words]
    assert len(words) > 5000
    assert [(w, s) for w, s, t in zip(words, ours, theirs) if s != t] == []


@pytest.mark.parametrize(
    "text",
    ["", "zzzunknownword", "learn by teaching"],
    ids=["empty page", "no result", "a few results"],
)
def test_more_results_shows_only_when_there_are_more(page, site_url, text):
    page.goto(site_url + "search/?q=" + quote(text))
    if text:
        results(page)  # (waits for the results)
    assert page.locator(".search-more").is_hidden()


def test_on_a_phone_an_id_and_a_misspelt_query_find_their_papers(browser, api_site, site_url):
    from conftest import watch_errors

    _, url = api_site
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = watch_errors(context.new_page())
    page.goto(url + "search/?q=" + quote("arXiv:2510.17001"))
    assert [link.split("/catalogue/", 1)[1] for link in results(page)] == [TILED]
    assert page.locator(".search-result__by").first.is_visible()
    page.goto(site_url + "search/?q=" + quote("difusion"))
    assert results(page) and "words like them" in page.inner_text("#search-status")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert page.errors == []
    context.close()
