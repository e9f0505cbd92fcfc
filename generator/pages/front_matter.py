"""Markdown pages with YAML front matter, written by python-frontmatter.

Tens of thousands of paper pages make the front matter's cost count: PyYAML's
representer, serializer and resolver, in Python, took more time than its C
emitter. Front matter here is plain data (strings, integers, booleans, None,
lists and dicts, as a tree), so `PlainDataDumper` hands the emitter its events
directly, answering the resolver's question "would this plain scalar be read
back as a string?" without trying the resolvers that cannot apply, and reusing
the events of the short strings every page repeats (keys, dates, file names).
The output is byte for byte PyYAML's own (tests/test_frontmatter_roundtrip.py
compares them).
"""

from __future__ import annotations

import frontmatter
import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode

# libyaml's emitter when PyYAML has it.
_BASE = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_PLAIN, _QUOTED, _EITHER = (True, False), (False, True), (True, True)  # implicit in which style
_NULL = ScalarEvent(None, _TAG + "null", _PLAIN, "null")
_TRUE = ScalarEvent(None, _TAG + "bool", _PLAIN, "true")
_FALSE = ScalarEvent(None, _TAG + "bool", _PLAIN, "false")
_MAPPING_END, _SEQUENCE_END = MappingEndEvent(), SequenceEndEvent()
# Options under which PyYAML's events differ from the ones built here.
_OWN_WAY = ("default_style", "canonical", "explicit_start", "explicit_end", "version", "tags")


class _NotPlain(Exception):
    """The data holds a value plain data does not (a float, a date, a shared list...)."""


class PlainDataDumper(_BASE):
    """PyYAML's safe dumper, faster on plain data, the same output."""

    # Implicit resolvers are looked up by a scalar's first character; any other
    # first character resolves to a string (when no resolver matches every
    # character, and no path resolvers are set: true of PyYAML's safe dumpers).
    _may_resolve = frozenset(_BASE.yaml_implicit_resolvers)
    _exact = None not in _may_resolve and not _BASE.yaml_path_resolvers
    # Shared by every dumper, on purpose: the emitter only reads events, so those
    # of short strings (keys, dates, file names) are made, and resolved, once.
    _string_events: dict[str, ScalarEvent] = {}
    _collection_starts: dict[bool, tuple[MappingStartEvent, SequenceStartEvent]] = {}

    def __init__(self, stream, **options):
        super().__init__(stream, **options)
        flow = self.default_flow_style  # None: PyYAML chooses per collection
        self._fast = self._exact and flow is not None and not any(map(options.get, _OWN_WAY))
        # (A dumper is made for every page: its events are made once per style.)
        starts = self._collection_starts.get(flow)
        if starts is None:
            starts = self._collection_starts[flow] = (
                MappingStartEvent(None, _TAG + "map", True, flow_style=flow),
                SequenceStartEvent(None, _TAG + "seq", True, flow_style=flow),
            )
        self._mapping_start, self._sequence_start = starts

    def represent(self, data) -> None:
        if self._fast:
            events: list = [DocumentStartEvent(explicit=False)]
            try:
                self._events(data, events, set())
            except _NotPlain:
                pass
            else:
                events.append(DocumentEndEvent(explicit=False))
                for event in events:
                    self.emit(event)
                return
        super().represent(data)  # PyYAML's own way, unchanged

    def _events(self, data, events: list, seen: set[int]) -> None:
        kind = type(data)
        if kind is str:
            event = self._string_events.get(data)
            if event is None:
                plain = self.resolve(ScalarNode, data, _PLAIN) == _STR
                event = ScalarEvent(None, _STR, _EITHER if plain else _QUOTED, data)
                if len(data) <= 40 and len(self._string_events) < 100_000:
                    self._string_events[data] = event
            events.append(event)
        elif kind is dict or kind is list:
            # PyYAML writes an object met twice as an anchor and an alias: not plain data.
            if id(data) in seen:
                raise _NotPlain
            seen.add(id(data))
            if kind is dict:
                items = list(data.items())
                if self.sort_keys:
                    try:
                        items.sort()
                    except TypeError:  # keys of different types: as PyYAML, unsorted
                        pass
                events.append(self._mapping_start)
                for key, value in items:
                    self._events(key, events, seen)
                    self._events(value, events, seen)
                events.append(_MAPPING_END)
            else:
                events.append(self._sequence_start)
                for item in data:
                    self._events(item, events, seen)
                events.append(_SEQUENCE_END)
        elif data is None:
            events.append(_NULL)
        elif kind is bool:
            events.append(_TRUE if data else _FALSE)
        elif kind is int:
            events.append(ScalarEvent(None, _TAG + "int", _PLAIN, str(data)))
        else:
            raise _NotPlain

    def resolve(self, kind, value, implicit):
        if not self._exact or kind is not ScalarNode:
            return super().resolve(kind, value, implicit)
        if not implicit[0] or value[:1] not in self._may_resolve:
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


def page(meta: dict, body: str) -> str:
    """A Markdown page with YAML front matter, written by python-frontmatter."""
    post = frontmatter.Post(body, **meta)
    return frontmatter.dumps(post, Dumper=PlainDataDumper, sort_keys=False) + "\n"
