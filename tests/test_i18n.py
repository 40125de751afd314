"""Interface languages: the string tables, Spanish pages, the English fallback, and a Spanish site build."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.load.loader import load_catalog
from mkdocs_pathways.render import i18n
from mkdocs_pathways.render.booklet import booklet_css
from mkdocs_pathways.render.filters import grades_phrase, minutes_label

from conftest import CASES, make_renderer
from sitekit import broken_links, build_site, lesson_text, pathway_text, write_site

CASE = CASES / "render" / "basic"
SETTINGS = {"site_name": "Test", "organization": "Test org", "edition": "Test edition"}
# Headings and labels of the English pages that must not survive in a Spanish guide.
ENGLISH_INTERFACE = ["Where this fits", "Builds on", "Leads to", "Objectives", "Materials", "Students will be able to",
                     "The journey, stage by stage", "Continuity map", "Competency progression", "Printable guide",
                     "How to use this guide", "The journey, step by step", "Career cluster", "Any grade",
                     "Clear filters", "Home</a>", "Grades 6", "Grade 7", "Page \" counter", "Check reference",
                     "Credits and licences", "How to fix it", "Coverage by pathway"]


def table(language: str) -> dict[str, str]:
    text = resources.files("mkdocs_pathways").joinpath("data", "i18n", f"{language}.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return {str(k): str(v) for k, v in data.items()}


def rendered(language: str | None) -> dict[str, str]:
    _catalog, diagnostics = load_catalog(GuideConfig.from_options(CASE))
    assert diagnostics == []
    settings = {**SETTINGS, **({"language": language} if language is not None else {})}
    renderer = make_renderer(CASE, **settings)
    pages = {page.src_uri: page.inline() for page in renderer.pages()}
    pages["index.md#list"] = renderer.block("list", "index.md")
    pages["index.md#find-lesson"] = renderer.block("find-lesson", "index.md")
    return pages


# -- the string tables -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["es"])
def test_every_language_has_the_english_keys_and_placeholders(language: str) -> None:
    english, other = table("en"), table(language)
    assert sorted(other) == sorted(english)
    differing = {key: (sorted(i18n.placeholders(english[key])), sorted(i18n.placeholders(other[key])))
                 for key in english if i18n.placeholders(english[key]) != i18n.placeholders(other[key])}
    assert differing == {}
    assert all(value.strip() for value in other.values())


def test_strings_are_plain_text() -> None:
    for language in ("en", "es"):
        for key, value in table(language).items():
            assert "<" not in value and ">" not in value, (language, key)


def test_markup_escapes_values_but_keeps_markup_values() -> None:
    from markupsafe import Markup

    strings = i18n.strings("en")
    assert strings.markup("step.awarded_by", issuer="<b>Board</b> & co") == \
        "Awarded by &lt;b&gt;Board&lt;/b&gt; &amp; co."
    link = Markup('<a href="x">continuity report</a>')
    assert 'The <a href="x">continuity report</a> lists' in strings.markup("pathway.gaps_lead", report=link)
    # An apostrophe stays as typed; attributes in the templates are double-quoted.
    assert "the authors' permission" in strings.markup("credits.no_licence")


def test_python_side_labels_follow_the_language() -> None:
    spanish = i18n.strings("es")
    assert grades_phrase((7,), spanish) == "Grado 7"
    assert grades_phrase((6, 7, 8), spanish) == "Grados 6–8"
    assert grades_phrase((13,), spanish) == "Posecundaria"
    assert grades_phrase((0,), spanish) == "Kínder"
    assert grades_phrase((), spanish) == "Cualquier grado"
    assert grades_phrase((6, 7, 8)) == "Grades 6–8"
    assert minutes_label(90, spanish) == "1 h 30 min" and minutes_label(120) == "2 h"
    spanish_css = booklet_css("T", "letter", "Página {page} de {pages}")
    assert 'content: "Página " counter(page) " de " counter(pages);' in spanish_css
    assert 'content: "Page " counter(page) " of " counter(pages);' in booklet_css("T", "letter")


# -- Spanish pages -----------------------------------------------------------------------------------------------

def test_spanish_pages_have_spanish_interface() -> None:
    pages = rendered("es")
    lesson = pages["lessons/alpha.md"]
    for text in ("## Dónde encaja esta lección", "## Se basa en", "## Conduce a", "## Objetivos", "## Materiales",
                 "Los estudiantes podrán:", "<dt>Grados</dt><dd>Grados 6–7</dd>", "45 min en 1 sesión",
                 "Este es el primer paso.", ">Introducir</span>", '<a href="../../">Inicio</a>', "Licencia:"):
        assert text in lesson, text
    assert "Grado 8" in lesson  # the grades of the lesson it leads to

    pathway = pages["pathways/demo/index.md"]
    for text in ("## El recorrido, etapa por etapa", "## Mapa de continuidad", "## Ocupaciones de destino",
                 "## Progresión de competencias", "## Guía imprimible", "Elegir 1: Choose a course",
                 "Aprendizaje basado en el trabajo · feria de carreras", "Crédito: inscripción doble, 3 horas",
                 'pw-grade-label" x="10"', '>Grado 6</text>', "Cada recuadro es un paso",
                 "Código O*NET-SOC", "catalog.json</a>", "CTDL JSON-LD</a>"):
        assert text in pathway, text

    catalog = pages["lessons/index.md"]
    assert '{"title": "Lecciones"' in catalog
    for text in ("<h1>Lecciones</h1>", '<option value="">Cualquier grado</option>', ">Borrar filtros</button>",
                 "Ninguna lección coincide", '<option value="6">Grado 6</option>', "(todas)</option>"):
        assert text in catalog, text

    guide = pages["pathways/demo/guide.md"]
    assert '{"title": "Test pathway: guía imprimible"' in guide
    for text in ("Guía de la ruta", ">Contenido</h2>", ">Cómo usar esta guía</h2>", ">El recorrido, paso a paso</h2>",
                 '"Página " counter(page) " de " counter(pages)', "Publicado por", "(introducir)"):
        assert text in guide, text

    assert "<h1>Rutas profesionales</h1>" in pages["pathways/index.md"]
    assert "<h1>Competencias</h1>" in pages["competencies/index.md"]
    assert "<h1>Informe de continuidad</h1>" in pages["continuity/index.md"]
    assert "<h1>Créditos y licencias</h1>" in pages["about/credits.md"]
    checks = pages["reference/checks.md"]
    assert "<h1>Referencia de verificaciones</h1>" in checks and "## Archivos" in checks
    assert "Lecciones por grado" in pages["index.md#find-lesson"]

    for src, markdown in pages.items():
        markdown = re.sub(r'<script type="application/ld\+json">.*?</script>', "", markdown)  # data, not words
        if src == "reference/checks.md":
            # The rule table's explanations are not translated; only the page's own words are.
            markdown = re.sub(r'<section class="pw-rule".*?</section>', "", markdown)
        for english in ENGLISH_INTERFACE:
            assert english not in markdown, (src, english)


def test_spanish_keeps_content_and_escaping() -> None:
    pages = rendered("es")
    beta = pages["lessons/beta.md"]
    assert '{"title": "Beta &amp; the ‹b›bold‹/b› lesson"}' in beta
    assert "<h1>Beta &amp; the &lt;b&gt;bold&lt;/b&gt; lesson</h1>" in beta
    assert "Computer User Support Specialists" in pages["pathways/demo/index.md"]
    for src, markdown in pages.items():
        assert "<b>bold" not in markdown, src  # values put into translated strings are escaped too
    assert "<title>beta se basa en alpha</title>" in pages["pathways/demo/index.md"]


def test_english_is_the_default() -> None:
    assert rendered(None) == rendered("en")


@pytest.mark.parametrize("language", ["xx", "de", "../en", "", "EN"])
def test_unknown_language_falls_back_to_english(language: str) -> None:
    assert rendered(language) == rendered("en")
    assert i18n.strings(language).language == "en"


def test_regional_variant_uses_the_language() -> None:
    assert i18n.strings("es-MX").language == "es"
    assert i18n.strings("es_US").text("lesson.where_this_fits") == "Dónde encaja esta lección"


def test_missing_key_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    strings = i18n.Strings("es")
    monkeypatch.setattr(strings, "_own", {k: v for k, v in table("es").items() if k != "lesson.builds_on"})
    assert strings.text("lesson.builds_on") == "Builds on"
    assert strings.text("lesson.leads_to") == "Conduce a"
    with pytest.raises(KeyError):
        strings.text("no.such.key")


# -- a Spanish site, built by MkDocs -----------------------------------------------------------------------------

PATHWAY = pathway_text("""
    exploration:
      - lesson: alpha
      - lesson: beta
