"""What the kinds' fields are made of: the fixed sets and what each value means
(`Meanings`), text, ratings, references, holders, and the small nested models every kind
shares (`Link`, `Contact`). `Strict` is the base of every model: a typo in a field name is
an error, and a field's docstring is its description."""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeAlias

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from opmodel.model.addresses import (
    AddressOrUrl,
    ChatChannel,
    EmailAddress,
    WebUrl,
    WebUrlOrPath,
)
from opmodel.model.refs import Ref, RefTo


class Meanings:
    """Pydantic metadata for a `Literal`: what each of its values means. Editors show them
    (`enumDescriptions`, read by VS Code and yaml-language-server) and so does the content
    reference."""

    def __init__(self, meanings: dict[str, str]) -> None:
        self.meanings = meanings

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        values = json_schema.get("enum", [])
        if set(values) != set(self.meanings):  # a value added to one list and not the other
            raise ValueError(f"Meanings {sorted(self.meanings)} do not match {values}")
        json_schema["enumDescriptions"] = [self.meanings[value] for value in values]
        return json_schema


Status = Annotated[
    Literal["proposed", "trial", "active", "retiring", "retired"],
    Meanings(
        {
            "proposed": "Suggested, not yet in place.",
            "trial": "In place for a trial period, to be kept or dropped.",
            "active": "In place and in use (the default).",
            "retiring": "Still in place, being wound down.",
            "retired": "No longer in place; kept for the record.",
        }
    ),
]
ChangeStatus = Annotated[
    Literal["idea", "planned", "trial", "adopted", "dropped"],
    Meanings(
        {
            "idea": "Suggested, not yet agreed (the default).",
            "planned": "Agreed, not yet started.",
            "trial": "Being tried; its hypothesis is under test.",
            "adopted": "Made part of the operating model.",
            "dropped": "Decided against, or abandoned after a trial.",
        }
    ),
]
Stability = Annotated[
    Literal["fixed", "adaptable"],
    Meanings(
        {
            "fixed": "Part of the fixed spine: a non-negotiable that changes only by decision "
            "at the top.",
            "adaptable": "May be changed by the people it concerns, in small steps (the default).",
        }
    ),
]
Cadence = Annotated[
    Literal["weekly", "fortnightly", "monthly", "quarterly", "annually", "ad hoc"],
    Meanings(
        {
            "weekly": "Every week.",
            "fortnightly": "Every two weeks.",
            "monthly": "Every month.",
            "quarterly": "Every three months.",
            "annually": "Once a year.",
            "ad hoc": "When needed, on no fixed schedule (not counted in meeting load).",
        }
    ),
]
GovernanceModel = Annotated[
    Literal["centralised", "federated", "agile"],
    Meanings(
        {
            "centralised": "Decisions are made at the centre and cascade down.",
            "federated": "A small centre sets standards; units decide within them.",
            "agile": "Autonomous teams decide, aligned by outcomes and a few shared rules.",
        }
    ),
]
TeamType = Annotated[
    Literal["stream-aligned", "platform", "enabling", "complicated-subsystem"],
    Meanings(
        {
            "stream-aligned": "Delivers a flow of work for users, end to end (Team Topologies).",
            "platform": "Provides internal services that other teams use without handoffs.",
            "enabling": "Helps other teams take on new skills, then steps back.",
            "complicated-subsystem": "Owns a part that needs rare specialist knowledge.",
        }
    ),
]
ForumType = Annotated[
    Literal["governance", "management"],
    Meanings(
        {
            "governance": "Sets direction and monitors: boards, committees, councils.",
            "management": "Plans, builds and runs: the working meetings.",
        }
    ),
]
OutcomeFor = Annotated[
    Literal["users", "organisation"],
    Meanings(
        {
            "users": "An outcome for the people the organisation serves.",
            "organisation": "An outcome for the organisation itself (cost, staff, risk).",
        }
    ),
]

Text = Annotated[str, Field(min_length=1)]
Rating = Annotated[int, Field(ge=1, le=5)]
Number = int | float


UnitRef: TypeAlias = Annotated[Ref, RefTo("unit")]
RoleRef: TypeAlias = Annotated[Ref, RefTo("role")]
ForumRef: TypeAlias = Annotated[Ref, RefTo("forum")]
CapabilityRef: TypeAlias = Annotated[Ref, RefTo("capability")]
OutcomeRef: TypeAlias = Annotated[Ref, RefTo("outcome")]
RoleOrForum: TypeAlias = Annotated[Ref, RefTo("role", "forum")]
Party: TypeAlias = Annotated[Ref, RefTo("role", "unit", "forum")]
UnitOrRole: TypeAlias = Annotated[Ref, RefTo("unit", "role")]
ForumOrRole: TypeAlias = Annotated[Ref, RefTo("forum", "role")]
AnyRef: TypeAlias = Annotated[Ref, RefTo(require_kind=True)]


def _holder(value: Any) -> Ref | str:
    """A holder is a person id (a slug, or person:id) or a person's name written inline."""
    if isinstance(value, str) and (value.startswith("person:") or RefTo._looks_like_id(value)):
        return RefTo("person").parse(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise PydanticCustomError("holder", "a holder is a person id or a name")


Holder = Annotated[
    Ref | str,
    BeforeValidator(_holder),
    WithJsonSchema({"type": "string", "description": "A person id, or the holder's name."}),
]


class Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        coerce_numbers_to_str=True,  # `name: 1984` is text, as the user meant
        populate_by_name=True,
        use_attribute_docstrings=True,  # a field's docstring is its description
    )


class Link(Strict):
    """A link to a page elsewhere."""

    title: Text = Field(examples=["Finance policy"])
    """The link's text."""
    url: Text = Field(examples=["https://intranet.example.org/finance/policy"])
    """Where it goes: an http(s), mailto or relative URL."""


class Contact(Strict):
    """How to reach a unit, forum, role or person: its page shows "How to reach them"."""

    email: EmailAddress = Field(default=None, examples=["data-team@example.org"])
    """An e-mail address (`team@example.org`); the site links it with mailto:."""
    chat: ChatChannel = Field(
        default=None, examples=["#data-team", "https://example.slack.com/archives/C024BE91L"]
    )
    """A chat channel: its web address (`https://example.slack.com/archives/C024BE91L`), or
    its name (`'#sig-network'`, quoted: # starts a YAML comment), which links when the
    organisation's settings.chat_url says where channels live."""
    mailing_list: AddressOrUrl = Field(default=None, examples=["dev@lists.example.org"])
    """A mailing list: its address (`dev@lists.example.org`) or its page (`https://...`)."""
    meeting: WebUrl = Field(default=None, examples=["https://meet.example.org/abc-defg-hij"])
    """The video call its meetings use (`https://meet.example.org/abc-defg-hij`)."""
    url: WebUrlOrPath = Field(
        default=None, examples=["https://intranet.example.org/data", "/guides/onboarding/"]
    )
    """A web page about it (`https://...`, or a path on this site: `/guides/x/`)."""
