"""Getting existing data into a model (`opmodel import`): roles and units from CSV."""

from __future__ import annotations

from opmodel.importer.csv_import import (
    IMPORT_KINDS,
    ImportPlan,
    MappingError,
    PlannedFile,
    Problem,
    parse_mappings,
    plan_import,
    write_plan,
)

__all__ = [
    "IMPORT_KINDS",
    "ImportPlan",
    "MappingError",
    "PlannedFile",
    "Problem",
    "parse_mappings",
    "plan_import",
    "write_plan",
]