""")


def spanish_site(root: Path, options: str = "language: es", theme_language: str | None = None) -> Path:
    lessons = {"alpha": lesson_text("alpha", title="Alpha lesson", grades="7"),
               "beta": lesson_text("beta", title="Beta lesson", grades="8", builds_on="[alpha]")}
    return write_site(root, lessons=lessons, pathways={"demo": PATHWAY},
                      options=options + "\nchecks:\n  PW303: off\n  PW309: off", theme_language=theme_language)


def test_a_spanish_site_builds_strictly(tmp_path: Path) -> None:
    site, warnings = build_site(spanish_site(tmp_path))
    assert warnings == []
    beta = (site / "lessons" / "beta" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="[^"]*">Dónde encaja esta lección', beta)
    assert re.search(r"<h2 id=\"[^\"]*\">Se basa en", beta)
    assert "Where this fits" not in beta
    pathway = (site / "pathways" / "demo" / "index.html").read_text(encoding="utf-8")
    assert "El recorrido, etapa por etapa" in pathway
    assert broken_links(site) == []


def test_the_theme_language_is_used_when_the_option_is_not_set(tmp_path: Path) -> None:
    site, warnings = build_site(spanish_site(tmp_path, options="", theme_language="es"))
    assert warnings == []
    alpha = (site / "lessons" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "Dónde encaja esta lección" in alpha


def test_a_translated_lesson_page_speaks_its_own_language(sample_site: Path) -> None:
    spanish = (sample_site / "lessons" / "strengths-inventory" / "es" / "index.html").read_text(encoding="utf-8")
    english = (sample_site / "lessons" / "strengths-inventory" / "index.html").read_text(encoding="utf-8")
    assert '<div lang="es">' in spanish
    assert ">Inicio</a>" in spanish and ">Lecciones</a>" in spanish
    assert ">Home</a>" in english and "Where this fits" in english and ">Inicio</a>" not in english
