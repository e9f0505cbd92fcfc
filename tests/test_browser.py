"""The built sample site in real headless Chromium (Debian's), served over HTTP."""

from conftest import watch_errors

MULTI_SOURCE_PAPER = "papers/can-llms-learn-by-teaching-a-preliminary-study/"


def test_home_to_topic_to_paper_to_code_link(page, site_url):
    page.goto(site_url)
    assert "469 papers" in page.inner_text("article")
    page.click("a.md-tabs__link:text('Topics')")
    page.click("article a:text('Continual learning')")
    assert page.url.endswith("/topics/continual-learning/")
    page.click("article ul.paper-list a >> nth=0")
    assert "/papers/" in page.url
    page.goto(site_url + "papers/safety-subspaces-are-not-distinct-a-fine-tuning-case-study/")
    code = page.locator("article a[href^='https://github.com/']").first
    assert code.get_attribute("href") == "https://github.com/CERT-Lab/safety-subspaces"
    assert page.errors == []


def test_date_pages(page, site_url):
    page.goto(site_url + "dates/")
    page.click("article a:text('2025')")
    page.click("article a:text('May 2025')")
    assert page.inner_text("article h1") == "May 2025"
    page.locator("article ul.paper-list a").first.click()
    assert "/papers/" in page.url
    assert page.errors == []


def test_paper_from_several_dumps_lists_each_source(page, site_url):
    page.goto(site_url + MULTI_SOURCE_PAPER)
    page.click("summary:text('Sources and capture details')")  # (folded away)
    rows = page.locator("article .paper-sources table tbody tr")
    assert rows.count() == 4
    assert "001_87578f3f678421b4.txt" in page.inner_text("article .paper-sources table")
    assert page.errors == []


def test_dark_light_toggle(page, site_url):
    page.goto(site_url)
    def scheme():
        return page.get_attribute("body", "data-md-color-scheme")

    first = scheme()
    page.click("label.md-header__button[for^='__palette']:visible")
    assert scheme() != first
    page.click("label.md-header__button[for^='__palette']:visible")
    assert scheme() == first


def test_phone_viewport_has_no_horizontal_scroll(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = watch_errors(context.new_page())
    for url in ("", "topics/", "dates/2025-05/", MULTI_SOURCE_PAPER):
        page.goto(site_url + url)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), url
    assert page.errors == []
    context.close()


def test_copy_bibtex_button_copies_the_entry(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = watch_errors(context.new_page())
    page.goto(site_url + MULTI_SOURCE_PAPER)
    button = page.locator("button.paper-copy")
    assert button.is_visible()
    button.click()
    page.wait_for_function("document.querySelector('button.paper-copy').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.inner_text("pre.paper-bibtex")
    assert copied.startswith("@misc{can2024,\n  title = {")
    page.goto(site_url + MULTI_SOURCE_PAPER)
    page.locator("ul.paper-related a").first.click()
    assert "/papers/" in page.url and page.url != site_url + MULTI_SOURCE_PAPER
    assert page.errors == []
    context.close()


def test_on_a_phone_lists_are_stacked_cards_and_a_paper_shows_its_buttons_first(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = watch_errors(context.new_page())
    page.goto(site_url + "topics/continual-learning/")
    cards = page.locator("ul.paper-list > li.paper-card")
    boxes = [cards.nth(i).bounding_box() for i in range(6)]
    assert all(box["width"] > 330 for box in boxes)  # the screen's width, less its margins
    assert all(b["y"] >= a["y"] + a["height"] for a, b in zip(boxes, boxes[1:]))  # stacked
    assert sorted(box["height"] for box in boxes)[3] < 844 / 3  # several to a screen
    page.goto(site_url + MULTI_SOURCE_PAPER)
    first = page.locator(".paper-buttons .md-button").first
    assert first.inner_text() == "Search arXiv" and first.bounding_box()["y"] < 844
    page.goto(site_url)
    page.click("label.md-header__button[for='__drawer']")
    drawer = page.locator("nav.md-nav--primary")
    for tab in ("Top", "Topics", "Dates", "Organisations"):
        assert drawer.get_by_role("link", name=tab, exact=True).first.is_visible(), tab
    assert page.errors == []
    context.close()


def test_the_time_views_switch_from_day_to_week_to_month_to_year(page, site_url):
    page.goto(site_url)
    page.click("a.md-tabs__link:text('Top')")
    assert page.inner_text("article h1").rstrip("¶") == "Top papers of 2025-11-05"
    for view, title in (("Week", "Top papers, 2025-10-30 to 2025-11-05"),
                        ("Month", "Top papers of November 2025"), ("Year", "Top papers of 2025")):
        page.click(f"article a:text-is('{view}')")
        assert page.inner_text("article h1").rstrip("¶") == title  # (less its permalink)
        assert page.locator("article ul.paper-list li").count() > 0
    tab = page.locator("li.md-tabs__item:has(a:text-is('Top'))")
    assert "md-tabs__item--active" in tab.get_attribute("class")
    assert page.errors == []


def test_a_bar_of_a_topics_chart_leads_to_its_months_papers_in_the_topics_list(page, site_url):
    page.goto(site_url + "topics/language-models/")
    bar = page.locator("figure.topic-chart svg a[href^='page/2/#month-']").first
    month = bar.get_attribute("aria-label").split(":")[0]  # ("April 2022: 1")
    bar.click()
    assert "/topics/language-models/page/2/#month-" in page.url
    card = page.locator("li.paper-card:target")
    assert card.count() == 1 and month.split()[1] in card.inner_text()
    top = card.evaluate("card => card.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 2  # (scrolled to, under the header)
    others = page.locator("li.paper-card:not(:target)").first
    width = "card => getComputedStyle(card).borderTopWidth"
    assert card.evaluate(width) == "2px" and others.evaluate(width) == "1px"  # (marked)
    assert page.errors == []
