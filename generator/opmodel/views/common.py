"""Pieces every entity page shows: backlinks grouped by field, and the RACI it takes part in."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass

from opmodel.model import prose_links
from opmodel.model.model import Model
from opmodel.model.refs import KINDS, Ref
from opmodel.model.relations import RaciEntry, raci_for, stages_owned
from opmodel.model.schema import Entity

FIELD_LABELS: dict[tuple[str, str], str] = {
    ("unit", "parent"): "Parent unit of",
    ("unit", "lead"): "Leads unit",
    ("unit", "capabilities"): "Provided by unit",
    ("role", "unit"): "Roles in it",
    ("role", "reports_to"): "Reports to it",
    ("role", "holders"): "Holds role",
    ("forum", "chair"): "Chairs forum",
    ("forum", "secretary"): "Secretary of forum",
    ("forum", "members"): "Member of forum",
    ("forum", "reports_to"): "Forums reporting to it",
    ("decision", "accountable"): "Accountable (A) for",
    ("decision", "responsible"): "Responsible (R) for",
    ("decision", "consulted"): "Consulted (C) on",
    ("decision", "informed"): "Informed (I) of",
    ("decision", "escalates_to"): "Escalation point for",
    ("capability", "parent"): "Parent capability of",
    ("capability", "owner"): "Owns capability",
    ("flow", "outcome"): "Flows serving it",
    ("flow", "stages.owner"): "Owns flow stages",
    ("flow", "stages.capabilities"): "Used in flow stages",
    ("change", "affects"): "Changes affecting it",
    ("change", "outcome"): "Changes aiming at it",
    ("change", "decided_by"): "Decides changes",
    **{
        (kind, prose_links.FIELD): f"Linked from the text of {folder}"
        for kind, folder in prose_links.KIND_FOLDERS.items()
        if kind in KINDS
    },
}


@dataclass(frozen=True)
class BacklinkItem:
    ref: Ref
    detail: str | None


@dataclass(frozen=True)
class BacklinkGroup:
    label: str
    items: tuple[BacklinkItem, ...]


def backlink_groups(
    model: Model, entity: Entity, shown: Set[tuple[str, str]] = frozenset()
) -> list[BacklinkGroup]:
    """Where this entity is used, grouped by the referring kind and field, leaving out the
    (kind, field) groups in `shown`: those its page lists elsewhere."""
    groups: dict[tuple[str, str], list[BacklinkItem]] = {}
    for link in model.backlinks.get(entity.ref, ()):
        key = (link.source.kind, link.field)
        if key in shown:
            continue
        groups.setdefault(key, []).append(BacklinkItem(link.source, link.detail))
    return [
        BacklinkGroup(FIELD_LABELS.get(key, f"{key[0]} {key[1]}"), tuple(items))
        for key, items in sorted(groups.items())
    ]


@dataclass(frozen=True)
class Involvement:
    raci: tuple[RaciEntry, ...]
    stages: tuple[tuple[Ref, str, str], ...]
    """(flow, stage id, stage label) for each flow stage it owns."""


def involvement(model: Model, ref: Ref) -> Involvement:
    return Involvement(
        tuple(raci_for(model, ref)),
        tuple((o.flow.ref, o.stage.id, o.stage.label) for o in stages_owned(model, ref)),
    )
