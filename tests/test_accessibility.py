"""axe-core, run in Debian's chromium, finds no serious or critical violation."""

import pytest
from tools.fetch_axe import DEST as AXE

PAGES = {
    "home": "",
    "topic index": "topics/",
    "topic": "topics/continual-learning/",
    "date index": "dates/",
    "month": "dates/2025-05/",
    "paper": "papers/can-llms-learn-by-teaching-a-preliminary-study/",
    "about": "about/",
    "search results": "search/?q=learning",
}
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}x, e.g. ${v.nodes[0].target})`);
}"""


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_violation(page, site_url, url, scheme):
    assert AXE.exists(), "run `make test`, which fetches axe-core from npm"
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + url)
    if url.startswith("search/"):
        page.wait_for_selector("html[data-search-results]")  # results drawn
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(RUN_AXE) == []
