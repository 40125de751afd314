"""Read YAML safely and remember where every value came from.

PyYAML's composer loses key positions and keeps the last of two duplicate keys without a word, so this module
builds plain Python values straight from the parser's event stream. That gives a line and column for every
key and value, catches duplicate keys, refuses anchors, aliases and tags, and bounds nesting depth without
recursion. It uses libyaml's C parser when it is available.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from mkdocs_pathways.diagnostics import Diagnostic, Location

try:  # libyaml is about 16 times faster; the pure-Python parser gives the same events
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]
MAX_DEPTH = 32

_STR = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_ACCEPTED_TAGS = frozenset(("!", *_ALLOWED_TAGS))
_INT, _FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9_]*)(\.[0-9_]*)?([eE][-+]?[0-9]+)?|[-+]?\.[0-9_]+([eE][-+]?[0-9]+)?",
                      re.ASCII)
_SPECIAL = frozenset((".inf", "-.inf", "+.inf", ".nan"))
_YAML12_BOOLEANS = frozenset(("true", "false"))
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def is_yaml11_boolean(plain: str) -> bool:
    """Whether an unquoted value that PyYAML reads as a boolean is one that YAML 1.2 reads as text.

    PyYAML follows YAML 1.1, where yes, no, on and off (in any of their spellings) are booleans; YAML 1.2, which
    editors follow, keeps only true and false. This is the one place that tells the two apart.
    """
    return plain.lower() not in _YAML12_BOOLEANS


@dataclass
class SourceMap:
    """Where each key and value of one YAML document sits in its file."""

    path: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # Values read as true or false only under YAML 1.1 (yes, No, ON, off...), with the text as written. YAML 1.2
    # tools, such as the editors' language server, read them as text: the boolean check warns about them.
    yaml11_booleans: dict[Path_, str] = field(default_factory=dict)

    def at(self, key_path: Path_) -> Location:
        """The location of the value at ``key_path``, or of its nearest recorded parent."""
        return self._find(self.values, key_path)

    def key_at(self, key_path: Path_) -> Location:
        """The location of the key at ``key_path`` (falls back to the value's location)."""
        if key_path in self.keys:
            line, col = self.keys[key_path]
            return Location(self.path, line, col)
        return self.at(key_path)

    def _find(self, table: dict[Path_, tuple[int, int]], key_path: Path_) -> Location:
        probe = key_path
        while probe not in table and probe:
            probe = probe[:-1]
        line, col = table.get(probe, (1, 1))
        return Location(self.path, line, col)


@dataclass(slots=True)
class _Frame:
    container: dict[str, Any] | list[Any]
    path: Path_
    pending_key: str | None = None
    seen: dict[str, int] = field(default_factory=dict)


# The parsers build events of exactly these classes, so the reader tells them apart by identity: a file has
# hundreds of events and a guide thousands of files, and this loop is most of the time a check takes.
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAPPING_START, _SEQUENCE_START = yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
_DOCUMENT_START = yaml.DocumentStartEvent


class _Reader:
    def __init__(self, path: str, line_offset: int) -> None:
        self.path = path
        self.offset = line_offset
        self.problems: list[Diagnostic] = []
        self.source = SourceMap(path)

    def loc(self, mark: Any) -> tuple[int, int]:
        return (mark.line + 1 + self.offset, mark.column + 1)

    def problem(self, code: str, mark: Any, message: str, hint: str) -> None:
        line, col = self.loc(mark)
        self.problems.append(Diagnostic(code, Location(self.path, line, col), message, hint))

    def read(self, text: str) -> Any:
        # The parser is driven directly rather than through yaml.parse(), whose generator costs about as much
        # per event as the rest of this loop.
        loader = _Loader(text)
        try:
            return self._events(loader)
        finally:
            loader.dispose()

    def _events(self, loader: Any) -> Any:
        stack: list[_Frame] = []
        root: Any = None
        documents = 0
        values = self.source.values
        while loader.check_event():
            event = loader.get_event()
            kind = type(event)
            if kind is _SCALAR or kind is _MAPPING_START or kind is _SEQUENCE_START:
                if event.anchor is not None:
                    self.problem("PW005", event.start_mark, f"anchor '&{event.anchor}' is not allowed",
                                 "remove the '&' name; write repeated values out in full.")
                    return root
                tag = event.tag
                if tag is not None and tag not in _ACCEPTED_TAGS:
                    shown = tag.replace("tag:yaml.org,2002:", "!!")
                    self.problem("PW011", event.start_mark, f"the tag '{shown}' is not allowed",
                                 "remove the word starting with '!' before the value.")
                    return root
                frame = stack[-1] if stack else None
                awaits_key = frame is not None and isinstance(frame.container, dict) and frame.pending_key is None
                if kind is _SCALAR:
                    if awaits_key:
                        assert frame is not None
                        if not self._key(frame, event):
                            return root
                        continue
                    value = self._scalar(event)
                    if frame is None:
                        root = value
                        values[()] = self.loc(event.start_mark)
                    else:
                        where = self._attach(frame, value, event.start_mark)
                        if isinstance(value, bool) and is_yaml11_boolean(event.value):
                            self.source.yaml11_booleans[where] = event.value
                    continue
                if awaits_key:
                    self.problem("PW004", event.start_mark, "a field name is a list or a set of fields",
                                 "field names must be plain words followed by ':'.")
                    return root
                if len(stack) >= MAX_DEPTH:
                    self.problem("PW010", event.start_mark,
                                 f"the content is nested more than {MAX_DEPTH} levels deep",
                                 "flatten the structure to match the documented format.")
                    return root
                container: dict[str, Any] | list[Any] = {} if kind is _MAPPING_START else []
                if frame is None:
                    root = container
                    path: Path_ = ()
                    values[()] = self.loc(event.start_mark)
                else:
                    path = self._attach(frame, container, event.start_mark)
                stack.append(_Frame(container, path))
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                stack.pop()
            elif kind is _DOCUMENT_START:
                documents += 1
                if documents > 1:
                    self.problem(
                        "PW004", event.start_mark, "the file holds more than one YAML document",
                        "a line with only '---' starts a new document; remove it (lessons use '---' only "
                        "around the front matter).",
                    )
                    return root
            elif kind is _ALIAS:
                self.problem("PW005", event.start_mark, f"alias '*{event.anchor}' repeats another part of the file",
                             "write the value out in full instead of using '*'.")
                return root
        return root

    def _key(self, frame: _Frame, event: Any) -> bool:
        # Keys stay as written: 'on:' or 'no:' are field names here, not booleans.
        key = str(event.value)
        mark = event.start_mark
        line = mark.line + 1 + self.offset
        if key in frame.seen:
            self.problem("PW006", mark, f"the field '{key}' appears twice here",
                         f"it is already set on line {frame.seen[key]}; YAML would keep only the last one, so "
                         "keep one and remove the other.")
            frame.pending_key = "\0duplicate"
            return True
        if key == "<<":
            self.problem("PW005", mark, "merge keys ('<<') are not allowed",
                         "write the fields out in full.")
            return False
        frame.seen[key] = line
        frame.pending_key = key
        self.source.keys[(*frame.path, key)] = (line, mark.column + 1)
        return True

    def _attach(self, frame: _Frame, value: Any, mark: Any) -> Path_:
        container = frame.container
        if isinstance(container, dict):
            key = frame.pending_key
            frame.pending_key = None
            assert key is not None
            if key == "\0duplicate":
                return (*frame.path, "\0duplicate")
            container[key] = value
            path = (*frame.path, key)
        else:
            path = (*frame.path, len(container))
            container.append(value)
        self.source.values[path] = (mark.line + 1 + self.offset, mark.column + 1)
        return path

    def _scalar(self, event: Any) -> Any:
        if event.tag == "!" or (event.tag is None and not event.implicit[0]):
            return event.value  # quoted or '!'-tagged: always text
        tag = event.tag if event.tag is not None else _RESOLVER.resolve(  # type: ignore[no-untyped-call]
            yaml.ScalarNode, event.value,
                                                                          event.implicit)
        if tag in (_STR, "tag:yaml.org,2002:timestamp"):
            return event.value  # dates stay as written; no field here wants a date object
        if tag in (_INT, _FLOAT) and not _DECIMAL.fullmatch(event.value) and event.value.lower() not in _SPECIAL:
            # YAML 1.1 reads 045 as octal 37, 1:30 as 90 and 0x10 as 16: silent surprises for a teacher. Such
            # values stay text, so the check says a number was expected.
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
        except (ValueError, KeyError, yaml.YAMLError):
            # e.g. an integer with thousands of digits, which Python refuses to convert
            return event.value


_PROBLEM_HINTS = [
    (re.compile(r"found character '\\t'|found a tab character"),
     "a tab character is used; YAML needs spaces for indentation",
     "replace the tab with spaces (most editors can 'convert indentation to spaces')."),
    (re.compile(r"mapping values are not allowed here"), "a ': ' appears where YAML did not expect one",
     "if the text contains ': ', put the whole value in quotes, for example title: \"Career Day: what to "
     "expect\"."),
    (re.compile(r"could not find expected ':'"), "a line is missing its ':' or is indented wrongly",
     "each field is written 'name: value'; check the indentation of this line and the one before."),
    (re.compile(r"did not find expected key"), "the indentation of this line does not fit the lines around it",
     "line this field up with the other fields at the same level, using spaces."),
    (re.compile(r"did not find expected '-' indicator"), "a list item is not lined up with the others",
     "start every item of a list with '- ' at the same indentation."),
    (re.compile(r"found unexpected end of stream|found unexpected end of stream"), "the file ends in the middle "
     "of a value", "a quote or bracket is probably not closed; check the end of the file."),
    (re.compile(r"special characters are not allowed|unacceptable character"),
     "the file contains control characters that are not text", "the file may be damaged or not a text "
     "file; remove the strange characters or save it again as UTF-8 text."),
]


def _explain(problem: str) -> tuple[str, str]:
    for pattern, message, hint in _PROBLEM_HINTS:
        if pattern.search(problem):
            return message, f"{hint} (YAML said: {problem})"
    return f"the YAML cannot be read: {problem}", "check quotes, colons and indentation here and on the line before."


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[Any, SourceMap, list[Diagnostic]]:
    """Parse one YAML document.

    Returns the value (plain dicts, lists, strings, numbers, booleans, None), its source map, and the problems.
    When there are problems the value may be partial; callers should report them and not trust the value.
    """
    reader = _Reader(path, line_offset)
    try:
        value = reader.read(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = str(exc.problem or exc.context or "unknown problem")
        if "nesting depth" in problem and mark is not None:  # libyaml's own limit, before ours is reached
            reader.problem("PW010", mark, "the content is nested too deeply for YAML to read",
                           "flatten the structure to match the documented format.")
            return None, reader.source, reader.problems
        message, hint = _explain(problem)
        if mark is None:
            reader.problems.append(Diagnostic("PW004", Location(path, 1 + line_offset, 1), message, hint))
        else:
            reader.problem("PW004", mark, message, hint)
        return None, reader.source, reader.problems
    except yaml.YAMLError as exc:  # reader errors (control characters) carry a position, not a mark
        position = getattr(exc, "position", None)
        line, column = 1, 1
        if isinstance(position, int) and 0 <= position <= len(text):
            before = text[:position]
            line, column = before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1
        character = getattr(exc, "character", None)
        shown = f" (character 0x{character:02x})" if isinstance(character, int) else ""
        reader.problems.append(Diagnostic(
            "PW004", Location(path, line + line_offset, column),
            f"the file contains a control character{shown} that is not text",
            "remove it; it may come from copying out of a word processor or PDF, or the file may be damaged."))
        return None, reader.source, reader.problems
    return value, reader.source, reader.problems
