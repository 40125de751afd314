"""Pure work spread over the machine's cores: the lesson bodies of a large guide are converted at once.

Converting Markdown is most of a build's time and each text is converted on its own, so a build can hand
shares of it to forked copies of itself. A copy inherits the site's converter as it is, so nothing but the
texts and the HTML crosses between processes.

What the copies log is not lost or counted twice: each copy keeps its records and the parent hands them to
its own loggers, so that a warning still shows once and still fails a ``--strict`` build.

Forking is safe only in a process with one thread (``mkdocs serve`` runs a server and a file watcher) and
only where the platform has it, so anywhere else, and for small amounts of work, the work is done in this
process, in order. Any failure in a copy also falls back to that: the caller then does the work itself and
meets the same error where it would have anyway.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
# How many processes a build may use: PATHWAYS_JOBS=1 turns the copies off, and any count is used as given.
JOBS_VARIABLE = "PATHWAYS_JOBS"
# Below this many items a fork costs more than it saves (unless PATHWAYS_JOBS asks for it).
SMALLEST = 100
MOST_JOBS = 8

# The function a forked copy runs; set before the fork, so only items and results are pickled.
_job: Callable[[Any], Any] | None = None


def jobs(items: int) -> int:
    """How many processes should share ``items`` pieces of work: 1 unless forking is safe and worth it."""
    asked = os.environ.get(JOBS_VARIABLE, "").strip()
    if asked:
        count = int(asked) if asked.isdigit() else 1
    else:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        count = min(cores, MOST_JOBS) if items >= SMALLEST else 1
    if count < 2 or not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    if multiprocessing.current_process().daemon:  # a daemon process may not start processes of its own
        return 1
    return min(count, items)


def map_forked(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result] | None:
    """``[function(item) for item in items]``, shared with forked copies of this process when :func:`jobs`
    says so; None when it was not done that way (the caller then does the work itself)."""
    count = jobs(len(items))
    if count < 2:
        return None
    global _job
    _job = function
    shares = [list(range(start, len(items), count)) for start in range(count)]  # interleaved: alike in size
    try:
        with multiprocessing.get_context("fork").Pool(count - 1) as pool:
            pending = pool.map_async(_run_share, [[items[i] for i in share] for share in shares[1:]])
            own = [function(items[i]) for i in shares[0]]
            others = pending.get()
    except Exception:  # the caller does the work again, and meets the error where it would have
        return None
    finally:
        _job = None
    results: list[Any] = [None] * len(items)
    for i, result in zip(shares[0], own, strict=True):
        results[i] = result
    for share, (done, records) in zip(shares[1:], others, strict=True):
        for i, result in zip(share, done, strict=True):
            results[i] = result
        for name, record in records:  # the copies' log records, as if logged here (strict mode counts them)
            logging.getLogger(name).handle(record)
    return results


def _run_share(share: list[Any]) -> tuple[list[Any], list[tuple[str, logging.LogRecord]]]:
    """Run in a forked copy: the job on each item of its share, and the log records it made on the way."""
    assert _job is not None
    records: list[tuple[str, logging.LogRecord]] = []

    def keep(logger: logging.Logger, record: logging.LogRecord) -> None:
        if not logger.disabled:
            records.append((logger.name, _portable(record)))

    logging.Logger.handle = keep  # type: ignore[assignment,method-assign]  # this copy ends with the share
    return [_job(item) for item in share], records


def _portable(record: logging.LogRecord) -> logging.LogRecord:
    """``record`` with its message formatted and its traceback as text, so that it can be pickled."""
    record.msg, record.args = record.getMessage(), None
    if record.exc_info:
        record.exc_text = record.exc_text or logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
    try:
        pickle.dumps(record)
    except Exception:  # an extra attribute that cannot be pickled: keep the standard ones
        keep = ("name", "msg", "levelname", "levelno", "pathname", "filename", "module", "lineno", "funcName",
                "created", "msecs", "exc_text", "stack_info")
        record = logging.makeLogRecord({key: getattr(record, key, None) for key in keep})
    return record
