"""Read YAML and remember the line of every key, so a policy error can name its line.

PyYAML's safe loader forgets where values came from and silently lets a repeated key win;
both are bad for a file that a municipality edits by hand. This module composes the node tree
itself, keeps a ``path -> line`` map and rejects duplicate keys.
"""

from __future__ import annotations

from typing import Any

import yaml

Path = tuple[Any, ...]


class YamlProblem(Exception):
    """A syntax problem; ``line`` is 1-based or ``None``."""

    def __init__(self, message: str, line: int | None, path: Path = ()):
        super().__init__(message)
        self.message = message
        self.line = line
        self.path = path


def load_with_lines(text: str) -> tuple[Any, dict[Path, int]]:
    """Return the document and a map from key path (e.g. ``("rules", 3, "id")``) to line."""
    loader = yaml.SafeLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            raise YamlProblem(_yaml_message(exc), line) from None
        except yaml.YAMLError as exc:
            raise YamlProblem(str(exc), None) from None
        lines: dict[Path, int] = {}
        if node is None:
            return None, lines
        try:
            return _walk(loader, node, (), lines), lines
        except yaml.MarkedYAMLError as exc:  # e.g. a tag the safe loader refuses
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            raise YamlProblem(_yaml_message(exc), line) from None
    finally:
        loader.dispose()


def line_of(lines: dict[Path, int], path: Path) -> int | None:
    """The line of ``path``, or of its nearest ancestor that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None


def format_path(path: Path) -> str:
    """``("rules", 3, "when")`` → ``"rules[3].when"``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _walk(loader: yaml.SafeLoader, node: yaml.Node, path: Path, lines: dict[Path, int]) -> Any:
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        # The node tree is walked here, not by the safe constructor, so refuse tags explicitly.
        raise YamlProblem(
            f"ongeldige YAML: tag {node.tag} is niet toegestaan", node.start_mark.line + 1, path
        )
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(
                    "een sleutel moet een enkele waarde zijn", key_node.start_mark.line + 1, path
                )
            key = loader.construct_object(key_node, deep=True)
            key_path = (*path, key)
            if key in result:
                raise YamlProblem(
                    f'sleutel "{key}" staat er twee keer (eerder op regel {lines[key_path]})',
                    key_node.start_mark.line + 1,
                    key_path,
                )
            lines[key_path] = key_node.start_mark.line + 1
            result[key] = _walk(loader, value_node, key_path, lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            item_path = (*path, index)
            lines[item_path] = item.start_mark.line + 1
            items.append(_walk(loader, item, item_path, lines))
        return items
    return loader.construct_object(node, deep=True)


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    return "ongeldige YAML: " + ", ".join(parts) if parts else "ongeldige YAML"
