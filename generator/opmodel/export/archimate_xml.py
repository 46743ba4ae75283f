"""The writer of ArchiMate exchange files: a tiny, deterministic XML writer of elements,
relationships and their properties, and the escaping that keeps any model text from
breaking the document. What becomes an element and a relationship is `archimate.py`'s."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from opmodel.kinds import ENTITY_KINDS
from opmodel.model.model import Model

NAMESPACE = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NAMESPACE} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Model.xsd"

FOLDERS = (("principle", "Principles"), *((kind.name, kind.plural) for kind in ENTITY_KINDS))
"""How the elements are grouped in the exchange file's `organizations` (a tool's folders)."""

PROPERTY_TYPES: dict[str, str] = {
    "opmodel reference": "string",
    "status": "string",
    "stability": "string",
    "review by": "date",
    "tags": "string",
    "type": "string",
    "team type": "string",
    "external": "boolean",
    "supplier tier": "number",
    "profession": "string",
    "headcount": "number",
    "holders": "string",
    "email": "string",
    "handle": "string",
    "cadence": "string",
    "duration minutes": "number",
    "quorum": "string",
    "category": "string",
    "threshold": "string",
    "maturity current": "number",
    "maturity target": "number",
    "trigger": "string",
    "result": "string",
    "lead time days": "number",
    "pain": "number",
    "for": "string",
    "start": "date",
    "review": "date",
}
"""The properties written, in order; each becomes a propertyDefinition (`propid-...`)."""

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass
class Element:
    identifier: str
    type: str
    name: str
    documentation: str
    properties: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, order=True)
class Relationship:
    identifier: str
    type: str
    source: str
    target: str
    name: str | None = None
    directed: bool = False


def xml_text(text: str) -> str:
    """`text` as XML character data: escaped, and with characters XML 1.0 cannot hold
    replaced, so no model text can break the document."""
    text = _NOT_XML.sub("\ufffd", text)
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", "&#13;")  # a raw CR would be read back as a newline
    )


def xml_attribute(text: str) -> str:
    return xml_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


class Writer:
    """A tiny, deterministic XML writer: indentation only between elements, never inside
    text (documentation keeps its whitespace)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def document(
        self, model: Model, elements: list[Element], relationships: list[Relationship]
    ) -> str:
        used = {key for element in elements for key, _ in element.properties}
        definitions = [key for key in PROPERTY_TYPES if key in used]
        self.lines = ['<?xml version="1.0" encoding="UTF-8"?>']
        root = {
            "xmlns": NAMESPACE,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": SCHEMA_LOCATION,
            "identifier": "id-model",
        }
        self.open("model", 0, root)
        organisation = model.organisation
        self.leaf("name", organisation.name, 1)
        documentation = "\n\n".join(p for p in (organisation.summary, organisation.purpose) if p)
        if documentation:
            self.leaf("documentation", documentation, 1)
        if elements:
            self.open("elements", 1)
            for element in elements:
                self._element(element)
            self.close("elements", 1)
        if relationships:
            self.open("relationships", 1)
            for relationship in relationships:
                self._relationship(relationship)
            self.close("relationships", 1)
        self._organizations(elements, relationships)
        if definitions:
            self.open("propertyDefinitions", 1)
            for key in definitions:
                attributes = {"identifier": _prop_id(key), "type": PROPERTY_TYPES[key]}
                self.open("propertyDefinition", 2, attributes)
                self.leaf("name", key, 3)
                self.close("propertyDefinition", 2)
            self.close("propertyDefinitions", 1)
        self.close("model", 0)
        return "\n".join(self.lines) + "\n"

    def _element(self, element: Element) -> None:
        self.open("element", 2, {"identifier": element.identifier, "xsi:type": element.type})
        self.leaf("name", element.name, 3)
        if element.documentation:
            self.leaf("documentation", element.documentation, 3)
        if element.properties:
            self.open("properties", 3)
            for key, value in element.properties:
                self.open("property", 4, {"propertyDefinitionRef": _prop_id(key)})
                self.leaf("value", value, 5)
                self.close("property", 4)
            self.close("properties", 3)
        self.close("element", 2)

    def _relationship(self, rel: Relationship) -> None:
        attributes = {
            "identifier": rel.identifier,
            "source": rel.source,
            "target": rel.target,
            "xsi:type": rel.type,
        }
        if rel.directed:
            attributes["isDirected"] = "true"
        if rel.name is None:
            self.line(2, f"<relationship{_attributes(attributes)}/>")
            return
        self.open("relationship", 2, attributes)
        self.leaf("name", rel.name, 3)
        self.close("relationship", 2)

    def _organizations(self, elements: list[Element], relationships: list[Relationship]) -> None:
        by_folder: dict[str, list[str]] = {}
        for element in elements:
            kind = element.identifier.split("-")[1]  # id-<kind>-...
            by_folder.setdefault("flow" if kind == "stage" else kind, []).append(element.identifier)
        self.open("organizations", 1)
        self.open("item", 2)
        self.leaf("label", "Operating model", 3)
        for kind, label in FOLDERS:
            if kind not in by_folder:
                continue
            self.open("item", 3)
            self.leaf("label", label, 4)
            for identifier in by_folder[kind]:
                self.line(4, f"<item{_attributes({'identifierRef': identifier})}/>")
            self.close("item", 3)
        if relationships:
            self.open("item", 3)
            self.leaf("label", "Relations", 4)
            for rel in relationships:
                self.line(4, f"<item{_attributes({'identifierRef': rel.identifier})}/>")
            self.close("item", 3)
        self.close("item", 2)
        self.close("organizations", 1)

    def line(self, depth: int, text: str) -> None:
        self.lines.append("  " * depth + text)

    def open(self, tag: str, depth: int, attributes: dict[str, str] | None = None) -> None:
        self.line(depth, f"<{tag}{_attributes(attributes or {})}>")

    def close(self, tag: str, depth: int) -> None:
        self.line(depth, f"</{tag}>")

    def leaf(self, tag: str, text: str, depth: int) -> None:
        self.line(depth, f"<{tag}>{xml_text(text)}</{tag}>")


def _attributes(attributes: dict[str, str]) -> str:
    return "".join(f' {key}="{xml_attribute(value)}"' for key, value in attributes.items())


def _prop_id(key: str) -> str:
    return "propid-" + key.replace(" ", "-")
