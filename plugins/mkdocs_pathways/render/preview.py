"""What `mkdocs serve` needs beyond a build: a banner while content has errors, folders to watch again, and a
cache of generated pages for ``--dirty``. MkDocs-free; the adapter calls these."""

from __future__ import annotations

import contextlib
import html
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
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
    """Generated pages on disk for `mkdocs serve --dirty`, which rebuilds only files newer than their output:
    each page is rewritten only when its Markdown changes, so an edit to one lesson rebuilds the few pages it
    appears on instead of the whole guide."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="mkdocs-pathways-"))

    def write(self, src_uri: str, markdown: str) -> Path:
        """The cached file of a page, written only if its Markdown changed."""
        return cached_page(self.folder, src_uri, markdown)

    def close(self) -> None:
        """Remove the cache folder."""
        shutil.rmtree(self.folder, ignore_errors=True)


def cached_page(folder: Path, src_uri: str, markdown: str) -> Path:
    """Write a generated page into the serve cache, leaving the file (and its time) alone if it is unchanged."""
    path = folder / src_uri
    if not path.is_file() or path.read_text(encoding="utf-8") != markdown:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
    return path
