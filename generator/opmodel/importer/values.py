"""A cell's text as a field's value: numbers, yes/no, dates and lists parsed, and
references written as ids or as names resolved against the existing model and the rows
being imported."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from opmodel.diagnostics import did_you_mean
from opmodel.ids import ID_PATTERN, slugify
from opmodel.importer.existing import Existing
from opmodel.importer.fields import FALSE_WORDS, FIELDS, LIST_SPLIT, TRUE_WORDS
from opmodel.importer.problems import Problems
from opmodel.importer.sheet import Row


class CellValues:
    """The values of the cells of one import (of one kind)."""

    def __init__(self, kind: str, rows: list[Row], existing: Existing, problems: Problems) -> None:
        self.kind = kind
        self.fields = FIELDS[kind]
        self.rows = rows
        self.existing = existing
        self.problems = problems

    def value(self, name: str, text: str, row: Row, column: int) -> Any:
        """The cell's text as the field's value; None, with an error at the cell, if it is
        not one."""
        spec = self.fields[name]
        if spec.type == "text":
            return text
        if spec.type == "choice":
            return text.lower()
        if spec.type == "list":
            return [item for item in LIST_SPLIT.split(text) if item]
        if spec.type == "int":
            if re.fullmatch(r"[-+]?[0-9]+(?:\.0+)?", text):
                return int(float(text))
            self.problems.error(
                row.number, column, f"{name}: expected a whole number, got '{text}'"
            )
            return None
        if spec.type == "bool":
            word = text.lower()
            if word in TRUE_WORDS or word in FALSE_WORDS:
                return word in TRUE_WORDS
            self.problems.error(row.number, column, f"{name}: expected yes or no, got '{text}'")
            return None
        if spec.type == "date":
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                self.problems.error(
                    row.number, column, f"{name}: expected a date as YYYY-MM-DD, got '{text}'"
                )
                return None
        assert spec.target is not None
        if spec.type == "ref":
            return self._resolve(spec.target, text, row, column, name)
        if spec.type == "refs":
            found = [
                self._resolve(spec.target, item, row, column, name)
                for item in LIST_SPLIT.split(text)
                if item
            ]
            return found if all(found) else None
        return self._holders(text, row, column)

    def _resolve(
        self,
        target: str,
        text: str,
        row: Row,
        column: int,
        name: str,
    ) -> str | None:
        """An id or a name -> the id of an existing entity or an imported row."""
        kind, sep, ident = text.partition(":")
        if sep and kind == target:
            text = ident.strip()
        ids = set(self.existing.ids.get(target, set()))
        labels = {k: set(v) for k, v in self.existing.labels.get(target, {}).items()}
        names = set(self.existing.names.get(target, set()))
        if target == self.kind:
            for other in self.rows:
                if other.id:
                    ids.add(other.id)
                    if other.label:
                        labels.setdefault(other.label.casefold(), set()).add(other.id)
                        names.add(other.label)
        if text in ids:
            return text
        matches = labels.get(text.casefold(), set())
        if len(matches) == 1:
            return next(iter(matches))
        if len(matches) > 1:
            self.problems.error(
                row.number,
                column,
                f"{name}: '{text}' could be any of {', '.join(sorted(matches))}; write the id",
            )
            return None
        slug = slugify(text)
        if slug in ids:
            return slug
        hint = did_you_mean(text, [*ids, *names])
        where = "in the model or in this file" if target == self.kind else "in the model"
        self.problems.error(
            row.number,
            column,
            f"{name}: no {target} '{text}' {where}" + (f" ({hint})" if hint else ""),
        )
        return None

    def _holders(self, text: str, row: Row, column: int) -> list[str]:
        holders = []
        people = self.existing.ids.get("person", set())
        names = self.existing.labels.get("person", {})
        for item in (i for i in LIST_SPLIT.split(text) if i):
            value = item.removeprefix("person:")
            if value in people:
                holders.append(value)
            elif len(matches := names.get(item.casefold(), set())) == 1:
                holders.append(next(iter(matches)))
            elif ID_PATTERN.match(value):
                self.problems.error(
                    row.number,
                    column,
                    f"holders: '{item}' looks like a person id, but there is no "
                    f"person '{value}'; write the holder's full name, or add "
                    f"people/{value}.yml",
                )
            else:
                holders.append(item)
        return holders
