"""Markdown pages with YAML front matter, written by python-frontmatter.

Tens of thousands of paper pages make the front matter's cost count: PyYAML's
representer and resolver, in Python, took more time than its C emitter.
Front matter here is plain data (strings, numbers, booleans, None, lists and
dicts), so `PlainDataDumper` builds the emitter's nodes directly and answers
the resolver's question "would this plain scalar be read back as a string?"
without trying the resolvers that cannot apply. The output is byte for byte
PyYAML's own (tests/test_frontmatter_roundtrip.py compares them).
"""

from __future__ import annotations

import frontmatter
import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

# libyaml's emitter when PyYAML has it.
_BASE = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_TAG = "tag:yaml.org,2002:"


class PlainDataDumper(_BASE):
    """PyYAML's safe dumper, faster on plain data, the same output."""

    # Implicit resolvers are looked up by a scalar's first character; any other
    # first character resolves to a string (when no resolver matches every
    # character, and no path resolvers are set: true of PyYAML's safe dumpers).
    _may_resolve = frozenset(_BASE.yaml_implicit_resolvers)
    _exact = None not in _may_resolve and not _BASE.yaml_path_resolvers

    def represent(self, data) -> None:
        if not self._exact or self.default_flow_style is None:
            return super().represent(data)  # PyYAML's own way, unchanged
        self.serialize(self._node(data))
        self.represented_objects, self.object_keeper, self.alias_key = {}, [], None

    def _node(self, data):
        kind = type(data)
        if kind is str:
            return ScalarNode(_TAG + "str", data)
        if kind is dict:
            items = list(data.items())
            if self.sort_keys:
                try:
                    items.sort()
                except TypeError:  # keys of different types: as PyYAML, unsorted
                    pass
            pairs = [(self._node(key), self._node(value)) for key, value in items]
            return MappingNode(_TAG + "map", pairs, flow_style=self.default_flow_style)
        if kind is list:
            items = [self._node(item) for item in data]
            return SequenceNode(_TAG + "seq", items, flow_style=self.default_flow_style)
        if data is None:
            return ScalarNode(_TAG + "null", "null")
        if kind is bool:
            return ScalarNode(_TAG + "bool", "true" if data else "false")
        if kind is int:
            return ScalarNode(_TAG + "int", str(data))
        return self.represent_data(data)  # anything else: PyYAML's representer

    _resolved: dict[str, str] = {}  # keys, numbers, dates: the same few values again and again

    def resolve(self, kind, value, implicit):
        if not self._exact or kind is not ScalarNode:
            return super().resolve(kind, value, implicit)
        if not implicit[0] or value[:1] not in self._may_resolve:
            return self.DEFAULT_SCALAR_TAG
        tag = self._resolved.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(value) <= 20 and len(self._resolved) < 100_000:
                self._resolved[value] = tag
        return tag


def page(meta: dict, body: str) -> str:
    """A Markdown page with YAML front matter, written by python-frontmatter."""
    post = frontmatter.Post(body, **meta)
    return frontmatter.dumps(post, Dumper=PlainDataDumper, sort_keys=False) + "\n"
