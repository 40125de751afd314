"""Real builds of the bundled guide and of small sites in temporary folders, with assertions on the HTML."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.load.loader import load_catalog

from conftest import REPO
from sitekit import broken_links, build_site, lesson_text, pathway_text, replaced, write_site


def test_every_pathway_and_lesson_has_a_page(sample_site: Path) -> None:
    catalog, diagnostics = load_catalog(GuideConfig.from_options(REPO))
    assert not diagnostics
    assert len(catalog.pathways) >= 3 and len(catalog.lessons) >= 18
    for pathway in catalog.pathways:
        assert (sample_site / "pathways" / pathway.id / "index.html").is_file()
        assert (sample_site / "pathways" / pathway.id / "guide" / "index.html").is_file()
    for lesson in catalog.lessons:
        page = (sample_site / "lessons" / lesson.id / "index.html").read_text(encoding="utf-8")
        assert "Where this fits" in page
    for index in ("pathways", "lessons", "competencies"):
        assert (sample_site / index / "index.html").is_file()


def test_no_broken_internal_links_or_anchors(sample_site: Path) -> None:
    assert broken_links(sample_site) == []


def test_link_checker_can_fail(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="b/">gone</a><a href="a/#nope">anchor</a>')
    (tmp_path / "a" / "index.html").write_text('<h2 id="yes">x</h2>')
    assert broken_links(tmp_path) == ["index.html -> b/", "index.html -> a/#nope (no such anchor)"]


def test_navigation_lists_pathways_but_not_lessons(sample_site: Path) -> None:
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index("md-nav--primary"):]
    assert "pathways/health-science/" in nav
    assert "lessons/strengths-inventory/" not in nav
    tabs = re.findall(r'class="md-tabs__link[^"]*"[^>]*>\s*([^<]+?)\s*<', home)
    assert tabs == ["Home", "Pathways", "Journey", "Partners", "Lessons", "Competencies", "Standards", "About"]


def test_home_page_blocks_are_filled(sample_site: Path) -> None:
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert "pathways:list" not in home and "pathways:find-lesson" not in home
    assert 'href="pathways/health-science/"' in home
    assert 'href="lessons/?grade=7#stage-exploration"' in home


def test_properdocs_builds_the_sample_strictly(tmp_path: Path) -> None:
    properdocs = shutil.which("properdocs", path=str(Path(sys.executable).parent))
    assert properdocs, "properdocs is a dev dependency"
    result = subprocess.run([properdocs, "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d",
                             str(tmp_path / "site")], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert (tmp_path / "site" / "pathways" / "health-science" / "index.html").is_file()


SMALL_PATHWAY = pathway_text("""
    exploration:
      - lesson: alpha
      - experience: Career fair
        type: career-fair
        grades: 7
      - lesson: beta
    preparation:
      - course: Intro to Computing
        grades: 9
