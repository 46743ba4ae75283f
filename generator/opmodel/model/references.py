"""References that lead nowhere: an unknown id, with a did-you-mean or the kind that has it,
reported at the reference's place in its file."""

from __future__ import annotations

from typing import Any

from opmodel.codes import UNKNOWN_REFERENCE
from opmodel.diagnostics import Diagnostics, did_you_mean
from opmodel.load.documents import Document, empty_map, read_document
from opmodel.load.files import SourceFile
from opmodel.load.yaml import YamlProblem
from opmodel.model.refs import Ref
from opmodel.model.schema import ENTITY_CLASSES, Entity
from opmodel.model.schema_errors import a_kind, accepted_kinds, field_name, position_of


def report_unknown(
    target: Ref,
    tables: dict[str, dict[str, Entity]],
    doc: Document,
    loc: tuple[Any, ...],
    diagnostics: Diagnostics,
) -> None:
    elsewhere = [kind for kind, by_id in sorted(tables.items()) if target.id in by_id]
    accepted = accepted_kinds(ENTITY_CLASSES[doc.source.kind], loc) or (target.kind,)
    usable = [kind for kind in elsewhere if kind in accepted]
    hint: str | None
    if usable:
        hint = f"there is a {usable[0]} '{target.id}': write {usable[0]}:{target.id}"
    else:
        hint = did_you_mean(target.id, tables.get(target.kind, {}))
        if hint is None and elsewhere:
            # `kind:id` would only trade this error for a wrong-kind one: say what fits.
            takes = " or ".join(a_kind(kind) for kind in accepted)
            hint = f"there is a {elsewhere[0]} '{target.id}', but {field_name(loc)} takes {takes}"
        elif hint is None and not tables.get(target.kind):
            hint = f"there are no {target.kind} files yet"
    diagnostics.add(
        doc.source.display,
        position_of(doc.data, loc),
        UNKNOWN_REFERENCE,
        f"unknown {target.kind} '{target.id}'",
        hint,
    )


class Documents:
    """The located document of each entity, read again only for the few that need a
    message: a valid entity may come from the cache, and positions cost memory."""

    def __init__(self) -> None:
        self.sources: dict[Ref, SourceFile] = {}
        self._read: dict[Ref, Document] = {}

    def __getitem__(self, ref: Ref) -> Document:
        if ref not in self._read:
            source = self.sources[ref]
            try:
                self._read[ref] = read_document(source)
            except (OSError, YamlProblem):  # changed since it was loaded: place at the top
                self._read[ref] = Document(source, empty_map(), "", 0)
        return self._read[ref]
