"""Search: the prebuilt index in real headless Chromium, and the same ranking in the CLI."""

import json
from urllib.parse import quote

from conftest import generator

TEACHING = "papers/can-llms-learn-by-teaching-a-preliminary-study/"
SAFETY = "papers/safety-subspaces-are-not-distinct-a-fine-tuning-case-study/"
# Words from the middle of an abstract that is not in its title.
PHRASE = "entangled, high-impact components"


def results(page):
    page.wait_for_selector("html[data-search-results]")
    return [a.get_attribute("href") for a in page.locator("#search-results .search-result__title").all()]


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
    page.select_option("#search-topic", "knowledge-distillation")
    page.wait_for_function("new URL(location.href).searchParams.get('topic') === 'knowledge-distillation'")
    narrowed = results(page)
    assert 0 < len(narrowed) < len(everything)
    assert "topic=knowledge-distillation" in page.url  # shareable
    for link in narrowed[:5]:
        page.goto(link)
        assert "Knowledge distillation" in page.inner_text("article")


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
    page.wait_for_selector("#catalogue-search-suggestions:not([hidden]) [role=option]")
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
    )  # fmt: skip
    for query in queries:
        cli = generator("search", "--json", "--limit", "5", "--", query, cwd=project)
        assert cli.returncode == 0, cli.stderr
        cli_urls = [hit["url"] for hit in json.loads(cli.stdout)]
        page.goto(site_url + "search/?q=" + quote(query))
        site_urls = [link.split("/catalogue/", 1)[1] for link in results(page)[:5]]
        assert cli_urls == site_urls, query
