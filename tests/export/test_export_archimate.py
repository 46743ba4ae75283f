"""`opmodel export --format archimate`: valid Open Group exchange files (checked against the
published XSDs vendored in xsd/, see xsd/NOTICE.md), escaped, with relationships ArchiMate
allows."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema
from export_cases import HOSTILE
from lxml import etree

from opmodel import Model
from opmodel.cli import main
from opmodel.export.archimate import archimate_xml
from opmodel.export.archimate_xml import NAMESPACE, xml_attribute, xml_text

XSD = Path(__file__).parent / "xsd"
NS = {"a": NAMESPACE}
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"

ALLOWED: dict[tuple[str, str], str] = {
    # From ArchiMate 3.2's relationship table as Archi enforces it on import
    # (com.archimatetool.model/model/relationships.xml), for the element pairs opmodel
    # writes. Letters: c composition, f flow, g aggregation, i assignment, o association,
    # r realization, v serving. Association ('o') is allowed between any two elements.
    ("BusinessActor", "BusinessActor"): "cfgostv",
    ("BusinessActor", "BusinessRole"): "fiotv",
    ("BusinessActor", "BusinessProcess"): "fiotv",
    ("BusinessActor", "Capability"): "or",
    ("BusinessActor", "WorkPackage"): "io",
    ("BusinessRole", "BusinessProcess"): "fiotv",
    ("BusinessRole", "Capability"): "or",
    ("BusinessRole", "WorkPackage"): "io",
    ("BusinessCollaboration", "BusinessRole"): "fgiotv",
    ("BusinessCollaboration", "BusinessProcess"): "fiotv",
    ("BusinessCollaboration", "WorkPackage"): "io",
    ("BusinessProcess", "BusinessActor"): "fotv",
    ("BusinessProcess", "BusinessRole"): "fotv",
    ("BusinessProcess", "BusinessCollaboration"): "fotv",
    ("Capability", "Capability"): "cfgostv",
    ("Capability", "ValueStream"): "fotv",
    ("ValueStream", "ValueStream"): "cfgostv",
    ("ValueStream", "Outcome"): "nor",
    ("WorkPackage", "Outcome"): "nor",
}
LETTERS = {
    "Composition": "c",
    "Flow": "f",
    "Aggregation": "g",
    "Assignment": "i",
    "Association": "o",
    "Realization": "r",
    "Serving": "v",
}


@functools.cache
def lxml_schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD / name)))


@functools.cache
def strict_schema() -> xmlschema.XMLSchema10:
    return xmlschema.XMLSchema10(str(XSD / "archimate3_Model.xsd"))


def assert_valid_with_lxml(text: str) -> None:
    document = etree.fromstring(text.encode("utf-8"))
    for name in ("archimate3_Model.xsd", "archimate3_Diagram.xsd"):
        schema = lxml_schema(name)
        assert schema.validate(document), f"{name}: {schema.error_log}"


def elements(text: str) -> dict[str, ET.Element]:
    root = ET.fromstring(text)
    return {e.get("identifier", ""): e for e in root.iterfind("a:elements/a:element", NS)}


def relationships(text: str) -> list[ET.Element]:
    return ET.fromstring(text).findall("a:relationships/a:relationship", NS)


def test_example_model_validates_against_the_open_group_xsds(example_model: Model) -> None:
    assert_valid_with_lxml(archimate_xml(example_model))


def test_hostile_model_validates_strictly_and_keeps_its_text(hostile_model: Model) -> None:
    text = archimate_xml(hostile_model)
    assert_valid_with_lxml(text)
    strict_schema().validate(text)  # raises with the first problem, IDREFs included
    found = elements(text)
    boss = found["id-role-boss"]
    assert boss.findtext("a:name", namespaces=NS) == HOSTILE
    assert found["id-role-worker"].findtext("a:name", namespaces=NS) == "\rCR"
    root = ET.fromstring(text)
    assert root.findtext("a:name", namespaces=NS) == HOSTILE
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_characters_xml_cannot_hold_are_replaced() -> None:
    assert xml_text("a\x00b\x01c\x1fd\ufffe") == "a\ufffdb\ufffdc\ufffdd\ufffd"
    assert xml_text("tab\tnewline\n") == "tab\tnewline\n"
    assert xml_text("<&>\r") == "&lt;&amp;&gt;&#13;"
    assert xml_attribute('"\n\t') == "&quot;&#10;&#9;"


def test_elements_have_the_agreed_types_and_deterministic_ids(example_model: Model) -> None:
    text = archimate_xml(example_model)
    assert text == archimate_xml(example_model)
    found = elements(text)
    expected = {
        "id-unit-data-insight": "BusinessActor",
        "id-role-chief-data-officer": "BusinessRole",
        "id-person-tom-gallagher": "BusinessActor",
        "id-forum-ddat-board": "BusinessCollaboration",
        "id-decision-accept-security-risk": "BusinessProcess",
        "id-capability-data-quality-management": "Capability",
        "id-flow-request-new-data-feed": "ValueStream",
        "id-stage-request-new-data-feed--security-review": "ValueStream",
        "id-outcome-decisions-on-trusted-data": "Outcome",
        "id-change-automate-standard-change-approval": "WorkPackage",
        "id-principle-1": "Principle",
    }
    assert {key: found[key].get(XSI_TYPE) for key in expected} == expected
    assert len(found) == len(set(found))


def test_every_entity_becomes_one_element(example_model: Model) -> None:
    found = elements(archimate_xml(example_model))
    stages = sum(len(flow.stages) for flow in example_model.flows)
    principles = len(example_model.organisation.principles)
    assert len(found) == len(list(example_model.all_entities())) + stages + principles


def test_relationships_are_ones_archimate_allows(example_model: Model) -> None:
    text = archimate_xml(example_model)
    types = {key: element.get(XSI_TYPE) for key, element in elements(text).items()}
    for rel in relationships(text):
        kind = rel.get(XSI_TYPE, "")
        pair = (types[rel.get("source", "")], types[rel.get("target", "")])
        if kind == "Association":
            continue
        assert LETTERS[kind] in ALLOWED.get(pair, ""), (rel.get("identifier"), kind, pair)


def test_relationships_express_structure_governance_and_raci(example_model: Model) -> None:
    text = archimate_xml(example_model)
    found = {
        (r.get(XSI_TYPE), r.get("source"), r.get("target"), r.findtext("a:name", namespaces=NS))
        for r in relationships(text)
    }
    assert ("Assignment", "id-unit-data-insight", "id-role-chief-data-officer", None) in found
    assert ("Composition", "id-unit-ddat", "id-unit-data-insight", None) in found
    assert (
        "Aggregation",
        "id-forum-data-governance-board",
        "id-role-chief-data-officer",
        "chair",
    ) in found
    risk = "id-decision-accept-security-risk"
    assert (
        "Assignment",
        "id-role-chief-information-security-officer",
        risk,
        "Accountable",
    ) in found
    assert ("Association", "id-role-chief-architect", risk, "Consulted") in found
    assert ("Serving", risk, "id-role-head-of-service-management", "Informed") in found
    assert (
        "Realization",
        "id-flow-request-new-data-feed",
        "id-outcome-decisions-on-trusted-data",
        None,
    ) in found
    assert (
        "Flow",
        "id-stage-request-new-data-feed--data-sharing-agreement",
        "id-stage-request-new-data-feed--security-review",
        None,
    ) in found


def test_every_reference_in_the_file_points_at_something_in_it(example_model: Model) -> None:
    text = archimate_xml(example_model)
    root = ET.fromstring(text)
    identifiers = {e.get("identifier") for e in root.iter() if e.get("identifier")}
    for node in root.iter():
        for attribute in ("source", "target", "identifierRef", "propertyDefinitionRef"):
            if node.get(attribute) is not None:
                assert node.get(attribute) in identifiers, (node.tag, attribute)


def test_cli_writes_the_exchange_file(tmp_path: Path) -> None:
    out = tmp_path / "model.xml"
    content = Path(__file__).resolve().parents[2] / "content"
    args = ["export", "--format", "archimate", "--content", str(content), "--out", str(out)]
    assert main(args) == 0
    assert_valid_with_lxml(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["archimate3_Model.xsd", "archimate3_Diagram.xsd"])
def test_vendored_schemas_reject_a_broken_file(example_model: Model, name: str) -> None:
    """The validation above means something: a relationship to nowhere fails."""
    text = archimate_xml(example_model).replace(
        'target="id-role-chief-data-officer"', 'target="id-role-nobody"', 1
    )
    assert not lxml_schema(name).validate(etree.fromstring(text.encode("utf-8")))
