"""Read YAML safely and remember where every value came from.

PyYAML's composer loses key positions and keeps the last of two duplicate keys without a word, so this module
builds plain Python values straight from the parser's event stream. That gives a line and column for every
key and value, catches duplicate keys, refuses anchors, aliases and tags, and bounds nesting depth without
recursion. It uses libyaml's C parser when it is available. Reading the YAML is most of what a check costs, so
the event loop does as little per event as it can: one position stored per key and value, no path built.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from mkdocs_pathways.diagnostics import Diagnostic, Location

try:  # libyaml is about 16 times faster; the pure-Python parser gives the same events
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

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


# Where each value starts, kept in tuples alone: a guide's source maps hold hundreds of thousands of positions,
# and the garbage collector stops tracking a tuple of numbers, strings and such tuples once it has seen it (never a
# dict, or a tuple holding one, or the parser's marks), so that later collections, in a `mkdocs build`, do not walk
# them again and again. A position is (line, column), counted from 0 as the parser counts. A mapping or list is a
# node, (position, entries, names, key positions): the entries are the positions (or nodes) of its values, in
# order; a mapping also has the names of its keys and their positions (a list has None for both). Finding a
# position walks its path.
_Position = tuple[int, int]


class SourceMap:
    """Where each key and value of one YAML document sits in its file."""

    __slots__ = ("_offset", "_root", "_root_position", "path", "yaml11_booleans")

    def __init__(self, path: str, line_offset: int = 0) -> None:
        self.path = path
        self._offset = line_offset
        self._root_position: _Position | None = None  # None for a document with no value at all
        self._root: tuple[Any, ...] | None = None  # the node of a mapping or list at the top
        # Values read as true or false only under YAML 1.1 (yes, No, ON, off...), with the text as written. YAML
        # 1.2 tools, such as the editors' language server, read them as text: the boolean check warns about them.
        self.yaml11_booleans: dict[Path_, str] = {}

    def at(self, key_path: Path_) -> Location:
        """The location of the value at ``key_path``, or of its nearest recorded parent."""
        position = self._root_position
        if position is None:
            return Location(self.path, 1, 1)
        node = self._root
        for part in key_path:
            entry = _entry(node, part)
            if entry is None:
                break
            if len(entry) == 4:  # a node
                node, position = entry, entry[0]
            else:
                node, position = None, entry
        return self._location(position)

    def key_at(self, key_path: Path_) -> Location:
        """The location of the key at ``key_path`` (falls back to the value's location)."""
        if key_path:
            node = self._root
            for part in key_path[:-1]:
                entry = _entry(node, part)
                node = entry if entry is not None and len(entry) == 4 else None
                if node is None:
                    break
            if node is not None and node[2] is not None and key_path[-1] in node[2]:
                return self._location(node[3][node[2].index(key_path[-1])])
        return self.at(key_path)

    def _location(self, position: _Position) -> Location:
        return Location(self.path, position[0] + 1 + self._offset, position[1] + 1)


def _entry(node: tuple[Any, ...] | None, part: str | int) -> Any:
    """The position or node of one item of ``node``, or None."""
    if node is None:
        return None
    entries, names = node[1], node[2]
    if names is not None:
        return entries[names.index(part)] if part in names else None
    if isinstance(part, int) and 0 <= part < len(entries):
        return entries[part]
    return None


# The parsers build events of exactly these classes, so the reader tells them apart by identity: a file has
# hundreds of events and a guide thousands of files, and this loop is most of the time a check takes.
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAPPING_START, _SEQUENCE_START = yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
_DOCUMENT_START = yaml.DocumentStartEvent
_DUPLICATE = "\0duplicate"  # the pending key after a duplicate one: its value is read but not kept
_ROOT, _DROPPED = object(), object()  # where the node of a mapping or list goes: the root's, or nowhere
# Plain (unquoted) scalars whose first character starts none of YAML 1.1's implicit types (numbers, booleans,
# null...) are text without asking the resolver: most field values are.
_TYPED_FIRST = frozenset(key for key in _RESOLVER.yaml_implicit_resolvers if key is not None)
_WILDCARD = None in _RESOLVER.yaml_implicit_resolvers  # a resolver for any first character: none by default
# What the other plain scalars read as. A plain scalar's value depends on its text alone, and the same few
# (true, 45, 2, no) come back in every file. Cleared when full, so a long `mkdocs serve` keeps it small.
_PLAIN: dict[str, Any] = {}
_PLAIN_LIMIT = 4096


class _Reader:
    def __init__(self, path: str, line_offset: int) -> None:
        self.path = path
        self.offset = line_offset
        self.problems: list[Diagnostic] = []
        self.source = SourceMap(path, line_offset)

    def problem(self, code: str, mark: Any, message: str, hint: str) -> None:
        location = Location(self.path, mark.line + 1 + self.offset, mark.column + 1)
        self.problems.append(Diagnostic(code, location, message, hint))

    def read(self, text: str) -> Any:
        # The parser is driven directly rather than through yaml.parse(), whose generator costs about as much
        # per event as the rest of this loop.
        parser = _Parser(text)
        try:
            return self._events(parser.get_event)
        finally:
            parser.dispose()

    def _events(self, next_event: Any) -> Any:
        # The open mapping or list is held in locals, the ones around it on ``stack``: ``container`` (its value),
        # ``items`` (the positions or nodes of its values, in order), ``keys`` (the positions of its keys by name,
        # None for a list), ``key`` (the key whose value comes next, None while a key is awaited) and ``here``
        # (its path). Each entry of the stack also holds where the open one starts, and ``slot``: whether its node
        # is the root's, is appended to the items around it when it ends (None), or is dropped.
        source = self.source
        stack: list[tuple[Any, Any, Any, Path_, _Position, Any]] = []
        container: Any = None
        items: Any = None
        keys: dict[str, _Position] | None = None
        key: Any = None  # str or None
        here: Path_ = ()
        root: Any = None
        documents = 0
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is _SCALAR or kind is _MAPPING_START or kind is _SEQUENCE_START:
                mark = event.start_mark
                if event.anchor is not None:
                    self.problem("PW005", mark, f"anchor '&{event.anchor}' is not allowed",
                                 "remove the '&' name; write repeated values out in full.")
                    return root
                tag = event.tag
                if tag is not None and tag not in _ACCEPTED_TAGS:
                    shown = tag.replace("tag:yaml.org,2002:", "!!")
                    self.problem("PW011", mark, f"the tag '{shown}' is not allowed",
                                 "remove the word starting with '!' before the value.")
                    return root
                position = (mark.line, mark.column)
                if kind is _SCALAR:
                    if keys is not None and key is None:  # a key of the open mapping
                        # Keys stay as written: 'on:' or 'no:' are field names here, not booleans.
                        key = event.value
                        first = keys.get(key)
                        if first is not None:
                            self.problem("PW006", mark, f"the field '{key}' appears twice here",
                                         f"it is already set on line {first[0] + 1 + self.offset}; YAML would "
                                         "keep only the last one, so keep one and remove the other.")
                            key = _DUPLICATE
                        elif key == "<<":
                            self.problem("PW005", mark, "merge keys ('<<') are not allowed",
                                         "write the fields out in full.")
                            return root
                        else:
                            keys[key] = position
                        continue
                    text = event.value
                    if tag is None:
                        if not event.implicit[0]:
                            value: Any = text  # quoted: always text
                        elif text[:1] in _TYPED_FIRST or _WILDCARD:
                            value = _PLAIN.get(text, _PLAIN)
                            if value is _PLAIN:
                                value = _plain(text)
                        else:
                            value = text
                    elif tag == "!":
                        value = text  # '!'-tagged: always text
                    else:
                        value = _tagged(tag, event)
                    if container is None:
                        root = value
                        source._root_position = position
                        continue
                    if keys is not None:
                        if key != _DUPLICATE:
                            container[key] = value
                            items.append(position)
                            if value is True or value is False:
                                _note_boolean(source, (*here, key), text)
                        key = None
                    else:
                        if value is True or value is False:
                            _note_boolean(source, (*here, len(container)), text)
                        container.append(value)
                        items.append(position)
                    continue
                if keys is not None and key is None:
                    self.problem("PW004", mark, "a field name is a list or a set of fields",
                                 "field names must be plain words followed by ':'.")
                    return root
                if len(stack) >= MAX_DEPTH:
                    self.problem("PW010", mark, f"the content is nested more than {MAX_DEPTH} levels deep",
                                 "flatten the structure to match the documented format.")
                    return root
                new: Any = {} if kind is _MAPPING_START else []
                if container is None:
                    root = new
                    source._root_position = position
                    path: Path_ = ()
                    slot: Any = _ROOT
                elif keys is not None:
                    if key == _DUPLICATE:
                        path, slot = (*here, _DUPLICATE), _DROPPED
                    else:
                        container[key] = new
                        path, slot = (*here, key), None
                    key = None
                else:
                    path, slot = (*here, len(container)), None
                    container.append(new)
                # (No value of the mapping or list around comes before this one ends: its node is appended then.)
                stack.append((container, items, keys, here, position, slot))
                container, items, here = new, [], path
                keys = {} if kind is _MAPPING_START else None
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                # Each key of a mapping leads one value, so its names and items are in the same order.
                done = (tuple(items), None, None) if keys is None else (tuple(items), tuple(keys), tuple(keys.values()))
                container, items, keys, here, position, slot = stack.pop()
                if slot is None:
                    items.append((position, *done))
                elif slot is _ROOT:
                    source._root = (position, *done)
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


def _note_boolean(source: SourceMap, path: Path_, text: str) -> None:
    if is_yaml11_boolean(text):
        source.yaml11_booleans[path] = text


def _plain(text: str) -> Any:
    """What a plain scalar that may be of a YAML 1.1 type reads as (and remember it)."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    value = _construct(tag, text, None, None)
    if len(_PLAIN) >= _PLAIN_LIMIT:
        _PLAIN.clear()
    _PLAIN[text] = value
    return value


def _tagged(tag: str, event: Any) -> Any:
    """What a scalar with an explicit, allowed tag (!!str, !!int...) reads as."""
    return _construct(tag, event.value, event.start_mark, event.end_mark)


def _construct(tag: str, text: str, start: Any, end: Any) -> Any:
    if tag in (_STR, "tag:yaml.org,2002:timestamp"):
        return text  # dates stay as written; no field here wants a date object
    if tag in (_INT, _FLOAT) and not _DECIMAL.fullmatch(text) and text.lower() not in _SPECIAL:
        # YAML 1.1 reads 045 as octal 37, 1:30 as 90 and 0x10 as 16: silent surprises for a teacher. Such
        # values stay text, so the check says a number was expected.
        return text
    node = yaml.ScalarNode(tag, text, start, end)
    try:
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
    except (ValueError, KeyError, yaml.YAMLError):
        # e.g. an integer with thousands of digits, which Python refuses to convert
        return text


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
