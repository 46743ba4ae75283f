"""The content reference lists every field of every kind, from the schema, escaped."""

from opmodel.codes import CODE_FIELDS, CODES
from opmodel.model.schema import ENTITY_CLASSES, LOADER_FIELDS
from opmodel.site.generate import reference_markdown
from opmodel.site.markdown import md_doc
from opmodel.views.reference import content_reference


def test_every_field_of_every_kind_is_in_the_reference() -> None:
    ref = content_reference()
    listed = {f.name for s in (ref.common, *ref.kinds) for f in s.fields}
    for cls in ENTITY_CLASSES.values():
        for name, info in cls.model_fields.items():
            if name not in LOADER_FIELDS:
                assert (info.alias or name) in listed


def test_every_code_field_mapping_names_a_real_code_and_field() -> None:
    ref = content_reference()
    for code, fields in CODE_FIELDS.items():
        assert code in CODES
        for field in fields:
            assert any(
                code in {c.code for c in f.codes}
                for s in (ref.common, *ref.kinds, *ref.nested)
                for f in s.fields
            ), field


def test_documentation_text_is_escaped_outside_code_spans() -> None:
    assert md_doc("a <b> | `x|y` [z]") == "a &#60;b&#62; &#124; <code>x&#124;y</code> &#91;z&#93;"


def test_the_reference_markdown_has_a_section_per_kind() -> None:
    text = reference_markdown()
    for cls in ENTITY_CLASSES.values():
        assert f"## {cls.kind.capitalize()}\n" in text
