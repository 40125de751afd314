"""The Jinja environment of the generated pages: the site's override folder first, strict and autoescaped.

Templates get the interface strings of one language through ``t()``; :class:`Environments` keeps one overlay
per extra language (a translated lesson's page uses its own language's strings).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import jinja2
import jinja2.bccache

from mkdocs_pathways import vocab
from mkdocs_pathways.load.safety import is_regular_file
from mkdocs_pathways.render import i18n
from mkdocs_pathways.render.filters import (
    HtmlBlocks,
    grade_long,
    grades_phrase,
    inline_code,
    kind_labels,
    level_labels,
    map_kind_labels,
    md_text,
    minutes_label,
)
from mkdocs_pathways.render.i18n import Strings


def make_environment(override_dir: Path | None = None, language: str = i18n.DEFAULT_LANGUAGE) -> jinja2.Environment:
    """The template environment: the site's override folder first, then the package's templates.

    Its interface strings are in ``language``; :class:`Renderer` switches them to its guide's language.
    """
    loaders: list[jinja2.BaseLoader] = []
    if override_dir is not None:
        loaders.append(_RegularFileLoader(str(override_dir)))
    loaders.append(jinja2.PackageLoader("mkdocs_pathways", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        bytecode_cache=COMPILED,
        # One environment per build, so its templates cannot change while it is used: no stat() per page.
        auto_reload=False,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=[HtmlBlocks],
    )
    env.filters.update(md=md_text, grade=vocab.grade_label, grades=vocab.grade_span_label)
    env.filters["code"] = inline_code
    env.filters["money"] = lambda v: f"{v:,.2f}" if v < 1000 else f"{v:,.0f}"
    env.filters["number"] = lambda v: f"{v:g}" if isinstance(v, (int, float)) else str(v)
    use_language(env, language)
    return env


def use_language(env: jinja2.Environment, language: str) -> Strings:
    """Bind the environment's interface strings, labels and wording filters to a language.

    Templates get ``t(key, **values)``, the string of ``key`` in that language with its placeholders filled
    (escaped, like any other value), and ``term_label(group, value)`` for vocabulary values such as step types.
    Returns the strings, English for a language the package has no strings for.
    """
    strings = i18n.strings(language)
    env.filters.update(
        grades_phrase=lambda grades: grades_phrase(grades, strings),
        minutes=lambda minutes: minutes_label(minutes, strings),
        grade_long=lambda grade: grade_long(grade, strings),
    )
    env.globals.update(t=strings.markup, term_label=strings.term, interface_language=strings.language,
                       KIND_LABELS=kind_labels(strings), MAP_KIND_LABELS=map_kind_labels(strings),
                       LEVEL_LABELS=level_labels(strings))
    return strings




class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process: each build of ``mkdocs serve`` makes a new
    environment, and compiling the templates again took a second. Jinja checks each entry against its
    template's source, so an edited override template is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


# Shared by every environment of the process, the theme's too (the adapter gives it to the site engine's).
COMPILED = _MemoryBytecodeCache()


class _RegularFileLoader(jinja2.FileSystemLoader):
    """A site's override templates, where a symbolic link is never followed (it could print any file)."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        for folder in self.searchpath:
            path = Path(folder) / template
            if path.exists() and not is_regular_file(path, Path(folder)):
                raise jinja2.TemplateNotFound(f"{template} (a link or special file, which is not read)")
        return super().get_source(environment, template)


class Environments:
    """The guide's environment, and an overlay per other interface language, made when first asked for."""

    def __init__(self, env: jinja2.Environment, language: str) -> None:
        self.env = env
        self.strings = use_language(env, language)
        self._overlays: dict[str, jinja2.Environment] = {}

    def get(self, language: str = "") -> jinja2.Environment:
        """The environment with interface strings in ``language`` (the guide's own when empty or the same)."""
        if not language or i18n.strings(language).language == self.strings.language:
            return self.env
        if language not in self._overlays:
            overlay = self.env.overlay()
            # An overlay shares its parent's dictionaries; these must be its own to hold other strings.
            overlay.globals = dict(self.env.globals)
            overlay.filters = dict(self.env.filters)
            use_language(overlay, language)
            self._overlays[language] = overlay
        return self._overlays[language]
