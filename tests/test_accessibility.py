"""axe-core, run in Debian's chromium, finds no serious or critical violation on
any kind of page, at a phone's width and a desktop's, light and dark; the run
keeps screenshots of the main pages for a reviewer (in test-screenshots/, not
in git)."""

import pytest
from conftest import ROOT
from tools.fetch_axe import DEST as AXE

PAGES = {
    "home": "",
    "topic index": "topics/",
    "topic": "topics/continual-learning/",
    "topic most upvoted": "topics/continual-learning/upvoted/",
    "date index": "dates/",
    "year": "dates/2025/",
    "month": "dates/2025-05/",
    "organisation index": "orgs/",
    "organisation": "orgs/*",  # (the first the index lists)
    "paper": "papers/can-llms-learn-by-teaching-a-preliminary-study/",
    "about": "about/",
    "search results": "search/?q=learning",
    "not found": "no/such/page/",  # (the site with its address: 404.html links from it)
}
SCREENSHOTS = ROOT / "test-screenshots"
SCREENSHOT = {"home", "topic", "paper", "search results"}
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}x, e.g. ${v.nodes[0].target})`);
}"""


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_violation(browser, built_site, site_url, hosted_url, name, scheme, width):
    assert AXE.exists(), "run `make test`, which fetches axe-core from npm"
    (w, h) = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, is_mobile=width == "phone")
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    url = PAGES[name]
    if url == "orgs/*":
        url = "orgs/" + next(p.name for p in sorted((built_site / "orgs").iterdir()) if p.is_dir())
    page.goto((hosted_url if name == "not found" else site_url) + url)
    if url.startswith("search/"):
        page.wait_for_selector("html[data-search-results]")  # results drawn
    if name in SCREENSHOT:
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name.replace(' ', '-')}-{width}-{scheme}.png")
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(RUN_AXE) == []
    context.close()
