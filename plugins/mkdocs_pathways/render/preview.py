"""What `mkdocs serve` needs beyond a build: a banner while content has errors, folders to watch again, and a
preview that rebuilds only what an edit changed. MkDocs-free; the adapter calls these.

`make serve` runs `mkdocs serve --dirty`, where the engine rebuilds only the pages whose source is newer than
their output. On its own that mode is stale in three ways, and :class:`Preview` closes each:

- the navigation of a rebuilt page would show wrong titles for pages that were not read again, and a change to
  the navigation would reach only the rebuilt pages. The adapter gives unread pages their last titles, and
  when the navigation (or anything else every page shows: the error banner, the site's settings, the theme)
  changed, every page is rebuilt;
- the search index would hold only the rebuilt pages: :meth:`Preview.search_index` merges them into the last
  index;
- pages and files deleted since the last build would still be served: :meth:`Preview.stale` lists them.

Generated pages are files in a cache folder, rewritten only when what they show changed (their fingerprint), so
an edit to one lesson rebuilds only the pages that show it. The guide's own pages are always rebuilt: they
are few, and a marker such as ``<!-- pathways:list -->`` shows generated content.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path

from mkdocs_pathways.diagnostics import Diagnostic

BANNER_LIMIT = 5


def error_banner(errors: Sequence[Diagnostic], heading: str, more: str) -> str:
    """A banner for the top of each page while serving: the first problems, each with its place."""
    if not errors:
        return ""
    items = "".join(f"<li><code>{html.escape(str(d.location))}</code> {html.escape(d.message)}</li>"
                    for d in errors[:BANNER_LIMIT])
    rest = f"<p>{html.escape(more)}</p>" if len(errors) > BANNER_LIMIT else ""
    return (f'<div class="pw-serve-errors" role="alert"><p><strong>{html.escape(heading)}</strong></p>'
            f"<ul>{items}</ul>{rest}</div>")


class FolderWatch:
    """Which content folders are watched, by the folder's identity: a folder deleted and made again is a new
    folder, which the file watcher no longer sees until it is watched again."""

    def __init__(self) -> None:
        self.watched: dict[str, int] = {}
        self.watch: Callable[[str], None] | None = None  # the server's, once serving starts
        self.unwatch: Callable[[str], None] | None = None

        self._lock = threading.Lock()
        self._stopped = threading.Event()

    def sync(self, folders: Iterable[Path | None]) -> None:
        """Watch each folder that is new or was made again; nothing before the server is known."""
        if self.watch is None or self.unwatch is None:
            return
        with self._lock:
            stop, start = self.changes(folders)
            for folder in stop:
                with contextlib.suppress(KeyError, OSError):  # the watcher may have dropped it already
                    self.unwatch(folder)
            for folder in start:
                self.watch(folder)

    def poll(self, folders: Iterable[Path | None], interval: float = 1.0) -> None:
        """Keep watching ``folders`` in a background thread, until :meth:`stop`.

        The site engine's watcher ignores events on folders, so a folder deleted and made again (a branch
        switch, a restore) would never be watched again and its edits never shown.
        """
        folders = tuple(folders)

        def run() -> None:
            while not self._stopped.wait(interval):
                self.sync(folders)

        threading.Thread(target=run, name="pathways-folder-watch", daemon=True).start()

    def stop(self) -> None:
        """End the background thread of :meth:`poll`."""
        self._stopped.set()

    def changes(self, folders: Iterable[Path | None]) -> tuple[list[str], list[str]]:
        """The folders to stop watching and to watch now (a recreated folder appears in both)."""
        stop, start = [], []
        for folder in folders:
            if folder is None or not folder.is_dir():
                continue
            key, identity = str(folder), os.stat(folder).st_ino
            if self.watched.get(key) == identity:
                continue
            if key in self.watched:
                stop.append(key)
            start.append(key)
            self.watched[key] = identity
        return stop, start


class PageCache:
    """Generated pages as files for `mkdocs serve`, each rewritten only when what it shows changed, so that a
    dirty build rebuilds only the pages an edit changed."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="mkdocs-pathways-"))
        self.fingerprints: dict[str, str] = {}

    def write(self, src_uri: str, markdown: str, fingerprint: str) -> Path:
        """The cached file of a page, written (and so made newer than its output) only if it changed."""
        path = self.folder / src_uri
        if self.fingerprints.get(src_uri) != fingerprint or not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(markdown, encoding="utf-8")
            self.fingerprints[src_uri] = fingerprint
        return path

    def close(self) -> None:
        """Remove the cache folder."""
        shutil.rmtree(self.folder, ignore_errors=True)


def title_source(text: str) -> str:
    """The part of a Markdown page its title comes from: the front matter, else the first level-one heading.
    When it is unchanged, so is the title, and so is the navigation of every other page."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        return text[:end] if end > 0 else text
    lines = text.splitlines()
    for index, line in enumerate(lines):
        underlined = index + 1 < len(lines) and set(lines[index + 1].strip()) == {"="}
        if line.startswith("# ") or (line.strip() and underlined):
            return line
    return ""


def signature(*parts: object) -> str:
    """A digest of ``parts`` (bytes as they are, anything else by its ``repr``), such as what every page shows:
    when it changes, every page is rebuilt."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else repr(part).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def file_stats(folder: Path | None, names_only: bool = False, skip: Collection[str] = ()) -> list[object]:
    """The files under ``folder`` (never following links), in order: their paths, and unless ``names_only``
    their sizes, times and modes. Nothing for a missing folder."""
    if folder is None or not folder.is_dir():
        return []
    out: list[object] = []
    for parent, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(parent, name)
            if path in skip:
                continue
            try:
                stat = os.lstat(path)
            except OSError:
                continue
            out.append(path if names_only else (path, stat.st_size, stat.st_mtime_ns, stat.st_mode))
    return out


class Preview:
    """What one `mkdocs serve` remembers between builds: each page's title, the search index, the site's
    signature and the files it wrote."""

    def __init__(self) -> None:
        self.titles: dict[str, str | None] = {}
        self.search_docs: list[dict[str, object]] = []
        self.signature = ""
        self.written: set[str] = set()

    def everything_changed(self, site_signature: str) -> bool:
        """Whether every page must be rebuilt, remembering the new signature."""
        changed, self.signature = site_signature != self.signature, site_signature
        return changed

    def search_index(self, text: str, rebuilt: Collection[str], pages: Collection[str]) -> str:
        """The search index written by this build (``text``, which holds only the ``rebuilt`` pages), merged
        into the last complete one. ``pages`` are the addresses of every page of this build."""
        data = json.loads(text)
        kept = [doc for doc in self.search_docs if _page_of(doc) in pages and _page_of(doc) not in rebuilt]
        data["docs"] = self.search_docs = kept + [doc for doc in data.get("docs", []) if isinstance(doc, dict)]
        return json.dumps(data, separators=(",", ":"), default=str)

    def stale(self, written: Iterable[str]) -> list[str]:
        """The files the last build wrote that this one does not: pages and files deleted since."""
        current = set(written)
        gone, self.written = sorted(self.written - current), current
        return gone


def _page_of(doc: dict[str, object]) -> str:
    return str(doc.get("location", "")).split("#", 1)[0]