""")


def small_site(root: Path, *, templates_dir: str | None = None, config_tail: str = "", **overrides: str) -> Path:
    lessons = {
        "alpha": lesson_text("alpha", title="Alpha lesson", grades="6"),
        "beta": lesson_text("beta", title="Beta lesson", grades="7", builds_on="[alpha]"),
        "gamma": lesson_text("gamma", title="Gamma lesson", grades="8", builds_on="[alpha]"),
    }
    lessons.update(overrides)
    # gamma is in no pathway on purpose, and grade 8 is empty: switch those two continuity checks off.
    return write_site(root, lessons=lessons, pathways={"demo": SMALL_PATHWAY},
                      options="checks:\n  PW307: off\n  PW303: off", templates_dir=templates_dir,
                      config_tail=config_tail)


def test_where_this_fits_names_the_neighbours(tmp_path: Path) -> None:
    site, warnings = build_site(small_site(tmp_path))
    assert warnings == []
    beta = (site / "lessons" / "beta" / "index.html").read_text(encoding="utf-8")
    fits = beta[beta.index('id="where-this-fits"'):]
    assert "Exploration stage, step 3 of 4" in fits
    assert re.search(r'Before: <a href="\.\./\.\./pathways/demo/#step-career-fair">Career fair</a>', fits)
    assert re.search(r'Next: <a href="\.\./\.\./pathways/demo/#step-intro-to-computing">Intro to Computing</a>', fits)
    assert '<a href="../alpha/">Alpha lesson</a>' in beta[beta.index('id="builds-on"'):]
    alpha = (site / "lessons" / "alpha" / "index.html").read_text(encoding="utf-8")
    leads = alpha[alpha.index('id="leads-to"'):]
    assert '<a href="../beta/">Beta lesson</a>' in leads and '<a href="../gamma/">Gamma lesson</a>' in leads
    assert "This is the first step." in alpha
    gamma = (site / "lessons" / "gamma" / "index.html").read_text(encoding="utf-8")
    assert "not part of a pathway yet" in gamma
    assert broken_links(site) == []


def test_content_is_escaped_everywhere(tmp_path: Path) -> None:
    evil = "<script>alert(1)</script>"
    lesson = lesson_text("alpha", title=f'"{evil}"', summary='"<img src=x onerror=alert(2)>"')
    pathway = replaced(SMALL_PATHWAY, "title: Demo pathway", 'title: "</title><script>alert(3)</script>"')
    root = write_site(tmp_path, lessons={"alpha": lesson, "beta": lesson_text("beta")},
                      pathways={"demo": pathway}, options="checks:\n  PW303: off")
    site, _warnings = build_site(root)
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert(" not in text, page
        assert "<img src=x" not in text, page
        assert "</title><script>" not in text, page
    lesson_page = (site / "lessons" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in lesson_page
    pathway_page = (site / "pathways" / "demo" / "index.html").read_text(encoding="utf-8")
    assert "<h1>&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;</h1>" in pathway_page


def test_a_site_template_overrides_the_package_one(tmp_path: Path) -> None:
    root = small_site(tmp_path, templates_dir="overrides")
    (root / "overrides").mkdir()
    (root / "overrides" / "lesson.md.jinja").write_text(
        "<p class=\"district-banner\">Riverbend USD edition of {{ lesson.title }}</p>\n\n{{ body }}\n",
        encoding="utf-8")
    site, _ = build_site(root)
    page = (site / "lessons" / "beta" / "index.html").read_text(encoding="utf-8")
    assert '<p class="district-banner">Riverbend USD edition of Beta lesson</p>' in page
    assert "Where this fits" not in page
    # Templates that were not overridden still come from the package.
    assert "Continuity map" in (site / "pathways" / "demo" / "index.html").read_text(encoding="utf-8")


def test_content_errors_fail_the_build_with_every_problem(tmp_path: Path,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.exceptions import Abort

    root = small_site(tmp_path, beta=lesson_text("beta", grades="8-6", stage="explore"))
    with pytest.raises(Abort):
        build_site(root)
    message = caplog.text
    assert "Traceback" not in message
    assert "lessons/beta.md:5:9: error[PW112]" in message
    assert "lessons/beta.md:6:8: error[PW109]" in message


def test_user_nav_is_merged_not_replaced(tmp_path: Path) -> None:
    root = small_site(tmp_path, config_tail="nav:\n  - Start: index.md\n  - Our pathways: pathways/index.md\n"
                                            "  - About us: about.md\n")
    (root / "content" / "about.md").write_text("# About us\n", encoding="utf-8")
    site, warnings = build_site(root)
    assert warnings == []
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Our pathways" in home and "About us" in home
    assert "pathways/demo/" in home
    nav = home[home.index("md-nav--primary"):]
    labels = re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', nav)
    # The Journey, Lessons and Competencies sections, which the nav did not mention, come after the home page.
    assert labels[:5] == ["Start", "Journey", "Lessons", "Competencies", "Our pathways"], labels


def test_continuity_findings_reach_the_pages_and_the_json(tmp_path: Path) -> None:
    import json

    lessons = {
        "alpha": lesson_text("alpha", grades="6"),
        "beta": lesson_text("beta", grades="7", competency="confidence", level="apply"),
        "gamma": lesson_text("gamma", grades="8"),
    }
    root = write_site(tmp_path, lessons=lessons, pathways={"demo": SMALL_PATHWAY})
    with pytest.raises(Exception, match="Aborted with 3 warnings in strict mode"):
        build_site(root)  # warnings fail a strict build
    site, warnings = build_site(root, strict=False)
    assert sorted(w.split("[")[1][:5] for w in warnings) == ["PW301", "PW303", "PW307"]
    pathway = (site / "pathways" / "demo" / "index.html").read_text(encoding="utf-8")
    gaps = pathway[pathway.index('id="continuity-gaps"'):]
    assert "competency &#39;confidence&#39; is applied in grade 7 (&#39;beta&#39;)" in gaps
    assert '<a href="../../lessons/beta/">Lesson beta</a>' in gaps
    report = (site / "continuity" / "index.html").read_text(encoding="utf-8")
    assert "lesson &#39;gamma&#39; is not part of any pathway" in report
    assert '<a href="../continuity.json">continuity.json</a>' in report
    data = json.loads((site / "continuity.json").read_text(encoding="utf-8"))
    assert data["format"] == "mkdocs-pathways/continuity" and data["version"] == 1
    demo = data["pathways"][0]
    assert [f["code"] for f in demo["findings"]] == ["PW301", "PW303"]
    assert demo["progression"]["confidence"] == [{"lesson": "beta", "level": "apply", "grades": ["7"],
                                                  "stage": "exploration"}]
    assert [f["code"] for f in data["findings"]] == ["PW307"]
    assert broken_links(site) == []


def test_sample_guide_has_no_continuity_gaps(sample_site: Path) -> None:
    import json

    data = json.loads((sample_site / "continuity.json").read_text(encoding="utf-8"))
    assert data["findings"] == []
    # The two barriers the sample shows on purpose, as notes (mkdocs.yml says why); nothing else.
    found = sorted((p["id"], f["code"], f["severity"]) for p in data["pathways"] for f in p["findings"])
    assert found == [("advanced-manufacturing", "PW315", "info"), ("digital-technology", "PW314", "info")]
    assert len(data["pathways"]) == 3


def test_guides_are_left_out_of_search(sample_site: Path) -> None:
    import json

    index = json.loads((sample_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "lessons/strengths-inventory/" in locations
    assert not [loc for loc in locations if loc.endswith("/guide/")]


def test_page_size_option_reaches_the_guide(tmp_path: Path) -> None:
    root = write_site(tmp_path, lessons={"alpha": lesson_text("alpha")},
                      pathways={"demo": "id: demo\ntitle: Demo\nsummary: S.\ncluster: education\nstages:\n"
                                        "  exploration:\n    - lesson: alpha\n"}, options="page_size: a4")
    site, _ = build_site(root)
    assert "@page { size: A4;" in (site / "pathways" / "demo" / "guide" / "index.html").read_text(encoding="utf-8")


def test_check_reference_lists_every_rule_and_findings_link_to_it(sample_site: Path, tmp_path: Path) -> None:
    from mkdocs_pathways.rules import RULES

    page = (sample_site / "reference" / "checks" / "index.html").read_text(encoding="utf-8")
    for code, rule in RULES.items():
        assert f'id="{code.lower()}"' in page, code
        assert f"{code}: {rule.title}" in page.replace("&#39;", "'"), code
    lessons = {"alpha": lesson_text("alpha", grades="6"), "beta": lesson_text("beta", grades="7")}
    site, _ = build_site(write_site(tmp_path, lessons=lessons, pathways={"demo": replaced(
        SMALL_PATHWAY, "        - lesson: beta\n", "")}), strict=False)
    report = (site / "continuity" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../reference/checks/#pw307">PW307</a>' in report


def test_schemas_are_published(sample_site: Path) -> None:
    import json

    from mkdocs_pathways.interop.json_schema import SCHEMAS

    for kind, make in SCHEMAS.items():
        assert json.loads((sample_site / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")) == make()


def test_the_stylesheet_is_balanced() -> None:
    # A missing brace silently moves every later rule into the block above it (once, all of them into print).
    import re
    from importlib import resources

    css = resources.files("mkdocs_pathways").joinpath("assets", "pathways.css").read_text(encoding="utf-8")
    depth = 0
    for char in re.sub(r"/\*.*?\*/", "", css, flags=re.S):
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0
