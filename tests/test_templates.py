"""A site restyles paper pages and list cards the Material way: its own
templates in the theme's custom_dir, with autoescaping, and a broken one is one
line naming it."""

import shutil

from conftest import FIXTURES, copy_project, mkdocs

PAPER = "sparse-rewards-in-practice"


def project_with(tmp_path, **templates: str):
    project = copy_project(tmp_path / "project", with_dumps=False)
    shutil.copy(FIXTURES / "blank_separated.txt", project / "dumps" / "2025-05-19-a.txt")
    (project / "dumps" / "hostile.txt").write_text((FIXTURES / "hostile_text.txt").read_text())
    folder = project / "overrides" / "catalogue"
    folder.mkdir()
    for name, text in templates.items():
        (folder / f"{name}.html").write_text(text)
    return project


def test_a_sites_own_templates_make_the_paper_pages_and_the_cards(tmp_path):
    project = project_with(
        tmp_path,
        paper_body='<p class="ours">{{ paper.title }} by {{ authors or "nobody" }}</p>\n'
        '<p class="ours-abstract">{{ paper.abstract }}</p>',
        paper_card='<li class="our-card"><a href="{{ href }}">{{ paper.title }}</a></li>',
    )
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "papers" / PAPER / "index.html").read_text()
    assert '<p class="ours">Sparse Rewards in Practice by nobody</p>' in page
    assert 'class="paper-buttons"' not in page  # (the generator's template is not used)
    home = (project / "site" / "index.html").read_text()
    card = f'<li class="our-card"><a href="papers/{PAPER}/">Sparse Rewards in Practice</a></li>'
    assert card in home
    # Autoescaping: a hostile title is text in the site's own template too.
    for hostile in (project / "site" / "papers").glob("*/index.html"):
        assert "<script>alert" not in hostile.read_text()


def test_a_changed_template_remakes_the_pages_it_makes(tmp_path):
    project = project_with(tmp_path, paper_body="<p>first {{ paper.title }}</p>")
    assert mkdocs("build", "--strict", cwd=project).returncode == 0
    template = project / "overrides" / "catalogue" / "paper_body.html"
    template.write_text("<p>second {{ paper.title }}</p>")
    assert mkdocs("build", "--strict", cwd=project).returncode == 0
    page = (project / "site" / "papers" / PAPER / "index.html").read_text()
    assert "<p>second Sparse Rewards in Practice</p>" in page


def test_a_broken_template_is_one_line_naming_it_and_the_last_site_stays(tmp_path):
    project = project_with(tmp_path)
    assert mkdocs("build", "--strict", cwd=project).returncode == 0
    template = project / "overrides" / "catalogue" / "paper_card.html"
    for broken, said in (
        ("<li>{{ paper.title </li>", f"{template}:1: unexpected '/'"),
        ("<li>{{ paper.no_such_field }}</li>", f"{template}: UndefinedError"),
    ):
        template.write_text(broken)
        result = mkdocs("build", "--strict", cwd=project)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert said in result.stderr, result.stderr
        assert (project / "site" / "papers" / PAPER / "index.html").is_file()
