"""Writing entity files: YAML that reads back as exactly the data written.

PyYAML's SafeDumper quotes a string when YAML 1.1 would read it as something else (`no`,
`0777`, `1:20`, `~`), but opmodel reads YAML 1.2 core types, which also turn `1e5`, `+.5`
and `1.5e3` into numbers. The dumper below quotes those too, and `dump_entity` checks every
file it writes by parsing it back with opmodel's own loader.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from opmodel.load.yaml import YamlProblem, parse


class _Dumper(yaml.SafeDumper):
    """SafeDumper that also quotes what YAML 1.2 core would read as a number."""


_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)$"),
    list("-+0123456789."),
)


class RoundTripError(Exception):
    """The YAML written would not read back as the data (a bug: please report it)."""


def dump_yaml(data: dict[str, Any]) -> str:
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    try:
        back = parse(text)
    except YamlProblem as problem:
        raise RoundTripError(f"written YAML does not parse: {problem.message}") from None
    if _plain(back) != _plain(data):
        raise RoundTripError(f"written YAML reads back differently:\n{text}")
    return text


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def markdown_file(data: dict[str, Any], body: str) -> str:
    """A `.md` entity: the fields as front matter, then the Markdown body."""
    return f"---\n{dump_yaml(data)}---\n{body}"
