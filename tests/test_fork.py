"""A nonprofit forks the sample guide, rebrands it, hides a pathway, overrides a template and builds strictly."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from conftest import REPO
from sitekit import broken_links, build_site, replaced

OVERRIDE = """<h1>Our pathways</h1>

<p class="fork-banner">Riverbend Works edition</p>

<ul class="fork-list">{% for card in cards %}<li><a href="{{ link(layout.pathway(card.pathway.id)) }}">\
{{ card.pathway.title }}</a></li>{% endfor %}</ul>
"""


def fork(tmp_path: Path) -> Path:
    root = tmp_path / "fork"
    root.mkdir()
    for folder in ("content", "pathways", "lessons", "standards"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "partners.yml", root / "partners.yml")
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = replaced(text, "site_name: Career Pathways Guide (sample)", "site_name: Riverbend Works Career Guide")
    text = replaced(text, "primary: indigo", "primary: teal")
    text = replaced(text, "copyright: >-", "copyright: >-\n  © 2026 Riverbend Works.")
    text = replaced(text, "      organization: mkdocs-pathways sample team\n",
                    "      organization: Riverbend Works\n      hide_pathways: [health-science]\n"
                    "      templates_dir: overrides/pathways\n")
    # The sample sets no extra_css; if it did, the key added here would be a duplicate that YAML drops silently.
    assert not re.search(r"^extra_css:", text, re.M)
    text += "extra_css:\n  - assets/brand.css\n"
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    (root / "content" / "assets").mkdir(exist_ok=True)
    (root / "content" / "assets" / "brand.css").write_text(":root { --md-primary-fg-color: #0b5394; }\n")
    (root / "overrides" / "pathways").mkdir(parents=True)
    (root / "overrides" / "pathways" / "pathways_index.md.jinja").write_text(OVERRIDE, encoding="utf-8")
    return root


def test_a_rebranded_fork_builds_strictly(tmp_path: Path) -> None:
    root = fork(tmp_path)
    site, warnings = build_site(root)
    assert warnings == []
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Riverbend Works Career Guide" in home and "© 2026 Riverbend Works." in home
    assert 'data-md-color-primary="teal"' in home
    assert "assets/brand.css" in home
    assert home.index("assets/pathways/pathways.css") < home.index("assets/brand.css")  # the site's CSS wins
    # The hidden pathway is gone everywhere, but its lessons stay.
    assert not (site / "pathways" / "health-science").exists()
    assert "health-science" not in home
    assert (site / "lessons" / "patient-care-basics" / "index.html").is_file()
    catalog = yaml.safe_load((site / "catalog.json").read_text(encoding="utf-8"))
    assert {p["id"] for p in catalog["pathways"]} == {"advanced-manufacturing", "digital-technology"}
    # The override template is used.
    index = (site / "pathways" / "index.html").read_text(encoding="utf-8")
    assert '<p class="fork-banner">Riverbend Works edition</p>' in index
    assert index.count("<li><a href=") >= 2
    guide = (site / "pathways" / "digital-technology" / "guide" / "index.html").read_text(encoding="utf-8")
    assert "Riverbend Works" in guide
    assert broken_links(site) == []
