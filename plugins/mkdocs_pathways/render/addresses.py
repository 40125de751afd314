"""Source paths and relative links of generated pages, computed the way MkDocs maps files to URLs."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.mkdocs_yml import SiteSettings


@dataclass(frozen=True)
class Addresses:
    """Where each kind of generated page lives (URL prefixes), and whether URLs are directories."""

    pathways: str = "pathways"
    lessons: str = "lessons"
    competencies: str = "competencies"
    continuity: str = "continuity"
    use_directory_urls: bool = True
    standards: str = "standards"

    @classmethod
    def of(cls, config: GuideConfig, site: SiteSettings) -> Addresses:
        """The addresses of one guide, from its options and the site's URL style."""
        return cls(config.pathways_url, config.lessons_url, config.competencies_url,
                   use_directory_urls=site.use_directory_urls)

    def pathways_index(self) -> str:
        return f"{self.pathways}/index.md"

    def pathway(self, pathway_id: str) -> str:
        return f"{self.pathways}/{pathway_id}/index.md"

    def booklet(self, pathway_id: str) -> str:
        return f"{self.pathways}/{pathway_id}/guide.md"

    def plan(self, pathway_id: str) -> str:
        """The plan for a student and their family."""
        return f"{self.pathways}/{pathway_id}/plan.md"

    def lessons_index(self) -> str:
        return f"{self.lessons}/index.md"

    def lesson(self, lesson_id: str) -> str:
        return f"{self.lessons}/{lesson_id}.md"

    def competencies_index(self) -> str:
        return f"{self.competencies}/index.md"

    def continuity_index(self) -> str:
        return f"{self.continuity}/index.md"

    def standards_index(self) -> str:
        return f"{self.standards}/index.md"

    def framework(self, framework_id: str) -> str:
        return f"{self.standards}/{framework_id}/index.md"

    def framework_file(self, framework_id: str, name: str) -> str:
        """A data file beside a framework's page, such as ``crosswalk.csv``."""
        return f"{self.standards}/{framework_id}/{name}"

    def translation(self, lesson_id: str, language: str) -> str:
        return f"{self.lessons}/{lesson_id}/{language}.md"

    def partners_index(self) -> str:
        return "partners/index.md"

    def partner(self, partner_id: str) -> str:
        return f"partners/{partner_id}.md"

    def journey_index(self) -> str:
        return "journey/index.md"

    def credits(self) -> str:
        return "about/credits.md"

    def checks_reference(self) -> str:
        return "reference/checks.md"

    def url(self, src: str) -> str:
        """The site-relative URL of a page, as MkDocs would give it."""
        stem = src[:-3] if src.endswith(".md") else src
        if not self.use_directory_urls:
            return stem + ".html"
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    def href(self, from_src: str, to_src: str, anchor: str = "", query: str = "") -> str:
        """A link from one page to another (or to an anchor on it), relative so that the site can move."""
        here, there = self.url(from_src), self.url(to_src)
        fragment = (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")
        if self.use_directory_urls:
            rel = _relative(there.rstrip("/"), here.rstrip("/"))
            return ("./" if rel == "." else rel + "/") + fragment
        return _relative(there, posixpath.dirname(here)) + fragment

    def file_href(self, from_src: str, path: str) -> str:
        """A link from a page to a file of the site that is not a page, such as ``continuity.json``."""
        here = self.url(from_src)
        base = here.rstrip("/") if (self.use_directory_urls and here.endswith("/")) else posixpath.dirname(here)
        return posixpath.relpath(path, base or ".")


def _relative(target: str, base: str) -> str:
    """``posixpath.relpath`` for the site's own clean, relative paths, without its calls to the file system
    (a large guide computes hundreds of thousands of links)."""
    to_parts = [p for p in target.split("/") if p]
    from_parts = [p for p in base.split("/") if p]
    common = 0
    for a, b in zip(to_parts, from_parts, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(from_parts) - common) + to_parts[common:]
    return "/".join(parts) or "."
