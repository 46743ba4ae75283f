"""The YAML reader: PyYAML's traps closed, positions kept."""

from __future__ import annotations

import datetime as dt
import time

import pytest
import yaml

import opmodel.load.yaml as reader
from opmodel.diagnostics import Position
from opmodel.load.yaml import MAX_DEPTH, YamlProblem, parse


def problem(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as caught:
        parse(text)
    return caught.value


BILLION_LAUGHS = "".join(
    [
        'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n',
        *(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)),
    ]
)


def test_billion_laughs_is_refused_quickly() -> None:
    # A safety property, not a benchmark: expanding this would take gigabytes; refusing it
    # takes milliseconds, so the limit below leaves a wide margin on a slow machine.
    started = time.perf_counter()
    found = problem(BILLION_LAUGHS)
    elapsed = time.perf_counter() - started

    assert found.code == "OPM104"
    assert "expands to more than" in found.message
    assert elapsed < 0.5


def test_an_alias_used_a_few_times_is_fine() -> None:
    data = parse("a: &members [ceo, cfo]\nb: *members\n")

    assert data == {"a": ["ceo", "cfo"], "b": ["ceo", "cfo"]}


def test_recursive_alias_is_refused_at_its_anchor() -> None:
    found = problem("tags: &loop [a, *loop]\n")

    assert (found.code, found.position) == ("OPM104", Position(1, 7))
    assert found.message == "an alias refers to the value that contains it"


def test_ten_thousand_open_brackets_are_refused_where_they_cross_the_limit() -> None:
    found = problem("a: " + "[" * 10_000 + "\n")

    assert (found.code, found.position) == ("OPM104", Position(1, 4 + MAX_DEPTH))
    assert found.message == f"nesting deeper than {MAX_DEPTH} levels"


def libyaml_refusing(monkeypatch: pytest.MonkeyPatch, line: int, column: int) -> None:
    """libyaml refuses at (line, column), 0-based, in words no test should depend on, as a
    newer PyYAML does when it meets a limit of its own."""

    compose = yaml.compose

    def refuse(text: str, Loader: type) -> object:
        if not issubclass(Loader, yaml.CSafeLoader):
            return compose(text, Loader=Loader)
        mark = yaml.Mark("<unicode string>", 0, line, column, None, None)
        raise yaml.scanner.ScannerError("while doing something", mark, "a new limit", mark)

    monkeypatch.setattr(yaml, "compose", refuse)
    monkeypatch.setattr(reader, "_UNSCANNED_CHARS", 10**9)


def test_a_parser_limit_on_deep_nesting_is_reported_as_our_nesting_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    libyaml_refusing(monkeypatch, line=0, column=1_003)

    found = problem("a: " + "[" * 2_000 + "\n")

    assert (found.code, found.position) == ("OPM104", Position(1, 4 + MAX_DEPTH))


def test_a_parser_limit_on_a_valid_text_is_a_size_refusal_at_its_position(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    libyaml_refusing(monkeypatch, line=1, column=6)

    found = problem("title: Head of Data\nsummary: " + "long " * 100 + "\n")

    assert (found.code, found.position) == ("OPM104", Position(2, 7))


def test_a_mistake_both_parsers_refuse_stays_a_syntax_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    libyaml_refusing(monkeypatch, line=1, column=0)

    found = problem("a: [b\n")

    assert (found.code, found.position) == ("OPM101", Position(2, 1))


def test_nesting_deep_enough_to_overflow_libyaml_does_not_crash() -> None:
    # libyaml's composer recursed in C and took the interpreter down past ~25,000 levels.
    depth = 100_000
    found = problem("a: " + "[" * depth + "]" * depth + "\n")

    assert (found.code, found.position) == ("OPM104", Position(1, 4 + MAX_DEPTH))


def test_deep_block_nesting_is_refused() -> None:
    text = "".join(" " * level + "- \n" for level in range(0, 2 * (MAX_DEPTH + 5), 2))

    assert problem(text).code == "OPM104"


def test_nesting_up_to_the_limit_is_fine() -> None:
    text = "a: " + "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1) + "\n"

    assert parse(text)["a"] is not None


def test_dates_parse_as_dates() -> None:
    assert parse("review_by: 2026-03-31\n") == {"review_by": dt.date(2026, 3, 31)}


def test_an_impossible_date_is_an_error_at_its_value() -> None:
    found = problem("title: A\nreview_by: 2026-02-30\n")

    assert (found.code, found.position) == ("OPM202", Position(2, 12))


def test_a_quoted_date_stays_text() -> None:
    assert parse("review_by: '2026-03-31'\n") == {"review_by": "2026-03-31"}


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    found = problem("title: A\nunit: data\ntitle: B\n")

    assert (found.code, found.position) == ("OPM103", Position(3, 1))
    assert found.message == "duplicate key 'title' (first at line 1)"


def test_duplicate_key_in_a_nested_mapping_is_an_error() -> None:
    found = problem("settings:\n  max_depth: 3\n  max_depth: 4\n")

    assert (found.code, found.position) == ("OPM103", Position(3, 3))


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "Off"])
def test_yaml_1_1_booleans_stay_text(word: str) -> None:
    assert parse(f"title: {word}\n") == {"title": word}


