"""YAML parsing that remembers where every value came from, for located error messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

try:  # the C loader is much faster; fall back where libyaml is absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


# Bounds on what one file may expand to: aliases can make a small file name millions of values.
MAX_VALUES = 200_000
MAX_DEPTH = 64
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STANDARD_COLLECTIONS = {yaml.MappingNode: "tag:yaml.org,2002:map",
                         yaml.SequenceNode: "tag:yaml.org,2002:seq"}


class LocatedYamlError(ValueError):
    """Bad YAML syntax, a duplicate key or a value that cannot be read, with the 1-based line
    it was found on and the key path ("items[3].level", "" for the document)."""

    def __init__(self, message: str, line: int, key: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.key = key


@dataclass(frozen=True)
class Located:
    """Plain Python data plus the line of each mapping key, by path ("items[3].level")."""

    data: Any
    lines: dict[str, int]

    def line(self, path: str) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = _parent(path)
        return self.lines.get("", 1)


def _parent(path: str) -> str:
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


def load_located(text: str) -> Located:
    """Parse one YAML document, rejecting duplicate keys (PyYAML silently keeps the last)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise LocatedYamlError(f"invalid YAML: {error.problem or error}", line) from None
    except yaml.YAMLError as error:
        raise LocatedYamlError(f"invalid YAML: {error}", 1) from None
    except RecursionError:
        raise LocatedYamlError("invalid YAML: nested too deep", 1) from None
    lines: dict[str, int] = {"": 1}
    if node is None:
        return Located(None, lines)
    return Located(_Converter(lines).convert(node, "", frozenset(), 0), lines)


class _Converter:
    """Nodes to plain data, counting every value an alias expands to."""

    def __init__(self, lines: dict[str, int]) -> None:
        self.lines = lines
        self.values = 0

    def convert(self, node: yaml.Node, path: str, open_nodes: frozenset[int], depth: int) -> Any:
        line = node.start_mark.line + 1
        self.lines.setdefault(path, line)
        self.values += 1
        if self.values > MAX_VALUES:
            raise LocatedYamlError(f"more than {MAX_VALUES:,} values once aliases are expanded "
                                   "(an alias bomb?); write the values out", line, path)
        if depth > MAX_DEPTH:
            raise LocatedYamlError(f"nested deeper than {MAX_DEPTH} levels", line, path)
        if id(node) in open_nodes:
            raise LocatedYamlError("an alias refers to a value that contains it (a recursive "
                                   "alias); write the value out", line, path)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            if node.tag != _STANDARD_COLLECTIONS[type(node)]:
                raise LocatedYamlError(f"the tag '{node.tag}' is not allowed here; remove it",
                                       line, path)
            inner = open_nodes | {id(node)}
            if isinstance(node, yaml.SequenceNode):
                return [self.convert(item, f"{path}[{i}]", inner, depth + 1)
                        for i, item in enumerate(node.value)]
            return self._mapping(node, path, inner, depth)
        return _scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: str, inner: frozenset[int],
                 depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise LocatedYamlError("a key must be plain text", key_node.start_mark.line + 1,
                                       path)
            key = str(key_node.value)
            child = f"{path}.{key}" if path else key
            if key in result:
                raise LocatedYamlError(f"duplicate key '{key}'", key_node.start_mark.line + 1,
                                       child)
            self.lines[child] = key_node.start_mark.line + 1
            result[key] = self.convert(value_node, child, inner, depth + 1)
        return result


def _scalar(node: yaml.Node, path: str) -> Any:
    try:
        return _SCALARS.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as error:
        if node.tag == _TIMESTAMP and isinstance(error, ValueError):
            # 2027-02-30 looks like a date but is none: keep the text, checked later.
            return str(node.value)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise LocatedYamlError(f"cannot read the value '{str(node.value)[:60]}' ({problem})",
                               node.start_mark.line + 1, path) from None


_SCALARS = yaml.constructor.SafeConstructor()
