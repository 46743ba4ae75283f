"""The content format (DESIGN.md) as pydantic models: one class per kind.

These classes are the model's entities: frozen, with references parsed into `Ref`s, and the
source of the JSON Schema that editors use (`opmodel schema`). `extra="forbid"` makes a
typo in a field name an error instead of a silently dropped value. Fields the loader sets
itself (`id`, `body`, `path`) are hidden from the JSON Schema.

Every field's documentation is the docstring under it (`use_attribute_docstrings`), and
each value of a fixed set is explained by its `Meanings`: the one source of the editors'
hover help (`opmodel schema`) and of the content reference (`opmodel reference`). A test
fails when a field or a value is left unexplained.

The modules, one job each: `fields` (the fixed sets, references and small shared models),
`meets` (when a forum meets), `entity` (the fields every kind has), then the kinds in
groups: `structure` (organisation, unit, role, person), `governance` (forum, decision),
`delivery` (capability, flow, outcome, change) and `page`. Import from here.
"""

from __future__ import annotations

from opmodel.model.schema.delivery import (
    Capability,
    Change,
    Flow,
    Maturity,
    Measure,
    Outcome,
    Stage,
)
from opmodel.model.schema.entity import LOADER_FIELDS, Entity
from opmodel.model.schema.fields import (
    AnyRef,
    Cadence,
    CapabilityRef,
    ChangeStatus,
    Contact,
    ForumOrRole,
    ForumRef,
    ForumType,
    GovernanceModel,
    Holder,
    Link,
    Meanings,
    Number,
    OutcomeFor,
    OutcomeRef,
    Party,
    Rating,
    RoleOrForum,
    RoleRef,
    Stability,
    Status,
    Strict,
    TeamType,
    Text,
    UnitOrRole,
    UnitRef,
)
from opmodel.model.schema.governance import Decision, Forum
from opmodel.model.schema.meets import (
    MONTHS,
    ORDINALS,
    WEEKDAYS,
    Days,
    Month,
    Months,
    Schedule,
    TimeOfDay,
    TimeZone,
    Weekday,
    WeeksOfMonth,
    time_zones,
)
from opmodel.model.schema.page import Page
from opmodel.model.schema.structure import Organisation, Person, Principle, Role, Settings, Unit

ENTITY_CLASSES: dict[str, type[Entity]] = {
    cls.kind: cls
    for cls in (
        Organisation,
        Unit,
        Role,
        Person,
        Forum,
        Decision,
        Capability,
        Flow,
        Outcome,
        Change,
        Page,
    )
}

__all__ = [
    "ENTITY_CLASSES",
    "LOADER_FIELDS",
    "MONTHS",
    "ORDINALS",
    "WEEKDAYS",
    "AnyRef",
    "Cadence",
    "Capability",
    "CapabilityRef",
    "Change",
    "ChangeStatus",
    "Contact",
    "Days",
    "Decision",
    "Entity",
    "Flow",
    "Forum",
    "ForumOrRole",
    "ForumRef",
    "ForumType",
    "GovernanceModel",
    "Holder",
    "Link",
    "Maturity",
    "Meanings",
    "Measure",
    "Month",
    "Months",
    "Number",
    "Organisation",
    "Outcome",
    "OutcomeFor",
    "OutcomeRef",
    "Page",
    "Party",
    "Person",
    "Principle",
    "Rating",
    "Role",
    "RoleOrForum",
    "RoleRef",
    "Schedule",
    "Settings",
    "Stability",
    "Stage",
    "Status",
    "Strict",
    "TeamType",
    "Text",
    "TimeOfDay",
    "TimeZone",
    "Unit",
    "UnitOrRole",
    "UnitRef",
    "Weekday",
    "WeeksOfMonth",
    "time_zones",
]