@pytest.mark.parametrize(("text", "value"), [("true", True), ("false", False), ("True", True)])
def test_yaml_1_2_booleans_are_booleans(text: str, value: bool) -> None:
    assert parse(f"external: {text}\n") == {"external": value}


@pytest.mark.parametrize("text", ["0777", "1:20", "0x1F", "1_000", "+.inf", ".nan", "0o17"])
def test_yaml_1_1_numbers_stay_text(text: str) -> None:
    assert parse(f"title: {text}\n") == {"title": text}


@pytest.mark.parametrize(("text", "value"), [("60", 60), ("-3", -3), ("2.5", 2.5), ("1e3", 1e3)])
def test_plain_numbers_are_numbers(text: str, value: float) -> None:
    assert parse(f"duration_minutes: {text}\n") == {"duration_minutes": value}


@pytest.mark.parametrize("text", ["~", "null", ""])
def test_null_is_none(text: str) -> None:
    assert parse(f"summary: {text}\n") == {"summary": None}


def test_quoted_values_are_always_text() -> None:
    assert parse("a: 'true'\nb: \"60\"\nc: 'null'\n") == {"a": "true", "b": "60", "c": "null"}


def test_an_explicit_str_tag_is_allowed() -> None:
    assert parse("title: !!str 60\n") == {"title": "60"}


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a: !!python/object:os.system ls\n", "!!python/object:os.system"),
        ("a: !!python/object/apply:os.system [ls]\n", "!!python/object/apply:os.system"),
        ("a: !!int 5\n", "!!int"),
        ("a: !secret x\n", "!secret"),
        ("a: !!set {x}\n", "!!set"),
    ],
)
def test_tags_are_refused_as_written(text: str, shown: str) -> None:
    found = problem(text)

    assert (found.code, found.position) == ("OPM105", Position(1, 4))
    assert found.message == f"YAML tag '{shown}' is not supported"


def test_positions_of_keys_and_values_are_kept() -> None:
    data = parse("title: Analyst\nunit:   data\n")

    assert data.position == Position(1, 1)
    assert data.key_positions["unit"] == Position(2, 1)
    assert data.value_positions["unit"] == Position(2, 9)


def test_positions_of_nested_list_items_are_kept() -> None:
    data = parse(
        "stages:\n  - id: request\n    owner: data\n  - id: build\n    capabilities: [a, b]\n"
    )
    stages = data["stages"]

    assert stages.item_positions == [Position(2, 5), Position(4, 5)]
    assert stages[1].value_positions["capabilities"] == Position(5, 19)
    assert stages[1]["capabilities"].item_positions == [Position(5, 20), Position(5, 23)]


def test_line_offset_shifts_every_position() -> None:
    data = parse("name: Board\nchair: ceo\n", line_offset=1)

    assert data.key_positions["chair"] == Position(3, 1)


def test_syntax_error_names_where_an_unclosed_bracket_began() -> None:
    found = problem("title: A\naccountabilities: [Report\n")

    assert (found.code, found.position) == ("OPM101", Position(3, 1))
    assert "started at line 2, column 19" in found.message


def test_control_character_is_located_in_characters_not_bytes() -> None:
    found = problem("title: Café\nsummary: é\x1b\n")

    assert (found.code, found.position) == ("OPM101", Position(2, 11))


def test_a_mapping_as_a_key_is_refused() -> None:
    assert problem("? {a: b}\n: c\n").code == "OPM203"


def test_an_empty_document_is_none() -> None:
    assert parse("# nothing here\n") is None
