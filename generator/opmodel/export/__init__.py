"""Exports of the model for other tools (`opmodel export`): JSON (the whole model, loadable
again with `load_json`), CSV (one table per kind plus a RACI matrix) and the ArchiMate Model
Exchange File Format. Each is deterministic: the same model gives the same bytes."""

from __future__ import annotations

from pathlib import Path

from opmodel.export.archimate import archimate_xml
from opmodel.export.csv_tables import csv_tables, write_csv
from opmodel.export.json_model import ModelJsonError, load_json, model_json
from opmodel.model.model import Model

FORMATS = ("json", "csv", "archimate")
SINGLE_FILE = {"json": model_json, "archimate": archimate_xml}
"""Formats that are one file; csv is a folder of files."""


def export_model(model: Model, fmt: str, out: Path) -> list[Path]:
    """Write `model` as `fmt` to `out` (a file, or a folder for csv); returns the files."""
    if fmt == "csv":
        return write_csv(model, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(SINGLE_FILE[fmt](model), encoding="utf-8", newline="\n")
    return [out]


__all__ = [
    "FORMATS",
    "ModelJsonError",
    "archimate_xml",
    "csv_tables",
    "export_model",
    "load_json",
    "model_json",
    "write_csv",
]
