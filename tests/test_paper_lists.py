"""Paper lists set aside from Markdown (mkdocs_hooks.py) come out as Markdown would make them."""

import frontmatter
import markdown
import yaml
from conftest import ROOT, SEEDS, collect

from generator.mkdocs.paper_lists import put_back, set_aside
from generator.pages.listings import render_index_pages


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the site's extensions, as MkDocs configures it."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = {
            k: v == "true" if v in ("true", "false") else v for k, v in options.items()
        }
    return markdown.Markdown(extensions=names, extension_configs=configs)


def test_topic_date_and_home_pages_come_out_the_same():
    catalogue, _ = collect(SEEDS)
    pages = render_index_pages(catalogue)
    convert = site_markdown()
    set_aside_in = 0
    for path, text in pages.items():
        body = frontmatter.loads(text).content
        shortened, lists = set_aside(body)
        set_aside_in += bool(lists)
        assert len(shortened) < len(body) or not lists
        expected = convert.reset().convert(body)
        assert put_back(convert.reset().convert(shortened), lists) == expected, path
    assert set_aside_in > 30  # every topic and month page, and the home page
