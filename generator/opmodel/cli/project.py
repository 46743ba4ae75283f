"""Where the project a command works on is: the model's folder and mkdocs.yml, and when
one is missing, a line that says why and the way out."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from opmodel.diagnostics import display_path

START_HINT = "start one with: opmodel new DIR"


def no_content(content: Path, command: str) -> str | None:
    """Why `content` cannot be a model's folder (it is missing or a file), with the way
    out; None when it is a folder. A folder without organisation.yml is the checks'
    business (an error in the model, exit 1), not a usage error."""
    if content.is_dir():
        return None
    shown = shown_path(content)
    if content.exists():
        return f"{shown} is not a folder; pass the model's folder: opmodel {command} PATH"
    if content == Path("content") and not Path("mkdocs.yml").exists():
        return f"no content folder at {shown} (and no mkdocs.yml here); {START_HINT}"
    configured = _plugin_content(Path("mkdocs.yml")) if content == Path("content") else None
    if configured is not None and configured.is_dir():
        where = display_path(configured)
        return (
            f"no content folder at {shown}; mkdocs.yml's opmodel plugin reads {where}: "
            f"opmodel {command} {where}"
        )
    return (
        f"no content folder at {shown}; pass the model's folder (opmodel {command} PATH) "
        f"or {START_HINT}"
    )


def shown_path(path: Path) -> str:
    """A path as the user would type it, with `./` when it is a bare relative name."""
    text = display_path(path)
    return text if path.is_absolute() or text.startswith(".") else f"./{text}"


def inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def no_config(config_file: Path) -> str | None:
    """Why there is no site to build or serve here, in one line; None when there is."""
    if config_file.is_file():
        return None
    content = "" if Path("content").is_dir() else " (and no content folder at ./content)"
    where = "here" if config_file == Path("mkdocs.yml") else f"at {shown_path(config_file)}"
    return f"no mkdocs.yml {where}{content}; {START_HINT}"


def mkdocs_site_dir(config_file: Path) -> Path:
    data = _mkdocs_config(config_file)
    return config_file.parent / str(data.get("site_dir", "site"))


def _mkdocs_config(config_file: Path) -> dict[str, object]:
    """mkdocs.yml's top level as written, or {} when it cannot be read (MkDocs will say
    why when it runs)."""
    import yaml  # here: `opmodel check` reads no mkdocs.yml (when it finds its model)

    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_tag_tolerant_loader())
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _plugin_content(config_file: Path) -> Path | None:
    """The content folder mkdocs.yml's opmodel plugin reads, if it names one."""
    plugins = _mkdocs_config(config_file).get("plugins")
    entries = plugins if isinstance(plugins, list) else [plugins]
    for entry in entries:
        options = entry.get("opmodel") if isinstance(entry, dict) else None
        if isinstance(options, dict) and isinstance(options.get("content"), str):
            return config_file.parent / options["content"]
    return None


@functools.cache
def _tag_tolerant_loader() -> Any:
    """mkdocs.yml may hold `!!python/name:` tags; we only need `site_dir`, so tags load
    as None."""
    import yaml

    class TagTolerantLoader(yaml.SafeLoader):
        pass

    TagTolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
    return TagTolerantLoader
