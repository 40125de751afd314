"""Rewrite the links and images of a lesson body for the page it is printed on.

A writer links as the files sit in the repository (:mod:`mkdocs_pathways.load.body_links`). Each page that
shows the body (the lesson page, its translation, a pathway's booklet, the export) sits elsewhere in the
site, so each reference is rewritten to the published file, relative to that page. Markdown links become
paths to source files, which the site engine checks and turns into addresses; raw HTML attributes, which the
engine leaves alone, become final relative addresses.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection
from urllib.parse import quote

from mkdocs_pathways.load.body_links import Reference, Resolver, Target, references
from mkdocs_pathways.render.addresses import Addresses
from mkdocs_pathways.render.fragments import placeholder_address


def published_file(addresses: Addresses, path: str) -> str:
    """Where a file of the lessons folder (``fig/x.svg``) is published in the site."""
    return f"{addresses.lessons}/{path}"


def _source_of(target: Target, addresses: Addresses) -> str:
    if target.kind == "lesson":
        return addresses.lesson(target.path)
    if target.kind == "pathway":
        return addresses.pathway(target.path)
    if target.kind == "file":
        return published_file(addresses, target.path)
    return target.path  # a page or file of the docs folder: its path is its place in the site


def _address(ref: Reference, target: Target, page_src: str, addresses: Addresses) -> str:
    anchor = f"#{target.anchor}" if target.anchor else ""
    to_src = _source_of(target, addresses)
    if ref.html:
        if target.kind in ("lesson", "pathway", "page"):
            return addresses.href(page_src, to_src, target.anchor)
        return addresses.file_href(page_src, to_src) + anchor
    return posixpath.relpath(to_src, posixpath.dirname(page_src) or ".") + anchor


def canonical(body: str, source_file: str, resolver: Resolver, addresses: Addresses) -> str:
    """``body`` with every resolved reference replaced by its placeholder address (see ``render.fragments``).

    The result is converted to HTML once and placed on each page with :func:`render.fragments.place`.
    """
    out: list[str] = []
    last = 0
    for ref in references(body):
        target, _code, _message = resolver.resolve(ref.target, source_file)
        if target is None or target.kind in ("external", "anchor"):
            continue
        out += [body[last:ref.start], placeholder_address(quote(_source_of(target, addresses)), target.anchor)]
        last = ref.end
    out.append(body[last:])
    return "".join(out)


def rebase(body: str, source_file: str, page_src: str, resolver: Resolver, addresses: Addresses) -> str:
    """Markdown written in ``source_file`` (an author's page), with every reference rewritten for the page at
    ``page_src`` as a path the site engine resolves and checks.

    Broken references and web addresses are left as written: the engine reports the broken ones.
    """
    out: list[str] = []
    last = 0
    for ref in references(body):
        target, _code, _message = resolver.resolve(ref.target, source_file)
        if target is None or target.kind in ("external", "anchor"):
            continue
        out += [body[last:ref.start], _address(ref, target, page_src, addresses)]
        last = ref.end
    out.append(body[last:])
    return "".join(out)


def lesson_files(resolver: Resolver, bodies: Collection[tuple[str, str]]) -> list[str]:
    """The files of the lessons folder that the ``(lesson file, body)`` pairs refer to, each once, sorted."""
    return sorted({path for lesson_file, body in bodies for path in resolver.files(body, lesson_file)})
