"""`opmodel check --output-format`: the same diagnostics for people, scripts, GitHub and
code scanning.

One function per format, each taking the sorted diagnostics and returning the whole output,
so the same input gives byte-identical output (no times, no absolute paths that name the
machine). A diagnostic whose line is below 1 has no place in its file (nothing today, but
the formats must not invent one): GitHub gets no `line`/`col`, SARIF no `region`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from opmodel.codes import CODE_FIELDS, CODES
from opmodel.diagnostics import Diagnostic, Severity, format_json, format_text, one_line

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
"""The OASIS schema's own id (the file vendored in tests/data/ says so)."""

SRCROOT = "%SRCROOT%"
"""The base that relative paths in SARIF are relative to: the folder `check` ran in. Left
undefined in the file (`originalUriBaseIds`), since its absolute path names the machine;
GitHub and SARIF viewers take it as the repository's root."""

_FAMILIES = {"1": "files", "2": "schema", "3": "references", "4": "health"}


def format_github(diagnostics: Iterable[Diagnostic]) -> str:
    """GitHub Actions workflow commands, one line each: `::error file=..,line=..,col=..,
    title=..::message`. GitHub shows them as annotations on the file and in the log."""
    lines = []
    for d in diagnostics:
        properties = {"file": d.path}
        if d.line >= 1:
            properties |= {"line": str(d.line), "col": str(max(d.column, 1))}
        properties["title"] = f"{d.code} {d.name}"
        listed = ",".join(f"{key}={_github_property(value)}" for key, value in properties.items())
        lines.append(f"::{d.severity.value} {listed}::{_github_data(_message(d))}\n")
    return "".join(lines)


def _github_data(text: str) -> str:
    # The runner's own escaping (actions/toolkit `escapeData`): a raw newline would end the
    # command and let the rest of a model's text run as a workflow command of its own.
    # Other control characters are shown as escapes, as in the text format.
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return one_line(escaped)


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def format_sarif(diagnostics: Iterable[Diagnostic]) -> str:
    """SARIF 2.1.0 for code scanning (`github/codeql-action/upload-sarif`) and SARIF
    viewers. Every code is a rule, so a rule's index never depends on what a run found."""
    codes = sorted(CODES)
    index = {code: i for i, code in enumerate(codes)}
    driver: dict[str, Any] = {"name": "opmodel", "version": _version()}
    if home := _home_page():
        driver["informationUri"] = home
    driver["rules"] = [_sarif_rule(code) for code in codes]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                # PyYAML counts columns in characters, not bytes or UTF-16 units.
                "columnKind": "unicodeCodePoints",
                "results": [_sarif_result(d, index[d.code]) for d in diagnostics],
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _sarif_rule(code: str) -> dict[str, Any]:
    info = CODES[code]
    plain = info.summary.replace("`", "")
    full = plain
    if fields := CODE_FIELDS.get(code):
        full += f" Fields: {', '.join(fields)}."
    return {
        "id": code,
        "name": info.name,
        "shortDescription": {"text": plain, "markdown": info.summary},
        "fullDescription": {"text": full},
        "properties": {"tags": ["opmodel", _FAMILIES.get(code[3], "other")]},
    }


def _sarif_result(d: Diagnostic, rule_index: int) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact(d.path)}
    if d.line >= 1:
        physical["region"] = {"startLine": d.line, "startColumn": max(d.column, 1)}
    return {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": "error" if d.severity is Severity.ERROR else "warning",
        "message": {"text": _message(d)},
        "locations": [{"physicalLocation": physical}],
    }


def _artifact(path: str) -> dict[str, str]:
    """A relative path as a URI reference under %SRCROOT%; a path outside the working folder
    (display_path leaves it absolute) as a file: URI of its own."""
    if PurePosixPath(path).is_absolute():
        return {"uri": PurePosixPath(path).as_uri()}
    if PureWindowsPath(path).is_absolute():
        return {"uri": PureWindowsPath(path).as_uri()}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def _message(d: Diagnostic) -> str:
    return f"{d.message} ({d.hint})" if d.hint else d.message


def _version() -> str:
    try:
        return metadata.version("opmodel")
    except metadata.PackageNotFoundError:  # running from a source tree nobody installed
        return "0+unknown"


def _home_page() -> str | None:
    """The project's home page, when its metadata names one ([project.urls])."""
    try:
        urls = metadata.metadata("opmodel").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in sorted(urls):
        label, _, url = entry.partition(",")
        if label.strip().lower() in {"homepage", "home", "documentation", "source"}:
            return url.strip()
    return None


Formatter = Callable[[Iterable[Diagnostic]], str]

FORMATS: dict[str, Formatter] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
    "sarif": format_sarif,
}
"""`--output-format` choices, in the order `--help` lists them."""
