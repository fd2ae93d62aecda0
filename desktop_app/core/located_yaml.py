"""YAML parsing that remembers where every value came from, for located error messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

try:  # the C loader is much faster; fall back where libyaml is absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class LocatedYamlError(ValueError):
    """Bad YAML syntax or a duplicate key, with the 1-based line it was found on."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


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
    lines: dict[str, int] = {"": 1}
    if node is None:
        return Located(None, lines)
    return Located(_convert(node, "", lines), lines)


def _convert(node: yaml.Node, path: str, lines: dict[str, int]) -> Any:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = f"{path}.{key}" if path else key
            if key in result:
                raise LocatedYamlError(f"duplicate key '{key}'", key_node.start_mark.line + 1)
            lines[child] = key_node.start_mark.line + 1
            result[key] = _convert(value_node, child, lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, f"{path}[{i}]", lines) for i, item in enumerate(node.value)]
    try:
        return _SCALARS.construct_object(node, deep=True)
    except ValueError:  # 2027-02-30 looks like a date but is none: keep the text, checked later
        return str(node.value)


_SCALARS = yaml.constructor.SafeConstructor()
